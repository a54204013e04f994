// `hush secrets rm`: shows where the secret is referenced, asks for the name to be typed (or
// --yes), then hush::remove_secret_flow().
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/secret_flows.hpp"
#include "core/workflow/session_flows.hpp"

namespace hush::cli {
namespace {

struct RmFlags {
  std::string name;
  std::vector<std::string> configs;  // globs; default: .hush.yaml configs
  bool yes = false;
};

ExitStatus run_rm(const RmFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name});
  SidecarStore store = ctx.session().open_store();
  (void)store.entry(flags.name);
  (void)show_references_flow(ctx.session(), flags.name, flags.configs,
                             [&ctx](const std::string& line) { ctx.console().err(line + "\n"); });
  if (!flags.yes && !confirm_by_name(flags.name)) {
    ctx.console().err("the name did not match; nothing was deleted\n");
    return ExitStatus::findings;
  }
  remove_secret_flow(store, flags.name);
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_rm_command(CLI::App& secrets, Context& ctx) {
  return make_command<RmFlags>(
      secrets,
      {"rm", "Delete a secret after showing where it is referenced and a typed confirmation",
       "secrets.rm"},
      ctx,
      [](CLI::App& app, RmFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        app.add_option("--config", flags.configs,
                       "Configs to scan for references (glob, repeatable)");
        app.add_flag("-y,--yes", flags.yes, "Do not ask (for scripts)");
      },
      run_rm);
}

}  // namespace hush::cli
