#include "core/model/config_model.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "core/base/names.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

constexpr struct {
  std::string_view section;
  ScopeKind kind;
  std::string_view word;
} k_sections[] = {{"providers", ScopeKind::provider, "provider"},
                  {"services", ScopeKind::service, "service"},
                  {"integrations", ScopeKind::integration, "integration"}};

std::string_view word_of(ScopeKind kind) {
  for (const auto& section : k_sections) {
    if (section.kind == kind) return section.word;
  }
  return "global";
}

bool is_secrets_key(const NodePath& path) {
  return !path.empty() && !path[0].is_index && path[0].key == "secrets";
}

Location location_at(const YamlSource& source, const LineIndex& index, std::size_t offset) {
  const LineColumn at = index.locate(offset);
  return {source.path, at.line, at.column};
}

std::string snippet_at(const LineIndex& index, const Location& where, std::size_t width) {
  return caret_snippet(where.line, index.line_text(where.line), where.column,
                       static_cast<int>(std::max<std::size_t>(width, 1)));
}

}  // namespace

std::string to_string(const Scope& scope) {
  if (scope.kind == ScopeKind::global) return "global";
  return std::string(word_of(scope.kind)) + ":" + scope.name;
}

Scope scope_of(const YamlDocument& document, const NodePath& path) {
  if (path.size() < 2 || path[0].is_index || !path[1].is_index) return {};
  for (const auto& section : k_sections) {
    if (path[0].key != section.section) continue;
    const YamlNode* list = document.root.find(section.section);
    std::string name = "#" + std::to_string(path[1].index);
    if (list != nullptr && list->kind == NodeKind::sequence &&
        path[1].index < list->children.size()) {
      const YamlNode* entry_name = list->children[path[1].index].find("name");
      if (entry_name != nullptr && entry_name->kind == NodeKind::scalar) name = entry_name->value;
    }
    return {section.kind, name};
  }
  return {};
}

bool scope_allows(const std::vector<std::string>& patterns, const Scope& scope) {
  if (patterns.empty()) return true;
  const std::string_view word = word_of(scope.kind);
  for (const std::string& pattern : patterns) {
    const std::size_t colon = pattern.find(':');
    if (std::string_view(pattern).substr(0, colon) != word) continue;
    if (colon == std::string::npos) return true;
    const std::string glob = pattern.substr(colon + 1);
    if (::fnmatch(glob.c_str(), scope.name.c_str(), 0) == 0) return true;
  }
  return false;
}

bool in_inline_secrets_block(const NodePath& path) { return is_secrets_key(path); }

std::optional<ReferenceScan> aligned_source_scan(const YamlSource& source, const ScalarSite& site,
                                                 Syntax syntax) {
  const std::string_view raw =
      std::string_view(source.text).substr(site.begin, site.end - site.begin);
  ReferenceScan raw_scan = scan_references(raw, syntax);
  const ReferenceScan value_scan = scan_references(site.value, syntax);
  if (raw_scan.references.size() != value_scan.references.size() ||
      raw_scan.escapes.size() != value_scan.escapes.size() || !raw_scan.problems.empty()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < raw_scan.references.size(); ++i) {
    const Reference& a = raw_scan.references[i];
    const Reference& b = value_scan.references[i];
    if (raw.substr(a.offset, a.length) != std::string_view(site.value).substr(b.offset, b.length)) {
      return std::nullopt;
    }
  }
  return raw_scan;
}

namespace {

// Source offsets of a scalar's references and problems: exact when the raw span holds the same
// tokens as the value, else the scalar's start (plain scalars: start plus the value offset).
struct TokenOffsets {
  std::vector<std::size_t> references;
  std::vector<std::size_t> problems;
};

TokenOffsets token_offsets(const YamlSource& source, const ScalarSite& site,
                           const ReferenceScan& scan, Syntax syntax) {
  const std::optional<ReferenceScan> aligned = aligned_source_scan(source, site, syntax);
  const ReferenceScan raw = scan_references(
      std::string_view(source.text).substr(site.begin, site.end - site.begin), syntax);
  const std::size_t fallback_shift = site.style == ScalarStyle::plain ? 0 : 1;
  const bool single_line = source.text.find_first_of("\r\n", site.begin) >= site.end;
  TokenOffsets out;
  for (std::size_t i = 0; i < scan.references.size(); ++i) {
    if (aligned) {
      out.references.push_back(site.begin + aligned->references[i].offset);
    } else {
      out.references.push_back(site.begin +
                               (single_line ? fallback_shift + scan.references[i].offset : 0));
    }
  }
  for (std::size_t i = 0; i < scan.problems.size(); ++i) {
    if (raw.problems.size() == scan.problems.size()) {
      out.problems.push_back(site.begin + raw.problems[i].offset);
    } else {
      out.problems.push_back(site.begin);
    }
  }
  return out;
}

// The alias uses of each scalar of `document` (scalar index -> uses), from the parser's record.
std::vector<std::vector<const AliasUse*>> uses_by_scalar(const YamlDocument& document) {
  std::vector<std::vector<const AliasUse*>> out(document.scalars.size());
  for (const AliasUse& use : document.alias_uses) {
    if (use.scalar < out.size()) out[use.scalar].push_back(&use);
  }
  return out;
}

// The width of the `*name` token at `begin`, for the caret.
std::size_t alias_width(std::string_view text, std::size_t begin) {
  std::size_t end = begin + 1;
  while (end < text.size() &&
         std::string_view(" \t\r\n,[]{}").find(text[end]) == std::string_view::npos) {
    ++end;
  }
  return end - begin;
}

// Adds, to `ref` or as findings, every use of the reference through an alias.
void add_aliased_uses(const YamlSource& source, const LineIndex& index,
                      const YamlDocument& document, const std::vector<const AliasUse*>& uses,
                      TemplateReferences& out, TemplateReference& ref) {
  const std::string note_tail = " at line " + std::to_string(ref.where.line) + ")";
  for (const AliasUse* use : uses) {
    const Location where{source.path, use->alias_start.line, use->alias_start.column};
    std::string snippet = snippet_at(index, where, alias_width(source.text, use->alias_begin));
    if (use->as_key) {
      out.findings.push_back({Severity::error, "reference-in-key", where,
                              "reference " + ref.reference.display() +
                                  " in a mapping key is not substituted; move it into a value "
                                  "(through the alias here of the value" +
                                  note_tail,
                              std::move(snippet)});
      continue;
    }
    if (in_inline_secrets_block(use->path)) continue;
    Scope scope = scope_of(document, use->path);
    const std::string shown = to_string(scope);
    const auto same = [&](const AliasedUse& seen) { return to_string(seen.scope) == shown; };
    if (shown == to_string(ref.scope) ||
        std::any_of(ref.aliased.begin(), ref.aliased.end(), same)) {
      continue;
    }
    ref.aliased.push_back({std::move(scope), where, std::move(snippet),
                           "through the alias here of " + ref.reference.display() + note_tail});
  }
}

}  // namespace

std::vector<TemplateReference> references_to(const YamlSource& source, std::string_view name,
                                             Syntax syntax) {
  std::vector<TemplateReference> out;
  for (TemplateReference& ref : find_template_references(source, syntax).references) {
    const Reference& r = ref.reference;
    const bool qualified =
        r.source == "sidecar" &&
        (r.name == name || std::string_view(r.name).starts_with(std::string(name) + "."));
    if ((r.source.empty() && r.name == name) || qualified) out.push_back(std::move(ref));
  }
  return out;
}

TemplateReferences find_template_references(const YamlSource& source, Syntax syntax) {
  TemplateReferences out;
  const LineIndex index(source.text);
  for (std::size_t d = 0; d < source.documents.size(); ++d) {
    const YamlDocument& document = source.documents[d];
    const std::vector<std::vector<const AliasUse*>> uses = uses_by_scalar(document);
    for (std::size_t s = 0; s < document.scalars.size(); ++s) {
      const ScalarSite& site = document.scalars[s];
      if (in_inline_secrets_block(site.path)) continue;
      const ReferenceScan scan = scan_references(site.value, syntax);
      if (scan.references.empty() && scan.problems.empty()) continue;
      const TokenOffsets offsets = token_offsets(source, site, scan, syntax);
      for (std::size_t i = 0; i < scan.problems.size(); ++i) {
        const Location where = location_at(source, index, offsets.problems[i]);
        out.findings.push_back({Severity::error, "invalid-reference", where,
                                scan.problems[i].message,
                                snippet_at(index, where, scan.problems[i].length)});
      }
      for (std::size_t i = 0; i < scan.references.size(); ++i) {
        const Reference& reference = scan.references[i];
        const Location where = location_at(source, index, offsets.references[i]);
        std::string snippet = snippet_at(index, where, count_code_points(reference.display()));
        if (site.is_key) {
          out.findings.push_back({Severity::error, "reference-in-key", where,
                                  "reference " + reference.display() +
                                      " in a mapping key is not substituted; move it into a value",
                                  std::move(snippet)});
        } else {
          TemplateReference ref{reference,          d, s, scope_of(document, site.path), where,
                                std::move(snippet), {}};
          add_aliased_uses(source, index, document, uses[s], out, ref);
          out.references.push_back(std::move(ref));
        }
      }
    }
  }
  return out;
}

}  // namespace hush

namespace hush {
namespace {

Location node_location(const YamlSource& source, const YamlDocument& document,
                       const YamlNode& node) {
  if (node.scalar == k_no_scalar) return {source.path, 0, 0};
  const ScalarSite& site = document.scalars[node.scalar];
  return {source.path, site.start.line, site.start.column};
}

struct InlineReader {
  const YamlSource& source;
  const YamlDocument& document;
  InlineSecrets& out;

  void invalid(const YamlNode& at, const std::string& message) {
    out.findings.push_back({Severity::error,
                            "inline-secret-invalid",
                            node_location(source, document, at),
                            message,
                            {}});
  }

  void read_scopes(const YamlNode& node, const std::string& name, InlineSecret& secret) {
    const std::vector<YamlNode> single = {node};
    const std::vector<YamlNode>& items = node.kind == NodeKind::sequence ? node.children : single;
    for (const YamlNode& item : items) {
      if (item.kind != NodeKind::scalar) {
        invalid(item, "inline secret " + name + " has a scope that is not a plain string");
        continue;
      }
      if (const std::optional<std::string> problem = scope_problem(item.value)) {
        invalid(item, "inline secret " + name + ": " + *problem);
        continue;
      }
      secret.scopes.push_back(item.value);
    }
  }

  void read_entry(const YamlNode& key, const YamlNode& value) {
    const std::string& name = key.value;
    InlineSecret secret{name, SecretValue(), {}, {}, node_location(source, document, key)};
    const YamlNode* text = &value;
    if (value.kind == NodeKind::map) {
      text = value.find("value");
      if (const YamlNode* d = value.find("description"); d && d->kind == NodeKind::scalar) {
        secret.description = d->value;
      }
      if (const YamlNode* scopes = value.find("scopes")) read_scopes(*scopes, name, secret);
    }
    if (text == nullptr || text->kind != NodeKind::scalar) {
      invalid(
          text == nullptr ? key : *text,
          "inline secret " + name + " needs a string value (NAME: value, or NAME: {value: ...})");
      return;
    }
    secret.value = SecretValue(text->value);
    secret.where = node_location(source, document, *text);
    out.secrets.push_back(std::move(secret));
  }
};

}  // namespace

InlineSecrets read_inline_secrets(const YamlSource& source) {
  InlineSecrets out;
  for (const YamlDocument& document : source.documents) {
    const YamlNode* block = document.root.find("secrets");
    if (block == nullptr || block->kind == NodeKind::null) continue;
    InlineReader reader{source, document, out};
    if (block->kind != NodeKind::map) {
      reader.invalid(*block, "the secrets block must be a mapping of NAME: value");
      continue;
    }
    for (std::size_t i = 0; i < block->keys.size(); ++i) {
      if (block->keys[i].kind != NodeKind::scalar) {
        reader.invalid(block->keys[i], "inline secret names must be plain strings");
        continue;
      }
      reader.read_entry(block->keys[i], block->children[i]);
    }
  }
  return out;
}

}  // namespace hush
