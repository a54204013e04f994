// Private to schema: reads a JSON Schema's own tree to name the kinds of value it allows at a
// path, for messages such as "expected a list, found a mapping".
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

// The kinds `schema` allows for the value at `path` ("a list", "an integer", …), in the schema's
// order, gathered through properties, additionalProperties, items, local $refs and the branches
// of allOf, anyOf, oneOf, then and else. Null is left out when anything else is allowed (it only
// means "may be left empty"), integer when number is there. Empty when the schema says nothing.
[[nodiscard]] std::vector<std::string> allowed_kinds(const YamlNode& schema, const NodePath& path);

// `text` as an array index ("0", "12"; at most 9 digits), as in valijson's error contexts and in
// JSON pointers.
[[nodiscard]] std::optional<std::size_t> parse_index(std::string_view text);

}  // namespace hush::detail
