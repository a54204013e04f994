// hush/run.hpp — `hush run`: executes a command (no shell) with secrets in its environment and
// passes its stdout and stderr, separately and without buffering whole outputs, through the
// redactor. stdin is inherited. SIGINT, SIGTERM and SIGHUP sent to hush are forwarded to the
// child (terminal-generated ones already reach it directly). The child's environment is hush's
// minus its credential variables (HUSH_KEY…), plus the secrets; a secret whose variable name is
// on the deny-list of hush/env_names.hpp is refused unless allowed.
#pragma once
#include <hush/redact.hpp>
#include <string>
#include <vector>

#include "core/base/environment.hpp"
#include "core/runtime/inject.hpp"

namespace hush {

struct RunRequest {
  std::vector<std::string> argv;             // argv[0] is looked up in PATH
  const Environment* environment = nullptr;  // the child's environment before secrets; null: empty
  bool override_existing = false;            // secrets replace variables already set
  std::vector<std::string> allow_env{};      // deny-listed names the user allows (--allow-env)
};

// Throws Error(invalid_input, "dangerous-env-name") for the first secret whose variable name
// (InjectedSecret::env_name) is on the deny-list and not in `allowed`. Used by run, materialize.
void refuse_dangerous_injections(const std::vector<InjectedSecret>& secrets,
                                 const std::vector<std::string>& allowed);

// Checks the secrets' names (refuse_dangerous_injections), runs the command and returns its exit
// status (128 + signal when it was killed). Variables already in `environment` are kept, and
// their names appended to `skipped`, unless `override_existing`. A command that cannot be started
// returns 127 when not found, else 126, after "hush: cannot run CMD: reason" on stderr. Throws
// Error(io, "pipe-failed") when no pipe can be made. Not reentrant: one run per process at a
// time.
[[nodiscard]] int run_redacted(const RunRequest& request,
                               const std::vector<InjectedSecret>& secrets, const Redactor& redactor,
                               std::vector<std::string>& skipped);

}  // namespace hush
