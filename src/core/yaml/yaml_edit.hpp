// Private to the core: byte-range edits of a YAML source that keep every other byte, shared by
// render (substitution, stripping the inline secrets block) and seal (moving it to the sidecar).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

struct TextEdit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

// The lines of `document`'s top-level `secrets:` entry, from its key's line to the next
// top-level key, giving back the blank and column-0 comment lines that introduce the next
// section; nullopt when the document has none. When it is the mapping's only entry the lines
// become `{}`, so the document stays a mapping. Throws Error(invalid_input, "flow-secrets-block")
// when the block is written in flow style.
[[nodiscard]] std::optional<TextEdit> inline_secrets_removal(const YamlSource& source,
                                                             const YamlDocument& document);

// `text` with `edits` (non-overlapping; sorted here) applied.
[[nodiscard]] std::string apply_edits(std::string_view text, std::vector<TextEdit>& edits);

}  // namespace hush::detail
