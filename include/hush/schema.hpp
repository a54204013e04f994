// hush/schema.hpp — validates configs against schemas/opsimate-config.schema.json (JSON Schema
// draft 7, embedded in the binary) with valijson over yaml-cpp nodes, and reports each violation
// at the offending line:column. Messages name paths and properties, never values.
#pragma once
#include <hush/error.hpp>
#include <hush/yaml_source.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// Built once (parses and compiles the schema); validate() is const and thread-safe. Movable, not
// copyable.
class SchemaValidator {
 public:
  // The embedded OpsiMate config schema.
  [[nodiscard]] static SchemaValidator builtin();
  // A schema from JSON `text` named `path`. Throws Error(invalid_input, "schema-invalid") when it
  // does not load.
  [[nodiscard]] static SchemaValidator from_json(std::string_view text, const std::string& path);
  ~SchemaValidator();
  SchemaValidator(SchemaValidator&&) noexcept;
  SchemaValidator& operator=(SchemaValidator&&) noexcept;
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Findings "schema" (errors) for every violation, located at the offending node, plus
  // "unknown-type" warnings for providers, services and integrations of a type hush does not
  // know.
  [[nodiscard]] std::vector<Finding> validate(const YamlSource& source) const;

 private:
  struct Impl;
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
