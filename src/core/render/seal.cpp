#include "core/render/seal.hpp"

#include "core/model/config_model.hpp"
#include "core/base/text.hpp"

#include "core/yaml/yaml_edit.hpp"

namespace hush {
namespace {

// `${inline:NAME}` → `${NAME}` (same form), located through the scalar's raw source.
void rewrite_inline_references(const YamlSource& config, Syntax syntax,
                               std::vector<detail::TextEdit>& edits,
                               std::vector<Finding>& findings) {
  for (const TemplateReference& ref : find_template_references(config, syntax).references) {
    if (ref.reference.source != "inline") continue;
    const ScalarSite& site = config.documents[ref.document].scalars[ref.scalar];
    const std::optional<ReferenceScan> raw = aligned_source_scan(config, site, syntax);
    bool rewritten = false;
    for (const Reference& token : raw ? raw->references : std::vector<Reference>{}) {
      if (token.source != "inline" || token.name != ref.reference.name ||
          edits.end() != std::find_if(edits.begin(), edits.end(), [&](const auto& e) {
            return e.begin == site.begin + token.offset;
          })) {
        continue;
      }
      Reference plain = token;
      plain.source.clear();
      edits.push_back({site.begin + token.offset, site.begin + token.offset + token.length,
                       plain.display()});
      rewritten = true;
      break;
    }
    if (!rewritten) {
      findings.push_back({Severity::error, "seal-rewrite", ref.where,
                          "cannot rewrite " + ref.reference.display() +
                              " here; change it to ${" + ref.reference.name + "} by hand",
                          ref.snippet});
    }
  }
}

}  // namespace

SealPlan plan_seal(const YamlSource& config, Syntax syntax) {
  SealPlan plan;
  InlineSecrets inline_secrets = read_inline_secrets(config);
  plan.findings = std::move(inline_secrets.findings);
  if (inline_secrets.secrets.empty() && plan.findings.empty()) {
    throw Error(ErrorKind::invalid_input, "nothing-to-seal",
                "no inline secrets: block to move into the sidecar", Location{config.path, 0, 0});
  }
  for (InlineSecret& secret : inline_secrets.secrets) {
    NewSecret entry;
    entry.name = secret.name;
    entry.payload.value = std::move(secret.value);
    entry.description = secret.description;
    entry.scopes = secret.scopes;
    plan.secrets.push_back(std::move(entry));
  }
  std::vector<detail::TextEdit> edits;
  for (const YamlDocument& document : config.documents) {
    if (auto removal = detail::inline_secrets_removal(config, document)) edits.push_back(*removal);
  }
  rewrite_inline_references(config, syntax, edits, plan.findings);
  plan.config_text = detail::apply_edits(config.text, edits);
  const YamlSource rewritten = parse_yaml_source(config.path, plan.config_text);
  const bool same_shape = rewritten.documents.size() == config.documents.size() &&
                          !read_inline_secrets(rewritten).secrets.size();
  if (!same_shape) {
    throw Error(ErrorKind::invalid_input, "seal-verify",
                "the rewritten config would not keep its structure; nothing was changed",
                Location{config.path, 0, 0});
  }
  return plan;
}

}  // namespace hush
