// hush/seal.hpp — `hush seal CONFIG`: moves a config's plaintext inline `secrets:` block into the
// encrypted sidecar. The plan holds the secrets to add and the config's new text: the block is
// removed, `${inline:NAME}` references become `${NAME}` (found in the sidecar, first in the
// default order), and every other byte stays as it was.
#pragma once
#include <hush/error.hpp>
#include "core/model/reference.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

#include <string>
#include <vector>

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

}  // namespace hush
