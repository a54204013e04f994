// hush/sidecar.hpp — the encrypted sidecar (`<stem>.secrets.yaml`): its model, its YAML form
// (parsed with located errors, written deterministically and atomically under a lock), the
// operations of `hush init` and `hush secrets …`, and SidecarSource for rendering. Metadata is
// plaintext; every value is sealed to the sidecar's public key and bound to its name, version,
// scopes, type and field names. Adding or updating needs only the public key; revealing, rolling
// back, rotating and migrating need the private key.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <hush/error.hpp>
#include <hush/source.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/clock.hpp"
#include "core/base/names.hpp"
#include "core/crypto/crypto.hpp"
#include "core/crypto/keystore.hpp"

namespace hush {

struct YamlSource;  // core/yaml/yaml_source.hpp

enum class SecretType {
  generic,
  password,
  api_key,
  bearer,
  basic,
  client_credentials,
  certificate,
  kv
};
// "generic", "password", "api-key", "bearer", "basic", "client-credentials", "certificate", "kv".
[[nodiscard]] std::string_view to_string(SecretType type);
// Nullopt for an unknown name.
[[nodiscard]] std::optional<SecretType> parse_secret_type(std::string_view text);
// basic, client-credentials, certificate and kv hold fields; the others one value.
[[nodiscard]] bool is_multi_field(SecretType type);
// The exact, sorted field set of basic (password, username), client-credentials (client_id,
// client_secret, token_url) and certificate (certificate, private_key); empty for kv (any
// fields) and single-value types.
[[nodiscard]] const std::vector<std::string>& required_fields(SecretType type);

// An earlier version of a value, kept for `versions`, `get --version` and `rollback`.
struct SealedVersion {
  std::uint64_t version = 0;
  std::chrono::sys_seconds created{};
  std::string value{};  // enc:v2:… (enc:v1:… until migrated)
  friend bool operator==(const SealedVersion&, const SealedVersion&) = default;
};

// One secret: plaintext metadata and its sealed value (the map key in Sidecar is its name).
struct SidecarEntry {
  std::string description{};
  SecretType type = SecretType::generic;
  std::vector<std::string> scopes{};  // empty: usable everywhere
  std::vector<std::string> tags{};
  std::map<std::string, std::string> metadata{};
  std::chrono::sys_seconds created{};
  std::chrono::sys_seconds updated{};  // when the current version was written
  std::optional<std::chrono::sys_seconds> expires{};
  std::optional<std::chrono::seconds> rotate_every{};
  // How long before `expires` (and before updated + rotate_every) to warn; unset: the caller's
  // window for expiry (14 days in `hush check`), none for rotation.
  std::optional<std::chrono::seconds> notify_before{};
  std::uint64_t version = 1;
  std::vector<std::string> fields{};  // field names of multi-field types, sorted
  std::string value{};  // enc:v2:… or enc:v1:… (the encoded field map for multi-field types)
  std::vector<SealedVersion> history{};  // older versions, oldest first
  friend bool operator==(const SidecarEntry&, const SidecarEntry&) = default;
};

// Format 2 may hold enc:v2 values (seal format hush2, crypto.hpp) and notify_before; format 1
// holds only enc:v1 values and neither, so a hush that reads only format 1 refuses a file it could
// not open rather than reporting its new values as tampered. notify_before needs no format 3: a
// format-2 hush that predates it refuses the key by name (the parser refuses unknown keys), and a
// file without it is written exactly as before.
inline constexpr int k_sidecar_format = 2;
inline constexpr std::string_view k_sidecar_header =
    "# Managed by hush; values are encrypted, metadata is not. Edit with `hush secrets`.";

// A whole sidecar file. Copyable plain data; not thread-safe.
struct Sidecar {
  std::string environment{};
  std::string key_id{};                                        // key_id_for(public_key)
  std::string public_key{};                                    // raw bytes (base64 in the file)
  std::optional<KdfParams> kdf{};                              // passphrase sidecars only
  std::map<std::string, SidecarEntry, std::less<>> secrets{};  // sorted by name
  friend bool operator==(const Sidecar&, const Sidecar&) = default;
};

// `<dir>/<stem>.secrets.yaml`, or `<dir>/<stem>.secrets.<environment>.yaml` when `environment`
// is not empty, beside `config`.
[[nodiscard]] std::filesystem::path default_sidecar_path(const std::filesystem::path& config,
                                                         std::string_view environment);
// The format a file holding `sidecar` needs: 2 when any value (current or history) is sealed as
// enc:v2 or any entry has notify_before, else 1 (so a sidecar nobody has written a new value to
// stays readable by older hush).
[[nodiscard]] int sidecar_format(const Sidecar& sidecar);
// Parses sidecar `text` (named `path` in messages). Throws Error(syntax, "yaml-syntax") for
// broken YAML, Error(invalid_input, "kdf-params") at the limit's path:line:column for Argon2id
// limits outside k_kdf_min_* to k_kdf_max_* (refused before any key is derived), and
// Error(invalid_input, "sidecar-invalid") at path:line:column for anything else that is not a
// format-1 or format-2 sidecar: unknown or duplicate keys, wrong node kinds, a bad type, version,
// date, duration, name, field set, base64, a key_id that does not match public_key, or an enc:v2
// value or a notify_before in a format-1 file.
[[nodiscard]] Sidecar parse_sidecar(const std::string& path, std::string_view text);
// The same for text already parsed as YAML (named source.path in messages).
[[nodiscard]] Sidecar parse_sidecar(const YamlSource& source);
// The file text: k_sidecar_header, `hush: sidecar_format(sidecar)`, then the model with entries
// sorted by name. Deterministic:
// emit_sidecar(parse_sidecar(p, emit_sidecar(s))) == emit_sidecar(s).
[[nodiscard]] std::string emit_sidecar(const Sidecar& sidecar);
// read_file + parse_sidecar. Throws Error(io, "unreadable-file") when `path` is missing.
[[nodiscard]] Sidecar load_sidecar(const std::filesystem::path& path);
// Writes `sidecar` atomically with mode 0600 while holding FileLock(path). Prefer
// update_sidecar for read-modify-write.
void save_sidecar(const std::filesystem::path& path, const Sidecar& sidecar);
// Takes FileLock(path), re-reads the file, applies `change`, and writes the result atomically
// (not at all when `change` left the model equal or threw; its exception propagates). Concurrent
// callers in any process are serialised, so no update is lost. Blocks while another holds the
// lock.
void update_sidecar(const std::filesystem::path& path, const std::function<void(Sidecar&)>& change);

struct InitOptions {
  std::filesystem::path sidecar_path{};
  std::string environment{};
  std::filesystem::path keys_dir{};         // where the private key is stored (not for passphrases)
  std::optional<SecretValue> passphrase{};  // derive the keypair instead of generating one
  KdfStrength kdf_strength = KdfStrength::moderate;
};
struct InitResult {
  std::string key_id{};
  std::filesystem::path key_file{};  // empty for passphrase sidecars: nothing is stored
};
// `hush init`: a new keypair (random, stored with store_private_key; or passphrase-derived and
// not stored) and an empty sidecar at `sidecar_path` (mode 0600). Throws Error(invalid_input,
// "sidecar-exists") when the sidecar exists (nothing is written), plus store_private_key's and
// derive_keypair's errors.
InitResult init_sidecar(const InitOptions& options);

// The sidecar's keypair from `inputs` (load_keypair with its key_id and kdf): Error(key,
// "missing-key" | "wrong-key" | "key-permissions" | "invalid-key").
[[nodiscard]] Keypair unlock_sidecar(const Sidecar& sidecar, const KeyInputs& inputs);

// A secret's plaintext: `value` for single-value types, `fields` for multi-field types.
struct SecretPayload {
  SecretValue value{};
  std::vector<NamedSecret> fields{};
};

struct NewSecret {
  std::string name{};
  SecretType type = SecretType::generic;
  SecretPayload payload{};
  std::string description{};
  std::vector<std::string> scopes{};
  std::vector<std::string> tags{};
  std::map<std::string, std::string> metadata{};
  std::optional<std::chrono::sys_seconds> expires{};
  std::optional<std::chrono::seconds> rotate_every{};
  std::optional<std::chrono::seconds> notify_before{};
};

// `hush secrets add`: version 1 sealed to the public key (no private key needed), created =
// updated = `now`. Throws Error(invalid_input) with id "missing-name" ("Secret key is
// required"), "invalid-name" (states the rule), "missing-value" ("Secret value is required"),
// "invalid-fields" (the type's field rule), "secret-exists".
void add_secret(Sidecar& sidecar, NewSecret secret, std::chrono::sys_seconds now);

// What `hush secrets update` changes; every unset member stays as it is. The name never changes.
struct SecretChanges {
  std::optional<SecretPayload> payload{};  // a new value: a new version
  std::optional<SecretType> type{};
  std::optional<std::string> description{};
  std::optional<std::vector<std::string>> scopes{};
  std::optional<std::vector<std::string>> tags{};
  std::map<std::string, std::optional<std::string>> metadata{};        // set, or erase with nullopt
  std::optional<std::optional<std::chrono::sys_seconds>> expires{};    // inner nullopt: remove
  std::optional<std::optional<std::chrono::seconds>> rotate_every{};   // inner nullopt: remove
  std::optional<std::optional<std::chrono::seconds>> notify_before{};  // inner nullopt: remove
};

// `hush secrets update`. A new payload makes a new version (the old sealed value moves to
// history, updated = `now`); metadata-only changes keep the version. Changing scopes or the type
// without a payload re-seals the current value under the new ones and needs `keys`; so does a
// payload that holds only some fields of a multi-field secret (the others are kept). With `keys`, a
// payload equal to the current one is not a change. Throws Error(invalid_input, "no-changes",
// "No changes to save") when nothing changes, "unknown-secret", the add_secret validation
// errors, Error(key, "missing-key") when `keys` is needed but null, and open_value's errors.
void update_secret(Sidecar& sidecar, std::string_view name, SecretChanges changes,
                   std::chrono::sys_seconds now, const Keypair* keys = nullptr);

// `hush secrets rm`. Throws Error(invalid_input, "unknown-secret") (with suggestions).
void remove_secret(Sidecar& sidecar, std::string_view name);

// `hush secrets rollback NAME --to N`: a new version holding version N's value, sealed under the
// current scopes; returns the new version number. Throws "unknown-secret", "unknown-version",
// "no-changes" (N is the current version), wrong-key and tampered errors.
std::uint64_t rollback_secret(Sidecar& sidecar, std::string_view name, std::uint64_t to_version,
                              std::chrono::sys_seconds now, const Keypair& keys);

// `hush secrets rotate`: a new version with `payload` (for multi-field secrets, the given fields
// replace theirs and the rest are kept); returns the new version number. Verifies the current
// value first, so it needs the private key. Throws "no-changes" when the value is unchanged,
// plus update_secret's errors.
std::uint64_t rotate_secret(Sidecar& sidecar, std::string_view name, SecretPayload payload,
                            std::chrono::sys_seconds now, const Keypair& keys);

// Values sealed before seal format 2 (enc:v1, hush1) bind name, version and scopes, not the type
// or field names; opening one checks that its payload's shape (one value, or a field map with
// exactly the listed field names) fits the entry's type. Whether `sidecar` holds any (current or
// history); needs no key.
[[nodiscard]] bool needs_migration(const Sidecar& sidecar);
// How many values (current and history) are still sealed as enc:v1.
[[nodiscard]] std::size_t legacy_value_count(const Sidecar& sidecar);

struct MigrationResult {
  std::size_t resealed = 0;     // enc:v1 values re-sealed as enc:v2
  std::vector<Error> failed{};  // why each enc:v1 value that did not open was left as it was
};
// `hush secrets migrate`, and every write that holds the private key: re-seals each enc:v1 value
// as enc:v2 with the same name, version and scopes, binding the entry's type and fields for a
// current value (after checking its payload's shape) and, for a history value, the type its
// payload reads as (the entry's type when the shape fits, else kv or generic). Metadata, versions
// and dates stay as they are. A value that does not open (tampered) is left untouched and its
// error listed, so migration never launders an edit into a seal that binds it. Throws Error(key,
// "wrong-key") when `keys` is not the sidecar's.
MigrationResult migrate_sidecar(Sidecar& sidecar, const Keypair& keys);

// `hush secrets get NAME [--version N]`: the plaintext of the current version or of `version`.
// Throws "unknown-secret", "unknown-version", Error(key, "wrong-key") when `keys` is not this
// sidecar's, Error(tampered, "tampered-value").
[[nodiscard]] SecretPayload reveal_secret(const Sidecar& sidecar, std::string_view name,
                                          const Keypair& keys,
                                          std::optional<std::uint64_t> version = {});

// The current plaintext of each of `names`, in order, as reveal_secret gives it. A large set is
// opened on every core (a sealed-box open costs about 40 us); with several failures, the error
// of the first failing name in `names` is thrown. Thread-safe.
[[nodiscard]] std::vector<SecretPayload> reveal_secrets(const Sidecar& sidecar,
                                                        const std::vector<std::string>& names,
                                                        const Keypair& keys);

// The entry called `name`. Throws Error(invalid_input, "unknown-secret") with "did you mean"
// suggestions.
[[nodiscard]] const SidecarEntry& find_secret(const Sidecar& sidecar, std::string_view name);

struct SecretVersion {
  std::uint64_t version = 0;
  std::chrono::sys_seconds created{};
  bool current = false;
};
// `hush secrets versions NAME`: every version, oldest first, the current one last. Throws
// "unknown-secret".
[[nodiscard]] std::vector<SecretVersion> secret_versions(const Sidecar& sidecar,
                                                         std::string_view name);

enum class SecretStatus { active, expiring, expired, rotation_due };
// "active", "expiring", "expired", "rotation-due".
[[nodiscard]] std::string_view to_string(SecretStatus status);
// expired (expires <= now) before expiring (expires <= now + the entry's notify_before, or
// `window` when it has none) before rotation_due (updated + rotate_every <= now, or <= now +
// notify_before when the entry has one) before active.
[[nodiscard]] SecretStatus status_of(const SidecarEntry& entry, std::chrono::sys_seconds now,
                                     std::chrono::seconds window);

inline constexpr std::chrono::seconds k_default_expiring_window{30 * 24 * 3600};

enum class ListSelection { all, due };  // due: expired, expiring or rotation due
struct ListFilter {
  std::chrono::sys_seconds now{};
  std::chrono::seconds expiring_window = k_default_expiring_window;
  std::optional<std::string> tag{};  // only entries with this tag
  ListSelection selection = ListSelection::all;
};
struct SecretListing {
  std::string name{};
  SidecarEntry entry{};
  SecretStatus status = SecretStatus::active;
};
// `hush secrets list` / `due`: matching entries sorted by name, never values.
[[nodiscard]] std::vector<SecretListing> list_secrets(const Sidecar& sidecar,
                                                      const ListFilter& filter);
// The JSON of `secrets list`/`due`: one object per listing (name, description, type, scopes,
// tags, metadata, fields, created, updated, expires, rotate_every, notify_before, status,
// version).
[[nodiscard]] std::string listings_json(const std::vector<SecretListing>& listings);
// The JSON of `secrets versions`: [{version, created, current}, …].
[[nodiscard]] std::string versions_json(const std::vector<SecretVersion>& versions);
// The same as tables for a terminal (format_table): a header row, then one row each.
[[nodiscard]] std::string listings_table(const std::vector<SecretListing>& listings);
[[nodiscard]] std::string versions_table(const std::vector<SecretVersion>& versions);
// What SecretSource::lookup reports for `entry`.
[[nodiscard]] SecretInfo secret_info(std::string_view name, const SidecarEntry& entry);

// The sidecar as a SecretSource named "sidecar". lookup() and names() read metadata only;
// fetch() opens just the requested secret (values are decrypted lazily, on demand). Not
// thread-safe. Movable, not copyable.
class SidecarSource : public SecretSource {
 public:
  // `keys` may be absent: then fetch() throws Error(key, "missing-key") naming the key_id.
  // Throws Error(key, "wrong-key") when `keys` belongs to another sidecar.
  SidecarSource(Sidecar sidecar, std::optional<Keypair> keys);
  // Loads the keypair from `inputs` at the first fetch() (so a render that uses no sidecar
  // value needs no key and asks no passphrase).
  SidecarSource(Sidecar sidecar, KeyInputs inputs);
  SidecarSource(SidecarSource&&) noexcept = default;
  SidecarSource& operator=(SidecarSource&&) noexcept = default;

  [[nodiscard]] std::string name() const override { return "sidecar"; }
  [[nodiscard]] std::optional<SecretInfo> lookup(std::string_view key) override;
  [[nodiscard]] std::vector<std::string> names() const override;
  [[nodiscard]] const Sidecar& sidecar() const { return m_sidecar; }

 private:
  // Throws Error(invalid_input, "multi-field-secret") for an empty `field` of a multi-field
  // secret, Error(invalid_input, "unknown-field") naming the available fields, Error(key, …)
  // without a usable key, Error(tampered, "tampered-value").
  [[nodiscard]] SecretValue fetch_value(std::string_view key, std::string_view field) override;
  const Keypair& keys();
  Sidecar m_sidecar;
  std::optional<Keypair> m_keys;
  std::optional<KeyInputs> m_inputs;
};

}  // namespace hush
