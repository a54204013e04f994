// `hush run`: secrets into a child's environment, its output through the redactor
// (hush::run_redacted); the exit status is the child's.
#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/selection.hpp"

#include <hush/run.hpp>
#include <hush/text.hpp>

#include <CLI/CLI.hpp>
#include <memory>

namespace hush::cli {
namespace {

struct RunFlags {
  SelectionFlags selection;
  bool override_existing = false;
  std::vector<std::string> command;
};

ExitStatus run_run(const RunFlags& flags, Context& ctx) {
  if (flags.command.empty()) throw Error(ErrorKind::usage, "usage", "name the command: hush run -- CMD [ARGS…]");
  const std::vector<InjectedSecret> secrets = select_secrets(flags.selection, ctx);
  RunRequest request;
  request.argv = flags.command;
  request.environment = ctx.environment();
  request.override_existing = flags.override_existing;
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
  app->add_option("command", flags->command, "The command and its arguments (after --)");
  app->prefix_command();
  return {app, [flags, &ctx, app] {
            for (const std::string& arg : app->remaining()) flags->command.push_back(arg);
            return run_run(*flags, ctx);
          },
          "run"};
}

}  // namespace hush::cli
