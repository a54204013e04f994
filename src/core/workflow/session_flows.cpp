#include "core/workflow/session_flows.hpp"

#include "core/base/clock.hpp"
#include "core/crypto/keystore.hpp"
#include "core/runtime/terminal.hpp"
#include "core/workflow/secret_flows.hpp"

namespace hush {
namespace {

SecretValue new_passphrase(const Environment& environment) {
  if (const SecretValue* phrase = environment.credential("HUSH_PASSPHRASE")) return phrase->clone();
  std::optional<SecretValue> first = prompt_hidden("new passphrase: ");
  if (!first) {
    throw Error(ErrorKind::usage, "no-passphrase",
                "--passphrase needs HUSH_PASSPHRASE or a terminal to ask on");
  }
  const std::optional<SecretValue> again = prompt_hidden("repeat passphrase: ");
  if (!again || again->reveal() != first->reveal()) {
    throw Error(ErrorKind::usage, "passphrase-mismatch", "the passphrases do not match");
  }
  return std::move(*first);
}

}  // namespace

InitResult init_flow(const Invocation& invocation,
                     const std::optional<std::filesystem::path>& config, bool passphrase,
                     const std::string& kdf) {
  InitOptions options;
  options.sidecar_path = invocation.sidecar_location(config).path;
  invocation.audit_note({}, {options.sidecar_path.string()});
  options.environment = invocation.environment_name();
  options.keys_dir = default_keys_dir(invocation.environment());
  if (passphrase) options.passphrase = new_passphrase(invocation.environment());
  options.kdf_strength = kdf == "minimum"       ? KdfStrength::minimum
                         : kdf == "interactive" ? KdfStrength::interactive
                                                : KdfStrength::moderate;
  const InitResult result = init_sidecar(options);
  const Notices& notices = invocation.notices();
  notices.say("created " + options.sidecar_path.string() + " (key " + result.key_id + ")");
  notices.say(!result.key_file.empty()
                  ? "private key: " + result.key_file.string() +
                        " (mode 0600); back it up, without it the values cannot be decrypted"
                  : "the key is derived from your passphrase; nothing was stored");
  return result;
}

CheckOutcome check_flow(const Invocation& invocation, CheckRequest& request) {
  request.project = &invocation.project();
  request.sidecar = invocation.sidecar_query();
  request.keys = invocation.key_inputs();
  request.environment = invocation.shared_environment();
  request.syntax = invocation.syntax();
  request.limit = invocation.input_limit();
  request.now = system_clock()();
  request.notices = invocation.notices();
  return run_check(request);
}

std::size_t show_references_flow(const Invocation& invocation, const std::string& name,
                                 const std::vector<std::string>& configs,
                                 const std::function<void(const std::string&)>& show) {
  const ProjectFile& project = invocation.project();
  const bool own = configs.empty();
  const std::vector<std::string>& patterns = own ? project.configs : configs;
  const Notices& notices = invocation.notices();
  const std::size_t count = for_each_reference(
      patterns, own && !project.path.empty() ? project.path.parent_path() : working_directory(),
      name, invocation.syntax(), invocation.input_limit(), [&](const TemplateReference& ref) {
        show(to_string(ref.where) + ": " + ref.reference.display() + " in scope " +
             to_string(ref.scope));
      });
  if (patterns.empty()) {
    notices.caution(
        "no configs scanned for references (pass --config GLOB or set configs: in .hush.yaml)");
  }
  show(name + " is referenced " + std::to_string(count) + (count == 1 ? " time" : " times"));
  return count;
}

bool confirm_by_name(const std::string& name) {
  const std::optional<std::string> typed = prompt_visible("type " + name + " to delete it: ");
  if (!typed) {
    throw Error(ErrorKind::usage, "confirmation-required",
                "deleting " + name + " needs a typed confirmation; pass --yes in scripts");
  }
  return *typed == name;
}

std::vector<InjectedSecret> select_secrets(const Invocation& invocation,
                                           const SecretSelection& selection,
                                           std::size_t min_length) {
  std::vector<InjectedSecret> selected;
  if (!selection.config.empty()) {
    if (!selection.only.empty())
      throw Error(ErrorKind::usage, "conflicting-options", "give --only or --config, not both");
    const YamlSource config =
        parse_yaml_source(selection.config, read_file(selection.config, invocation.input_limit()));
    std::vector<Finding> findings;
    Resolver resolver =
        make_resolver(invocation.source_settings(selection.config), &config, findings);
    selected = referenced_secrets(config, resolver, invocation.syntax(), findings);
    invocation.notices().findings(findings);
    if (worst(findings) == Severity::error) {
      throw Error(ErrorKind::invalid_input, "unresolved",
                  selection.config + " has references that cannot be resolved");
    }
  } else {
    const Sidecar sidecar = load_existing_sidecar(invocation.sidecar_location().path);
    selected = sidecar_secrets(
        sidecar, unlock_sidecar(sidecar, invocation.key_inputs_with_prompt()), selection.only);
  }
  std::vector<std::string> names;
  for (const InjectedSecret& s : selected) {
    names.push_back(s.secret);
    invocation.journal().log_event("injected", {{"secret", s.secret}, {"as", s.env_name()}});
    if (!s.value->empty() && s.value->size() < min_length) {
      invocation.notices().caution("the value of " + s.env_name() + " is shorter than " +
                                   std::to_string(min_length) + " bytes and cannot be masked");
    }
  }
  invocation.audit_note(names, selection.config.empty()
                                   ? std::vector<std::string>{}
                                   : std::vector<std::string>{selection.config});
  return selected;
}

}  // namespace hush
