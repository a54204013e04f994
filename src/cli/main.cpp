// hush's entry point: the command table, the one top-level catch, and exit-status mapping.
#include <sys/prctl.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <hush/error.hpp>
#include <sstream>
#include <vector>

#include "cli/command.hpp"
#include "cli/context.hpp"

extern char** environ;

namespace hush::cli {

Command add_render_command(CLI::App& root, Context& ctx);
Command add_init_command(CLI::App& root, Context& ctx);
Command add_seal_command(CLI::App& root, Context& ctx);
Command add_secrets_add_command(CLI::App& secrets, Context& ctx);
Command add_secrets_update_command(CLI::App& secrets, Context& ctx);
Command add_secrets_list_command(CLI::App& secrets, Context& ctx);
Command add_secrets_due_command(CLI::App& secrets, Context& ctx);
Command add_secrets_get_command(CLI::App& secrets, Context& ctx);
Command add_secrets_rm_command(CLI::App& secrets, Context& ctx);
Command add_secrets_versions_command(CLI::App& secrets, Context& ctx);
Command add_secrets_rollback_command(CLI::App& secrets, Context& ctx);
Command add_secrets_rotate_command(CLI::App& secrets, Context& ctx);
Command add_secrets_import_command(CLI::App& secrets, Context& ctx);
Command add_secrets_migrate_command(CLI::App& secrets, Context& ctx);
Command add_audit_verify_command(CLI::App& audit, Context& ctx);
Command add_run_command(CLI::App& root, Context& ctx);
Command add_materialize_command(CLI::App& root, Context& ctx);
Command add_redact_command(CLI::App& root, Context& ctx);
Command add_check_command(CLI::App& root, Context& ctx);
Command add_hook_install_command(CLI::App& hook, Context& ctx);

namespace {

// Secrets live in this process's memory: no core dump may carry them to disk.
void disable_core_dumps() {
  const rlimit none{0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

// Runs the chosen command, maps errors to exit statuses, and writes its audit record (whatever
// the outcome; a failure to audit is reported and fails the run).
int run_command(const Command& command, const Context& ctx) {
  const auto started = std::chrono::steady_clock::now();
  int status = static_cast<int>(ExitStatus::usage);
  std::string outcome;
  try {
    status = static_cast<int>(command.run());
    outcome = status == 0 ? "ok" : "exit:" + std::to_string(status);
  } catch (const Error& e) {
    ctx.console().error(e);
    status = static_cast<int>(exit_status_for(e));
    outcome = "error:" + e.id();
  } catch (const std::exception& e) {
    ctx.console().err(std::string("hush: internal error: ") + e.what() + "\n");
    outcome = "error:internal";
  }
  try {
    ctx.session().write_audit(command.audit_action, outcome);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ctx.write_log(command.app->get_name(), status,
                  std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
  } catch (const Error& e) {
    ctx.console().error(e);
    if (status == 0) status = static_cast<int>(exit_status_for(e));
  }
  return status;
}

void parse_arguments(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
  app.parse(args);
}

// The command of `hush run`: what CLI11 left after run's options (prefix command), then the words
// set aside after `--` (which belong to that command when it already started before them).
std::vector<std::string> run_command(const CLI::App& run_app, std::vector<std::string> dashed) {
  std::vector<std::string> command = run_app.remaining();
  if (!command.empty() && command.front().starts_with("-")) {
    throw Error(ErrorKind::usage, "unknown-option",
                "hush run has no option " + command.front() +
                    " (put the command after `--`: hush run [OPTIONS] -- CMD [ARGS…])");
  }
  if (command.empty() && !dashed.empty()) dashed.erase(dashed.begin());
  command.insert(command.end(), dashed.begin(), dashed.end());
  return command;
}

// A command group (`hush secrets …`): one of its subcommands is required.
CLI::App* add_group(CLI::App& app, const char* name, const char* help) {
  CLI::App* group = app.add_subcommand(name, help);
  group->require_subcommand(1);
  group->fallthrough();
  return group;
}

int run(int argc, char** argv) {
  Console console;
  RunJournal journal;
  Context ctx(environ, console, journal);
  CLI::App app{"hush: render OpsiMate-style YAML configs with secrets", "hush"};
  app.set_version_flag("--version", "hush " HUSH_VERSION);
  app.require_subcommand(1);
  ctx.add_global_options(app);
  CLI::App* secrets = add_group(app, "secrets", "Manage the encrypted sidecar's secrets");
  CLI::App* audit = add_group(app, "audit", "The audit log");
  CLI::App* hook = add_group(app, "hook", "Git hooks");
  const std::vector<Command> commands = {
      add_render_command(app, ctx),
      add_init_command(app, ctx),
      add_seal_command(app, ctx),
      add_secrets_add_command(*secrets, ctx),
      add_secrets_update_command(*secrets, ctx),
      add_secrets_list_command(*secrets, ctx),
      add_secrets_due_command(*secrets, ctx),
      add_secrets_get_command(*secrets, ctx),
      add_secrets_rm_command(*secrets, ctx),
      add_secrets_versions_command(*secrets, ctx),
      add_secrets_rollback_command(*secrets, ctx),
      add_secrets_rotate_command(*secrets, ctx),
      add_secrets_import_command(*secrets, ctx),
      add_secrets_migrate_command(*secrets, ctx),
      add_audit_verify_command(*audit, ctx),
      add_run_command(app, ctx),
      add_materialize_command(app, ctx),
      add_redact_command(app, ctx),
      add_check_command(app, ctx),
      add_hook_install_command(*hook, ctx),
  };
  // Global options after the command name fall through to the root; `run` registers them itself
  // instead, because its command words must stay with it (prefix command), not fall through.
  CLI::App* run_app = nullptr;
  for (const Command& command : commands) {
    if (command.app->get_prefix_command()) {
      run_app = command.app;
    } else {
      command.app->fallthrough();
    }
  }
  // `hush run [OPTIONS] [--] CMD ARGS…`: the words after the first `--` are set aside so that CLI11
  // (which knows every option's arity) parses only what precedes them; run's prefix command takes
  // CMD when there is no `--`. Any other command gets `--` back with its ordinary meaning.
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto dashes = std::find(args.begin(), args.end(), std::string("--"));
  try {
    parse_arguments(app, {args.begin(), dashes});
    const bool is_run = run_app->parsed();
    if (dashes != args.end() && !is_run) parse_arguments(app, args);
    if (is_run) ctx.set_trailing_command(run_command(*run_app, {dashes, args.end()}));
  } catch (const CLI::ParseError& e) {
    // CLI11's messages quote arguments, which may be secrets: they pass the console's redactor.
    std::ostringstream out;
    std::ostringstream err;
    const int status = app.exit(e, out, err);
    ctx.console().out(out.str());
    ctx.console().err(err.str());
    return status == 0 ? 0 : static_cast<int>(ExitStatus::usage);
  }
  ctx.settle();
  for (const Command& command : commands) {
    if (command.app->parsed()) return run_command(command, ctx);
  }
  return static_cast<int>(ExitStatus::usage);
}

}  // namespace
}  // namespace hush::cli

int main(int argc, char** argv) {
  // First of all: beyond RLIMIT_FSIZE a write must fail (EFBIG, reported as write-failed with the
  // temporary removed) rather than kill hush with SIGXFSZ mid-write. Children get the default
  // back (spawn_process).
  std::signal(SIGXFSZ, SIG_IGN);
  hush::cli::disable_core_dumps();
  return hush::cli::run(argc, argv);
}
