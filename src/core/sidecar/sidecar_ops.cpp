// The operations behind `hush secrets add|update|rm|rollback|rotate|get` on the Sidecar model.
#include <algorithm>
#include <hush/error.hpp>

#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/sidecar/sidecar_impl.hpp"

namespace hush {
namespace {

using namespace sidecar_detail;

[[noreturn]] void invalid(const std::string& id, const std::string& message) {
  throw Error(ErrorKind::invalid_input, id, message);
}

[[noreturn]] void no_changes(const std::string& detail = {}) {
  invalid("no-changes", "No changes to save" + (detail.empty() ? std::string() : ": " + detail));
}

void check_name(std::string_view name) {
  if (std::optional<std::string> problem = secret_name_problem(name)) {
    invalid(name.empty() ? "missing-name" : "invalid-name", *problem);
  }
}

void check_payload(SecretType type, const SecretPayload& payload) {
  if (!is_multi_field(type)) {
    if (!payload.fields.empty()) {
      invalid("invalid-fields", "type " + std::string(to_string(type)) +
                                    " holds one value, not fields; give a value instead");
    }
    if (payload.value.empty()) invalid("missing-value", "Secret value is required");
    return;
  }
  if (!payload.value.empty()) {
    invalid("invalid-fields", "type " + std::string(to_string(type)) +
                                  " holds fields; give each field's value instead of one value");
  }
  const std::vector<std::string> names = field_names(payload.fields);
  if (std::adjacent_find(names.begin(), names.end()) != names.end()) {
    invalid("invalid-fields",
            "a field is given more than once (fields: " + join(names, ", ") + ")");
  }
  if (std::optional<std::string> problem = field_set_problem(type, names)) {
    invalid("invalid-fields", *problem);
  }
  for (const NamedSecret& field : payload.fields) {
    if (field.value.empty())
      invalid("missing-value", "Secret value is required for field " + field.name);
  }
}

// Drops repeated items (keeping the first) and checks each with `problem_of`.
std::vector<std::string> checked_list(std::vector<std::string> items,
                                      std::optional<std::string> (*problem_of)(std::string_view),
                                      const std::string& id) {
  std::vector<std::string> out;
  for (std::string& item : items) {
    if (std::optional<std::string> problem = problem_of(item)) invalid(id, *problem);
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
  }
  return out;
}

std::optional<std::string> tag_problem(std::string_view tag) {
  if (!tag.empty()) return std::nullopt;
  return std::string("a tag must not be empty");
}

SecretValue payload_bytes(SecretType type, const SecretPayload& payload) {
  return is_multi_field(type) ? encode_fields(payload.fields) : payload.value.clone();
}

// Seals `payload` as `entry`'s current version (entry.version must already be set).
void seal_current(std::string_view name, SidecarEntry& entry, const SecretPayload& payload,
                  std::string_view public_key) {
  entry.fields =
      is_multi_field(entry.type) ? field_names(payload.fields) : std::vector<std::string>{};
  entry.value = seal_value(payload_bytes(entry.type, payload),
                           binding_for(name, entry, entry.version), public_key);
}

// Moves the current value into history and seals `payload` as the next version.
void write_new_version(std::string_view name, SidecarEntry& entry, const SecretPayload& payload,
                       std::chrono::sys_seconds now, std::string_view public_key) {
  entry.history.push_back({entry.version, entry.updated, entry.value});
  entry.version += 1;
  entry.updated = now;
  seal_current(name, entry, payload, public_key);
}

bool same_payload(SecretType type, const SecretPayload& a, const SecretPayload& b) {
  return payload_bytes(type, a).reveal() == payload_bytes(type, b).reveal();
}

// `given` plus every field of `kept` that `given` does not name.
std::vector<NamedSecret> merged_fields(const std::vector<NamedSecret>& kept,
                                       std::vector<NamedSecret> given) {
  for (const NamedSecret& field : kept) {
    const auto same_name = [&](const NamedSecret& f) { return f.name == field.name; };
    if (std::none_of(given.begin(), given.end(), same_name)) {
      given.push_back({field.name, field.value.clone()});
    }
  }
  return given;
}

// Whether `payload` differs from the current value; a current value that no longer opens
// (tampered) counts as different, so a new value can repair it.
bool differs_from_current(std::string_view name, const SidecarEntry& entry, SecretType type,
                          const SecretPayload& payload, const Keypair& keys) {
  try {
    return !same_payload(type, payload, open_payload(name, entry, entry.version, keys));
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::tampered) throw;
    return true;
  }
}

bool same_scopes(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void apply_metadata(SidecarEntry& entry, SecretChanges& changes) {
  if (changes.type) entry.type = *changes.type;
  if (changes.description) entry.description = std::move(*changes.description);
  if (changes.scopes) {
    entry.scopes = checked_list(std::move(*changes.scopes), scope_problem, "invalid-scope");
  }
  if (changes.tags) entry.tags = checked_list(std::move(*changes.tags), tag_problem, "invalid-tag");
  for (auto& [key, value] : changes.metadata) {
    if (key.empty()) invalid("invalid-metadata", "a metadata key must not be empty");
    if (value) {
      entry.metadata[key] = std::move(*value);
    } else {
      entry.metadata.erase(key);
    }
  }
  if (changes.expires) entry.expires = *changes.expires;
  if (changes.rotate_every) entry.rotate_every = *changes.rotate_every;
  if (changes.notify_before) entry.notify_before = *changes.notify_before;
}

// A type change without a new value must keep the value's shape.
void check_type_change(std::string_view name, const SidecarEntry& before,
                       const SidecarEntry& after) {
  if (before.type == after.type) return;
  const bool same_shape = is_multi_field(before.type) == is_multi_field(after.type) &&
                          !field_set_problem(after.type, before.fields);
  if (same_shape) return;
  invalid("invalid-fields", "changing the type of " + std::string(name) + " from " +
                                std::string(to_string(before.type)) + " to " +
                                std::string(to_string(after.type)) + " needs a new value" +
                                (is_multi_field(after.type) ? " with its fields" : ""));
}

// Re-seals the current value under `entry`'s new scopes or type (same version).
void reseal_current(const Sidecar& sidecar, std::string_view name, const SidecarEntry& before,
                    SidecarEntry& after, const Keypair* keys) {
  if (keys == nullptr) {
    const bool scopes = !same_scopes(before.scopes, after.scopes);
    const bool type = before.type != after.type;
    const std::string what = scopes && type ? "scopes and type" : scopes ? "scopes" : "type";
    throw Error(ErrorKind::key, "missing-key",
                "changing the " + what + " of secret " + std::string(name) +
                    " re-seals its value and needs the private key of sidecar key " +
                    sidecar.key_id + " (or give a new value)");
  }
  const SecretPayload current = open_payload(name, before, before.version, *keys);
  seal_current(name, after, current, sidecar.public_key);
}

}  // namespace

void add_secret(Sidecar& sidecar, NewSecret secret, std::chrono::sys_seconds now) {
  check_name(secret.name);
  if (sidecar.secrets.contains(secret.name)) {
    invalid("secret-exists", "secret " + secret.name +
                                 " already exists; change it with hush secrets update " +
                                 secret.name);
  }
  check_payload(secret.type, secret.payload);
  SidecarEntry entry;
  SecretChanges metadata{.type = secret.type,
                         .description = std::move(secret.description),
                         .scopes = std::move(secret.scopes),
                         .tags = std::move(secret.tags),
                         .expires = secret.expires,
                         .rotate_every = secret.rotate_every,
                         .notify_before = secret.notify_before};
  for (auto& [key, value] : secret.metadata) metadata.metadata[key] = std::move(value);
  apply_metadata(entry, metadata);
  entry.created = now;
  entry.updated = now;
  entry.version = 1;
  seal_current(secret.name, entry, secret.payload, sidecar.public_key);
  sidecar.secrets.emplace(secret.name, std::move(entry));
}

void update_secret(Sidecar& sidecar, std::string_view name, SecretChanges changes,
                   std::chrono::sys_seconds now, const Keypair* keys) {
  if (keys != nullptr) check_keypair(sidecar, *keys);
  SidecarEntry& current = entry_named(sidecar, name);
  SidecarEntry next = current;
  apply_metadata(next, changes);
  bool new_value = false;
  if (changes.payload) {
    check_payload(next.type, *changes.payload);
    new_value = keys == nullptr || next.type != current.type ||
                differs_from_current(name, current, next.type, *changes.payload, *keys);
  } else {
    check_type_change(name, current, next);
  }
  if (new_value) {
    write_new_version(name, next, *changes.payload, now, sidecar.public_key);
  } else if (!same_scopes(current.scopes, next.scopes) || current.type != next.type) {
    reseal_current(sidecar, name, current, next, keys);  // scopes and type are sealed
  }
  if (next == current) no_changes();
  current = std::move(next);
}

void remove_secret(Sidecar& sidecar, std::string_view name) {
  (void)entry_named(sidecar, name);
  sidecar.secrets.erase(sidecar.secrets.find(name));
}

std::uint64_t rollback_secret(Sidecar& sidecar, std::string_view name, std::uint64_t to_version,
                              std::chrono::sys_seconds now, const Keypair& keys) {
  check_keypair(sidecar, keys);
  SidecarEntry& entry = entry_named(sidecar, name);
  if (to_version == entry.version) {
    no_changes(std::string(name) + " is already at version " + std::to_string(to_version));
  }
  const SecretPayload old = open_payload(name, entry, to_version, keys);
  const std::vector<std::string> names = field_names(old.fields);
  if (is_multi_field(entry.type) == old.fields.empty() || field_set_problem(entry.type, names)) {
    invalid("invalid-fields", "version " + std::to_string(to_version) + " of " + std::string(name) +
                                  " does not fit its current type " +
                                  std::string(to_string(entry.type)) + "; change the type first");
  }
  SidecarEntry next = entry;
  write_new_version(name, next, old, now, sidecar.public_key);
  entry = std::move(next);
  return entry.version;
}

std::uint64_t rotate_secret(Sidecar& sidecar, std::string_view name, SecretPayload payload,
                            std::chrono::sys_seconds now, const Keypair& keys) {
  check_keypair(sidecar, keys);
  SidecarEntry& entry = entry_named(sidecar, name);
  const SecretPayload current = open_payload(name, entry, entry.version, keys);
  if (is_multi_field(entry.type) && payload.value.empty()) {
    payload.fields = merged_fields(current.fields, std::move(payload.fields));
  }
  check_payload(entry.type, payload);
  if (same_payload(entry.type, payload, current)) {
    no_changes("the new value of " + std::string(name) + " equals the current one");
  }
  SidecarEntry next = entry;
  write_new_version(name, next, payload, now, sidecar.public_key);
  entry = std::move(next);
  return entry.version;
}

SecretPayload reveal_secret(const Sidecar& sidecar, std::string_view name, const Keypair& keys,
                            std::optional<std::uint64_t> version) {
  check_keypair(sidecar, keys);
  const SidecarEntry& entry = entry_named(sidecar, name);
  SecretPayload payload = open_payload(name, entry, version.value_or(entry.version), keys);
  // Every decrypted value is known to the redactor before anyone can print it.
  if (payload.fields.empty()) announce_revealed(name, payload.value);
  for (const NamedSecret& field : payload.fields) {
    announce_revealed(std::string(name) + "." + field.name, field.value);
  }
  return payload;
}

namespace sidecar_detail {

SecretPayload payload_of(std::string_view name, const SidecarEntry& entry, bool current,
                         const OpenedValue& opened) {
  const std::string_view bytes = opened.payload.reveal();
  std::optional<std::vector<NamedSecret>> fields = decode_fields(bytes);
  bool multi = fields.has_value();  // hush1 history: read by the payload's shape
  if (opened.format == SealFormat::hush2) {
    const std::optional<SecretType> type = parse_secret_type(opened.sealed.type);
    if (!type) tampered_payload(name, "its ciphertext was sealed with an unknown type");
    multi = is_multi_field(*type);
    std::vector<std::string> sealed_fields = opened.sealed.fields;
    std::sort(sealed_fields.begin(), sealed_fields.end());
    if (multi && (!fields || field_names(*fields) != sealed_fields)) {
      tampered_payload(name, "its sealed fields do not match the fields it was sealed with");
    }
  } else if (current && is_multi_field(entry.type)) {
    if (!fields || field_names(*fields) != entry.fields) {
      tampered_payload(
          name, "its sealed fields do not match the listed fields " + join(entry.fields, ", "));
    }
  } else if (current && fields) {
    tampered_payload(name, "its sealed value holds fields, but type " +
                               std::string(to_string(entry.type)) + " holds one value");
  }
  SecretPayload out;
  if (multi) {
    out.fields = std::move(*fields);
  } else {
    out.value = opened.payload.clone();
  }
  return out;
}

SecretPayload open_payload(std::string_view name, const SidecarEntry& entry, std::uint64_t version,
                           const Keypair& keys) {
  const bool current = version == entry.version;
  const auto old = std::find_if(entry.history.begin(), entry.history.end(),
                                [&](const SealedVersion& v) { return v.version == version; });
  if (!current && old == entry.history.end()) {
    std::vector<std::string> known;
    for (const SealedVersion& v : entry.history) known.push_back(std::to_string(v.version));
    known.push_back(std::to_string(entry.version));
    invalid("unknown-version", "secret " + std::string(name) + " has no version " +
                                   std::to_string(version) + " (versions: " + join(known, ", ") +
                                   ")");
  }
  const OpenedValue opened = current
                                 ? open_value(entry.value, binding_for(name, entry, version), keys)
                                 : open_value(old->value, binding_for(name, entry, version), keys,
                                              BindingCheck::name_and_version);
  return payload_of(name, entry, current, opened);
}

}  // namespace sidecar_detail
}  // namespace hush
