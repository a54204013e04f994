// Shared by the `hush secrets …` command files: the value and metadata flags.
#pragma once
#include "core/workflow/secret_flows.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

// --value-stdin, --generate, --charset, --value, --field (see hush::read_payload).
void add_value_options(CLI::App& app, ValueInput& input);
// --description, --type, --scope, --tag, --meta, --expires-in, --expires, --rotate-every,
// --notify-before.
void add_metadata_options(CLI::App& app, MetadataText& text);

}  // namespace hush::cli
