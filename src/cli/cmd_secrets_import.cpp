// `hush secrets import FILE.env`: every variable of a dotenv file becomes a secret, all or
// nothing (hush::parse_dotenv, then hush::add_secret / update_secret under one update_sidecar).
#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"

#include "core/base/clock.hpp"
#include "core/sidecar/dotenv.hpp"
#include "core/base/fsutil.hpp"
#include "core/sidecar/sidecar.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace hush::cli {
namespace {

struct ImportFlags {
  std::string file;
  MetadataFlags meta;
  bool update = false;  // existing names get a new version instead of an error
};

ExitStatus run_import(const ImportFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({}, {flags.file, path.string()});
  const Sidecar current = load_existing_sidecar(path);
  std::string text = read_file(flags.file);
  std::vector<DotenvEntry> entries = parse_dotenv(text, flags.file);
  wipe(text);
  std::vector<NamedSecret> values;
  std::vector<std::string> names;
  for (const DotenvEntry& e : entries) {
    values.push_back({e.name, e.value.clone()});
    names.push_back(e.name);
  }
  ctx.audit_note(names, {});
  ctx.console().remember(values);
  const std::chrono::sys_seconds now = system_clock()();
  std::size_t added = 0;
  std::size_t updated = 0;
  const std::optional<Keypair> keys = migration_keys(current, ctx);
  const auto import_all = [&](Sidecar& sidecar) {
    added = updated = 0;
    for (DotenvEntry& entry : entries) {
      if (sidecar.secrets.count(entry.name) != 0 && flags.update) {
        SecretChanges changes;
        changes.payload = SecretPayload{entry.value.clone(), {}};
        update_secret(sidecar, entry.name, std::move(changes), now);
        ++updated;
        continue;
      }
      NewSecret secret;
      secret.name = entry.name;
      secret.type = type_from(flags.meta.type);
      secret.payload.value = entry.value.clone();
      secret.description = flags.meta.description;
      secret.scopes = flags.meta.scopes;
      secret.tags = flags.meta.tags;
      secret.metadata = metadata_from(flags.meta.meta);
      secret.expires = expiry_from(flags.meta, now);
      try {
        add_secret(sidecar, std::move(secret), now);
      } catch (const Error& e) {
        throw Error(e.kind(), e.id(), e.message() + " (" + flags.file + " entry " + entry.name + ")",
                    entry.where);
      }
      ++added;
    }
  };
  write_sidecar(path, import_all, keys ? &*keys : nullptr, ctx);
  ctx.console().info("imported " + std::to_string(added) + " new and " + std::to_string(updated) +
                     " updated secrets into " + path.string());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_import_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* app = secrets.add_subcommand("import", "Import every variable of a dotenv file");
  app->add_option("file", flags->file, "The .env file")->required();
  app->add_flag("--update", flags->update, "Give existing secrets a new version");
  app->add_option("--description", flags->meta.description, "Description for new secrets");
  app->add_option("--type", flags->meta.type, "Type for new secrets");
  app->add_option("--scope", flags->meta.scopes, "Scope for new secrets (repeatable)");
  app->add_option("--tag", flags->meta.tags, "Tag for new secrets (repeatable)");
  app->add_option("--meta", flags->meta.meta, "KEY=VALUE metadata for new secrets");
  app->add_option("--expires-in", flags->meta.expires_in, "Expiry for new secrets");
  return {app, [flags, &ctx] { return run_import(*flags, ctx); }, "secrets.import"};
}

}  // namespace hush::cli
