// hush/seal.hpp — `hush seal CONFIG`: moves a config's plaintext inline `secrets:` block into the
// encrypted sidecar. The plan holds the secrets to add and the config's new text: the block is
// removed, `${inline:NAME}` references become `${NAME}` (found in the sidecar, first in the
// default order), and every other byte stays as it was.
#pragma once
#include <chrono>
#include <hush/error.hpp>
#include <string>
#include <vector>

#include "core/model/reference.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

struct SealPlan {
  std::vector<NewSecret> secrets;  // one per inline entry, in file order
  std::string config_text;         // the rewritten config
  std::vector<Finding> findings;   // malformed inline entries; when any is an error, do nothing
};

// Plans the move. Throws Error(invalid_input, "nothing-to-seal") when the config has no inline
// secrets, Error(invalid_input, "seal-verify") when the rewritten config would not parse to the
// same tree minus the block.
[[nodiscard]] SealPlan plan_seal(const YamlSource& config, Syntax syntax);

// The names of `secrets` that `sidecar` has already (a seal interrupted after writing the sidecar
// and before rewriting the config leaves them there).
[[nodiscard]] std::vector<std::string> names_already_in(const Sidecar& sidecar,
                                                        const std::vector<NewSecret>& secrets);

struct SealApplied {
  std::vector<std::string> added;    // sealed into the sidecar now
  std::vector<std::string> already;  // found there from an interrupted seal, kept as they are
};
// Adds `secrets` to `sidecar` (a throw leaves the caller's copy to discard: all or nothing). A
// name the sidecar already has counts as moved by an earlier, interrupted `hush seal` when `keys`
// open its current value to the same bytes and its type and scopes are the same; it is then kept
// as it is, so running seal again completes the move. Otherwise Error(invalid_input,
// "secret-exists"), saying, without `keys`, that seal needs the private key to check it. Errors of
// add_secret and reveal_secret (tampered-value…) pass through.
SealApplied apply_seal(Sidecar& sidecar, std::vector<NewSecret>& secrets,
                       std::chrono::sys_seconds now, const Keypair* keys);

}  // namespace hush
