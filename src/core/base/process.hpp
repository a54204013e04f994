// hush/process.hpp — the one way hush starts a program: posix_spawnp with an argv (never a
// shell) and an environment block built before the spawn, so nothing is allocated or run in the
// child between fork and exec. run_capture adds pipes and a deadline for exec sources and git.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <hush/secret.hpp>
#include <string>
#include <vector>

#include "core/base/environment.hpp"

namespace hush {

// How the child's standard streams are connected. A descriptor is dup2'd onto the stream; -1
// inherits hush's own.
struct ChildStreams {
  bool stdin_from_null = false;  // stdin reads /dev/null instead of hush's stdin
  int out = -1;
  int err = -1;
};

struct Spawned {
  pid_t pid = -1;  // the child, when started
  int error = 0;   // otherwise the errno of the failed start (ENOENT: not found in PATH)
};

// Starts `argv` (argv[0] looked up in hush's PATH) with `environment` (see EnvironmentBlock)
// and `streams`. A file without a #! line is not handed to /bin/sh (execvp would): ENOEXEC.
// Signal dispositions that hush catches or ignores (SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ) are
// reset to the default in the child. Never throws for a program that cannot be started (see
// Spawned::error); throws Error(usage, "empty-command") for an empty argv. Thread-safe.
[[nodiscard]] Spawned spawn_process(const std::vector<std::string>& argv,
                                    EnvironmentBlock& environment, const ChildStreams& streams);

// Waits for `pid` (EINTR retried) and returns its exit code, or 128 + signal when it was killed.
[[nodiscard]] int wait_for_exit(pid_t pid);

// The status and message for a program that could not be started, as a shell reports it:
// 127 when it was not found, else 126; "hush: cannot run NAME: reason\n".
[[nodiscard]] int start_failure_status(int error);
[[nodiscard]] std::string start_failure_message(const std::string& program, int error);

struct CaptureResult {
  int exit_status = -1;    // the exit code, or 128 + signal when killed by a signal
  bool timed_out = false;  // killed because the deadline passed
  bool too_large = false;  // stdout exceeded the limit (the child was killed)
  SecretValue out;         // stdout (may hold a secret)
  std::string err;         // stderr, at most the first 64 KiB (callers redact it)
};

// Runs `argv` with `environment`'s block (so never a credential variable), stdin from /dev/null,
// and kills it when `timeout` passes, also when it closed its stdout and stderr early. A program
// that cannot be started gives exit_status 127 (not found) or 126 with the reason in `err`.
// Throws Error(io, "pipe-failed") when no pipe can be made. Blocks the calling thread;
// thread-safe otherwise.
[[nodiscard]] CaptureResult run_capture(const std::vector<std::string>& argv,
                                        const Environment& environment,
                                        std::chrono::milliseconds timeout,
                                        std::size_t max_output = 1 << 20);

}  // namespace hush
