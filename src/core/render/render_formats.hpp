// Private to render: the JSON and dotenv forms of rendered documents, written into secure memory
// (they carry the substituted values).
#pragma once
#include <hush/secret.hpp>
#include <vector>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

// One JSON value per document (an array when there are several). Plain scalars are typed by the
// YAML 1.2 core schema (null, booleans, integers, floats); quoted and block scalars are strings.
// Throws Error(invalid_input, "unrepresentable") for a non-scalar mapping key.
[[nodiscard]] SecretBuffer to_json(const std::vector<YamlDocument>& documents);

// KEY="value" lines, one per leaf: the path's segments upper-cased and joined with "_" (list
// items that have a `name` use it instead of the index). Throws Error(invalid_input,
// "env-name-collision") when two leaves map to one name, Error(invalid_input, "env-name-invalid")
// when a name would be empty (a scalar document) or start with a digit, Error(invalid_input,
// "dangerous-env-name") for a name on the deny-list (core/base/env_names.hpp) not in `allowed`.
[[nodiscard]] SecretBuffer to_env(const std::vector<YamlDocument>& documents,
                                  const std::vector<std::string>& allowed);

}  // namespace hush::detail
