#include "core/sidecar/sidecar.hpp"

#include <algorithm>
#include <array>
#include <hush/error.hpp>
#include <system_error>

#include "core/base/fsutil.hpp"
#include "core/base/text.hpp"
#include "core/sidecar/sidecar_impl.hpp"

namespace hush {
namespace {

struct TypeName {
  SecretType type;
  std::string_view name;
};

constexpr std::array<TypeName, 8> k_type_names = {{
    {SecretType::generic, "generic"},
    {SecretType::password, "password"},
    {SecretType::api_key, "api-key"},
    {SecretType::bearer, "bearer"},
    {SecretType::basic, "basic"},
    {SecretType::client_credentials, "client-credentials"},
    {SecretType::certificate, "certificate"},
    {SecretType::kv, "kv"},
}};

[[noreturn]] void unknown_secret(const Sidecar& sidecar, std::string_view name) {
  std::vector<std::string> names;
  for (const auto& [known, entry] : sidecar.secrets) names.push_back(known);
  const std::vector<std::string> close = closest_names(name, names);
  throw Error(ErrorKind::invalid_input, "unknown-secret",
              "no secret " + std::string(name) + " in the sidecar" +
                  (close.empty() ? std::string() : "; did you mean " + join(close, ", ") + "?"));
}

}  // namespace

std::string_view to_string(SecretType type) {
  for (const TypeName& entry : k_type_names) {
    if (entry.type == type) return entry.name;
  }
  return "generic";
}

std::optional<SecretType> parse_secret_type(std::string_view text) {
  for (const TypeName& entry : k_type_names) {
    if (entry.name == text) return entry.type;
  }
  return std::nullopt;
}

bool is_multi_field(SecretType type) {
  return type == SecretType::basic || type == SecretType::client_credentials ||
         type == SecretType::certificate || type == SecretType::kv;
}

const std::vector<std::string>& required_fields(SecretType type) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> basic = {"password", "username"};
  static const std::vector<std::string> client = {"client_id", "client_secret", "token_url"};
  static const std::vector<std::string> certificate = {"certificate", "private_key"};
  switch (type) {
    case SecretType::basic:
      return basic;
    case SecretType::client_credentials:
      return client;
    case SecretType::certificate:
      return certificate;
    default:
      return none;
  }
}

namespace sidecar_detail {

std::optional<std::string> field_set_problem(SecretType type,
                                             const std::vector<std::string>& fields) {
  const std::string type_name(to_string(type));
  if (!is_multi_field(type)) {
    if (fields.empty()) return std::nullopt;
    return "type " + type_name + " holds one value, not fields (fields: " + join(fields, ", ") +
           ")";
  }
  for (const std::string& field : fields) {
    if (std::optional<std::string> problem = field_name_problem(field)) return problem;
  }
  const std::vector<std::string>& required = required_fields(type);
  if (type == SecretType::kv) {
    if (!fields.empty()) return std::nullopt;
    return "type kv needs at least one field";
  }
  if (fields == required) return std::nullopt;
  return "type " + type_name + " needs exactly the fields " + join(required, ", ") +
         (fields.empty() ? std::string() : " (got " + join(fields, ", ") + ")");
}

SealBinding binding_for(std::string_view name, const SidecarEntry& entry, std::uint64_t version) {
  return SealBinding{.name = std::string(name),
                     .version = version,
                     .scopes = entry.scopes,
                     .type = std::string(to_string(entry.type)),
                     .fields = entry.fields};
}

void tampered_payload(std::string_view name, const std::string& reason) {
  throw Error(ErrorKind::tampered, "tampered-value",
              "secret " + std::string(name) + " was tampered with: " + reason +
                  "; restore the file from version control or set the value again");
}

std::vector<std::string> field_names(const std::vector<NamedSecret>& fields) {
  std::vector<std::string> names;
  for (const NamedSecret& field : fields) names.push_back(field.name);
  std::sort(names.begin(), names.end());
  return names;
}

void check_keypair(const Sidecar& sidecar, const Keypair& keys) {
  const std::string actual = key_id_for(keys.public_key);
  if (actual == sidecar.key_id && keys.public_key == sidecar.public_key) return;
  throw Error(ErrorKind::key, "wrong-key",
              "wrong private key: key " + actual + " does not match sidecar key " + sidecar.key_id +
                  "; supply the key hush init made for this sidecar");
}

const SidecarEntry& entry_named(const Sidecar& sidecar, std::string_view name) {
  const auto found = sidecar.secrets.find(name);
  if (found == sidecar.secrets.end()) unknown_secret(sidecar, name);
  return found->second;
}

SidecarEntry& entry_named(Sidecar& sidecar, std::string_view name) {
  const auto found = sidecar.secrets.find(name);
  if (found == sidecar.secrets.end()) unknown_secret(sidecar, name);
  return found->second;
}

}  // namespace sidecar_detail

std::filesystem::path default_sidecar_path(const std::filesystem::path& config,
                                           std::string_view environment) {
  std::string file = config.stem().string() + ".secrets.";
  if (!environment.empty()) file += std::string(environment) + ".";
  return config.parent_path() / (file + "yaml");
}

Sidecar load_sidecar(const std::filesystem::path& path) {
  return parse_sidecar(path.string(), read_file(path, k_sidecar_limit));
}

void save_sidecar(const std::filesystem::path& path, const Sidecar& sidecar) {
  const FileLock lock(path);
  write_file_atomic(path, emit_sidecar(sidecar), FileMode::owner_only);
}

void update_sidecar(const std::filesystem::path& path,
                    const std::function<void(Sidecar&)>& change) {
  const FileLock lock(path);
  Sidecar sidecar = load_sidecar(path);
  const Sidecar before = sidecar;
  change(sidecar);
  if (sidecar == before) return;
  write_file_atomic(path, emit_sidecar(sidecar), FileMode::owner_only);
}

InitResult init_sidecar(const InitOptions& options) {
  const FileLock lock(options.sidecar_path);
  std::error_code unknown;  // if the directory is unreadable, the write below reports why
  if (std::filesystem::exists(options.sidecar_path, unknown)) {
    throw Error(ErrorKind::invalid_input, "sidecar-exists",
                "sidecar " + options.sidecar_path.string() +
                    " already exists; hush init never replaces a sidecar (its key would be lost)",
                Location{options.sidecar_path.string(), 0, 0});
  }
  Sidecar sidecar{.environment = options.environment};
  InitResult result;
  if (options.passphrase) {
    sidecar.kdf = new_kdf_params(options.kdf_strength);
    const Keypair keys = derive_keypair(*options.passphrase, *sidecar.kdf);
    sidecar.public_key = keys.public_key;
  } else {
    // The key is stored before the sidecar is written: a sidecar whose key was lost is useless,
    // while a key without a sidecar is merely unused.
    const Keypair keys = generate_keypair();
    result.key_file = store_private_key(options.keys_dir, keys);
    sidecar.public_key = keys.public_key;
  }
  sidecar.key_id = key_id_for(sidecar.public_key);
  result.key_id = sidecar.key_id;
  write_file_atomic(options.sidecar_path, emit_sidecar(sidecar), FileMode::owner_only);
  return result;
}

Keypair unlock_sidecar(const Sidecar& sidecar, const KeyInputs& inputs) {
  Keypair keys = load_keypair(inputs, sidecar.key_id, sidecar.kdf);
  sidecar_detail::check_keypair(sidecar, keys);
  return keys;
}

const SidecarEntry& find_secret(const Sidecar& sidecar, std::string_view name) {
  return sidecar_detail::entry_named(sidecar, name);
}

std::vector<SecretVersion> secret_versions(const Sidecar& sidecar, std::string_view name) {
  const SidecarEntry& entry = find_secret(sidecar, name);
  std::vector<SecretVersion> out;
  for (const SealedVersion& old : entry.history) out.push_back({old.version, old.created, false});
  out.push_back({entry.version, entry.updated, true});
  return out;
}

std::string_view to_string(SecretStatus status) {
  switch (status) {
    case SecretStatus::active:
      return "active";
    case SecretStatus::expiring:
      return "expiring";
    case SecretStatus::expired:
      return "expired";
    case SecretStatus::rotation_due:
      return "rotation-due";
  }
  return "active";
}

SecretStatus status_of(const SidecarEntry& entry, std::chrono::sys_seconds now,
                       std::chrono::seconds window) {
  if (entry.expires && *entry.expires <= now) return SecretStatus::expired;
  if (entry.expires && *entry.expires <= now + entry.notify_before.value_or(window)) {
    return SecretStatus::expiring;
  }
  const std::chrono::seconds notice = entry.notify_before.value_or(std::chrono::seconds(0));
  if (entry.rotate_every && entry.updated + *entry.rotate_every <= now + notice) {
    return SecretStatus::rotation_due;
  }
  return SecretStatus::active;
}

std::vector<SecretListing> list_secrets(const Sidecar& sidecar, const ListFilter& filter) {
  std::vector<SecretListing> out;
  for (const auto& [name, entry] : sidecar.secrets) {
    if (filter.tag &&
        std::find(entry.tags.begin(), entry.tags.end(), *filter.tag) == entry.tags.end()) {
      continue;
    }
    const SecretStatus status = status_of(entry, filter.now, filter.expiring_window);
    if (filter.selection == ListSelection::due && status == SecretStatus::active) continue;
    out.push_back({name, entry, status});
  }
  return out;
}

SecretInfo secret_info(std::string_view name, const SidecarEntry& entry) {
  return SecretInfo{.name = std::string(name),
                    .type = std::string(to_string(entry.type)),
                    .scopes = entry.scopes,
                    .fields = entry.fields,
                    .expires = entry.expires,
                    .description = entry.description,
                    .updated = entry.updated,
                    .rotate_every = entry.rotate_every,
                    .notify_before = entry.notify_before};
}

}  // namespace hush
