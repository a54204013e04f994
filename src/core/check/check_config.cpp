#include <algorithm>
#include <map>

#include "core/base/text.hpp"
#include "core/check/check_impl.hpp"
#include "core/check/detect_filters.hpp"
#include "core/model/config_model.hpp"
#include "core/model/reference.hpp"
#include "core/resolve/sources.hpp"

namespace hush::detail {
namespace {

Location where_of(const YamlSource& source, const ScalarSite& site) {
  return {source.path, site.start.line, site.start.column};
}

void duplicate_names(const YamlSource& source, const YamlDocument& document,
                     std::vector<Finding>& findings) {
  for (const char* section : {"providers", "services", "integrations"}) {
    const YamlNode* list = document.root.find(section);
    if (list == nullptr || list->kind != NodeKind::sequence) continue;
    std::map<std::string, int> first_line;
    for (const YamlNode& entry : list->children) {
      const YamlNode* name = entry.find("name");
      if (name == nullptr || name->kind != NodeKind::scalar) continue;
      const ScalarSite& site = document.scalars[name->scalar];
      const auto [it, added] = first_line.emplace(name->value, site.start.line);
      if (added) continue;
      const std::string word = std::string(section).substr(0, std::string(section).size() - 1);
      findings.push_back({Severity::error,
                          "duplicate-name",
                          where_of(source, site),
                          "duplicate " + word + " name " + name->value + " (first at line " +
                              std::to_string(it->second) + "); names must be unique within " +
                              section,
                          {}});
    }
  }
}

void inline_block(const YamlSource& source, const YamlDocument& document,
                  std::vector<Finding>& findings) {
  for (std::size_t i = 0; i < document.root.keys.size(); ++i) {
    const YamlNode& key = document.root.keys[i];
    if (key.kind != NodeKind::scalar || key.value != "secrets") continue;
    const YamlNode& block = document.root.children[i];
    if (block.kind != NodeKind::map || block.keys.empty()) continue;
    findings.push_back({Severity::error,
                        "inline-secret",
                        where_of(source, document.scalars[key.scalar]),
                        "plaintext secrets: block with " + std::to_string(block.keys.size()) +
                            " secret(s); move them into the encrypted sidecar with `hush seal " +
                            source.path + "`",
                        {}});
    for (const YamlNode& name : block.keys) {
      if (name.kind == NodeKind::scalar && secret_name_problem(name.value)) {
        findings.push_back(
            {Severity::warning,
             "secret-name",
             where_of(source, document.scalars[name.scalar]),
             "secret name " + name.value + " is not UPPER_SNAKE_CASE ([A-Z][A-Z0-9_]*)",
             {}});
      }
    }
  }
}

bool under_credentials(const NodePath& path) {
  return std::any_of(path.begin(), path.end(),
                     [](const PathSegment& s) { return !s.is_index && s.key == "credentials"; });
}

// A literal value under a secret-like key: what plaintext-secret reports.
bool is_plaintext_secret(const ScalarSite& site, const CheckOptions& options) {
  if (site.is_key || site.path.empty() || site.path.back().is_index ||
      in_inline_secrets_block(site.path) || site.value.empty()) {
    return false;
  }
  const bool secretish = is_secret_like_key(site.path.back().key, options.secret_keys_extra) ||
                         (under_credentials(site.path) && site.path.size() >= 2);
  if (!secretish || !scan_references(site.value, options.syntax).empty()) return false;
  // Another tool's placeholder (`${{ secrets.X }}`, `{{ .Values.pw }}`, `${VAR:-x}`, `$VAR`) is
  // not a literal.
  if (site.value.find("{{") != std::string::npos || site.value.starts_with("$")) return false;
  if (site.value == "true" || site.value == "false" || site.value == "null") return false;
  // The detection rules' shared filters: a placeholder (`changeme`, `your-…-here`, `<…>`, `xxx`)
  // is no secret, nor an address (a host, an e-mail, a path, a URL without a password, which
  // url-with-password would find) — except under a webhook key, where the URL is the secret.
  if (filtered_out(ValueFilter::placeholder, site.value, 0, site.value.size())) return false;
  return ascii_lower(site.path.back().key).find("webhook") != std::string::npos ||
         !filtered_out(ValueFilter::address, site.value, 0, site.value.size());
}

void plaintext_values(const YamlSource& source, const YamlDocument& document,
                      const CheckOptions& options, const LineMasker& masker, const LineIndex& index,
                      std::vector<Finding>& findings) {
  for (const ScalarSite& site : document.scalars) {
    if (!is_plaintext_secret(site, options)) continue;
    const std::string& key = site.path.back().key;
    const SecretSpan secret{site.begin, site.end - site.begin, "", masked_preview(site.value)};
    findings.push_back({Severity::error, "plaintext-secret", where_of(source, site),
                        "literal value under secret-like key " + key +
                            "; store it with `hush secrets add` and reference it as ${NAME}",
                        masker.snippet(index, secret)});
  }
}

}  // namespace

ParsedValues parsed_values(const YamlSource& source, const CheckOptions& options) {
  ParsedValues out;
  for (const YamlDocument& document : source.documents) {
    for (const ScalarSite& site : document.scalars) {
      out.scalars.emplace_back(site.begin, site.end);
      const bool inline_value =
          !site.is_key && !site.value.empty() && in_inline_secrets_block(site.path);
      if (inline_value || is_plaintext_secret(site, options)) {
        out.secrets.push_back({site.begin, site.end - site.begin, "", masked_preview(site.value)});
      }
    }
  }
  return out;
}

void plaintext_rules(const YamlSource& source, const CheckOptions& options,
                     const LineMasker& masker, std::vector<Finding>& findings) {
  const LineIndex index(source.text);
  for (const YamlDocument& document : source.documents) {
    plaintext_values(source, document, options, masker, index, findings);
  }
}

void check_config(const YamlSource& source, const Sidecar* sidecar, const CheckOptions& options,
                  const LineMasker& masker, std::vector<Finding>& findings,
                  std::set<std::string>& referenced) {
  const LineIndex index(source.text);
  for (const YamlDocument& document : source.documents) {
    duplicate_names(source, document, findings);
    inline_block(source, document, findings);
    plaintext_values(source, document, options, masker, index, findings);
  }
  // References are checked against names only: the sidecar's metadata, the inline block, and
  // the environment only when it was asked for. Nothing is decrypted.
  std::vector<std::unique_ptr<SecretSource>> sources;
  std::vector<std::string> chain;
  if (sidecar != nullptr) {
    sources.push_back(std::make_unique<SidecarSource>(*sidecar, std::optional<Keypair>()));
    chain.push_back("sidecar");
  }
  if (options.environment) {
    sources.push_back(std::make_unique<EnvSource>(*options.environment, ""));
    chain.push_back("env");
  }
  InlineSecrets inline_secrets = read_inline_secrets(source);
  sources.push_back(std::make_unique<InlineSource>(std::move(inline_secrets.secrets)));
  chain.push_back("inline");
  const Resolver resolver(std::move(sources), chain, {.allow_expired = false, .now = options.now});
  TemplateReferences refs = find_template_references(source, options.syntax);
  // Reference findings come with the raw line from the model layer; another value on it may be
  // a secret.
  for (Finding& f : refs.findings) {
    masker.remask(f, index);
    findings.push_back(std::move(f));
  }
  for (const TemplateReference& ref : refs.references) {
    const std::string& qualifier = ref.reference.source;
    if (!qualifier.empty() && qualifier != "sidecar" && qualifier != "inline" &&
        qualifier != "env") {
      continue;  // exec sources are only consulted when rendering
    }
    if (qualifier == "env" && !options.environment) continue;
    const std::size_t before = findings.size();
    if (std::optional<std::string> name = resolver.check(ref, options.expiring_window, findings)) {
      referenced.insert(*name);
    }
    // A reference that violates the secret's scope still uses it: not an unused secret.
    const bool to_sidecar = qualifier.empty() || qualifier == "sidecar";
    if (to_sidecar && sidecar != nullptr && sidecar->secrets.count(ref.reference.name) != 0) {
      referenced.insert(ref.reference.name);
    }
    for (std::size_t i = before; i < findings.size(); ++i) {
      masker.remask(findings[i], index);
    }
  }
}

}  // namespace hush::detail
