#include "core/workflow/secret_input.hpp"

#include "core/base/clock.hpp"
#include "core/base/text.hpp"

namespace hush {

SecretType type_from(const std::string& word) {
  if (word.empty()) return SecretType::generic;
  const std::optional<SecretType> type = parse_secret_type(word);
  if (!type) {
    throw Error(ErrorKind::usage, "unknown-secret-type",
                "unknown type " + word +
                    " (generic, password, api-key, bearer, basic, "
                    "client-credentials, certificate, kv)");
  }
  return *type;
}

std::optional<std::chrono::sys_seconds> expiry_from(const MetadataText& text,
                                                    std::chrono::sys_seconds now) {
  if (!text.expires_in.empty() && !text.expires.empty()) {
    throw Error(ErrorKind::usage, "conflicting-options",
                "give --expires-in or --expires, not both");
  }
  if (!text.expires_in.empty()) return now + parse_duration(text.expires_in);
  if (!text.expires.empty()) return parse_time(text.expires);
  return std::nullopt;
}

std::map<std::string, std::string> metadata_from(const std::vector<std::string>& pairs) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : pairs) {
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw Error(ErrorKind::usage, "invalid-option-value", "--meta takes KEY=VALUE, not " + pair);
    }
    out[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  return out;
}

std::vector<NamedSecret> fields_from(const std::vector<std::string>& pairs) {
  std::vector<NamedSecret> fields;
  for (const std::string& pair : pairs) {
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw Error(ErrorKind::usage, "invalid-option-value", "--field takes NAME=VALUE");
    }
    fields.push_back(
        {pair.substr(0, equals), SecretValue(std::string_view(pair).substr(equals + 1))});
  }
  return fields;
}

NewSecret new_secret_from(std::string name, const MetadataText& text, SecretPayload payload,
                          std::chrono::sys_seconds now) {
  NewSecret secret;
  secret.name = std::move(name);
  secret.type = type_from(text.type);
  secret.payload = std::move(payload);
  secret.description = text.description;
  secret.scopes = text.scopes;
  secret.tags = text.tags;
  secret.metadata = metadata_from(text.meta);
  secret.expires = expiry_from(text, now);
  if (!text.rotate_every.empty()) secret.rotate_every = parse_duration(text.rotate_every);
  return secret;
}

SecretChanges changes_from(const MetadataText& text, ClearFlags clear,
                           std::optional<SecretPayload> payload, std::chrono::sys_seconds now) {
  SecretChanges changes;
  changes.payload = std::move(payload);
  if (!text.type.empty()) changes.type = type_from(text.type);
  if (!text.description.empty()) changes.description = text.description;
  if (!text.scopes.empty()) changes.scopes = text.scopes;
  if (!text.tags.empty()) changes.tags = text.tags;
  for (const auto& [key, value] : metadata_from(text.meta)) {
    changes.metadata[key] = value.empty() ? std::nullopt : std::optional<std::string>(value);
  }
  if (clear.expiry) {
    changes.expires = std::optional<std::chrono::sys_seconds>();
  } else if (auto expires = expiry_from(text, now)) {
    changes.expires = expires;
  }
  if (clear.rotation) {
    changes.rotate_every = std::optional<std::chrono::seconds>();
  } else if (!text.rotate_every.empty()) {
    changes.rotate_every = parse_duration(text.rotate_every);
  }
  return changes;
}

SecretBuffer payload_text(const SecretPayload& payload, const std::string& field,
                          const std::string& name) {
  if (payload.fields.empty()) {
    if (!field.empty()) {
      throw Error(ErrorKind::invalid_input, "unknown-field", "secret " + name + " has no fields");
    }
    return SecretBuffer(payload.value.reveal());
  }
  SecretBuffer out;
  std::vector<std::string> names;
  for (const NamedSecret& f : payload.fields) {
    names.push_back(f.name);
    if (!field.empty()) {
      if (f.name == field) return SecretBuffer(f.value.reveal());
      continue;
    }
    out.append(f.name);
    out.push_back('=');
    append_json_quoted(out, f.value.reveal());
    out.push_back('\n');
  }
  if (!field.empty()) {
    throw Error(
        ErrorKind::invalid_input, "unknown-field",
        "secret " + name + " has no field " + field + " (fields: " + join(names, ", ") + ")");
  }
  return out;
}

}  // namespace hush
