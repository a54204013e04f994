// `hush run`: secrets into a child's environment, its output through the redactor
// (hush::run_redacted); the exit status is the child's.
#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/selection.hpp"

#include "core/runtime/run.hpp"
#include "core/base/text.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

namespace hush::cli {
namespace {

struct RunFlags {
  SelectionFlags selection;
  bool override_existing = false;
  std::vector<std::string> allow_env;
  std::vector<std::string> command;
};

ExitStatus run_run(const RunFlags& flags, Context& ctx) {
  if (flags.command.empty()) throw Error(ErrorKind::usage, "usage", "name the command: hush run -- CMD [ARGS…]");
  const std::vector<InjectedSecret> secrets = select_secrets(flags.selection, ctx);
  RunRequest request;
  request.argv = flags.command;
  request.environment = &ctx.environment();
  request.override_existing = flags.override_existing;
  request.allow_env = flags.allow_env;
  std::vector<std::string> skipped;
  const int status = run_redacted(request, secrets, ctx.console().redactor(), skipped);
  if (!skipped.empty()) {
    ctx.console().debug("kept existing variables (use --override to replace): " + join(skipped, ", "));
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
  add_allow_env_option(*app, flags->allow_env);
  app->footer("Usage: hush run [OPTIONS] [--] CMD [ARGS...]");
  return {app, [flags, &ctx] {
            flags->command = ctx.trailing_command();
            return run_run(*flags, ctx);
          },
          "run"};
}

std::size_t run_command_start(const std::vector<std::string>& args) {
  // Options (global or of `run`) that take a value: their value is not the command.
  static const char* const k_valued[] = {"--project", "--secrets", "--env", "--log-file",
                                         "--log-format", "--color", "--audit-log", "--syntax",
                                         "--source", "--env-prefix", "--only", "--config",
                                         "--allow-env"};
  std::size_t i = 0;
  while (i < args.size() && args[i] != "run") {
    const bool valued = std::find(std::begin(k_valued), std::end(k_valued), args[i]) != std::end(k_valued);
    i += valued ? 2 : 1;
  }
  for (++i; i < args.size(); ++i) {
    if (args[i] == "--") return i;
    if (args[i].empty() || args[i][0] != '-') return i;
    if (std::find(std::begin(k_valued), std::end(k_valued), args[i]) != std::end(k_valued)) ++i;
  }
  return args.size();
}

}  // namespace hush::cli
