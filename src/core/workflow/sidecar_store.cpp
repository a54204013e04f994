#include "core/workflow/sidecar_store.hpp"

#include <system_error>
#include <utility>

namespace hush {

Sidecar load_existing_sidecar(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) {
    throw Error(ErrorKind::io, "missing-sidecar",
                "sidecar " + path.string() + " does not exist; create it with `hush init`",
                Location{path.string(), 0, 0});
  }
  return load_sidecar(path);
}

SidecarStore::SidecarStore(std::filesystem::path path, Sidecar sidecar, KeySupply keys,
                           const Notices& notices, Touched& touched)
    : m_path(std::move(path)),
      m_sidecar(std::move(sidecar)),
      m_keys(std::move(keys)),
      m_notices(&notices),
      m_touched(&touched) {}

// The path is noted before the file is read, so a failed attempt is audited with what it aimed at.
SidecarStore SidecarStore::open(const SidecarQuery& query, KeySupply keys, const Notices& notices,
                                Touched& touched) {
  std::filesystem::path path = locate_sidecar(query).path;
  touched.note({}, {path.string()});
  Sidecar sidecar = load_existing_sidecar(path);
  return SidecarStore(std::move(path), std::move(sidecar), std::move(keys), notices, touched);
}

const SidecarEntry& SidecarStore::entry(std::string_view name) {
  note(std::string(name));
  return find_secret(m_sidecar, name);
}

Keypair SidecarStore::unlock() const {
  const KeyInputs& held = m_keys.inputs;
  KeyInputs inputs{
      .key_base64 = held.key_base64 ? std::optional(held.key_base64->clone()) : std::nullopt,
      .key_file = held.key_file,
      .keys_dir = held.keys_dir,
      .passphrase = held.passphrase ? held.passphrase : m_keys.ask_passphrase};
  return unlock_sidecar(m_sidecar, inputs);
}

std::optional<Keypair> SidecarStore::keys_at_hand(std::string_view without) const {
  try {
    return find_keypair(m_keys.inputs, m_sidecar.key_id, m_sidecar.kdf);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::key) throw;
    m_notices->caution(std::string(without) + ": " + error.message());
    return std::nullopt;
  }
}

std::optional<Keypair> SidecarStore::migration_keys() const {
  if (!needs_migration(m_sidecar)) return std::nullopt;
  return keys_at_hand("values sealed in the old format are not migrated");
}

void SidecarStore::update(const std::function<void(Sidecar&)>& change) {
  update_sidecar(m_path, [&](Sidecar& sidecar) {
    change(sidecar);
    m_sidecar = sidecar;
  });
}

void SidecarStore::write(const std::function<void(Sidecar&)>& change) {
  const std::optional<Keypair> keys = migration_keys();
  write(change, keys ? &*keys : nullptr);
}

void SidecarStore::write(const std::function<void(Sidecar&)>& change, const Keypair* keys) {
  std::optional<MigrationResult> migrated;
  std::size_t left = 0;
  update_sidecar(m_path, [&](Sidecar& sidecar) {
    change(sidecar);
    if (keys != nullptr && needs_migration(sidecar)) migrated = migrate_sidecar(sidecar, *keys);
    left = legacy_value_count(sidecar);
    m_sidecar = sidecar;
  });
  if (migrated && migrated->resealed != 0) {
    m_notices->say("re-sealed " + std::to_string(migrated->resealed) + " old values in " +
                   m_path.string() + " in seal format 2 (type and fields bound)");
  }
  if (migrated) {
    for (const Error& failed : migrated->failed) {
      m_notices->caution("not migrated: " + failed.message());
    }
  } else if (left != 0) {
    m_notices->say(std::to_string(left) + (left == 1 ? " value is" : " values are") +
                   " still sealed in the old format (type not bound); run `hush secrets "
                   "migrate` with the private key to re-seal them");
  }
}

}  // namespace hush
