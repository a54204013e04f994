// hush/render.hpp — substitutes every reference of a Template with its value and proves the
// result: outside the substituted scalars (and the stripped inline `secrets:` block) the output
// is the template byte for byte; each value is encoded for its scalar's style (falling back to
// a double-quoted scalar when the style cannot hold it); the output is parsed again and compared
// with the intended tree. The rendered text is built in secure memory only.
//
//   hush::Rendering out = hush::render(config, resolver, {.format = hush::RenderFormat::json});
//   for (const hush::Finding& f : out.findings) std::cerr << hush::to_string(f) << "\n";
//   if (out.ok()) write(fd, out.text.reveal().data(), out.text.size());
//
//   hush::SecretBuffer text = hush::render_text(config, resolver);  // throws on any error
#pragma once
#include <hush/error.hpp>
#include <hush/resolver.hpp>
#include <hush/secret.hpp>
#include <hush/template.hpp>
#include <string>
#include <vector>

namespace hush {

// yaml: the template with values in place; json: one JSON value per document (plain scalars
// typed by YAML 1.2's core schema); env: KEY="value" lines, one per leaf (path segments upper
// cased and joined with "_").
enum class RenderFormat { yaml, json, env };

// Whether the template's inline `secrets:` block is left out of the output.
enum class InlineBlock { strip, keep };

struct RenderSettings {
  RenderFormat format = RenderFormat::yaml;
  InlineBlock inline_block = InlineBlock::strip;
  // env format: names on the deny-list of loader and shell start-up variables (LD_PRELOAD,
  // BASH_ENV, PATH, …) that are written anyway.
  std::vector<std::string> allow_env{};
};

// Which secret one reference was replaced with (names only, for logs).
struct Substitution {
  std::string reference;  // as written, e.g. ${DB_PASSWORD}
  std::string secret;     // the secret's name in its source
  std::string source;     // sidecar, env, inline or your source's name
  Location where;
};

// Move-only: `text` carries values. Write it out through text.reveal(); never copy it into a
// std::string.
struct Rendering {
  SecretBuffer text{};              // empty unless ok()
  std::vector<Finding> findings{};  // every problem at once, in source order
  std::vector<Substitution> substitutions{};
  // No finding is an error.
  [[nodiscard]] bool ok() const;
};

// Renders `config` with values from `resolver`. Unresolved, out-of-scope, expired and malformed
// references are findings (all of them, in one pass: rules unresolved-reference,
// scope-violation, expired-secret, invalid-reference, …); `text` is empty then. Throws
// Error(invalid_input, "render-verify") when the output would not parse back to the intended
// values; for the env format Error(invalid_input) "dangerous-env-name", "env-name-collision" or
// "env-name-invalid"; and what a source throws while fetching (Error(key, "missing-key" |
// "wrong-key"), Error(tampered, "tampered-value"), your source's errors). Not thread-safe for
// one `resolver`; cost: linear in the template plus one parse of the output.
[[nodiscard]] Rendering render(const Template& config, SecretResolver& resolver,
                               const RenderSettings& settings = {});

// As render(), but the first error finding is thrown as Error(invalid_input, <its rule>, <its
// message>, <its location>, <its snippet>); warnings are dropped.
[[nodiscard]] SecretBuffer render_text(const Template& config, SecretResolver& resolver,
                                       const RenderSettings& settings = {});

}  // namespace hush
