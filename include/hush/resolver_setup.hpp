// hush/resolver_setup.hpp — builds the Resolver a command uses from settings gathered by the CLI
// (command line, project file, environment): which sources exist, and their order.
#pragma once
#include <hush/config_model.hpp>
#include <hush/sources.hpp>
#include <hush/yaml_source.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hush {

struct SourceSettings {
  std::vector<std::string> order;                  // empty: sidecar, env, inline
  bool use_environment = true;                     // false with --no-env
  std::string env_prefix;                          // --env-prefix
  std::map<std::string, std::string> environment;  // the process environment, injected
  ResolverOptions resolver;
};

// A Resolver over the environment and the inline `secrets:` block of `config` (when given),
// in `settings.order`. Appends malformed inline entries to `findings`. Throws Error(usage,
// "unknown-source") when the order names a source that is not configured.
[[nodiscard]] Resolver make_resolver(const SourceSettings& settings, const YamlSource* config,
                                     std::vector<Finding>& findings);

}  // namespace hush
