// hush/keystore.hpp — where private keys live and how one is found: HUSH_KEY (base64), then
// HUSH_KEY_FILE, then `<keys dir>/<key_id>.key` ($XDG_CONFIG_HOME/hush/keys, mode 0700, files
// 0600), then a passphrase for passphrase sidecars. Key files readable by group or others are
// refused as ssh refuses them; a key for another sidecar is a clear error. Never reads the process
// environment itself: callers pass what it holds.
#pragma once
#include <filesystem>
#include <functional>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/environment.hpp"
#include "core/crypto/crypto.hpp"

namespace hush {

// Where a private key may come from, in precedence order. Movable, not copyable.
struct KeyInputs {
  std::optional<SecretValue> key_base64{};          // HUSH_KEY: the base64 private key
  std::optional<std::filesystem::path> key_file{};  // HUSH_KEY_FILE
  std::filesystem::path keys_dir{};                 // empty: no keys directory is known
  // Asked only for a passphrase sidecar when nothing above supplied a key (so a no-echo prompt
  // runs only when needed); may be empty, or return nullopt for "no passphrase".
  std::function<std::optional<SecretValue>()> passphrase{};
};

// `$XDG_CONFIG_HOME/hush/keys` when XDG_CONFIG_HOME is an absolute path, else
// `$HOME/.config/hush/keys`; empty when neither is usable.
[[nodiscard]] std::filesystem::path default_keys_dir(const Environment& environment);

// KeyInputs from the credential variables HUSH_KEY, HUSH_KEY_FILE and HUSH_PASSPHRASE of
// `environment` (empty counts as unset) and default_keys_dir. The values are copied into secure
// memory (Environment::from_block already announced them to the reveal registry).
[[nodiscard]] KeyInputs key_inputs_from_environment(const Environment& environment);

// `keys_dir / (key_id + ".key")`.
[[nodiscard]] std::filesystem::path key_file_path(const std::filesystem::path& keys_dir,
                                                  std::string_view key_id);

// Writes the private key of `keys` (base64 and a newline, mode 0600) to
// key_file_path(keys_dir, key_id_for(keys.public_key)), creating missing directories with mode
// 0700, and returns that path. Never overwrites: Error(key, "key-exists") when the file exists
// (the check and the creation are one atomic link()). Error(usage, "no-keys-dir") when
// `keys_dir` is empty; Error(io, …) when the file system refuses.
std::filesystem::path store_private_key(const std::filesystem::path& keys_dir, const Keypair& keys);

// The keypair of the sidecar with `key_id` (and, for passphrase sidecars, `kdf`), from the first
// input that supplies one; nullopt when none does. A key file's content is announced to the
// reveal registry (as HUSH_KEY_FILE, or "private key" for the keys directory) once read. An
// input that supplies a key is final: a key that does not match throws Error(key, "wrong-key",
// "… key hk_A does not match sidecar key hk_B"); malformed content throws Error(key,
// "invalid-key"); a key file with any group/other permission bits throws Error(key,
// "key-permissions") before it is read. Costs one Argon2id run when a passphrase is used.
[[nodiscard]] std::optional<Keypair> find_keypair(const KeyInputs& inputs, std::string_view key_id,
                                                  const std::optional<KdfParams>& kdf = {});

// As find_keypair, but no key at all throws Error(key, "missing-key") naming `key_id` and the
// ways to supply it (HUSH_KEY, HUSH_KEY_FILE, the keys directory path, HUSH_PASSPHRASE).
[[nodiscard]] Keypair load_keypair(const KeyInputs& inputs, std::string_view key_id,
                                   const std::optional<KdfParams>& kdf = {});

// The missing-key error load_keypair throws, for callers that defer loading. An empty
// `keys_dir` is described as $XDG_CONFIG_HOME/hush/keys.
[[nodiscard]] Error missing_key_error(std::string_view key_id,
                                      const std::filesystem::path& keys_dir,
                                      bool passphrase_sidecar);

}  // namespace hush
