#include "core/workflow/check_setup.hpp"

#include <hush/source.hpp>
#include <system_error>

#include "core/check/check_inputs.hpp"
#include "core/runtime/inject.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace hush {
namespace {

void add_rule_packs(CheckOptions& options) {
  options.detect = builtin_detection();
  options.schema = builtin_schema();
}

// The baseline to apply: --baseline (must exist), else the project's when its file exists.
std::optional<std::filesystem::path> baseline_for(const CheckRequest& request) {
  if (!request.baseline.empty()) return request.baseline;
  if (!request.project->check_baseline) return std::nullopt;
  const std::filesystem::path path = request.project->resolve(*request.project->check_baseline);
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) return std::nullopt;
  return path;
}

}  // namespace

std::vector<CheckInput> check_inputs(const CheckRequest& request) {
  if (request.staged) return staged_inputs(*request.environment, request.limit);
  std::vector<std::string> paths = request.paths;
  const ProjectFile& project = *request.project;
  if (paths.empty() && !project.configs.empty()) {
    for (const auto& p : expand_globs(project.configs, project.path.parent_path()))
      paths.push_back(p.string());
  }
  if (paths.empty()) paths.push_back(".");
  return working_tree_inputs(paths, *request.environment, request.limit);
}

void add_check_sidecar(CheckOptions& options, const std::vector<CheckInput>& inputs,
                       SidecarQuery query, const KeyInputs& keys) {
  for (const CheckInput& input : inputs) {
    if (is_config_input(input)) {
      query.config = input.path;
      break;
    }
  }
  SidecarLocation where;
  try {
    where = locate_sidecar(query);
  } catch (const Error& error) {
    if (error.id() != "no-sidecar") throw;
    return;  // no sidecar is named and there is no config to look beside
  }
  std::error_code ignored;
  if (!where.named && !std::filesystem::exists(where.path, ignored)) return;
  options.sidecar = load_existing_sidecar(where.path);
  options.sidecar_path = where.path.string();
  if (const auto found = find_keypair(keys, options.sidecar->key_id, options.sidecar->kdf)) {
    for (InjectedSecret& s : sidecar_secrets(*options.sidecar, *found, {})) {
      announce_revealed(s.env_name(), *s.value);
      options.known_values.push_back({s.env_name(), s.value->clone()});
    }
  }
}

CheckOutcome run_check(const CheckRequest& request) {
  const std::vector<CheckInput> inputs = check_inputs(request);
  CheckOptions options;
  options.syntax = request.syntax;
  options.secret_keys_extra = request.project->secret_keys_extra;
  options.now = request.now;
  if (request.env_source) options.environment = request.environment;
  add_check_sidecar(options, inputs, request.sidecar, request.keys);
  add_rule_packs(options);
  CheckOutcome outcome{.report = check_files(inputs, options)};
  std::vector<Finding>& findings = outcome.report.findings;
  if (!request.write_baseline.empty()) {
    write_file_atomic(request.write_baseline, baseline_text(findings), FileMode::shared_readable);
    outcome.wrote_baseline = true;
    return outcome;
  }
  if (const auto baseline = baseline_for(request)) {
    apply_baseline(findings, read_baseline(baseline->string()));
  }
  const std::string threshold = !request.severity.empty()
                                    ? request.severity
                                    : request.project->check_severity.value_or("error");
  outcome.failing = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.severity == Severity::error || threshold == "warning";
  });
  return outcome;
}

}  // namespace hush
