// `hush secrets update`: flags in, hush::update_secret() under update_sidecar() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/crypto/keystore.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct UpdateFlags {
  std::string name;
  ValueFlags value;
  MetadataFlags meta;
  bool clear_expiry = false;
  bool clear_rotation = false;
};

SecretChanges changes_from(const UpdateFlags& flags, const SidecarEntry& entry, const Context& ctx,
                           std::chrono::sys_seconds now) {
  SecretChanges changes;
  const SecretType type = flags.meta.type.empty() ? entry.type : type_from(flags.meta.type);
  changes.payload = read_payload(flags.value, type, ctx, false);
  if (!flags.meta.type.empty()) changes.type = type;
  if (!flags.meta.description.empty()) changes.description = flags.meta.description;
  if (!flags.meta.scopes.empty()) changes.scopes = flags.meta.scopes;
  if (!flags.meta.tags.empty()) changes.tags = flags.meta.tags;
  for (const auto& [key, value] : metadata_from(flags.meta.meta)) {
    changes.metadata[key] = value.empty() ? std::nullopt : std::optional<std::string>(value);
  }
  if (flags.clear_expiry) {
    changes.expires = std::optional<std::chrono::sys_seconds>();
  } else if (auto expires = expiry_from(flags.meta, now)) {
    changes.expires = expires;
  }
  if (flags.clear_rotation) {
    changes.rotate_every = std::optional<std::chrono::seconds>();
  } else if (!flags.meta.rotate_every.empty()) {
    changes.rotate_every = parse_duration(flags.meta.rotate_every);
  }
  return changes;
}

ExitStatus run_update(const UpdateFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({flags.name}, {path.string()});
  const Sidecar current = load_existing_sidecar(path);
  const SidecarEntry& entry = find_secret(current, flags.name);
  const std::chrono::sys_seconds now = system_clock()();
  SecretChanges changes = changes_from(flags, entry, ctx, now);
  // The private key is optional here: with it, an unchanged value is recognised and scopes can
  // be re-bound; without it hush still writes (a write-only member).
  const std::optional<Keypair> keys = find_keypair(ctx.key_inputs(), current.key_id, current.kdf);
  std::uint64_t version = 0;
  write_sidecar(
      path,
      [&](Sidecar& sidecar) {
        update_secret(sidecar, flags.name, std::move(changes), now, keys ? &*keys : nullptr);
        version = find_secret(sidecar, flags.name).version;
      },
      keys ? &*keys : nullptr, ctx);
  ctx.console().info("updated " + flags.name + " (version " + std::to_string(version) + ")");
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_update_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<UpdateFlags>();
  CLI::App* app = secrets.add_subcommand(
      "update", "Change a secret's value (a new version) or metadata; the name never changes");
  app->add_option("name", flags->name, "The secret")->required();
  add_value_options(*app, flags->value);
  add_metadata_options(*app, flags->meta);
  app->add_flag("--clear-expiry", flags->clear_expiry, "Remove the expiry date");
  app->add_flag("--clear-rotation", flags->clear_rotation, "Remove the rotation period");
  return {app, [flags, &ctx] { return run_update(*flags, ctx); }, "secrets.update"};
}

}  // namespace hush::cli
