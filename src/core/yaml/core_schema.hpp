// hush/core_schema.hpp — the one place hush types a plain YAML scalar, by the YAML 1.2 core
// schema: null (`~`, `null`, empty), booleans (`true`, `False`, …), integers (decimal with a
// sign, `0o17`, `0x1F`), floats (`1.5`, `.5`, `1e3`, `.inf`, `.nan`) and otherwise strings.
// The schema check, `render --format json|env` and scalar encoding all ask here, so a value
// the schema reads as a number is written to JSON as that number. Quoted and block scalars are
// always strings; callers check the style first.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hush {

enum class CoreType { null, boolean, integer, floating, string };

// The core-schema type of the plain scalar `text`.
[[nodiscard]] CoreType core_type(std::string_view text);
// The value of an integer scalar when it fits in int64, else nullopt (also for non-integers).
[[nodiscard]] std::optional<std::int64_t> core_int64(std::string_view text);
// The value of an integer or float scalar as a double: .inf and .nan as the IEEE values,
// integers beyond double's range as infinity.
[[nodiscard]] double core_double(std::string_view text);
// The JSON text of a non-string plain scalar: null, true, false, an integer in decimal of any
// size (0x1F is 31, +5 is 5, 007 is 7), a float in JSON's number grammar (.5 is 0.5, 1. is 1);
// nullopt for strings, for .inf and .nan, which JSON cannot represent, and for numbers beyond
// the range of a double, which JSON readers refuse or read as infinity.
[[nodiscard]] std::optional<std::string> core_json_text(std::string_view text);

}  // namespace hush
