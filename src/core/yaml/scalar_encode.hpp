// Private to render: writes a string as a YAML scalar of a given style so that a YAML parser reads
// back exactly that string. Encoded values are built in secure memory: they carry secrets.
#pragma once
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace hush::detail {

// Whether `value` can be written as a plain scalar that reads back as the same string and is not
// re-typed by YAML 1.1 readers (yes/no/on/off/null/~ are not safe; numbers, true and false are).
[[nodiscard]] bool is_safe_plain(std::string_view value, bool in_flow);
// Whether every code point of valid UTF-8 `value` may appear unescaped in a quoted or block
// scalar (no C0/C1 controls other than tab, no DEL, BOM, U+2028/9, U+FFFE/F).
[[nodiscard]] bool is_printable(std::string_view value, bool allow_tab);
// `value` escaped for the inside of a double-quoted scalar (quotes not included); nullopt when
// `value` is not valid UTF-8 and so cannot be written as YAML at all.
[[nodiscard]] std::optional<SecretBuffer> escape_double_quoted(std::string_view value);
// `value` for the inside of a single-quoted scalar ('' for '); nullopt when it holds a line
// break or a character that needs an escape.
[[nodiscard]] std::optional<SecretBuffer> escape_single_quoted(std::string_view value);

}  // namespace hush::detail
