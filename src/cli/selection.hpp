// Which secrets `hush run` and `hush materialize` use: the sidecar's (all, or --only NAME…), or
// exactly those a config references (--config CONFIG, through the full source chain).
#pragma once
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/runtime/inject.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

struct SelectionFlags {
  std::vector<std::string> only;
  std::string config;
};
void add_selection_options(CLI::App& app, SelectionFlags& flags);
// --allow-env NAME (repeatable), for run, materialize and render: names on the deny-list of
// core/base/env_names.hpp that may be injected anyway.
void add_allow_env_option(CLI::App& app, std::vector<std::string>& allowed);

// The selected secrets, decrypted, and remembered by the console's redactor. Findings (an
// unresolved reference of --config) are reported; an error among them throws
// Error(invalid_input, "unresolved").
[[nodiscard]] std::vector<InjectedSecret> select_secrets(const SelectionFlags& flags, Context& ctx);

}  // namespace hush::cli
