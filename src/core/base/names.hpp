// hush/names.hpp — the one set of rules for the names hush deals in, each with the message a
// user sees when a name breaks it. Every reader and writer (sidecar, inline secrets block,
// project file, references, `hush secrets`, seal) asks here, so a name one command accepts is
// never refused by the next.
//
//   secret name   [A-Z][A-Z0-9_]*, at most 128 bytes: stored secrets (sidecar, secrets add, seal)
//   reference     [A-Za-z_][A-Za-z0-9_]*     the NAME of ${NAME}: also environment variables
//   field         [A-Za-z_][A-Za-z0-9_]*     a multi-field secret's fields: ${NAME.field}
//   source        [A-Za-z_][A-Za-z0-9_-]*    ${SOURCE:KEY}, exec sources of .hush.yaml
//   scope         provider|service|integration|global, optionally :GLOB (not after global);
//                 the glob has no commas, spaces or line breaks
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hush {

inline constexpr std::size_t k_max_name_bytes = 128;

// nullopt when `name` is a valid secret name, else why not (with a suggested spelling).
[[nodiscard]] std::optional<std::string> secret_name_problem(std::string_view name);
// Whether `name` may be the NAME of a ${NAME} reference.
[[nodiscard]] bool is_reference_name(std::string_view name);
// nullopt when `field` is a valid field name, else why not.
[[nodiscard]] std::optional<std::string> field_name_problem(std::string_view field);
// nullopt when `name` is a valid source name, else why not.
[[nodiscard]] std::optional<std::string> source_name_problem(std::string_view name);
// nullopt when `pattern` is a valid scope pattern, else why not.
[[nodiscard]] std::optional<std::string> scope_problem(std::string_view pattern);

}  // namespace hush
