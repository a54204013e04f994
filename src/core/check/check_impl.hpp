// Private to check: shared helpers of the rule passes.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/check/check.hpp"
#include "core/check/preview.hpp"

namespace hush::detail {

// What `source` tells a LineMasker: its literal secrets and where its scalars are.
[[nodiscard]] ParsedValues parsed_values(const YamlSource& source, const CheckOptions& options);

// The config rules (yaml structure, references, inline and plaintext secrets) for one parsed
// config; appends findings, with snippets masked by `masker`, and the names of the sidecar
// secrets it references.
// `sidecar` is the one render would use for this config, or null.
void check_config(const YamlSource& source, const Sidecar* sidecar, const CheckOptions& options,
                  const LineMasker& masker, std::vector<Finding>& findings,
                  std::set<std::string>& referenced);

// The plaintext-secret rule alone: what a YAML file that is not a hush config gets besides the
// detection rules.
void plaintext_rules(const YamlSource& source, const CheckOptions& options,
                     const LineMasker& masker, std::vector<Finding>& findings);

}  // namespace hush::detail
