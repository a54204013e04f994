// hush/keys.hpp — a sidecar's keypair (X25519: values are sealed to the public key, opened with
// the private one) and where a private key comes from when it is needed: HUSH_KEY (base64),
// then HUSH_KEY_FILE, then `<keys dir>/<key_id>.key`, then a passphrase for passphrase sidecars.
// Key files readable by group or others are refused (as ssh refuses them); a key that belongs to
// another sidecar is an Error(key, "wrong-key"), never a silent failure. Private keys live only
// in secure memory (hush/secret.hpp) and are announced to the reveal registry when read, so they
// are masked in every message.
//
//   hush::SidecarKey key = hush::SidecarKey::generate();
//   std::filesystem::path file = key.store(hush::keys_directory());  // <dir>/<key_id>.key, 0600
//   hush::KeyLookup lookup = hush::KeyLookup::from_process_environment();
//   hush::SidecarKey again = hush::SidecarKey::load(lookup, key.key_id());  // throws if absent
#pragma once
#include <filesystem>
#include <functional>
#include <hush/secret.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hush {

namespace detail {
struct ApiAccess;
}  // namespace detail

// Where a private key may come from, in precedence order. Movable, not copyable.
struct KeyLookup {
  std::optional<SecretValue> key_base64{};          // as HUSH_KEY holds it
  std::optional<std::filesystem::path> key_file{};  // as HUSH_KEY_FILE names it
  std::filesystem::path keys_dir{};                 // empty: no keys directory
  // Asked only for a passphrase sidecar when nothing above supplied a key; may be empty, or
  // return nullopt for "no passphrase".
  std::function<std::optional<SecretValue>()> passphrase{};

  // HUSH_KEY, HUSH_KEY_FILE and HUSH_PASSPHRASE of the process environment (empty counts as
  // unset) and keys_directory(). Reads the environment now, announcing those values to the reveal
  // registry; it does not remove them from the environment. Not thread-safe against setenv.
  [[nodiscard]] static KeyLookup from_process_environment();
};

// `$XDG_CONFIG_HOME/hush/keys` when XDG_CONFIG_HOME is an absolute path, else
// `$HOME/.config/hush/keys`; empty when neither is set. Reads the process environment.
[[nodiscard]] std::filesystem::path keys_directory();

// A sidecar's keypair. Movable, not copyable (the private half is in secure memory).
class SidecarKey {
 public:
  // A fresh random keypair. Throws std::bad_alloc when secure memory is exhausted.
  [[nodiscard]] static SidecarKey generate();
  // The keypair of a base64 private key (HUSH_KEY's form). Throws Error(key, "invalid-key") when
  // it is not 32 bytes of standard base64.
  [[nodiscard]] static SidecarKey from_base64(std::string_view private_key_base64);
  // The keypair of the sidecar whose key id is `key_id` from the first input of `lookup` that
  // supplies one. Throws Error(key) with id "missing-key" (naming the ways to supply one),
  // "wrong-key" (an input supplied another sidecar's key), "key-permissions" or "invalid-key".
  // A passphrase sidecar's key comes from SidecarFile::unlock, which knows its parameters.
  [[nodiscard]] static SidecarKey load(const KeyLookup& lookup, std::string_view key_id);

  ~SidecarKey();
  SidecarKey(SidecarKey&&) noexcept;
  SidecarKey& operator=(SidecarKey&&) noexcept;
  SidecarKey(const SidecarKey&) = delete;
  SidecarKey& operator=(const SidecarKey&) = delete;

  // "hk_" + 16 hex digits, derived from the public key; what a sidecar's `key_id:` holds.
  [[nodiscard]] std::string key_id() const;
  [[nodiscard]] std::string public_key_base64() const;
  // The private key in HUSH_KEY's form (secure memory).
  [[nodiscard]] SecretValue private_key_base64() const;
  // Writes the private key to `keys_dir`/<key_id>.key (mode 0600, directories 0700) and returns
  // that path. Never overwrites: Error(key, "key-exists"); Error(usage, "no-keys-dir") for an
  // empty `keys_dir`; Error(io) when the file system refuses.
  std::filesystem::path store(const std::filesystem::path& keys_dir) const;

 private:
  friend struct detail::ApiAccess;
  struct Impl;
  explicit SidecarKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
