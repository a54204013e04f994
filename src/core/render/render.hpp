// hush/render.hpp — substitutes every reference of a template and proves the result: the output
// equals the input byte for byte outside the substituted scalars (and the stripped inline
// `secrets:` block); each substituted scalar is encoded for its style, falling back to a
// double-quoted scalar when the style cannot hold the value; the output is parsed again and
// compared with the template's tree with values substituted, and any difference is an error.
#pragma once
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/reference.hpp"
#include "core/resolve/sources.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

enum class OutputFormat { yaml, json, env };
[[nodiscard]] std::optional<OutputFormat> parse_output_format(std::string_view word);

struct RenderOptions {
  Syntax syntax = Syntax::both;
  OutputFormat format = OutputFormat::yaml;
  bool strip_secrets = true;  // remove the inline `secrets:` block from the output
  // --format env: deny-listed variable names (core/base/env_names.hpp) written anyway.
  std::vector<std::string> allow_env{};
};

// What was substituted where (names and sources only, for logs).
struct ResolvedReference {
  std::string reference;  // as written, e.g. ${DB_PASSWORD}
  std::string secret;     // the secret's name in its source
  std::string source;     // sidecar, env, inline or an exec source
  Location where;
};

// Move-only: `text` carries secret values and lives in secure memory (hush/secret.hpp); write it
// out through text.reveal() (a string_view), never by converting it to std::string.
struct RenderResult {
  SecretBuffer text;              // empty unless no finding is an error
  std::vector<Finding> findings;  // errors and warnings, in source order
  std::vector<ResolvedReference> resolved;
};

// Renders `source`. Unresolved, out-of-scope, expired and malformed references are findings (all
// of them, in one pass); `text` is then empty. Throws Error(invalid_input, "render-verify") if the
// output would not parse back to the intended values (nothing is returned then), and passes on
// the resolver's key/tamper/exec errors. With --format env, a variable name on the deny-list
// of core/base/env_names.hpp that is not in `allow_env` throws Error(invalid_input,
// "dangerous-env-name"), and the other errors of detail::to_env (render_formats.hpp:
// "env-name-collision", "env-name-invalid"). Cost: one parse of the output per verification round.
[[nodiscard]] RenderResult render(const YamlSource& source, Resolver& resolver,
                                  const RenderOptions& options);

}  // namespace hush
