#include "core/base/process.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <string>

#include "core/base/environment.hpp"

namespace {

using namespace std::chrono_literals;

hush::Environment path_only() { return hush::Environment::from_pairs({{"PATH", "/usr/bin:/bin"}}); }

}  // namespace

TEST_CASE("process: captures stdout and stderr separately with the exit status", "[process]") {
  const hush::CaptureResult result =
      hush::run_capture({"sh", "-c", "printf out; printf err >&2; exit 3"}, path_only(), 10s);
  CHECK(result.exit_status == 3);
  CHECK(result.out.reveal() == "out");
  CHECK(result.err == "err");
  CHECK_FALSE(result.timed_out);
}

TEST_CASE("process: the child gets the ordinary variables and never a credential", "[process]") {
  const hush::Environment env =
      hush::Environment::from_pairs({{"PATH", "/usr/bin:/bin"},
                                     {"VISIBLE", "yes"},
                                     {"HUSH_KEY", "process-key-canary"},
                                     {"HUSH_PASSPHRASE", "process-phrase-canary"},
                                     {"HUSH_KEY_FILE", "/k.key"}});
  const hush::CaptureResult result = hush::run_capture({"env"}, env, 10s);
  REQUIRE(result.exit_status == 0);
  const std::string out(result.out.reveal());
  CHECK(out.find("VISIBLE=yes\n") != std::string::npos);
  CHECK(out.find("HUSH_") == std::string::npos);
}

TEST_CASE("process: stdin is /dev/null", "[process]") {
  const hush::CaptureResult result = hush::run_capture({"cat"}, path_only(), 10s);
  CHECK(result.exit_status == 0);
  CHECK(result.out.empty());
}

TEST_CASE("process: a child is killed at the deadline", "[process]") {
  SECTION("while it holds its streams open") {
    const hush::CaptureResult result = hush::run_capture({"sleep", "30"}, path_only(), 200ms);
    CHECK(result.timed_out);
    CHECK(result.exit_status == 128 + 9);
  }
  SECTION("after it closed stdout and stderr early") {
    const hush::CaptureResult result =
        hush::run_capture({"sh", "-c", "exec >&- 2>&-; exec sleep 30"}, path_only(), 200ms);
    CHECK(result.timed_out);
    CHECK(result.exit_status == 128 + 9);
  }
}

TEST_CASE("process: output beyond the limit kills the child", "[process]") {
  const hush::CaptureResult result = hush::run_capture(
      {"sh", "-c", "yes x | head -c 100000; exec sleep 30"}, path_only(), 20s, 1000);
  CHECK(result.too_large);
  CHECK_FALSE(result.timed_out);
}

TEST_CASE("process: a program that cannot be started reports as a shell would", "[process]") {
  const hush::CaptureResult missing =
      hush::run_capture({"no-such-program-hush-test"}, path_only(), 10s);
  CHECK(missing.exit_status == 127);
  CHECK(missing.err == "hush: cannot run no-such-program-hush-test: No such file or directory\n");
  const hush::CaptureResult not_executable = hush::run_capture({"/dev/null"}, path_only(), 10s);
  CHECK(not_executable.exit_status == 126);
  CHECK_THROWS_AS(hush::run_capture({}, path_only(), 10s), hush::Error);
}

TEST_CASE("process: spawn_process starts a program with a prepared block", "[process]") {
  hush::EnvironmentBlock block = path_only().block();
  block.set("ONLY_IN_BLOCK", "1", hush::Existing::keep);
  const hush::Spawned child = hush::spawn_process({"sh", "-c", "test \"$ONLY_IN_BLOCK\" = 1"},
                                                  block, {.stdin_from_null = true});
  REQUIRE(child.pid > 0);
  CHECK(hush::wait_for_exit(child.pid) == 0);
  const hush::Spawned missing = hush::spawn_process({"no-such-program-hush-test"}, block, {});
  CHECK(missing.pid < 0);
  CHECK(hush::start_failure_status(missing.error) == 127);
}
