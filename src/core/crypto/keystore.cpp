#include "core/crypto/keystore.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <hush/source.hpp>
#include <memory>
#include <system_error>
#include <vector>

#include "core/base/fsutil.hpp"

namespace hush {
namespace {

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// The keypair whose private key is base64 `text` (from `origin`, e.g. "HUSH_KEY").
Keypair keypair_from_base64(std::string_view text, const std::string& origin) {
  std::optional<SecretValue> raw = secret_from_base64(trimmed(text));
  if (!raw || raw->size() != k_key_bytes) {
    throw Error(ErrorKind::key, "invalid-key",
                origin + " does not hold a base64-encoded " + std::to_string(k_key_bytes) +
                    "-byte private key");
  }
  return keypair_from_private(std::move(*raw));
}

void check_key_file_mode(const std::filesystem::path& path) {
  const unsigned mode = permission_bits(path);
  if ((mode & 077U) == 0) return;
  char octal[8];
  octal[0] = '0';
  for (int i = 0; i < 3; ++i) octal[1 + i] = static_cast<char>('0' + ((mode >> (6 - 3 * i)) & 7U));
  octal[4] = '\0';
  throw Error(ErrorKind::key, "key-permissions",
              "permissions " + std::string(octal) + " for '" + path.string() +
                  "' are too open: it is required that your private key files are NOT "
                  "accessible by others; this private key will be ignored (chmod 600 " +
                  path.string() + ")",
              Location{path.string(), 0, 0});
}

// `announce_as`: the name the file's content is masked under from now on.
Keypair keypair_from_file(const std::filesystem::path& path, const std::string& origin,
                          std::string_view announce_as) {
  check_key_file_mode(path);
  const SecretBuffer text = read_secret_file(path, k_key_file_limit);
  if (!trimmed(text.reveal()).empty()) {
    announce_revealed(announce_as, SecretValue(trimmed(text.reveal())));
  }
  return keypair_from_base64(text.reveal(), origin);
}

Keypair checked(Keypair keys, std::string_view key_id, const std::string& origin) {
  const std::string actual = key_id_for(keys.public_key);
  if (actual == key_id) return keys;
  throw Error(ErrorKind::key, "wrong-key",
              "wrong private key from " + origin + ": key " + actual +
                  " does not match sidecar key " + std::string(key_id) +
                  "; supply the key hush init made for this sidecar");
}

// Creates `directory` and any missing parents with mode 0700 (XDG asks for 0700 config dirs).
void make_private_directories(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> missing;
  std::error_code unknown;  // an unreadable parent makes mkdir fail below, with its reason
  for (std::filesystem::path p = directory; !p.empty() && !std::filesystem::exists(p, unknown);
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      throw Error(ErrorKind::io, "write-failed",
                  "cannot create directory " + it->string() + ": " + std::strerror(errno),
                  Location{it->string(), 0, 0});
    }
  }
}

}  // namespace

std::filesystem::path default_keys_dir(const Environment& environment) {
  const std::string xdg = environment.text("XDG_CONFIG_HOME");
  if (!xdg.empty() && std::filesystem::path(xdg).is_absolute()) {
    return std::filesystem::path(xdg) / "hush" / "keys";
  }
  const std::string home = environment.text("HOME");
  if (home.empty()) return {};
  return std::filesystem::path(home) / ".config" / "hush" / "keys";
}

KeyInputs key_inputs_from_environment(const Environment& environment) {
  KeyInputs inputs;
  if (const SecretValue* key = environment.credential("HUSH_KEY")) inputs.key_base64 = key->clone();
  if (const SecretValue* file = environment.credential("HUSH_KEY_FILE")) {
    inputs.key_file = std::filesystem::path(std::string(file->reveal()));
  }
  inputs.keys_dir = default_keys_dir(environment);
  if (const SecretValue* phrase = environment.credential("HUSH_PASSPHRASE")) {
    auto shared = std::make_shared<const SecretValue>(phrase->clone());
    inputs.passphrase = [shared]() -> std::optional<SecretValue> { return shared->clone(); };
  }
  return inputs;
}

std::filesystem::path key_file_path(const std::filesystem::path& keys_dir,
                                    std::string_view key_id) {
  return keys_dir / (std::string(key_id) + ".key");
}

std::filesystem::path store_private_key(const std::filesystem::path& keys_dir,
                                        const Keypair& keys) {
  if (keys_dir.empty()) {
    throw Error(ErrorKind::usage, "no-keys-dir",
                "no keys directory: set HOME or XDG_CONFIG_HOME to store the private key");
  }
  const std::string key_id = key_id_for(keys.public_key);
  const std::filesystem::path target = key_file_path(keys_dir, key_id);
  make_private_directories(keys_dir);
  SecretBuffer content(secret_to_base64(keys.private_key).reveal());
  content.push_back('\n');
  // Exclusive creation: checking and creating are one step, where a rename would silently
  // replace another key, and the key appears whole or not at all (no pending file a kill leaves).
  if (create_file_exclusive(target, content.reveal(), FileMode::owner_only)) return target;
  throw Error(ErrorKind::key, "key-exists",
              "key file " + target.string() + " already exists; hush never overwrites a key",
              Location{target.string(), 0, 0});
}

std::optional<Keypair> find_keypair(const KeyInputs& inputs, std::string_view key_id,
                                    const std::optional<KdfParams>& kdf) {
  if (inputs.key_base64) {
    return checked(keypair_from_base64(inputs.key_base64->reveal(), "HUSH_KEY"), key_id,
                   "HUSH_KEY");
  }
  if (inputs.key_file) {
    const std::string origin = "HUSH_KEY_FILE " + inputs.key_file->string();
    return checked(keypair_from_file(*inputs.key_file, origin, "HUSH_KEY_FILE"), key_id, origin);
  }
  if (!inputs.keys_dir.empty()) {
    const std::filesystem::path path = key_file_path(inputs.keys_dir, key_id);
    std::error_code unreadable;  // an unreadable directory holds no key we could use
    if (std::filesystem::exists(path, unreadable)) {
      return checked(keypair_from_file(path, path.string(), "private key"), key_id, path.string());
    }
  }
  if (kdf && inputs.passphrase) {
    if (std::optional<SecretValue> phrase = inputs.passphrase()) {
      return checked(derive_keypair(*phrase, *kdf), key_id, "the passphrase");
    }
  }
  return std::nullopt;
}

Keypair load_keypair(const KeyInputs& inputs, std::string_view key_id,
                     const std::optional<KdfParams>& kdf) {
  if (std::optional<Keypair> keys = find_keypair(inputs, key_id, kdf)) return std::move(*keys);
  throw missing_key_error(key_id, inputs.keys_dir, kdf.has_value());
}

Error missing_key_error(std::string_view key_id, const std::filesystem::path& keys_dir,
                        bool passphrase_sidecar) {
  const std::string where = keys_dir.empty()
                                ? "$XDG_CONFIG_HOME/hush/keys/" + std::string(key_id) + ".key"
                                : key_file_path(keys_dir, key_id).string();
  return Error(ErrorKind::key, "missing-key",
               "no private key for sidecar key " + std::string(key_id) +
                   ": set HUSH_KEY to the base64 key, HUSH_KEY_FILE to a key file, or put the "
                   "key file at " +
                   where +
                   (passphrase_sidecar ? ", or give the passphrase (HUSH_PASSPHRASE)" : ""));
}

}  // namespace hush
