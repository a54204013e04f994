// The flags of `hush run` and `hush materialize` that choose and allow what is injected.
#pragma once
#include <string>
#include <vector>

#include "core/workflow/session_flows.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

// --only NAME (repeatable) and --config CONFIG (see hush::select_secrets).
void add_selection_options(CLI::App& app, SecretSelection& selection);
// --allow-env NAME (repeatable), for run, materialize and render: names on the deny-list of
// core/base/env_names.hpp that may be injected anyway.
void add_allow_env_option(CLI::App& app, std::vector<std::string>& allowed);

}  // namespace hush::cli
