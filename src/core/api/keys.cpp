#include <hush/keys.hpp>

#include "core/api/api_access.hpp"
#include "core/base/environment.hpp"

extern char** environ;

namespace hush {
namespace detail {

Environment read_process_environment() { return Environment::from_block(environ); }

KeyInputs to_internal(const KeyLookup& lookup) {
  KeyInputs inputs;
  if (lookup.key_base64) inputs.key_base64 = lookup.key_base64->clone();
  inputs.key_file = lookup.key_file;
  inputs.keys_dir = lookup.keys_dir;
  inputs.passphrase = lookup.passphrase;
  return inputs;
}

}  // namespace detail

KeyLookup KeyLookup::from_process_environment() {
  KeyInputs inputs = key_inputs_from_environment(detail::read_process_environment());
  KeyLookup lookup;
  lookup.key_base64 = std::move(inputs.key_base64);
  lookup.key_file = std::move(inputs.key_file);
  lookup.keys_dir = std::move(inputs.keys_dir);
  lookup.passphrase = std::move(inputs.passphrase);
  return lookup;
}

std::filesystem::path keys_directory() {
  return default_keys_dir(detail::read_process_environment());
}

SidecarKey::SidecarKey(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SidecarKey::~SidecarKey() = default;
SidecarKey::SidecarKey(SidecarKey&&) noexcept = default;
SidecarKey& SidecarKey::operator=(SidecarKey&&) noexcept = default;

SidecarKey SidecarKey::generate() { return detail::ApiAccess::wrap(generate_keypair()); }

SidecarKey SidecarKey::from_base64(std::string_view private_key_base64) {
  std::optional<SecretValue> raw = secret_from_base64(private_key_base64);
  if (!raw) {
    throw Error(ErrorKind::key, "invalid-key", "the private key is not valid base64");
  }
  return detail::ApiAccess::wrap(keypair_from_private(std::move(*raw)));
}

SidecarKey SidecarKey::load(const KeyLookup& lookup, std::string_view key_id) {
  return detail::ApiAccess::wrap(load_keypair(detail::to_internal(lookup), key_id));
}

std::string SidecarKey::key_id() const { return key_id_for(m_impl->keys.public_key); }
std::string SidecarKey::public_key_base64() const { return to_base64(m_impl->keys.public_key); }
SecretValue SidecarKey::private_key_base64() const {
  return secret_to_base64(m_impl->keys.private_key);
}

std::filesystem::path SidecarKey::store(const std::filesystem::path& keys_dir) const {
  return store_private_key(keys_dir, m_impl->keys);
}

}  // namespace hush
