// The sequence every sidecar command shares: find the sidecar, open it, find a secret, get the
// keys with one prompting policy, and change it under the lock (migrating enc:v1 values when the
// private key is at hand), noting what was touched for the audit record.
//
// The prompting policy: the passphrase is asked for (through KeySupply::ask_passphrase, which the
// caller provides; core never touches a terminal) only by unlock(), when the operation cannot go
// on without the private key. A key that is merely useful (to migrate, to compare, to re-bind) is
// taken only when it is at hand without asking, and a key that does not fit is then a warning.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/keystore.hpp"
#include "core/resolve/resolver_setup.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/workflow/notices.hpp"

namespace hush {

// Where private keys come from.
struct KeySupply {
  KeyInputs inputs{};  // HUSH_KEY, HUSH_KEY_FILE, the keys directory, HUSH_PASSPHRASE
  // Asked for a passphrase only by SidecarStore::unlock (a no-echo prompt in the CLI); empty:
  // never ask.
  std::function<std::optional<SecretValue>()> ask_passphrase{};
};

// Loads the sidecar at `path`; a missing file is Error(io, "missing-sidecar") located at `path`,
// suggesting `hush init`; otherwise load_sidecar's errors.
[[nodiscard]] Sidecar load_existing_sidecar(const std::filesystem::path& path);

// One opened sidecar. Holds the file as read when opened; writes re-read it under the lock.
// Move-only (owns the key supply); not thread-safe.
class SidecarStore {
 public:
  // locate_sidecar(`query`) (its Error(usage, "no-sidecar") and "no-environment"), notes the
  // path in `touched`, then load_existing_sidecar. `notices` and `touched` must outlive the store.
  [[nodiscard]] static SidecarStore open(const SidecarQuery& query, KeySupply keys,
                                         const Notices& notices, Touched& touched);
  SidecarStore(SidecarStore&&) noexcept = default;
  SidecarStore(const SidecarStore&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] const Sidecar& sidecar() const { return m_sidecar; }
  [[nodiscard]] const Notices& notices() const { return *m_notices; }
  // Notes `name` as touched, then find_secret (Error(invalid_input, "unknown-secret") with
  // suggestions).
  const SidecarEntry& entry(std::string_view name);
  // Notes `name` as touched, without looking it up.
  void note(const std::string& name) { m_touched->note({name}, {}); }

  // The private key, required: the key inputs, else the passphrase asked for. Error(key, …) as
  // unlock_sidecar.
  [[nodiscard]] Keypair unlock() const;
  // The private key when at hand without asking; a key error is warned about as
  // "`without`: <message>" and gives nullopt.
  [[nodiscard]] std::optional<Keypair> keys_at_hand(std::string_view without) const;
  // keys_at_hand when the sidecar holds enc:v1 values (to migrate them), else nullopt.
  [[nodiscard]] std::optional<Keypair> migration_keys() const;

  // update_sidecar(path(), change) that, with `keys`, also re-seals every enc:v1 value in the
  // same locked write, then says what it re-sealed, what did not open or, without `keys`, how
  // many old values are left.
  void write(const std::function<void(Sidecar&)>& change, const Keypair* keys);
  // write() with migration_keys(): for changes that need only the public key.
  void write(const std::function<void(Sidecar&)>& change);
  // update_sidecar(path(), change) alone: no migration, nothing said.
  void update(const std::function<void(Sidecar&)>& change);

 private:
  SidecarStore(std::filesystem::path path, Sidecar sidecar, KeySupply keys, const Notices& notices,
               Touched& touched);

  std::filesystem::path m_path;
  Sidecar m_sidecar;
  KeySupply m_keys;
  const Notices* m_notices;
  Touched* m_touched;
};

}  // namespace hush
