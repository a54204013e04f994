// `hush secrets get`: flags in, hush::reveal_secret() out. The one way to see a value.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct GetFlags {
  std::string name;
  std::uint64_t version = 0;  // 0: current
  std::string field;
};

// A multi-field secret prints as NAME=value lines (dotenv double-quoted), or one field alone.
// Built in secure memory: the text is the value itself.
SecretBuffer payload_text(const SecretPayload& payload, const std::string& field,
                          const std::string& name) {
  if (payload.fields.empty()) {
    if (!field.empty()) {
      throw Error(ErrorKind::invalid_input, "unknown-field", "secret " + name + " has no fields");
    }
    return SecretBuffer(payload.value.reveal());
  }
  SecretBuffer out;
  std::vector<std::string> names;
  for (const NamedSecret& f : payload.fields) {
    names.push_back(f.name);
    if (!field.empty()) {
      if (f.name == field) return SecretBuffer(f.value.reveal());
      continue;
    }
    out.append(f.name);
    out.push_back('=');
    append_json_quoted(out, f.value.reveal());
    out.push_back('\n');
  }
  if (!field.empty()) {
    throw Error(
        ErrorKind::invalid_input, "unknown-field",
        "secret " + name + " has no field " + field + " (fields: " + join(names, ", ") + ")");
  }
  return out;
}

ExitStatus run_get(const GetFlags& flags, const Context& ctx) {
  const Sidecar sidecar = load_existing_sidecar(secrets_path(ctx));
  ctx.audit_note({flags.name}, {secrets_path(ctx).string()});
  (void)find_secret(sidecar, flags.name);
  const Keypair keys = unlock_sidecar(sidecar, key_inputs_with_prompt(ctx));
  const SecretPayload payload =
      reveal_secret(sidecar, flags.name, keys,
                    flags.version ? std::optional<std::uint64_t>(flags.version) : std::nullopt);
  SecretBuffer text = payload_text(payload, flags.field, flags.name);
  // A terminal gets a final newline; a pipe gets the exact bytes.
  if (::isatty(STDOUT_FILENO) == 1 && (text.empty() || text.reveal().back() != '\n')) {
    text.push_back('\n');
  }
  ctx.console().deliver(text);
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_get_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<GetFlags>();
  CLI::App* app = secrets.add_subcommand("get", "Reveal one value (needs the private key)");
  app->add_option("name", flags->name, "The secret")->required();
  app->add_option("--version", flags->version, "An earlier version");
  app->add_option("--field", flags->field, "One field of a multi-field secret");
  return {app, [flags, &ctx] { return run_get(*flags, ctx); }, "secrets.get"};
}

}  // namespace hush::cli
