// hush/crypto.hpp — every cryptographic operation hush performs, on libsodium: X25519 keypairs
// (random or derived from a passphrase with Argon2id), key ids, base64, and sealed boxes that bind
// a value to its secret's name, version and scopes so a moved ciphertext is detected. Plaintexts
// and private keys only ever live in SecretValue (secure memory).
#pragma once
#include <hush/secret.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

inline constexpr std::size_t k_key_bytes = 32;       // X25519 public and private keys
inline constexpr std::size_t k_kdf_salt_bytes = 16;  // Argon2id salt
inline constexpr std::string_view k_kdf_algorithm = "argon2id13";
inline constexpr std::string_view k_ciphertext_prefix = "enc:v1:";

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

// Where a sealed value belongs. The sealed plaintext is
// "hush1\0" + name + "\0" + version + "\0" + sorted scopes joined by "," + "\0" + payload.
struct SealBinding {
  std::string name{};
  std::uint64_t version = 0;
  std::vector<std::string> scopes{};  // order does not matter (bound sorted)
};

// "enc:v1:" + base64(crypto_box_seal(plaintext, `public_key`)). Randomised: sealing the same
// value twice gives different text. Throws Error(key, "invalid-key") for a malformed public key.
[[nodiscard]] std::string seal_value(const SecretValue& payload, const SealBinding& binding,
                                     std::string_view public_key);

// Whether open_value compares the sealed scopes with the binding's. History versions are opened
// with `ignore`: the file keeps no scopes for them, and they are only revealed or rolled back,
// never rendered (rollback re-seals under the current scopes).
enum class ScopeCheck { verify, ignore };

// The payload sealed in `ciphertext`. Throws Error(tampered, "tampered-value", "secret NAME was
// tampered with: …") when the text is not an enc:v1 value, does not open with `keys`, or was
// sealed for another name, version or (with ScopeCheck::verify) other scopes. The message names
// the secret, never a value. Callers check that `keys` is the sidecar's keypair first, so a
// failed open means a modified ciphertext.
[[nodiscard]] SecretValue open_value(std::string_view ciphertext, const SealBinding& binding,
                                     const Keypair& keys, ScopeCheck scopes = ScopeCheck::verify);

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
