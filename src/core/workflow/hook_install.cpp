#include "core/workflow/hook_install.hpp"

#include <sys/stat.h>

#include <hush/error.hpp>
#include <string_view>

#include "core/base/fsutil.hpp"
#include "core/base/process.hpp"

namespace hush {
namespace {

constexpr std::string_view k_marker = "# installed by hush hook install";

}  // namespace

std::filesystem::path install_pre_commit_hook(const Environment& environment, HookReplace replace) {
  const CaptureResult git_dir = run_capture({"git", "rev-parse", "--git-path", "hooks"},
                                            environment, std::chrono::milliseconds(30000));
  if (git_dir.exit_status != 0) {
    throw Error(ErrorKind::usage, "not-a-repository", "hush hook install needs a git repository");
  }
  const std::string hooks(git_dir.out.reveal().substr(0, git_dir.out.reveal().find('\n')));
  const std::filesystem::path hook = std::filesystem::path(hooks) / "pre-commit";
  std::error_code ignored;
  if (std::filesystem::exists(hook, ignored) && replace == HookReplace::only_ours &&
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
  return hook;
}

}  // namespace hush
