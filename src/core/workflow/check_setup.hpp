// `hush check` as one call: the inputs (working tree or staged blobs), the sidecar whose names
// references are checked against (its values too when a key is at hand), the built-in rule packs,
// then the baseline and the failing threshold.
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/environment.hpp"
#include "core/base/fsutil.hpp"
#include "core/check/check.hpp"
#include "core/crypto/keystore.hpp"
#include "core/model/project.hpp"
#include "core/resolve/resolver_setup.hpp"

namespace hush {

struct CheckRequest {
  std::vector<std::string> paths{};  // empty: the project's configs, else "."
  bool staged = false;               // the staged blobs instead of the working tree
  bool env_source = false;           // references the environment resolves are accepted
  std::string baseline{};            // empty: the project's check_baseline when that file exists
  std::string write_baseline{};      // set: record the findings here instead of judging them
  std::string severity{};            // "error" or "warning"; empty: the project's, else error
  const ProjectFile* project = nullptr;  // required
  SidecarQuery sidecar{};                // its config is set to the first config among the inputs
  KeyInputs keys{};  // never prompts: values are decrypted only when a key is at hand
  std::shared_ptr<const Environment> environment{};  // required
  Syntax syntax = Syntax::both;
  InputLimit limit{};
  std::chrono::sys_seconds now{};
};

struct CheckOutcome {
  CheckReport report{};
  bool failing = false;  // a finding at or above the threshold remains
  bool wrote_baseline = false;
};

// The files `request` names, read with its limit.
[[nodiscard]] std::vector<CheckInput> check_inputs(const CheckRequest& request);

// Sets the sidecar of `options`: the one the query names, else the one beside the first config
// of `inputs`. A sidecar named (--secrets, HUSH_SECRETS, the project) but missing is
// Error(io, "missing-sidecar") at its path; a location that cannot be worked out (no-environment)
// or a file that cannot be read as a sidecar throws its own error. Nothing named and no sidecar
// beside the config leaves `options` without one. Decrypted values are announced (masked).
void add_check_sidecar(CheckOptions& options, const std::vector<CheckInput>& inputs,
                       SidecarQuery query, const KeyInputs& keys);

// Runs the whole check: inputs, sidecar, detection rules and schema, check_files, then either
// writes the baseline (write_baseline) or applies it and judges the findings.
[[nodiscard]] CheckOutcome run_check(const CheckRequest& request);

}  // namespace hush
