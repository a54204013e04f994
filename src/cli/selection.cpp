#include "cli/selection.hpp"

#include <CLI/CLI.hpp>

#include "core/base/fsutil.hpp"
#include "core/resolve/resolver_setup.hpp"

namespace hush::cli {

void add_selection_options(CLI::App& app, SelectionFlags& flags) {
  app.add_option("--only", flags.only,
                 "Only this secret (repeatable); default: all of the sidecar");
  app.add_option("--config", flags.config, "Only the secrets this config references");
}

void add_allow_env_option(CLI::App& app, std::vector<std::string>& allowed) {
  app.add_option("--allow-env", allowed,
                 "Inject this deny-listed name anyway (LD_PRELOAD, BASH_ENV, PATH...; repeatable)");
}

std::vector<InjectedSecret> select_secrets(const SelectionFlags& flags, Context& ctx) {
  std::vector<InjectedSecret> selected;
  if (!flags.config.empty()) {
    if (!flags.only.empty())
      throw Error(ErrorKind::usage, "conflicting-options", "give --only or --config, not both");
    const YamlSource config =
        parse_yaml_source(flags.config, read_file(flags.config, ctx.session().input_limit()));
    std::vector<Finding> findings;
    Resolver resolver =
        make_resolver(ctx.session().source_settings(flags.config), &config, findings);
    selected = referenced_secrets(config, resolver, ctx.session().syntax(), findings);
    if (ctx.console().report(findings) == Severity::error) {
      throw Error(ErrorKind::invalid_input, "unresolved",
                  flags.config + " has references that cannot be resolved");
    }
  } else {
    const Sidecar sidecar =
        load_existing_sidecar(ctx.session().sidecar_location(std::nullopt).path);
    selected = sidecar_secrets(
        sidecar, unlock_sidecar(sidecar, ctx.session().key_inputs_with_prompt()), flags.only);
  }
  std::vector<std::string> names;
  for (const InjectedSecret& s : selected) {
    names.push_back(s.secret);
    ctx.session().journal().log_event("injected", {{"secret", s.secret}, {"as", s.env_name()}});
  }
  ctx.session().audit_note(names, flags.config.empty() ? std::vector<std::string>{}
                                                       : std::vector<std::string>{flags.config});
  for (const std::string& name : ctx.console().redactor().too_short()) {
    ctx.console().warn("the value of " + name + " is shorter than " +
                       std::to_string(ctx.console().redact_options().min_length) +
                       " bytes and cannot be masked");
  }
  return selected;
}

}  // namespace hush::cli
