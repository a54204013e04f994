#include "core/render/seal.hpp"

#include <algorithm>

#include "core/base/text.hpp"
#include "core/model/config_model.hpp"
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
      edits.push_back(
          {site.begin + token.offset, site.begin + token.offset + token.length, plain.display()});
      rewritten = true;
      break;
    }
    if (!rewritten) {
      findings.push_back({Severity::error, "seal-rewrite", ref.where,
                          "cannot rewrite " + ref.reference.display() + " here; change it to ${" +
                              ref.reference.name + "} by hand",
                          ref.snippet});
    }
  }
}

// Whether the sidecar's `name` is `secret` as an interrupted seal left it.
bool sealed_before(const Sidecar& sidecar, const NewSecret& secret, const Keypair& keys) {
  const SidecarEntry& entry = sidecar.secrets.find(secret.name)->second;
  std::vector<std::string> wanted = secret.scopes;
  std::vector<std::string> held = entry.scopes;
  std::sort(wanted.begin(), wanted.end());
  std::sort(held.begin(), held.end());
  if (entry.type != secret.type || wanted != held) return false;
  const SecretPayload current = reveal_secret(sidecar, secret.name, keys);
  return current.fields.empty() && secret.payload.fields.empty() &&
         current.value.reveal() == secret.payload.value.reveal();
}

[[noreturn]] void refuse_existing(const std::string& name, bool checked) {
  throw Error(ErrorKind::invalid_input, "secret-exists",
              "secret " + name + " already exists in the sidecar" +
                  (checked ? " with another value, type or scopes; rename the inline secret, or "
                             "change the sidecar's with hush secrets update " +
                                 name
                           : "; if an interrupted hush seal put it there, run hush seal again with "
                             "the private key at hand (HUSH_KEY, HUSH_KEY_FILE or the keys "
                             "directory) so that it can compare the values"));
}

}  // namespace

std::vector<std::string> names_already_in(const Sidecar& sidecar,
                                          const std::vector<NewSecret>& secrets) {
  std::vector<std::string> names;
  for (const NewSecret& secret : secrets) {
    if (sidecar.secrets.contains(secret.name)) names.push_back(secret.name);
  }
  return names;
}

SealApplied apply_seal(Sidecar& sidecar, std::vector<NewSecret>& secrets,
                       std::chrono::sys_seconds now, const Keypair* keys) {
  SealApplied applied;
  for (NewSecret& secret : secrets) {
    if (!sidecar.secrets.contains(secret.name)) {
      applied.added.push_back(secret.name);
      add_secret(sidecar, std::move(secret), now);
    } else if (keys != nullptr && sealed_before(sidecar, secret, *keys)) {
      applied.already.push_back(secret.name);
    } else {
      refuse_existing(secret.name, keys != nullptr);
    }
  }
  return applied;
}

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
