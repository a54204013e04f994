// hush/json.hpp — the one JSON reader and writer for everything hush writes or reads as JSON
// that carries no secret value: check reports, SARIF, baselines, listings, logs. It is
// nlohmann-json (ordered, so keys keep the order they are written in). Outputs that carry
// secret values (render --format json, secrets get --format json) are built in secure memory
// by append_json_quoted (text.hpp) instead, since nlohmann's strings live in ordinary heap.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace hush {

using Json = nlohmann::ordered_json;

// Parses `text`, read from `path`. Throws Error(syntax, `id`) at path:line:column of the
// first syntax error (message without the offending text, which may be anything).
[[nodiscard]] Json parse_json(const std::string& path, std::string_view text, const char* id);

// `value` as text: two-space indentation and a final newline; invalid UTF-8 is replaced, never
// an exception.
[[nodiscard]] std::string json_text(const Json& value);

}  // namespace hush
