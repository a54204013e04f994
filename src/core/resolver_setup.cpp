#include <hush/resolver_setup.hpp>

#include <algorithm>

namespace hush {

Resolver make_resolver(const SourceSettings& settings, const YamlSource* config,
                       std::vector<Finding>& findings) {
  std::vector<std::unique_ptr<SecretSource>> sources;
  if (settings.use_environment) {
    sources.push_back(std::make_unique<EnvSource>(settings.environment, settings.env_prefix));
  }
  if (config != nullptr) {
    InlineSecrets inline_secrets = read_inline_secrets(*config);
    findings.insert(findings.end(), inline_secrets.findings.begin(),
                    inline_secrets.findings.end());
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
