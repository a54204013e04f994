// Private to check: the rules for a sidecar file itself.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/check/preview.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

// Whether `content` is a file hush wrote as a sidecar: its first line is k_sidecar_header,
// exactly. Nothing else makes a file a sidecar (a YAML file with `hush:` and `key_id:` keys is
// checked like any other).
[[nodiscard]] bool has_sidecar_header(std::string_view content);

// The masking a sidecar's snippets need: every `value:` scalar (current and history) is a secret
// there, whatever it holds, since a pasted plaintext value is exactly what a finding points at.
[[nodiscard]] ParsedValues sidecar_values(const YamlSource& source);

// The byte ranges [begin, end) of sealed values (`enc:v1:…`, `enc:v2:…`) in `text`: ciphertext,
// never a credential, whatever a detection rule would make of it.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> sealed_ranges(std::string_view text);

// What changed for the worse from `base` (the sidecar at git revision `revision`) to `now`
// (parsed from `source`): sidecar-key-changed (another public key: every value sealed to
// someone else's key), sidecar-version-down (a secret's version went down: an older value put
// back) and sidecar-history-truncated (versions the base kept are gone). Snippets by `masker` on
// `index` (built on source.text).
[[nodiscard]] std::vector<Finding> compare_with_base(const YamlSource& source, const Sidecar& now,
                                                     const Sidecar& base,
                                                     const std::string& revision,
                                                     const LineMasker& masker,
                                                     const LineIndex& index);

}  // namespace hush::detail
