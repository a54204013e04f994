#include "cli/selection.hpp"

#include <CLI/CLI.hpp>

namespace hush::cli {

void add_selection_options(CLI::App& app, SecretSelection& selection) {
  app.add_option("--only", selection.only,
                 "Only this secret (repeatable); default: all of the sidecar");
  app.add_option("--config", selection.config, "Only the secrets this config references");
}

void add_allow_env_option(CLI::App& app, std::vector<std::string>& allowed) {
  app.add_option("--allow-env", allowed,
                 "Inject this deny-listed name anyway (LD_PRELOAD, BASH_ENV, PATH...; repeatable)");
}

}  // namespace hush::cli
