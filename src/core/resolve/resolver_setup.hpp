// hush/resolver_setup.hpp — builds the Resolver a command uses from settings gathered by the CLI
// (command line, project file, environment): where the sidecar is, which sources exist, and their
// order.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/environment.hpp"
#include "core/crypto/keystore.hpp"
#include "core/model/config_model.hpp"
#include "core/model/project.hpp"
#include "core/resolve/sources.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

// Inputs for finding the sidecar, strongest first.
struct SidecarQuery {
  std::string explicit_path;                    // --secrets
  std::string env_path;                         // HUSH_SECRETS
  const ProjectFile* project = nullptr;         // `sidecar:` (may contain {env})
  std::string environment;                      // --env, HUSH_ENV or the project's environment
  std::optional<std::filesystem::path> config;  // the config being rendered or checked
};

struct SidecarLocation {
  std::filesystem::path path;
  bool named = false;  // named explicitly (--secrets, HUSH_SECRETS, project): must exist to read
};

// --secrets, then HUSH_SECRETS, then the project's `sidecar` pattern ({env} replaced, relative to
// the project file), then `<stem>.secrets[.<env>].yaml` beside `config`. Throws Error(usage,
// "no-sidecar") when none applies, Error(usage, "no-environment") when a pattern uses {env} and no
// environment is set.
[[nodiscard]] SidecarLocation locate_sidecar(const SidecarQuery& query);

struct SourceSettings {
  std::vector<std::string> order;  // empty: sidecar, env, inline
  bool use_environment = true;     // false with --no-env: no env source
  std::string env_prefix;          // --env-prefix
  // The process environment, injected: the env source's variables (unless --no-env) and the
  // environment of exec sources (always). Null: empty.
  std::shared_ptr<const Environment> environment;
  ResolverOptions resolver;
  std::optional<SidecarLocation> sidecar;    // none: no sidecar source
  KeyInputs keys;                            // for decrypting sidecar values on demand
  std::vector<ExecSourceSpec> exec_sources;  // external secret managers (.hush.yaml)
};

// A Resolver over the sidecar (when located; a missing file at a default location is an empty
// source, a missing named file is Error(io, "missing-sidecar")), the environment, and the inline
// `secrets:` block of `config` (when given), in `settings.order`. Appends malformed inline
// entries to `findings`. Throws Error(usage, "unknown-source") when the order names a source
// that is not configured, and the sidecar's parse errors.
[[nodiscard]] Resolver make_resolver(SourceSettings settings, const YamlSource* config,
                                     std::vector<Finding>& findings);

}  // namespace hush
