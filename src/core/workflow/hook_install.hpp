// `hush hook install`: the git pre-commit hook running `hush check --staged`. A hook hush did not
// write is never replaced unless forced.
#pragma once
#include <filesystem>

#include "core/base/environment.hpp"

namespace hush {

enum class HookReplace { only_ours, any };

// Asks git (run with `environment`) for the hooks directory, then writes `pre-commit` there
// (mode 0755, atomically) and returns its path. Error(usage, "not-a-repository") outside a git
// repository; Error(usage, "hook-exists") when a pre-commit hook hush did not write exists and
// `replace` is only_ours.
std::filesystem::path install_pre_commit_hook(const Environment& environment, HookReplace replace);

}  // namespace hush
