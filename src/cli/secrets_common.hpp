// Shared by the `hush secrets …` command files: the value and metadata flags, how a value arrives
// (flags, stdin or a hidden prompt), and tables.
#pragma once
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/workflow/secret_flows.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

struct ValueFlags {
  bool from_stdin = false;
  std::size_t generate = 0;
  std::string charset = "alnum";
  std::string value;                // --value (discouraged: shell history)
  std::vector<std::string> fields;  // --field name=value
};
void add_value_options(CLI::App& app, ValueFlags& flags);
// Reads the secret's plaintext from the flags, stdin (dotenv lines for multi-field types) or a
// hidden prompt on a terminal; nullopt when nothing was given and it is not required. Remembers
// the values in the console's redactor. Error(invalid_input, "missing-value") ("Secret value is
// required") when required and unavailable. `flags` and `ctx` must outlive the reader.
[[nodiscard]] PayloadReader payload_reader(const ValueFlags& flags, const Context& ctx);

void add_metadata_options(CLI::App& app, MetadataText& text);

// A table: rows of cells, columns padded to the widest cell.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace hush::cli
