// `hush run`: secrets into a child's environment, its output through the redactor
// (hush::run_redacted); the exit status is the child's.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/selection.hpp"
#include "core/base/text.hpp"
#include "core/runtime/run.hpp"

namespace hush::cli {
namespace {

struct RunFlags {
  SecretSelection selection;
  bool override_existing = false;
  std::vector<std::string> allow_env;
  std::vector<std::string> command;
};

ExitStatus run_run(const RunFlags& flags, Context& ctx) {
  if (flags.command.empty()) {
    throw Error(ErrorKind::usage, "no-command",
                flags.selection.only.empty()
                    ? "name the command: hush run [OPTIONS] -- CMD [ARGS…]"
                    : "name the command after `--`: --only takes every name up to the next option "
                      "(hush run --only NAME… -- CMD [ARGS…])");
  }
  const std::vector<InjectedSecret> secrets =
      select_secrets(ctx.session(), flags.selection, ctx.console().redact_options().min_length);
  RunRequest request;
  request.argv = flags.command;
  request.environment = &ctx.session().environment();
  request.override_existing = flags.override_existing;
  request.allow_env = flags.allow_env;
  std::vector<std::string> skipped;
  const int status = run_redacted(request, secrets, ctx.console().redactor(), skipped);
  if (!skipped.empty()) {
    ctx.console().debug("kept existing variables (use --override to replace): " +
                        join(skipped, ", "));
  }
  return static_cast<ExitStatus>(status);
}

}  // namespace

Command add_run_command(CLI::App& root, Context& ctx) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* app = root.add_subcommand(
      "run", "Run CMD with secrets as environment variables; its output is redacted");
  add_selection_options(*app, flags->selection);
  app->add_flag("--override", flags->override_existing,
                "Let secrets replace environment variables that are already set");
  // CMD and everything after it never reach the option parser (CLI11's prefix command).
  app->prefix_command();
  ctx.add_global_options(*app);
  add_allow_env_option(*app, flags->allow_env);
  app->footer("Usage: hush run [OPTIONS] [--] CMD [ARGS...]");
  return {app,
          [flags, &ctx] {
            flags->command = ctx.trailing_command();
            return run_run(*flags, ctx);
          },
          "run"};
}

}  // namespace hush::cli
