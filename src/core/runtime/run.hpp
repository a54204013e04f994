// hush/run.hpp — `hush run`: executes a command (no shell) with secrets in its environment and
// passes its stdout and stderr, separately and without buffering whole outputs, through the
// redactor. stdin is inherited. SIGINT, SIGTERM and SIGHUP sent to hush are forwarded to the
// child (terminal-generated ones already reach it directly).
#pragma once
#include "core/runtime/inject.hpp"
#include <hush/redact.hpp>

#include <map>
#include <string>
#include <vector>

namespace hush {

struct RunRequest {
  std::vector<std::string> argv;                   // argv[0] is looked up in PATH
  std::map<std::string, std::string> environment;  // the child's environment before secrets
  bool override_existing = false;                  // secrets replace variables already set
};

// Runs the command and returns its exit status (128 + signal when it was killed). Variables
// already in `environment` are kept, and their names appended to `skipped`, unless
// `override_existing`. Throws Error(io, "exec-failed") when the command cannot be started (exit
// status 127 is returned when it is not found). Not reentrant: one run per process at a time.
[[nodiscard]] int run_redacted(const RunRequest& request,
                               const std::vector<InjectedSecret>& secrets,
                               const Redactor& redactor, std::vector<std::string>& skipped);

}  // namespace hush
