// hush/config_model.hpp — the OpsiMate meaning of a parsed YAML file: which scope each scalar is
// in (provider:<name>, service:<name>, integration:<name>, global), scope patterns, the inline
// `secrets:` block, and every reference in the file with its exact location.
#pragma once
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/reference.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

enum class ScopeKind { global, provider, service, integration };

struct Scope {
  ScopeKind kind = ScopeKind::global;
  std::string name;  // the entry's `name`, or "#<index>" when it has none
};
// "global", "provider:aws-prod", "service:database", "integration:grafana".
[[nodiscard]] std::string to_string(const Scope& scope);

// The scope of a node at `path` in `document`: inside providers[i] it is provider:<name>, inside
// services[i] service:<name>, inside integrations[i] integration:<name>, elsewhere global.
[[nodiscard]] Scope scope_of(const YamlDocument& document, const NodePath& path);

// Whether a secret restricted to `patterns` may be used in `scope` (no patterns: anywhere).
[[nodiscard]] bool scope_allows(const std::vector<std::string>& patterns, const Scope& scope);

// One entry of the config's inline `secrets:` block (string form or map with value,
// description, scopes).
struct InlineSecret {
  std::string name;
  SecretValue value;
  std::string description;
  std::vector<std::string> scopes;
  Location where;  // of the value (or of the key when the value is missing)
};
struct InlineSecrets {
  std::vector<InlineSecret> secrets;
  std::vector<Finding> findings;  // malformed entries (rule "inline-secret-invalid")
};
// Reads every document's top-level `secrets:` mapping. Never throws for malformed entries:
// they become findings.
[[nodiscard]] InlineSecrets read_inline_secrets(const YamlSource& source);

// Another place a reference's value is used: through an alias (`*name`, also behind a merge key
// `<<: *name`) of the scalar that holds it, in a scope other than the scalar's own.
struct AliasedUse {
  Scope scope;
  Location where;       // of the alias token
  std::string snippet;  // the alias's line with a caret under it
  std::string note;     // "through the alias here of ${NAME} at line N"
};

// One reference as written in the template.
struct TemplateReference {
  Reference reference;
  std::size_t document = 0;
  std::size_t scalar = 0;           // index into the document's scalars
  Scope scope;                      // where the text sits
  Location where;                   // of the reference token itself
  std::string snippet;              // the source line with a caret under the token
  std::vector<AliasedUse> aliased;  // every other scope its value reaches, one use per scope
};
struct TemplateReferences {
  std::vector<TemplateReference> references;
  std::vector<Finding> findings;  // malformed references ("invalid-reference") and references
                                  // in mapping keys, written there or aliased there
                                  // ("reference-in-key")
};
// Every reference in every scalar value except inside the top-level `secrets:` block (whose
// values are plaintext, never templates).
[[nodiscard]] TemplateReferences find_template_references(const YamlSource& source, Syntax syntax);

// Whether a scalar at `path` lies inside a document's top-level `secrets:` block.
[[nodiscard]] bool in_inline_secrets_block(const NodePath& path);

// Every reference in `source` that can read the secret `name`: ${NAME}, ${NAME.field},
// ${sidecar:NAME} (malformed references are skipped).
[[nodiscard]] std::vector<TemplateReference> references_to(const YamlSource& source,
                                                           std::string_view name, Syntax syntax);

// The references and escapes of the scalar's raw source span (offsets relative to site.begin),
// when they correspond one to one, in order and text, with those of its parsed value; nullopt
// when escapes or line folding make them differ.
[[nodiscard]] std::optional<ReferenceScan> aligned_source_scan(const YamlSource& source,
                                                               const ScalarSite& site,
                                                               Syntax syntax);

}  // namespace hush
