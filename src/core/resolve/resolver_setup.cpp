#include "core/resolve/resolver_setup.hpp"

#include <algorithm>

#include "core/resolve/exec_source.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush {
namespace {

// A sidecar file that does not exist yet: rendering from env or inline still works.
class EmptySidecarSource : public SecretSource {
 public:
  [[nodiscard]] std::string name() const override { return "sidecar"; }
  [[nodiscard]] std::optional<SecretInfo> lookup(std::string_view) override { return {}; }
  [[nodiscard]] std::vector<std::string> names() const override { return {}; }

 private:
  [[nodiscard]] SecretValue fetch_value(std::string_view key, std::string_view) override {
    throw Error(ErrorKind::invalid_input, "unknown-secret",
                "the sidecar has no secret " + std::string(key));
  }
};

std::unique_ptr<SecretSource> open_sidecar(const SidecarLocation& where, KeyInputs keys) {
  std::error_code ignored;
  if (!std::filesystem::exists(where.path, ignored)) {
    if (!where.named) return std::make_unique<EmptySidecarSource>();
    throw Error(ErrorKind::io, "missing-sidecar",
                "sidecar " + where.path.string() + " does not exist (create it with `hush init`)",
                Location{where.path.string(), 0, 0});
  }
  return std::make_unique<SidecarSource>(load_sidecar(where.path), std::move(keys));
}

std::string with_environment(std::string pattern, const std::string& environment) {
  for (std::size_t at = pattern.find("{env}"); at != std::string::npos;
       at = pattern.find("{env}", at + environment.size())) {
    if (environment.empty()) {
      throw Error(ErrorKind::usage, "no-environment",
                  "the sidecar path " + pattern +
                      " uses {env} but no environment is set (use --env, HUSH_ENV or "
                      "environment: in .hush.yaml)");
    }
    pattern.replace(at, 5, environment);
  }
  return pattern;
}

}  // namespace

SidecarLocation locate_sidecar(const SidecarQuery& query) {
  if (!query.explicit_path.empty()) return {query.explicit_path, true};
  if (!query.env_path.empty()) return {query.env_path, true};
  if (query.project != nullptr && query.project->sidecar) {
    return {query.project->resolve(with_environment(*query.project->sidecar, query.environment)),
            true};
  }
  if (query.config) return {default_sidecar_path(*query.config, query.environment), false};
  throw Error(ErrorKind::usage, "no-sidecar",
              "no sidecar is named: pass --secrets PATH, set HUSH_SECRETS, or set sidecar: in "
              ".hush.yaml");
}

Resolver make_resolver(SourceSettings settings, const YamlSource* config,
                       std::vector<Finding>& findings) {
  std::vector<std::unique_ptr<SecretSource>> sources;
  if (settings.sidecar)
    sources.push_back(open_sidecar(*settings.sidecar, std::move(settings.keys)));
  if (settings.use_environment) {
    const Environment none;
    sources.push_back(std::make_unique<EnvSource>(
        settings.environment ? *settings.environment : none, settings.env_prefix));
  }
  for (ExecSourceSpec& spec : settings.exec_sources) {
    sources.push_back(std::make_unique<ExecSource>(std::move(spec), settings.environment));
  }
  if (config != nullptr) {
    InlineSecrets inline_secrets = read_inline_secrets(*config);
    findings.insert(findings.end(), inline_secrets.findings.begin(), inline_secrets.findings.end());
    sources.push_back(std::make_unique<InlineSource>(std::move(inline_secrets.secrets)));
  }
  std::vector<std::string> order = settings.order;
  if (order.empty()) {
    for (const char* name : {"sidecar", "env", "inline"}) {
      const bool configured = std::any_of(sources.begin(), sources.end(),
                                          [&](const auto& s) { return s->name() == name; });
      if (configured) order.emplace_back(name);
    }
  }
  return Resolver(std::move(sources), std::move(order), settings.resolver);
}

}  // namespace hush
