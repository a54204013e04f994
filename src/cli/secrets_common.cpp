#include "cli/secrets_common.hpp"

#include <CLI/CLI.hpp>

namespace hush::cli {

void add_value_options(CLI::App& app, ValueInput& input) {
  app.add_flag("--value-stdin", input.from_stdin,
               "Read the value from stdin (one trailing newline dropped; NAME=value lines for "
               "multi-field types)");
  app.add_option("--generate", input.generate, "Generate a random value of N characters");
  app.add_option("--charset", input.charset, "For --generate: alnum, hex, base64url or ascii")
      ->check(CLI::IsMember({"alnum", "hex", "base64url", "ascii"}));
  app.add_option("--value", input.value,
                 "The value itself (discouraged: it lands in shell history and `ps`)");
  app.add_option("--field", input.fields, "NAME=VALUE of a multi-field secret (repeatable)");
}

void add_metadata_options(CLI::App& app, MetadataText& text) {
  app.add_option("--description", text.description, "What the secret is for");
  app.add_option("--type", text.type,
                 "generic, password, api-key, bearer, basic, client-credentials, certificate, kv");
  app.add_option("--scope", text.scopes,
                 "Where it may be used: provider, service, integration, global[:name-glob]");
  app.add_option("--tag", text.tags, "A tag (repeatable)");
  app.add_option("--meta", text.meta, "KEY=VALUE metadata (repeatable)");
  app.add_option("--expires-in", text.expires_in, "Expire after a duration: 30d, 12h, 2w");
  app.add_option("--expires", text.expires, "Expire at a date: 2027-02-20 or an ISO time");
  app.add_option("--rotate-every", text.rotate_every, "Rotation period: 90d");
  app.add_option("--notify-before", text.notify_before,
                 "Warn this long before expiry or rotation is due: 30d (default 14d before "
                 "expiry in hush check, none before rotation)");
}

}  // namespace hush::cli
