#include "core/workflow/hook_install.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "core/base/fsutil.hpp"
#include "support/temp_dir.hpp"

namespace {

using hush::test::in_directory;

hush::Environment git_environment() {
  const char* path = std::getenv("PATH");
  std::string entry = std::string("PATH=") + (path != nullptr ? path : "/usr/bin:/bin");
  char* block[] = {entry.data(), nullptr};
  return hush::Environment::from_block(block);
}

}  // namespace

TEST_CASE("hook_install: writes the hook, keeps a foreign one unless forced", "[hook_install]") {
  hush::test::TempDir dir;
  const hush::Environment environment = git_environment();
  in_directory(dir.path(), [&] {
    CHECK_THROWS_WITH(hush::install_pre_commit_hook(environment, hush::HookReplace::only_ours),
                      Catch::Contains("[not-a-repository]"));
    REQUIRE(std::system("git init -q . >/dev/null 2>&1") == 0);
    const std::filesystem::path hook =
        hush::install_pre_commit_hook(environment, hush::HookReplace::only_ours);
    CHECK(hush::read_file(hook, hush::k_hook_limit).find("exec hush check --staged") !=
          std::string::npos);
    CHECK(hush::permission_bits(hook) == 0755);
    // Ours is replaced freely; a foreign hook only when forced.
    CHECK(hush::install_pre_commit_hook(environment, hush::HookReplace::only_ours) == hook);
    hush::write_file_atomic(hook, "#!/bin/sh\nexit 0\n", hush::FileMode::shared_readable);
    CHECK_THROWS_WITH(hush::install_pre_commit_hook(environment, hush::HookReplace::only_ours),
                      Catch::Contains("[hook-exists]"));
    CHECK(hush::install_pre_commit_hook(environment, hush::HookReplace::any) == hook);
  });
}
