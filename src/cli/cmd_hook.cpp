// `hush hook install`: flags in, hush::install_pre_commit_hook() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/hook_install.hpp"

namespace hush::cli {
namespace {

ExitStatus run_install(bool force, const Context& ctx) {
  const std::filesystem::path hook = install_pre_commit_hook(
      ctx.session().environment(), force ? HookReplace::any : HookReplace::only_ours);
  ctx.console().info("installed " + hook.string());
  return ExitStatus::ok;
}

}  // namespace

Command add_hook_install_command(CLI::App& hook, Context& ctx) {
  return make_command<bool>(
      hook, {"install", "Write a git pre-commit hook running hush check --staged"}, ctx,
      [](CLI::App& app, bool& force) {
        app.add_flag("--force", force, "Replace a pre-commit hook hush did not write");
      },
      run_install);
}

}  // namespace hush::cli
