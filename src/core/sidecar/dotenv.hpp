// hush/dotenv.hpp — reads dotenv files (`hush secrets import`, multi-field values on stdin):
// KEY=value lines with an optional `export ` prefix, comments, blank lines, single quotes
// (literal), double quotes (escapes \n \r \t \" \\ \$, may span lines) and unquoted values
// (trimmed, ` #` starts a comment). Values go straight into secure memory.
#pragma once
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

struct DotenvEntry {
  std::string name;
  SecretValue value;
  Location where;  // of the name
};

// Every entry in file order (a repeated name keeps both; the caller decides). Throws
// Error(invalid_input, "dotenv-invalid") at path:line:column for a line without `=`, an invalid
// name ([A-Za-z_][A-Za-z0-9_.-]*), an unterminated quote, or text after a closing quote. Messages
// never include values.
[[nodiscard]] std::vector<DotenvEntry> parse_dotenv(std::string_view text, const std::string& path);

}  // namespace hush
