// `hush check` as one call: the project settings it trusts, the inputs (working tree or staged
// blobs), the sidecar whose names references are checked against (its values too when a key is at
// hand), the built-in rule packs, then the baseline and the failing threshold.
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
#include "core/workflow/check_trust.hpp"
#include "core/workflow/notices.hpp"

namespace hush {

struct CheckRequest {
  std::vector<std::string> paths{};  // empty: the project's configs, else "."
  // Files that are hush configs whatever their shape (`--config`); the project's `configs:` are
  // too.
  std::vector<std::string> configs{};
  bool staged = false;           // the staged blobs instead of the working tree
  bool env_source = false;       // references the environment resolves are accepted
  std::string baseline{};        // empty: the project's check_baseline when that file exists
  std::string write_baseline{};  // set: record the findings here instead of judging them
  std::string severity{};        // "error" or "warning"; empty: the project's, else error
  // The project file found or named (required; ProjectFile{} when none). Its configs: and check:
  // apply as trust_project decides (check_project_settings), also in check_inputs and
  // assign_check_sidecars.
  const ProjectFile* project = nullptr;
  ProjectTrust trust_project = ProjectTrust::automatic;  // --trust-project
  std::optional<std::string> base_revision{};            // --base
  Notices notices{};       // the note saying the working tree's project file is not trusted
  SidecarQuery sidecar{};  // its config is set per input
  KeyInputs keys{};        // never prompts: values are decrypted only when a key is at hand
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

// The files `request` names, read with its limit. Without paths: the configs: of the project
// settings `request` trusts (check_project_settings), else ".".
[[nodiscard]] std::vector<CheckInput> check_inputs(const CheckRequest& request);

// Marks the hush configs among `inputs` (named by `configs`, matched by the trusted project
// settings' `configs:`, or with a sidecar beside them) and gives each YAML input the sidecar
// `hush render` would use for it: the one the query names (--secrets, HUSH_SECRETS, the
// project's `sidecar:`), else `<stem>.secrets[.<env>].yaml` beside it when that exists. Each
// sidecar is loaded once into `options.sidecars`; with a key at hand its values become known
// values (announced, masked). A sidecar named but missing is Error(io, "missing-sidecar") at its
// path; one that cannot be read as a sidecar throws its own error.
void assign_check_sidecars(CheckOptions& options, std::vector<CheckInput>& inputs,
                           const CheckRequest& request);

// Runs the whole check: the project settings it trusts (their note said once on `notices`),
// inputs, sidecar, detection rules and schema, check_files, then either writes the baseline
// (write_baseline) or applies it (--baseline, else the trusted settings') and judges the findings.
// Throws check_project_settings' errors for a base revision that cannot be read.
[[nodiscard]] CheckOutcome run_check(const CheckRequest& request);

}  // namespace hush
