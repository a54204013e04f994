// `hush hook install`: writes .git/hooks/pre-commit running `hush check --staged`; never
// overwrites a hook hush did not write unless --force.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/base/fsutil.hpp"
#include "core/base/process.hpp"

namespace hush::cli {
namespace {

constexpr std::string_view k_marker = "# installed by hush hook install";

struct HookFlags {
  bool force = false;
};

ExitStatus run_install(const HookFlags& flags, const Context& ctx) {
  const CaptureResult git_dir = run_capture({"git", "rev-parse", "--git-path", "hooks"},
                                            ctx.environment(), std::chrono::milliseconds(30000));
  if (git_dir.exit_status != 0) {
    throw Error(ErrorKind::usage, "not-a-repository", "hush hook install needs a git repository");
  }
  const std::string hooks(git_dir.out.reveal().substr(0, git_dir.out.reveal().find('\n')));
  const std::filesystem::path hook = std::filesystem::path(hooks) / "pre-commit";
  std::error_code ignored;
  if (std::filesystem::exists(hook, ignored) && !flags.force &&
      read_file(hook, k_hook_limit).find(k_marker) == std::string::npos) {
    throw Error(ErrorKind::usage, "hook-exists",
                hook.string() +
                    " exists and was not written by hush; pass --force to replace it "
                    "(or call `hush check --staged` from it)");
  }
  std::filesystem::create_directories(hooks, ignored);
  write_file_atomic(hook,
                    "#!/bin/sh\n" + std::string(k_marker) +
                        "\n# Blocks commits whose staged files hold secrets or broken configs.\n"
                        "exec hush check --staged\n",
                    FileMode::shared_readable);
  ::chmod(hook.c_str(), 0755);
  ctx.console().info("installed " + hook.string());
  return ExitStatus::ok;
}

}  // namespace

Command add_hook_install_command(CLI::App& hook, Context& ctx) {
  auto flags = std::make_shared<HookFlags>();
  CLI::App* app =
      hook.add_subcommand("install", "Write a git pre-commit hook running hush check --staged");
  app->add_flag("--force", flags->force, "Replace a pre-commit hook hush did not write");
  return {app, [flags, &ctx] { return run_install(*flags, ctx); }};
}

}  // namespace hush::cli
