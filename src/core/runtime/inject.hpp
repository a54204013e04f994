// hush/inject.hpp — which secrets `hush run` puts into a child's environment and `hush
// materialize` writes into a directory, and under which names: all of the sidecar, the ones named
// with --only, or exactly those a config references. Multi-field secrets contribute one entry
// per field (NAME_FIELD in the environment, NAME/field on disk).
#pragma once
#include <filesystem>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <string>
#include <vector>

#include "core/model/reference.hpp"
#include "core/resolve/sources.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

struct InjectedSecret {
  std::string secret;  // NAME, or NAME for a field of a multi-field secret
  std::string field;   // "" for single-value secrets
  SharedSecret value;
  // NAME, or NAME_FIELD (upper case, '-' and '.' as '_') for a field.
  [[nodiscard]] std::string env_name() const;
};

// Every secret of `sidecar` (or only those in `only`, Error(invalid_input, "unknown-secret")
// for a name it lacks), decrypted with `keys`. Throws the key and tamper errors of
// reveal_secret.
[[nodiscard]] std::vector<InjectedSecret> sidecar_secrets(const Sidecar& sidecar,
                                                          const Keypair& keys,
                                                          const std::vector<std::string>& only);

// The secrets `config` references, resolved through `resolver` (scopes and expiry enforced;
// problems appended to `findings`). Each secret appears once.
[[nodiscard]] std::vector<InjectedSecret> referenced_secrets(const YamlSource& config,
                                                             Resolver& resolver, Syntax syntax,
                                                             std::vector<Finding>& findings);

// Writes each secret to `dir`/NAME (a field to `dir`/NAME/field), files mode 0400 written
// atomically, directories 0700 (created when missing). Refuses (Error(invalid_input,
// "unsafe-directory")) a `dir` or `dir`/NAME that group or others can access, and
// (Error(invalid_input, "materialize-symlink")) a symbolic link at `dir`, `dir`/NAME or
// `dir`/NAME/field, before writing anything; every write goes through directory descriptors
// opened with O_NOFOLLOW, so a link planted meanwhile is replaced, never followed.
void materialize_secrets(const std::filesystem::path& dir,
                         const std::vector<InjectedSecret>& secrets);

}  // namespace hush
