#include "core/workflow/check_setup.hpp"

#include <algorithm>
#include <hush/source.hpp>
#include <map>
#include <set>
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

CheckProjectSettings settings_for(const CheckRequest& request) {
  return check_project_settings(
      *request.project, {.trust = request.trust_project, .base_revision = request.base_revision},
      *request.environment, request.limit);
}

// The baseline to apply: --baseline (must exist), else the trusted settings' when it exists.
std::optional<std::set<std::string>> baseline_for(const CheckRequest& request,
                                                  const CheckProjectSettings& settings) {
  if (!request.baseline.empty()) return read_baseline(request.baseline);
  return project_baseline(settings, *request.environment);
}

std::vector<CheckInput> inputs_for(const CheckRequest& request, const ProjectFile& project) {
  if (request.staged) return staged_inputs(*request.environment, request.limit);
  std::vector<std::string> paths = request.paths;
  // A --config file is checked whether or not the paths name it.
  for (const std::string& config : request.configs) {
    const auto same = [&](const std::string& p) {
      return std::filesystem::path(p).lexically_normal() ==
             std::filesystem::path(config).lexically_normal();
    };
    if (std::none_of(paths.begin(), paths.end(), same)) paths.push_back(config);
  }
  if (paths.empty() && !project.configs.empty()) {
    // Relative to the working directory, as paths given on the command line are, so reports and
    // baseline fingerprints are the same in every checkout.
    std::error_code ignored;
    const std::filesystem::path here = std::filesystem::current_path(ignored);
    for (const auto& p : expand_globs(project.configs, project.path.parent_path())) {
      paths.push_back(here.empty() ? p.string() : p.lexically_proximate(here).string());
    }
  }
  if (paths.empty()) paths.push_back(".");
  return working_tree_inputs(paths, *request.environment, request.limit);
}

// The paths `request` and `project` name as configs, made absolute and normal so that `./a.yaml`
// and `a.yaml` are one file.
std::set<std::filesystem::path> named_configs(const CheckRequest& request,
                                              const ProjectFile& project) {
  std::set<std::filesystem::path> out;
  const auto add = [&](const std::filesystem::path& p) {
    std::error_code ignored;
    out.insert(std::filesystem::absolute(p, ignored).lexically_normal());
  };
  for (const std::string& c : request.configs) add(c);
  if (!project.configs.empty()) {
    for (const auto& p : expand_globs(project.configs, project.path.parent_path())) add(p);
  }
  return out;
}

std::size_t load_check_sidecar(CheckOptions& options, std::map<std::string, std::size_t>& loaded,
                               const std::filesystem::path& path, const KeyInputs& keys) {
  const auto [it, added] = loaded.emplace(path.string(), options.sidecars.size());
  if (!added) return it->second;
  options.sidecars.push_back({load_existing_sidecar(path), path.string()});
  const Sidecar& sidecar = options.sidecars.back().sidecar;
  if (const auto found = find_keypair(keys, sidecar.key_id, sidecar.kdf)) {
    for (InjectedSecret& s : sidecar_secrets(sidecar, *found, {})) {
      announce_revealed(s.env_name(), *s.value);
      options.known_values.push_back({s.env_name(), s.value->clone()});
    }
  }
  return it->second;
}

void assign_sidecars(CheckOptions& options, std::vector<CheckInput>& inputs,
                     const CheckRequest& request, const ProjectFile& project) {
  const std::set<std::filesystem::path> configs = named_configs(request, project);
  std::map<std::string, std::size_t> loaded;
  SidecarQuery query = request.sidecar;
  query.config.reset();
  std::optional<std::size_t> named;
  try {
    const SidecarLocation where = locate_sidecar(query);
    named = load_check_sidecar(options, loaded, where.path, request.keys);
  } catch (const Error& error) {
    if (error.id() != "no-sidecar") throw;  // nothing named: each config's own, below
  }
  for (CheckInput& input : inputs) {
    if (!is_yaml_config_path(input.path) || input.unreadable) continue;
    std::error_code ignored;
    const std::filesystem::path path =
        std::filesystem::absolute(input.path, ignored).lexically_normal();
    input.config = configs.count(path) != 0;
    if (named) {
      input.sidecar = named;
      continue;
    }
    const std::filesystem::path beside = default_sidecar_path(input.path, query.environment);
    if (beside.lexically_normal() == std::filesystem::path(input.path).lexically_normal()) continue;
    if (!std::filesystem::is_regular_file(beside, ignored)) continue;
    input.config = true;
    input.sidecar = load_check_sidecar(options, loaded, beside, request.keys);
  }
}

// `path` (relative to the working directory, or to `root` for staged paths) as a path inside
// the repository at `root`, or nullopt outside it.
std::optional<std::string> repository_path(const std::filesystem::path& root,
                                           const std::string& path, bool staged) {
  if (staged) return path;
  std::error_code ignored;
  const std::string inside =
      std::filesystem::weakly_canonical(path, ignored).lexically_relative(root).generic_string();
  if (inside.empty() || inside.starts_with("..")) return std::nullopt;
  return inside;
}

// A sidecar is compared with its earlier self: at --base when given, else, with --staged, at HEAD
// (what will be committed against what is). An unborn HEAD has nothing to compare with; a --base
// that names no commit is an error.
void set_base(CheckOptions& options, const CheckRequest& request) {
  const Environment& environment = *request.environment;
  const std::string option = request.base_revision ? "--base" : "--staged";
  std::error_code ignored;
  const std::filesystem::path root =
      std::filesystem::weakly_canonical(repository_root(".", option, environment), ignored);
  const std::string revision = request.base_revision.value_or("HEAD");
  std::string commit;
  try {
    commit = commit_of(root, revision, environment);
  } catch (const Error& e) {
    if (request.base_revision || e.id() != "unknown-revision") throw;
    return;
  }
  options.base_revision = revision;
  options.at_base = [env = request.environment, root, commit, staged = request.staged,
                     limit = request.limit](const std::string& path) -> std::optional<std::string> {
    const std::optional<std::string> inside = repository_path(root, path, staged);
    if (!inside) return std::nullopt;
    return file_at_commit(root, commit, *inside, *env, limit);
  };
}

}  // namespace

std::vector<CheckInput> check_inputs(const CheckRequest& request) {
  return inputs_for(request, settings_for(request).project);
}

void assign_check_sidecars(CheckOptions& options, std::vector<CheckInput>& inputs,
                           const CheckRequest& request) {
  assign_sidecars(options, inputs, request, settings_for(request).project);
}

CheckOutcome run_check(const CheckRequest& request) {
  const CheckProjectSettings settings = settings_for(request);
  if (settings.note) request.notices.remark(*settings.note);
  const ProjectFile& project = settings.project;
  std::vector<CheckInput> inputs = inputs_for(request, project);
  CheckOptions options;
  options.syntax = request.syntax;
  options.secret_keys_extra = project.secret_keys_extra;
  options.now = request.now;
  options.max_file_size = static_cast<std::size_t>(request.limit.bytes);
  if (request.env_source) options.environment = request.environment;
  // A sidecar is compared with its earlier self: at --base when given, else, with --staged, at
  // HEAD (what will be committed against what is). Another key, a lower version or a shorter
  // history there is an error.
  if (request.base_revision || request.staged) set_base(options, request);
  assign_sidecars(options, inputs, request, project);
  add_rule_packs(options);
  CheckOutcome outcome{.report = check_files(inputs, options)};
  std::vector<Finding>& findings = outcome.report.findings;
  if (!request.write_baseline.empty()) {
    write_file_atomic(request.write_baseline, baseline_text(findings), FileMode::shared_readable);
    outcome.wrote_baseline = true;
    return outcome;
  }
  if (const auto baseline = baseline_for(request, settings)) apply_baseline(findings, *baseline);
  const std::string threshold =
      !request.severity.empty() ? request.severity : project.check_severity.value_or("error");
  outcome.failing = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.severity == Severity::error || threshold == "warning";
  });
  return outcome;
}

}  // namespace hush
