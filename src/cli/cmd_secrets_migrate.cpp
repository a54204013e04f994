// `hush secrets migrate`: re-seal every value still sealed as enc:v1 (hush1, which binds no type
// or field names) as enc:v2, with the private key (hush::migrate_sidecar under update_sidecar).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

ExitStatus run_migrate(const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({}, {path.string()});
  const Sidecar current = load_existing_sidecar(path);
  if (!needs_migration(current)) {
    ctx.console().info("nothing to migrate: every value in " + path.string() +
                       " is sealed in format 2");
    return ExitStatus::ok;
  }
  const Keypair keys = unlock_sidecar(current, key_inputs_with_prompt(ctx));
  MigrationResult result;
  update_sidecar(path, [&](Sidecar& sidecar) { result = migrate_sidecar(sidecar, keys); });
  ctx.console().info("migrated " + std::to_string(result.resealed) +
                     (result.resealed == 1 ? " value in " : " values in ") + path.string() +
                     " to seal format 2 (type and fields bound)");
  for (const Error& failed : result.failed) ctx.console().error(failed);
  return result.failed.empty() ? ExitStatus::ok : ExitStatus::key;
}

}  // namespace

Command add_secrets_migrate_command(CLI::App& secrets, Context& ctx) {
  CLI::App* app = secrets.add_subcommand(
      "migrate", "Re-seal values sealed by an older hush so their type and fields are bound");
  return {app, [&ctx] { return run_migrate(ctx); }, "secrets.migrate"};
}

}  // namespace hush::cli
