// `hush hook install`: flags in, hush::install_pre_commit_hook() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/hook_install.hpp"

namespace hush::cli {

Command add_hook_install_command(CLI::App& hook, Context& ctx) {
  auto force = std::make_shared<bool>(false);
  CLI::App* app =
      hook.add_subcommand("install", "Write a git pre-commit hook running hush check --staged");
  app->add_flag("--force", *force, "Replace a pre-commit hook hush did not write");
  return {app, [force, &ctx] {
            const std::filesystem::path written = install_pre_commit_hook(
                ctx.environment(), *force ? HookReplace::any : HookReplace::only_ours);
            ctx.console().info("installed " + written.string());
            return ExitStatus::ok;
          }};
}

}  // namespace hush::cli
