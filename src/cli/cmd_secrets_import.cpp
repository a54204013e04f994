// `hush secrets import FILE.env`: every variable of a dotenv file becomes a secret, all or
// nothing (hush::parse_dotenv, then hush::add_secret / update_secret under one update_sidecar).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/sidecar/dotenv.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct ImportFlags {
  std::string file;
  MetadataFlags meta;
  bool update = false;  // existing names get a new version instead of an error
};

// A new secret for `entry` with the metadata flags.
NewSecret new_secret(const DotenvEntry& entry, const ImportFlags& flags,
                     std::chrono::sys_seconds now) {
  NewSecret secret;
  secret.name = entry.name;
  secret.type = type_from(flags.meta.type);
  secret.payload.value = entry.value.clone();
  secret.description = flags.meta.description;
  secret.scopes = flags.meta.scopes;
  secret.tags = flags.meta.tags;
  secret.metadata = metadata_from(flags.meta.meta);
  secret.expires = expiry_from(flags.meta, now);
  return secret;
}

struct ImportCounts {
  std::size_t added = 0;
  std::size_t updated = 0;
};

// Adds (or, with --update, updates) every entry in `sidecar`; all or nothing with update_sidecar.
ImportCounts import_entries(Sidecar& sidecar, const std::vector<DotenvEntry>& entries,
                            const ImportFlags& flags, std::chrono::sys_seconds now) {
  ImportCounts counts;
  for (const DotenvEntry& entry : entries) {
    if (sidecar.secrets.count(entry.name) != 0 && flags.update) {
      SecretChanges changes;
      changes.payload = SecretPayload{entry.value.clone(), {}};
      update_secret(sidecar, entry.name, std::move(changes), now);
      ++counts.updated;
      continue;
    }
    NewSecret secret = new_secret(entry, flags, now);
    try {
      add_secret(sidecar, std::move(secret), now);
    } catch (const Error& e) {
      throw Error(e.kind(), e.id(), e.message() + " (" + flags.file + " entry " + entry.name + ")",
                  entry.where);
    }
    ++counts.added;
  }
  return counts;
}

ExitStatus run_import(const ImportFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({}, {flags.file, path.string()});
  const Sidecar current = load_existing_sidecar(path);
  // Read into secure memory; each value is copied from there into its own SecretValue.
  const std::vector<DotenvEntry> entries =
      parse_dotenv(read_secret_file(flags.file, k_import_file_limit).reveal(), flags.file);
  std::vector<NamedSecret> values;
  std::vector<std::string> names;
  for (const DotenvEntry& e : entries) {
    values.push_back({e.name, e.value.clone()});
    names.push_back(e.name);
  }
  ctx.audit_note(names, {});
  ctx.console().remember(values);
  const std::chrono::sys_seconds now = system_clock()();
  ImportCounts counts;
  const std::optional<Keypair> keys = migration_keys(current, ctx);
  write_sidecar(
      path, [&](Sidecar& sidecar) { counts = import_entries(sidecar, entries, flags, now); },
      keys ? &*keys : nullptr, ctx);
  ctx.console().info("imported " + std::to_string(counts.added) + " new and " +
                     std::to_string(counts.updated) + " updated secrets into " + path.string());
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
