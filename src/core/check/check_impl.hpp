// Private to check: shared helpers of the rule passes.
#pragma once
#include "core/check/check.hpp"
#include "core/base/text.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hush::detail {

// BLAKE2b of rule, path and subject (a secret or a message) under a baseline-specific key.
[[nodiscard]] std::string fingerprint(std::string_view rule, std::string_view path,
                                      std::string_view subject);

// The source line of `offset` with [secret_offset, +secret_length) replaced by its masked
// preview, and a caret under it.
[[nodiscard]] std::string masked_snippet(std::string_view text, const LineIndex& index,
                                         std::size_t offset, std::size_t secret_length);

// The config rules (yaml structure, references, inline and plaintext secrets) for one parsed
// config; appends findings and the names of the sidecar secrets it references.
void check_config(const YamlSource& source, const CheckOptions& options,
                  std::vector<Finding>& findings, std::set<std::string>& referenced);

}  // namespace hush::detail
