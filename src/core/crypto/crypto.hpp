// hush/crypto.hpp — every cryptographic operation hush performs, on libsodium: X25519 keypairs
// (random or derived from a passphrase with Argon2id), key ids, base64, and sealed boxes that bind
// a value to its secret's name, version, scopes, type and field names so a moved ciphertext or an
// edited binding is detected. Plaintexts and private keys only ever live in SecretValue (secure
// memory).
#pragma once
#include <cstddef>
#include <cstdint>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

inline constexpr std::size_t k_key_bytes = 32;       // X25519 public and private keys
inline constexpr std::size_t k_kdf_salt_bytes = 16;  // Argon2id salt
inline constexpr std::string_view k_kdf_algorithm = "argon2id13";

// A sidecar's keypair: raw key bytes, not base64. Movable, not copyable (owns secure memory).
struct Keypair {
  std::string public_key{};   // k_key_bytes raw bytes
  SecretValue private_key{};  // k_key_bytes raw bytes
};

// A fresh random keypair (crypto_box_keypair).
[[nodiscard]] Keypair generate_keypair();
// Completes a keypair from its private half. Throws Error(key, "invalid-key") when
// `private_key` is not k_key_bytes long.
[[nodiscard]] Keypair keypair_from_private(SecretValue private_key);

// How hard Argon2id works: minimum is for tests only; moderate (3 passes, 256 MiB, ~1 s) is
// what `hush init --passphrase` uses.
enum class KdfStrength { minimum, interactive, moderate };

// Argon2id13 parameters stored (in the clear) in a passphrase sidecar's `kdf:` block.
struct KdfParams {
  std::string salt{};  // k_kdf_salt_bytes raw bytes
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;  // bytes
  friend bool operator==(const KdfParams&, const KdfParams&) = default;
};

// The Argon2id limits hush accepts: libsodium's minimum up to the most `hush init --passphrase`
// writes (KdfStrength::moderate). A sidecar is plain text anyone may edit; larger limits would make
// every key derivation hang or exhaust memory, so they are refused before deriving.
inline constexpr std::uint64_t k_kdf_min_opslimit = 1;
inline constexpr std::uint64_t k_kdf_max_opslimit = 3;
inline constexpr std::uint64_t k_kdf_min_memlimit = 8192;       // bytes
inline constexpr std::uint64_t k_kdf_max_memlimit = 268435456;  // bytes (256 MiB)

// Parameters of `strength` with a fresh random salt.
[[nodiscard]] KdfParams new_kdf_params(KdfStrength strength);
// Deterministic: the same passphrase and parameters give the same keypair (Argon2id13 → 32-byte
// seed → crypto_box_seed_keypair). Throws Error(invalid_input, "invalid-kdf") for a salt of the
// wrong size or limits outside k_kdf_min_* to k_kdf_max_*, Error(invalid_input,
// "empty-passphrase"), and Error(key, "kdf-failed") when Argon2id cannot run (memory). Costs what
// `params` say.
[[nodiscard]] Keypair derive_keypair(const SecretValue& passphrase, const KdfParams& params);

// "hk_" + the first 16 hex digits of BLAKE2b-256(`public_key`).
[[nodiscard]] std::string key_id_for(std::string_view public_key);

// Standard base64 with padding (sodium_base64_VARIANT_ORIGINAL).
[[nodiscard]] std::string to_base64(std::string_view bytes);
// Nullopt unless `text` is entirely valid standard base64 (no whitespace).
[[nodiscard]] std::optional<std::string> from_base64(std::string_view text);
// The same for secrets: the input or the output stays in secure memory.
[[nodiscard]] SecretValue secret_to_base64(const SecretValue& bytes);
[[nodiscard]] std::optional<SecretValue> secret_from_base64(std::string_view text);

// How a value is sealed, told by its prefix (so without a key):
// - hush2 ("enc:v2:"): the plaintext binds name, version, scopes, type and field names. It is
//   "hush2\0", then chunk(name), the version as 8 bytes big-endian, chunk(type), a 4-byte count
//   of scopes and a chunk per scope (sorted), a 4-byte count of fields and a chunk per field name
//   (sorted), then the payload (the rest). A chunk is a 4-byte big-endian length and the bytes,
//   so every header decodes one way whatever its strings hold.
// - hush1 ("enc:v1:", hush before seal format 2): "hush1\0" + name + "\0" + version + "\0" +
//   sorted scopes joined by "," + "\0" + payload. Binds name, version and scopes only; still
//   opened, never written.
enum class SealFormat { hush1, hush2 };
inline constexpr std::string_view k_ciphertext_prefix = "enc:v2:";         // what seal_value writes
inline constexpr std::string_view k_legacy_ciphertext_prefix = "enc:v1:";  // hush1 values

// The format `ciphertext`'s prefix announces; nullopt when it has neither prefix.
[[nodiscard]] std::optional<SealFormat> seal_format_of(std::string_view ciphertext);

// Where a sealed value belongs and what it is.
struct SealBinding {
  std::string name{};
  std::uint64_t version = 0;
  std::vector<std::string> scopes{};  // order does not matter (bound sorted)
  std::string type{};                 // the secret type's name ("basic"); hush2 only
  std::vector<std::string> fields{};  // field names of multi-field types (bound sorted); hush2 only
};

// "enc:v2:" + base64(crypto_box_seal(hush2 plaintext, `public_key`)). Randomised: sealing the
// same value twice gives different text. Throws Error(key, "invalid-key") for a malformed public
// key.
[[nodiscard]] std::string seal_value(const SecretValue& payload, const SealBinding& binding,
                                     std::string_view public_key);

// What open_value compares with the binding. Current values are opened with `all`. History
// versions are opened with `name_and_version`: the file keeps no scopes, type or fields for
// them; they are only revealed (read by their sealed type) or rolled back (re-sealed under the
// current ones), never rendered.
enum class BindingCheck { all, name_and_version };

// An opened value: its payload and what its ciphertext was sealed for (for hush1, `sealed` has
// no type and no fields).
struct OpenedValue {
  SecretValue payload{};
  SealFormat format = SealFormat::hush2;
  SealBinding sealed{};
};

// Opens `ciphertext`. Throws Error(tampered, "tampered-value", "secret NAME was tampered with:
// …") when the text is neither an enc:v2 nor an enc:v1 value, does not open with `keys`, holds
// a plaintext of another format than its prefix says, or was sealed for another name or version
// or (with BindingCheck::all) other scopes, another type or other fields (the last two for
// hush2; a hush1 value does not bind them, so its caller checks the payload's shape). The
// message names the secret, never a value. Callers check that `keys` is the sidecar's keypair
// first, so a failed open means a modified ciphertext.
[[nodiscard]] OpenedValue open_value(std::string_view ciphertext, const SealBinding& binding,
                                     const Keypair& keys, BindingCheck check = BindingCheck::all);

// A multi-field payload: fields sorted by name, each as 4-byte big-endian length + name +
// 4-byte length + value, after the magic "hushf1\0". The same fields in any order encode to the
// same bytes. Throws Error(invalid_input, "duplicate-field") naming a repeated field.
[[nodiscard]] SecretValue encode_fields(const std::vector<NamedSecret>& fields);
// The fields of an encode_fields payload, sorted by name; nullopt when `payload` is not one.
[[nodiscard]] std::optional<std::vector<NamedSecret>> decode_fields(std::string_view payload);

// The characters of a named charset: "alnum" [A-Za-z0-9], "hex" [0-9a-f], "base64url"
// [A-Za-z0-9_-], "ascii" (alnum plus shell- and URL-tolerable punctuation !#%+,-./:;=?@^_~);
// nullopt for another name.
[[nodiscard]] std::optional<std::string_view> charset_alphabet(std::string_view name);
// `length` characters drawn uniformly from `charset` (randombytes_uniform). Throws
// Error(invalid_input, "invalid-length") for 0 or more than 4096, Error(usage,
// "invalid-charset") for an unknown charset.
[[nodiscard]] SecretValue generate_secret(std::size_t length, std::string_view charset = "alnum");

}  // namespace hush
