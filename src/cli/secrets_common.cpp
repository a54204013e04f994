#include "cli/secrets_common.hpp"

#include <CLI/CLI.hpp>

#include "cli/terminal.hpp"
#include "core/base/clock.hpp"
#include "core/crypto/crypto.hpp"
#include "core/crypto/keystore.hpp"
#include "core/sidecar/dotenv.hpp"

namespace hush::cli {
namespace {

std::vector<NamedSecret> fields_from_stdin(const Context& ctx) {
  const SecretBuffer text = read_stdin_secret_text();
  std::vector<NamedSecret> fields;
  for (DotenvEntry& entry : parse_dotenv(text.reveal(), "<stdin>")) {
    fields.push_back({entry.name, std::move(entry.value)});
  }
  ctx.console().remember(fields);
  return fields;
}

std::vector<NamedSecret> fields_from_args(const std::vector<std::string>& pairs) {
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

std::vector<NamedSecret> fields_from_prompts(SecretType type) {
  std::vector<NamedSecret> fields;
  for (const std::string& field : required_fields(type)) {
    std::optional<SecretValue> value = prompt_hidden(field + ": ");
    if (!value) break;
    fields.push_back({field, std::move(*value)});
  }
  return fields;
}

// read_payload for multi-field types.
std::optional<SecretPayload> read_fields(const ValueFlags& flags, SecretType type,
                                         const Context& ctx, bool required) {
  if (flags.generate > 0 || !flags.value.empty()) {
    throw Error(ErrorKind::usage, "fields-expected",
                "multi-field secrets take --field NAME=VALUE, NAME=value lines on stdin with "
                "--value-stdin, or the prompt");
  }
  SecretPayload payload;
  payload.fields = flags.from_stdin               ? fields_from_stdin(ctx)
                   : !flags.fields.empty()        ? fields_from_args(flags.fields)
                   : (required && has_terminal()) ? fields_from_prompts(type)
                                                  : std::vector<NamedSecret>{};
  ctx.console().remember(payload.fields);
  if (payload.fields.empty()) {
    if (!required) return std::nullopt;
    throw Error(ErrorKind::invalid_input, "missing-value", "Secret value is required");
  }
  return payload;
}

}  // namespace

std::filesystem::path secrets_path(const Context& ctx) {
  return ctx.sidecar_location(std::nullopt).path;
}

Sidecar load_existing_sidecar(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) {
    throw Error(ErrorKind::io, "missing-sidecar",
                "sidecar " + path.string() + " does not exist; create it with `hush init`",
                Location{path.string(), 0, 0});
  }
  return load_sidecar(path);
}

KeyInputs key_inputs_with_prompt(const Context& ctx) {
  KeyInputs inputs = ctx.key_inputs();
  if (!inputs.passphrase) {
    inputs.passphrase = [] { return prompt_hidden("hush passphrase: "); };
  }
  return inputs;
}

std::optional<Keypair> migration_keys(const Sidecar& sidecar, const Context& ctx) {
  if (!needs_migration(sidecar)) return std::nullopt;
  return keys_at_hand(sidecar, ctx, "values sealed in the old format are not migrated");
}

std::optional<Keypair> keys_at_hand(const Sidecar& sidecar, const Context& ctx,
                                    const std::string& without) {
  try {
    return find_keypair(ctx.key_inputs(), sidecar.key_id, sidecar.kdf);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::key) throw;
    ctx.console().warn(without + ": " + error.message());
    return std::nullopt;
  }
}

void write_sidecar(const std::filesystem::path& path, const std::function<void(Sidecar&)>& change,
                   const Keypair* keys, const Context& ctx) {
  std::optional<MigrationResult> migrated;
  std::size_t left = 0;
  update_sidecar(path, [&](Sidecar& sidecar) {
    change(sidecar);
    if (keys != nullptr && needs_migration(sidecar)) migrated = migrate_sidecar(sidecar, *keys);
    left = legacy_value_count(sidecar);
  });
  if (migrated && migrated->resealed != 0) {
    ctx.console().info("re-sealed " + std::to_string(migrated->resealed) + " old values in " +
                       path.string() + " in seal format 2 (type and fields bound)");
  }
  if (migrated) {
    for (const Error& failed : migrated->failed) {
      ctx.console().warn("not migrated: " + failed.message());
    }
  } else if (left != 0) {
    ctx.console().info(std::to_string(left) + (left == 1 ? " value is" : " values are") +
                       " still sealed in the old format (type not bound); run `hush secrets "
                       "migrate` with the private key to re-seal them");
  }
}

void add_value_options(CLI::App& app, ValueFlags& flags) {
  app.add_flag("--value-stdin", flags.from_stdin,
               "Read the value from stdin (one trailing newline dropped; NAME=value lines for "
               "multi-field types)");
  app.add_option("--generate", flags.generate, "Generate a random value of N characters");
  app.add_option("--charset", flags.charset, "For --generate: alnum, hex, base64url or ascii")
      ->check(CLI::IsMember({"alnum", "hex", "base64url", "ascii"}));
  app.add_option("--value", flags.value,
                 "The value itself (discouraged: it lands in shell history and `ps`)");
  app.add_option("--field", flags.fields, "NAME=VALUE of a multi-field secret (repeatable)");
}

std::optional<SecretPayload> read_payload(const ValueFlags& flags, SecretType type,
                                          const Context& ctx, bool required) {
  const int sources = (flags.from_stdin ? 1 : 0) + (flags.generate > 0 ? 1 : 0) +
                      (flags.value.empty() ? 0 : 1) + (flags.fields.empty() ? 0 : 1);
  if (sources > 1) {
    throw Error(ErrorKind::usage, "conflicting-options",
                "give the value one way: --value-stdin, --generate, --value or --field");
  }
  SecretPayload payload;
  if (!flags.value.empty() || !flags.fields.empty()) {
    ctx.console().warn(
        "a value on the command line lands in shell history and process "
        "listings; prefer --value-stdin or the prompt");
  }
  if (is_multi_field(type)) return read_fields(flags, type, ctx, required);
  if (flags.from_stdin) {
    payload.value = read_stdin_secret();
  } else if (flags.generate > 0) {
    payload.value = generate_secret(flags.generate, flags.charset);
  } else if (!flags.value.empty()) {
    payload.value = SecretValue(flags.value);
  } else if (required && has_terminal()) {
    payload.value = prompt_hidden("value (hidden): ").value_or(SecretValue(""));
  } else if (!required) {
    return std::nullopt;
  }
  std::vector<NamedSecret> remembered;
  remembered.push_back({"value", payload.value.clone()});
  ctx.console().remember(remembered);
  return payload;
}

void add_metadata_options(CLI::App& app, MetadataFlags& flags) {
  app.add_option("--description", flags.description, "What the secret is for");
  app.add_option("--type", flags.type,
                 "generic, password, api-key, bearer, basic, client-credentials, certificate, kv");
  app.add_option("--scope", flags.scopes,
                 "Where it may be used: provider, service, integration, global[:name-glob]");
  app.add_option("--tag", flags.tags, "A tag (repeatable)");
  app.add_option("--meta", flags.meta, "KEY=VALUE metadata (repeatable)");
  app.add_option("--expires-in", flags.expires_in, "Expire after a duration: 30d, 12h, 2w");
  app.add_option("--expires", flags.expires, "Expire at a date: 2027-02-20 or an ISO time");
  app.add_option("--rotate-every", flags.rotate_every, "Rotation period: 90d");
}

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

std::optional<std::chrono::sys_seconds> expiry_from(const MetadataFlags& flags,
                                                    std::chrono::sys_seconds now) {
  if (!flags.expires_in.empty() && !flags.expires.empty()) {
    throw Error(ErrorKind::usage, "conflicting-options",
                "give --expires-in or --expires, not both");
  }
  if (!flags.expires_in.empty()) return now + parse_duration(flags.expires_in);
  if (!flags.expires.empty()) return parse_time(flags.expires);
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

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], count_code_points(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - count_code_points(row[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace hush::cli
