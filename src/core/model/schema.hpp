// hush/schema.hpp — validates configs against schemas/opsimate-config.schema.json (JSON Schema
// draft 7, embedded in the binary) and reports each violation at the offending line:column.
// Messages name paths, properties and kinds of value, never a value.
#pragma once
#include <hush/error.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/yaml_source.hpp"

namespace hush {

// A compiled schema. Building parses and compiles it (about a millisecond for the built-in one);
// validate() is const and may run on many threads at once. Movable, never copied: it owns the
// compiled schema.
class SchemaValidator {
 public:
  // The embedded OpsiMate config schema.
  [[nodiscard]] static SchemaValidator builtin();
  // A draft 7 schema from JSON `text` named `path` in errors; only local "#/…" references.
  // Throws Error(invalid_input, "schema-invalid") when it is not one JSON object or does not
  // compile.
  [[nodiscard]] static SchemaValidator from_json(std::string_view text, const std::string& path);
  ~SchemaValidator();
  SchemaValidator(SchemaValidator&&) noexcept;
  SchemaValidator& operator=(SchemaValidator&&) noexcept;
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Every violation in every document of `source` (empty documents pass), in source order:
  // Severity::error findings with rule "schema" and a message such as
  // `services[1]: missing required property "type"` or
  // `providers: expected a list, found a mapping`, located at the offending scalar, at the first
  // key or item of an offending collection, at the owning mapping's first key for a missing
  // property. Plain scalars are typed by the YAML 1.2 core schema (`port: 5432` is an integer,
  // `port: ${PORT}` a string). Also Severity::warning findings with rule "unknown-type" at the
  // `type` of each provider, service or integration whose type the schema does not list in
  // definitions/<provider|service|integration>_type/examples (a type holding a reference is not
  // judged). Cost: linear in the document times the schema's size.
  [[nodiscard]] std::vector<Finding> validate(const YamlSource& source) const;

 private:
  struct Impl;  // valijson lives here, not in this header
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
