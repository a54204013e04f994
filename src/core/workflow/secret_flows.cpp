#include "core/workflow/secret_flows.hpp"

#include "core/base/env_names.hpp"
#include "core/base/names.hpp"

namespace hush {

void add_secret_flow(SidecarStore& store, const std::string& name, const MetadataText& text,
                     const PayloadReader& read, std::chrono::sys_seconds now) {
  if (const auto problem = secret_name_problem(name)) {
    throw Error(ErrorKind::invalid_input, name.empty() ? "missing-name" : "invalid-name", *problem);
  }
  if (const auto warning = dangerous_name_warning(name)) store.notices().caution(*warning);
  const SecretType type = type_from(text.type);
  NewSecret secret = new_secret_from(name, text, read(type, true).value_or(SecretPayload{}), now);
  store.write([&](Sidecar& sidecar) { add_secret(sidecar, std::move(secret), now); });
  store.notices().say("added " + name + " (version 1) to " + store.path().string());
}

void update_secret_flow(SidecarStore& store, const std::string& name, const MetadataText& text,
                        ClearFlags clear, const PayloadReader& read, std::chrono::sys_seconds now) {
  const SidecarEntry& entry = store.entry(name);
  const SecretType type = text.type.empty() ? entry.type : type_from(text.type);
  SecretChanges changes = changes_from(text, clear, read(type, false), now);
  // The private key is optional here: with it, an unchanged value is recognised and scopes can
  // be re-bound; without it hush still writes (a write-only member).
  const std::optional<Keypair> keys =
      store.keys_at_hand("the value is written without comparing or re-binding it");
  std::uint64_t version = 0;
  store.write(
      [&](Sidecar& sidecar) {
        update_secret(sidecar, name, std::move(changes), now, keys ? &*keys : nullptr);
        version = find_secret(sidecar, name).version;
      },
      keys ? &*keys : nullptr);
  store.notices().say("updated " + name + " (version " + std::to_string(version) + ")");
}

std::size_t for_each_reference(const std::vector<std::string>& patterns,
                               const std::filesystem::path& base, const std::string& name,
                               Syntax syntax, InputLimit limit,
                               const std::function<void(const TemplateReference&)>& each) {
  std::size_t count = 0;
  for (const std::filesystem::path& config : expand_globs(patterns, base)) {
    const YamlSource source = parse_yaml_source(config.string(), read_file(config, limit));
    for (const TemplateReference& ref : references_to(source, name, syntax)) {
      each(ref);
      ++count;
    }
  }
  return count;
}

void remove_secret_flow(SidecarStore& store, const std::string& name) {
  store.write([&](Sidecar& sidecar) { remove_secret(sidecar, name); });
  store.notices().say("deleted " + name + " and its history from " + store.path().string());
}

void rollback_secret_flow(SidecarStore& store, const std::string& name, std::uint64_t to,
                          std::chrono::sys_seconds now) {
  (void)store.entry(name);
  const Keypair keys = store.unlock();
  std::uint64_t version = 0;
  store.write([&](Sidecar& sidecar) { version = rollback_secret(sidecar, name, to, now, keys); },
              &keys);
  store.notices().say("rolled " + name + " back to the value of version " + std::to_string(to) +
                      " as version " + std::to_string(version));
}

void rotate_secret_flow(SidecarStore& store, const std::string& name, const PayloadReader& read,
                        std::chrono::sys_seconds now) {
  const SecretType type = store.entry(name).type;
  const Keypair keys = store.unlock();
  SecretPayload payload = read(type, true).value_or(SecretPayload{});
  std::uint64_t version = 0;
  store.write(
      [&](Sidecar& sidecar) {
        version = rotate_secret(sidecar, name, std::move(payload), now, keys);
      },
      &keys);
  store.notices().say("rotated " + name + " (version " + std::to_string(version) + ")");
}

std::vector<Error> migrate_secrets_flow(SidecarStore& store) {
  const std::string path = store.path().string();
  if (!needs_migration(store.sidecar())) {
    store.notices().say("nothing to migrate: every value in " + path + " is sealed in format 2");
    return {};
  }
  const Keypair keys = store.unlock();
  MigrationResult result;
  store.update([&](Sidecar& sidecar) { result = migrate_sidecar(sidecar, keys); });
  store.notices().say("migrated " + std::to_string(result.resealed) +
                      (result.resealed == 1 ? " value in " : " values in ") + path +
                      " to seal format 2 (type and fields bound)");
  return std::move(result.failed);
}

SecretBuffer reveal_secret_flow(SidecarStore& store, const std::string& name, std::uint64_t version,
                                const std::string& field) {
  (void)store.entry(name);
  const Keypair keys = store.unlock();
  const SecretPayload payload =
      reveal_secret(store.sidecar(), name, keys,
                    version != 0 ? std::optional<std::uint64_t>(version) : std::nullopt);
  return payload_text(payload, field, name);
}

}  // namespace hush
