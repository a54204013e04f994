#include "cli/secrets_common.hpp"

#include <CLI/CLI.hpp>

#include "core/crypto/crypto.hpp"
#include "core/runtime/terminal.hpp"
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
                   : !flags.fields.empty()        ? fields_from(flags.fields)
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

namespace {

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

}  // namespace

PayloadReader payload_reader(const ValueFlags& flags, const Context& ctx) {
  return [&flags, &ctx](SecretType type, bool required) {
    return read_payload(flags, type, ctx, required);
  };
}

void add_metadata_options(CLI::App& app, MetadataText& flags) {
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
