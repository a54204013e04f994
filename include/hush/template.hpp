// hush/template.hpp — a config file that holds references to secrets (`${DB_PASSWORD}`,
// `$<API_KEY>`, `${NAME.field}`, `${env:KEY}`), parsed once and rendered many times. A Template
// knows every reference it holds, where it is written and in which OpsiMate scope
// (provider:<name>, service:<name>, integration:<name> or global); the YAML tree stays inside.
//
//   const hush::Template config = hush::Template::load("config.yaml");  // throws hush::Error
//   for (const hush::Template::Reference& ref : config.references()) {
//     std::cout << hush::to_string(ref.where) << ": " << ref.token << " in " << ref.scope << "\n";
//   }
//   if (hush::worst(config.findings()) == hush::Severity::error) { /* malformed references */ }
#pragma once
#include <cstddef>
#include <filesystem>
#include <hush/error.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

namespace detail {
struct ApiAccess;  // how the library's own facades reach the parsed tree
}  // namespace detail

// Which reference forms a template uses; the other form is ordinary text.
enum class ReferenceSyntax { braces, angle, both };

// A parsed template. Immutable; const members may be called from several threads at once.
// Holds the template's text (and so the plaintext of an inline `secrets:` block) in ordinary
// memory, as the embedder handed it over. Movable, not copyable.
class Template {
 public:
  // One reference as written.
  struct Reference {
    std::string token;   // the canonical token text, e.g. "${DB_PASSWORD}" or "${env:KEY}"
    std::string name;    // NAME, or KEY of a source-qualified ${SOURCE:KEY}
    std::string field;   // "" unless ${NAME.field}
    std::string source;  // "" unless source-qualified
    ReferenceSyntax syntax = ReferenceSyntax::braces;  // braces (${…}) or angle ($<…>)
    Location where;                                    // of the token, 1-based
    std::string scope;                 // "global", "service:database", "provider:aws-prod", …
    std::vector<std::string> aliased;  // further scopes its value reaches through YAML aliases
  };

  // Parses `text`, named `path` in messages and locations. Throws Error(syntax) with id
  // "yaml-syntax", "duplicate-key", "invalid-encoding", "alias-budget" or "nesting-limit" at the
  // offending path:line:column. Malformed references are not thrown: they are findings().
  // Cost: linear in the text (aliases expand to at most 100,000 nodes).
  [[nodiscard]] static Template parse(std::string path, std::string text,
                                      ReferenceSyntax syntax = ReferenceSyntax::both);
  // Reads the file at `path` (at most 64 MiB) and parses it. Throws Error(io) with id
  // "unreadable-file", "not-a-regular-file" or "input-too-large", and parse()'s errors.
  [[nodiscard]] static Template load(const std::filesystem::path& path,
                                     ReferenceSyntax syntax = ReferenceSyntax::both);

  ~Template();
  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  Template(const Template&) = delete;
  Template& operator=(const Template&) = delete;

  [[nodiscard]] const std::string& path() const;
  [[nodiscard]] ReferenceSyntax syntax() const;
  // Number of YAML documents in the file.
  [[nodiscard]] std::size_t documents() const;
  // Every reference outside the inline `secrets:` block, in source order.
  [[nodiscard]] const std::vector<Reference>& references() const;
  // Malformed references (rule "invalid-reference") and references in mapping keys
  // ("reference-in-key"), in source order; render() reports them again.
  [[nodiscard]] const std::vector<Finding>& findings() const;
  // The distinct names the references read (NAME, or KEY of qualified ones), sorted.
  [[nodiscard]] std::vector<std::string> secret_names() const;

 private:
  friend struct detail::ApiAccess;
  struct Impl;
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
