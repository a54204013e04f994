// hush/sidecar.hpp — the encrypted sidecar (`<stem>.secrets.yaml` beside a config): plaintext
// metadata and, per secret, a value sealed to the sidecar's public key and bound to its name,
// version, scopes, type and field names (so a moved or edited ciphertext is detected). Adding and
// updating need only the public key; revealing needs the private key. A SidecarFile backed by a
// file writes every change under an exclusive lock, re-reading the file first and replacing it
// atomically (mode 0600), so concurrent writers in any process never lose an update.
//
//   hush::SidecarFile sidecar = hush::SidecarFile::open("config.secrets.yaml");
//   sidecar.add({.name = "DB_PASSWORD", .type = "password", .value = hush::SecretValue("s3cret"),
//                .scopes = {"service:database"}});
//   for (const hush::StoredSecret& s : sidecar.list()) std::cout << s.name << " " << s.status;
//   hush::SidecarKey key = sidecar.unlock(hush::KeyLookup::from_process_environment());
//   hush::SecretValue value = sidecar.reveal("DB_PASSWORD", key);
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <hush/keys.hpp>
#include <hush/secret.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// What the sidecar holds about one secret, never its value.
struct StoredSecret {
  std::string name{};
  std::string type{};  // generic, password, api-key, bearer, basic, client-credentials, …, kv
  std::string description{};
  std::vector<std::string> scopes{};  // scope patterns; empty: usable everywhere
  std::vector<std::string> tags{};
  std::map<std::string, std::string> labels{};  // the entry's `metadata:` map
  std::vector<std::string> fields{};            // field names of multi-field types, sorted
  std::chrono::sys_seconds created{};
  std::chrono::sys_seconds updated{};  // when the current version was written
  std::optional<std::chrono::sys_seconds> expires{};
  std::optional<std::chrono::seconds> rotate_every{};
  std::uint64_t version = 1;
  // "active", "expiring" (within notify_before, else 30 days), "expired", "rotation-due" (past
  // updated + rotate_every, or within notify_before of it)
  std::string status{};
  std::optional<std::chrono::seconds> notify_before{};  // how long before either to warn
};

// A new secret. Single-value types take `value`; basic (password, username),
// client-credentials (client_id, client_secret, token_url), certificate (certificate,
// private_key) and kv (any) take `fields`. Movable, not copyable.
struct SecretDraft {
  std::string name{};
  std::string type = "generic";
  SecretValue value{};
  std::vector<NamedSecret> fields{};
  std::string description{};
  std::vector<std::string> scopes{};
  std::vector<std::string> tags{};
  std::map<std::string, std::string> labels{};
  std::optional<std::chrono::sys_seconds> expires{};
  std::optional<std::chrono::seconds> rotate_every{};
  std::optional<std::chrono::seconds> notify_before{};  // warn this long before expiry or rotation
};

// A change to an existing secret; unset members stay as they are. A new value (or new fields)
// makes a new version. Movable, not copyable.
struct SecretEdit {
  std::optional<SecretValue> value{};
  std::vector<NamedSecret> fields{};  // empty: fields unchanged
  std::optional<std::string> type{};
  std::optional<std::string> description{};
  std::optional<std::vector<std::string>> scopes{};
  std::optional<std::vector<std::string>> tags{};
};

// How SidecarFile::create makes the keypair. Movable, not copyable.
struct SidecarCreateOptions {
  std::string environment{};         // recorded in the file (e.g. "prod")
  std::filesystem::path keys_dir{};  // where a random key is stored; empty: keys_directory()
  // Derive the keypair from this passphrase (Argon2id, about a second) instead; nothing stored.
  std::optional<SecretValue> passphrase{};
};

// A sidecar: the file's model, backed by that file or held only in memory. Not thread-safe: one
// thread at a time per object (other processes are serialised by the file lock). Movable, not
// copyable.
class SidecarFile {
 public:
  // A new keypair and an empty sidecar at `path`. Throws Error(invalid_input, "sidecar-exists")
  // when `path` exists (nothing is written), Error(key, "key-exists") when the key file exists,
  // Error(io) when a file cannot be written.
  [[nodiscard]] static SidecarFile create(const std::filesystem::path& path,
                                          const SidecarCreateOptions& options = {});
  // Reads and parses the sidecar at `path`. Throws Error(io, "unreadable-file"), Error(syntax,
  // "yaml-syntax") and Error(invalid_input, "sidecar-invalid") at path:line:column.
  [[nodiscard]] static SidecarFile open(const std::filesystem::path& path);
  // A sidecar held in memory only, from its file text named `path` in messages; parse errors
  // as open().
  [[nodiscard]] static SidecarFile parse(std::string path, std::string_view text);
  // An empty sidecar for `key`, held in memory only (for tests and embedders that keep their
  // own storage; text() is its file form).
  [[nodiscard]] static SidecarFile in_memory(const SidecarKey& key, std::string environment = {});

  ~SidecarFile();
  SidecarFile(SidecarFile&&) noexcept;
  SidecarFile& operator=(SidecarFile&&) noexcept;
  SidecarFile(const SidecarFile&) = delete;
  SidecarFile& operator=(const SidecarFile&) = delete;

  // The backing file; empty for a sidecar held in memory.
  [[nodiscard]] const std::filesystem::path& path() const;
  [[nodiscard]] std::string environment() const;
  [[nodiscard]] std::string key_id() const;
  [[nodiscard]] bool passphrase_protected() const;

  // Secret names, sorted. No key needed, nothing decrypted.
  [[nodiscard]] std::vector<std::string> names() const;
  // Every secret's metadata, sorted by name; status as of now.
  [[nodiscard]] std::vector<StoredSecret> list() const;
  // The metadata of `name`, or nullopt.
  [[nodiscard]] std::optional<StoredSecret> find(std::string_view name) const;

  // Adds version 1 of a secret, sealed to the public key. Throws Error(invalid_input) with id
  // "missing-name", "invalid-name", "missing-value", "invalid-fields", "invalid-type" or
  // "secret-exists"; for a file, also what reading or writing it throws. Nothing changes then.
  void add(SecretDraft draft);
  // Changes `name`. Changing scopes or the type without a new value re-seals the current value
  // and needs `key`. Throws Error(invalid_input) "unknown-secret", "no-changes", the add()
  // validation errors, and Error(key, "missing-key") when `key` is needed but null.
  void update(std::string_view name, SecretEdit edit, const SidecarKey* key = nullptr);
  // Removes `name`. Throws Error(invalid_input, "unknown-secret") with suggestions.
  void remove(std::string_view name);
  // Re-reads the backing file (no-op in memory); open()'s errors.
  void reload();

  // The private key for this sidecar from `lookup` (a passphrase is asked for passphrase
  // sidecars). Throws what SidecarKey::load throws; one Argon2id run for a passphrase.
  [[nodiscard]] SidecarKey unlock(const KeyLookup& lookup) const;
  // The plaintext of `name` (or of its `field` for multi-field secrets), announced to the reveal
  // registry. Throws Error(invalid_input) "unknown-secret", "multi-field-secret" (no field given),
  // "unknown-field"; Error(key, "wrong-key") for another sidecar's key; Error(tampered,
  // "tampered-value") when the sealed value or its binding was modified.
  [[nodiscard]] SecretValue reveal(std::string_view name, const SidecarKey& key,
                                   std::string_view field = {}) const;
  // The file form (deterministic; metadata in the clear, values sealed).
  [[nodiscard]] std::string text() const;

 private:
  friend struct detail::ApiAccess;
  struct Impl;
  explicit SidecarFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
