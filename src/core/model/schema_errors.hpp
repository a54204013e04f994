// Private to schema: turns valijson's flat error list into findings located in the document,
// worded for people, and free of values.
#pragma once
#include <hush/error.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

// One valijson error: where ("<root>", "[services]", "[0]", …) and what, in valijson's words.
struct SchemaError {
  std::vector<std::string> context;
  std::string description;
};

// Findings (rule "schema", Severity::error) for the `errors` valijson reported on `document` of
// `source`, in valijson's order. Wrappers ("failed to validate item #0") are dropped; the failed
// alternatives of an anyOf or oneOf become one message (missing "a", or "b" and "c"); a type
// mismatch names the types that `schema` (the schema's own tree) allows there. Each finding sits
// at the offending node: a scalar's start, a collection's first key or item, the key of an empty
// or null value; a missing property at the owning mapping's first key. Messages name paths,
// properties and kinds of value, never a scalar's value.
[[nodiscard]] std::vector<Finding> schema_findings(const std::vector<SchemaError>& errors,
                                                   const YamlNode& schema, const YamlSource& source,
                                                   const YamlDocument& document);

// Where `node` starts: a scalar's own position, else that of its first key or item (nothing for
// null and empty collections).
[[nodiscard]] std::optional<LineColumn> start_of(const YamlDocument& document,
                                                 const YamlNode& node);

}  // namespace hush::detail
