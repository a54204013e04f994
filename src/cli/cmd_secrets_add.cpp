// `hush secrets add`: flags in, hush::add_secret() under update_sidecar() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/env_names.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct AddFlags {
  std::string name;
  ValueFlags value;
  MetadataFlags meta;
};

ExitStatus run_add(AddFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({flags.name}, {path.string()});
  const Sidecar current = load_existing_sidecar(path);
  if (const auto problem = secret_name_problem(flags.name)) {
    throw Error(ErrorKind::invalid_input, flags.name.empty() ? "missing-name" : "invalid-name",
                *problem);
  }
  if (const auto warning = dangerous_name_warning(flags.name)) ctx.console().warn(*warning);
  const std::chrono::sys_seconds now = system_clock()();
  NewSecret secret;
  secret.name = flags.name;
  secret.type = type_from(flags.meta.type);
  secret.payload = read_payload(flags.value, secret.type, ctx, true).value_or(SecretPayload{});
  secret.description = flags.meta.description;
  secret.scopes = flags.meta.scopes;
  secret.tags = flags.meta.tags;
  secret.metadata = metadata_from(flags.meta.meta);
  secret.expires = expiry_from(flags.meta, now);
  if (!flags.meta.rotate_every.empty())
    secret.rotate_every = parse_duration(flags.meta.rotate_every);
  const std::optional<Keypair> keys = migration_keys(current, ctx);
  write_sidecar(
      path, [&](Sidecar& sidecar) { add_secret(sidecar, std::move(secret), now); },
      keys ? &*keys : nullptr, ctx);
  ctx.console().info("added " + flags.name + " (version 1) to " + path.string());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_add_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<AddFlags>();
  CLI::App* app = secrets.add_subcommand("add", "Add a secret (the public key is enough)");
  app->add_option("name", flags->name, "UPPER_SNAKE_CASE name; immutable once added");
  add_value_options(*app, flags->value);
  add_metadata_options(*app, flags->meta);
  return {app, [flags, &ctx] { return run_add(*flags, ctx); }, "secrets.add"};
}

}  // namespace hush::cli
