// `hush materialize`: each selected secret to DIR/NAME like a mounted secret volume
// (hush::materialize_secrets).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/selection.hpp"
#include "core/runtime/inject.hpp"
#include "core/runtime/run.hpp"

namespace hush::cli {
namespace {

struct MaterializeFlags {
  SecretSelection selection;
  std::string dir;
  std::vector<std::string> allow_env;
};

ExitStatus run_materialize(const MaterializeFlags& flags, Context& ctx) {
  const std::vector<InjectedSecret> secrets =
      select_secrets(ctx.session(), flags.selection, ctx.console().redact_options().min_length);
  ctx.session().audit_note({}, {flags.dir});
  refuse_dangerous_injections(secrets, flags.allow_env);
  materialize_secrets(flags.dir, secrets);
  ctx.console().info("wrote " + std::to_string(secrets.size()) + " secret files to " + flags.dir);
  return ExitStatus::ok;
}

}  // namespace

Command add_materialize_command(CLI::App& root, Context& ctx) {
  return make_command<MaterializeFlags>(
      root,
      {"materialize", "Write each secret to DIR/NAME (files 0400, DIR 0700), like a secret volume",
       "materialize"},
      ctx,
      [](CLI::App& app, MaterializeFlags& flags) {
        app.add_option("--dir", flags.dir,
                       "The directory (created 0700; must not be group/other "
                       "accessible)")
            ->required();
        add_selection_options(app, flags.selection);
        add_allow_env_option(app, flags.allow_env);
      },
      run_materialize);
}

}  // namespace hush::cli
