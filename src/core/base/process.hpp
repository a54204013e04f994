// hush/process.hpp — runs a program without a shell (fork + execvp with an argv) and captures
// its output, with a deadline. Used by exec sources; never goes through /bin/sh.
#pragma once
#include <hush/secret.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace hush {

struct CaptureResult {
  int exit_status = -1;      // the exit code, or 128 + signal when killed by a signal
  bool timed_out = false;    // killed because the deadline passed
  bool too_large = false;    // stdout exceeded the limit (the child was killed)
  SecretValue out;           // stdout (may hold a secret)
  std::string err;           // stderr, at most the first 64 KiB (callers redact it)
};

// Runs `argv` (argv[0] looked up in PATH) with `environment`, stdin from /dev/null, and waits at
// most `timeout`. Throws Error(io, "exec-failed") when the program cannot be started. Blocks the
// calling thread; thread-safe otherwise.
[[nodiscard]] CaptureResult run_capture(const std::vector<std::string>& argv,
                                        const std::map<std::string, std::string>& environment,
                                        std::chrono::milliseconds timeout,
                                        std::size_t max_output = 1 << 20);

}  // namespace hush
