#include "core/workflow/secret_input.hpp"

#include <hush/source.hpp>

#include "core/base/clock.hpp"
#include "core/base/text.hpp"
#include "core/crypto/crypto.hpp"
#include "core/runtime/terminal.hpp"
#include "core/sidecar/dotenv.hpp"

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
  if (!text.notify_before.empty()) secret.notify_before = parse_duration(text.notify_before);
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
  if (clear.notify_before) {
    changes.notify_before = std::optional<std::chrono::seconds>();
  } else if (!text.notify_before.empty()) {
    changes.notify_before = parse_duration(text.notify_before);
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

namespace {

void announce(const std::vector<NamedSecret>& values) {
  for (const NamedSecret& value : values) announce_revealed(value.name, value.value);
}

std::vector<NamedSecret> fields_from_stdin() {
  const SecretBuffer text = read_stdin_secret_text();
  std::vector<NamedSecret> fields;
  for (DotenvEntry& entry : parse_dotenv(text.reveal(), "<stdin>")) {
    fields.push_back({entry.name, std::move(entry.value)});
  }
  announce(fields);
  return fields;
}

std::vector<NamedSecret> fields_from_prompts(SecretType type) {
  std::vector<NamedSecret> fields;
  for (const std::string& field : required_fields(type)) {
    std::optional<SecretValue> value = prompt_hidden(field + ": ");
    if (!value) break;
    fields.push_back({field, std::move(*value)});
  }
  return fields;
}

std::optional<SecretPayload> read_fields(const ValueInput& input, SecretType type, bool required) {
  if (input.generate > 0 || !input.value.empty()) {
    throw Error(ErrorKind::usage, "fields-expected",
                "multi-field secrets take --field NAME=VALUE, NAME=value lines on stdin with "
                "--value-stdin, or the prompt");
  }
  SecretPayload payload;
  payload.fields = input.from_stdin               ? fields_from_stdin()
                   : !input.fields.empty()        ? fields_from(input.fields)
                   : (required && has_terminal()) ? fields_from_prompts(type)
                                                  : std::vector<NamedSecret>{};
  announce(payload.fields);
  if (payload.fields.empty()) {
    if (!required) return std::nullopt;
    throw Error(ErrorKind::invalid_input, "missing-value", "Secret value is required");
  }
  return payload;
}

}  // namespace

std::optional<SecretPayload> read_payload(const ValueInput& input, SecretType type, bool required,
                                          const Notices& notices) {
  const int ways = (input.from_stdin ? 1 : 0) + (input.generate > 0 ? 1 : 0) +
                   (input.value.empty() ? 0 : 1) + (input.fields.empty() ? 0 : 1);
  if (ways > 1) {
    throw Error(ErrorKind::usage, "conflicting-options",
                "give the value one way: --value-stdin, --generate, --value or --field");
  }
  if (!input.value.empty() || !input.fields.empty()) {
    notices.caution(
        "a value on the command line lands in shell history and process "
        "listings; prefer --value-stdin or the prompt");
  }
  if (is_multi_field(type)) return read_fields(input, type, required);
  SecretPayload payload;
  if (input.from_stdin) {
    payload.value = read_stdin_secret();
  } else if (input.generate > 0) {
    payload.value = generate_secret(input.generate, input.charset);
  } else if (!input.value.empty()) {
    payload.value = SecretValue(input.value);
  } else if (required && has_terminal()) {
    payload.value = prompt_hidden("value (hidden): ").value_or(SecretValue(""));
  } else if (!required) {
    return std::nullopt;
  }
  announce_revealed("value", payload.value);
  return payload;
}

}  // namespace hush
