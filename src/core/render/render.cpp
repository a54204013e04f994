#include "core/render/render.hpp"

#include "core/model/config_model.hpp"
#include "core/base/text.hpp"

#include "core/render/render_formats.hpp"
#include "core/yaml/scalar_encode.hpp"
#include "core/yaml/yaml_edit.hpp"
#include "core/yaml/yaml_spans.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace hush {
namespace {

using ScalarKey = std::pair<std::size_t, std::size_t>;  // document, scalar

// One scalar to rewrite: its substituted value and the values of its references in order.
struct ScalarPlan {
  std::string new_value;
  std::vector<std::string_view> values;
  ~ScalarPlan() { wipe(new_value); }
  ScalarPlan() = default;
  ScalarPlan(ScalarPlan&&) noexcept = default;
};

std::string double_quoted(const ScalarSite& site, const std::string& value) {
  const std::optional<std::string> escaped = detail::escape_double_quoted(value);
  if (!escaped) {
    throw Error(ErrorKind::invalid_input, "unencodable-value",
                "the value substituted at " + to_string(site.path) +
                    " is not valid UTF-8 and cannot be written into YAML");
  }
  return "\"" + *escaped + "\"";
}

int block_content_indent(std::string_view raw) {
  std::size_t line = detail::next_line(raw, 0);
  while (line < raw.size()) {
    std::size_t pos = line;
    while (pos < raw.size() && raw[pos] == ' ') ++pos;
    if (pos < raw.size() && !detail::is_line_break(raw[pos])) return static_cast<int>(pos - line);
    line = detail::next_line(raw, line);
  }
  return 0;
}

// The value encoded for insertion into the scalar's own style, or nullopt if it cannot hold it.
std::optional<std::string> encode_piece(const ScalarSite& site, std::string_view value,
                                        std::string_view raw) {
  switch (site.style) {
    case ScalarStyle::plain:
      return std::string(value);  // the whole result is checked by is_safe_plain
    case ScalarStyle::single_quoted:
      return detail::escape_single_quoted(value);
    case ScalarStyle::double_quoted:
      return detail::escape_double_quoted(value);
    case ScalarStyle::folded:
      if (value.find('\n') != std::string_view::npos) return std::nullopt;
      [[fallthrough]];
    case ScalarStyle::literal: {
      for (std::size_t start = 0; start <= value.size();) {
        const std::size_t stop = std::min(value.find('\n', start), value.size());
        if (!detail::is_printable(value.substr(start, stop - start), true)) return std::nullopt;
        start = stop + 1;
      }
      std::string out;
      const std::string indent(static_cast<std::size_t>(block_content_indent(raw)), ' ');
      for (char c : value) {
        out += c;
        if (c == '\n') out += indent;
      }
      return out;
    }
  }
  return std::nullopt;
}

// Rewrites the scalar in its own style, replacing each reference token of the raw source and
// reducing each escape; nullopt when the raw tokens do not match the value's or the style cannot
// hold a value.
std::optional<std::string> encode_in_place(const YamlSource& source, const ScalarSite& site,
                                           const ScalarPlan& plan, Syntax syntax) {
  const std::optional<ReferenceScan> scan = aligned_source_scan(source, site, syntax);
  if (!scan || scan->references.size() != plan.values.size()) return std::nullopt;
  if (site.style == ScalarStyle::plain && !detail::is_safe_plain(plan.new_value, site.in_flow)) {
    return std::nullopt;
  }
  const std::string_view raw =
      std::string_view(source.text).substr(site.begin, site.end - site.begin);
  std::vector<std::string> pieces;
  for (std::string_view value : plan.values) {
    std::optional<std::string> piece = encode_piece(site, value, raw);
    if (!piece) return std::nullopt;
    pieces.push_back(std::move(*piece));
  }
  std::string out = substitute(raw, *scan, [&](const Reference& reference) -> std::string_view {
    for (std::size_t i = 0; i < scan->references.size(); ++i) {
      if (scan->references[i].offset == reference.offset) return pieces[i];
    }
    return {};
  });
  for (std::string& piece : pieces) wipe(piece);
  return out;
}

void substitute_tree(YamlNode& node, const std::map<ScalarKey, ScalarPlan>& plans,
                     std::size_t document) {
  if (node.kind == NodeKind::scalar) {
    const auto plan = plans.find({document, node.scalar});
    if (plan != plans.end()) node.value = plan->second.new_value;
  }
  for (YamlNode& child : node.keys) substitute_tree(child, plans, document);
  for (YamlNode& child : node.children) substitute_tree(child, plans, document);
}

void drop_secrets_key(YamlNode& root) {
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    if (root.keys[i].kind == NodeKind::scalar && root.keys[i].value == "secrets") {
      root.keys.erase(root.keys.begin() + static_cast<std::ptrdiff_t>(i));
      root.children.erase(root.children.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

void wipe_tree(YamlNode& node) {
  wipe(node.value);
  for (YamlNode& child : node.keys) wipe_tree(child);
  for (YamlNode& child : node.children) wipe_tree(child);
}

// Compares the intended tree with the re-parsed one. Scalars of `plans` that differ go into
// `suspects`; any other difference makes the whole comparison fail (returns false).
bool same_tree(const YamlNode& want, const YamlNode& got, const std::map<ScalarKey, ScalarPlan>& plans,
               std::size_t document, std::set<ScalarKey>& suspects) {
  if (want.kind != got.kind || want.keys.size() != got.keys.size() ||
      want.children.size() != got.children.size()) {
    return false;
  }
  if (want.kind == NodeKind::scalar && want.value != got.value) {
    if (plans.count({document, want.scalar}) == 0) return false;
    suspects.insert({document, want.scalar});
  }
  for (std::size_t i = 0; i < want.keys.size(); ++i) {
    if (!same_tree(want.keys[i], got.keys[i], plans, document, suspects)) return false;
  }
  for (std::size_t i = 0; i < want.children.size(); ++i) {
    if (!same_tree(want.children[i], got.children[i], plans, document, suspects)) return false;
  }
  return true;
}

class Renderer {
 public:
  Renderer(const YamlSource& source, const RenderOptions& options, RenderResult& result)
      : m_source(source), m_options(options), m_result(result) {}

  void resolve(Resolver& resolver);
  void plan();
  [[nodiscard]] std::string produce();

 private:
  [[nodiscard]] std::string assemble_output() const;
  [[nodiscard]] bool verify(const std::string& output, std::set<ScalarKey>& suspects) const;

  const YamlSource& m_source;
  const RenderOptions& m_options;
  RenderResult& m_result;
  std::vector<SharedSecret> m_values;  // every substituted value, shared with the resolver
  std::map<ScalarKey, std::vector<std::size_t>> m_secret_indexes;  // into m_values
  std::map<ScalarKey, ScalarPlan> m_plans;
  std::set<ScalarKey> m_double_quote;  // scalars forced to the double-quoted fallback
};

void Renderer::resolve(Resolver& resolver) {
  TemplateReferences refs = find_template_references(m_source, m_options.syntax);
  m_result.findings = std::move(refs.findings);
  for (const TemplateReference& ref : refs.references) {
    std::optional<Resolution> resolution = resolver.resolve(ref, m_result.findings);
    if (!resolution) continue;
    m_secret_indexes[{ref.document, ref.scalar}].push_back(m_values.size());
    m_values.push_back(resolution->value);
    m_result.resolved.push_back(
        {ref.reference.display(), resolution->name, resolution->source, ref.where});
  }
  std::stable_sort(m_result.findings.begin(), m_result.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::pair(a.where.line, a.where.column) <
                            std::pair(b.where.line, b.where.column);
                   });
}

void Renderer::plan() {
  for (std::size_t d = 0; d < m_source.documents.size(); ++d) {
    const YamlDocument& document = m_source.documents[d];
    for (std::size_t s = 0; s < document.scalars.size(); ++s) {
      const ScalarSite& site = document.scalars[s];
      if (site.is_key || in_inline_secrets_block(site.path)) continue;
      const ReferenceScan scan = scan_references(site.value, m_options.syntax);
      if (scan.references.empty() && scan.escapes.empty()) continue;
      ScalarPlan plan;
      const auto indexes = m_secret_indexes.find({d, s});
      for (std::size_t i = 0; i < scan.references.size(); ++i) {
        plan.values.push_back(m_values[indexes->second[i]]->reveal());
      }
      plan.new_value = substitute(site.value, scan, [&](const Reference& r) -> std::string_view {
        for (std::size_t i = 0; i < scan.references.size(); ++i) {
          if (scan.references[i].offset == r.offset) return plan.values[i];
        }
        return {};
      });
      m_plans.emplace(ScalarKey{d, s}, std::move(plan));
    }
  }
}

std::string Renderer::assemble_output() const {
  std::vector<detail::TextEdit> edits;
  for (const auto& [key, plan] : m_plans) {
    const ScalarSite& site = m_source.documents[key.first].scalars[key.second];
    std::optional<std::string> encoded;
    if (m_double_quote.count(key) == 0) {
      encoded = encode_in_place(m_source, site, plan, m_options.syntax);
    }
    edits.push_back({site.begin, site.end,
                     encoded ? std::move(*encoded) : double_quoted(site, plan.new_value)});
  }
  if (m_options.strip_secrets) {
    for (const YamlDocument& document : m_source.documents) {
      if (auto strip = detail::inline_secrets_removal(m_source, document)) edits.push_back(*strip);
    }
  }
  std::string out = detail::apply_edits(m_source.text, edits);
  for (detail::TextEdit& edit : edits) wipe(edit.replacement);
  return out;
}

bool Renderer::verify(const std::string& output, std::set<ScalarKey>& suspects) const {
  YamlSource parsed;
  try {
    parsed = parse_yaml_source(m_source.path, output);
  } catch (const Error&) {
    return false;
  }
  if (parsed.documents.size() != m_source.documents.size()) return false;
  bool same = true;
  for (std::size_t d = 0; d < m_source.documents.size() && same; ++d) {
    YamlNode want = m_source.documents[d].root;
    substitute_tree(want, m_plans, d);
    if (m_options.strip_secrets) drop_secrets_key(want);
    same = same_tree(want, parsed.documents[d].root, m_plans, d, suspects);
    wipe_tree(want);
  }
  for (YamlDocument& document : parsed.documents) wipe_tree(document.root);
  wipe(parsed.text);
  return same;
}

// Round 0 keeps every scalar in its own style; scalars that do not read back are then forced to
// double quotes; after a structural difference every substituted scalar is.
std::string Renderer::produce() {
  for (int round = 0; round < 3; ++round) {
    std::string output = assemble_output();
    std::set<ScalarKey> suspects;
    const bool same_structure = verify(output, suspects);
    if (same_structure && suspects.empty()) return output;
    wipe(output);
    if (same_structure) {
      m_double_quote.insert(suspects.begin(), suspects.end());
    } else {
      for (const auto& entry : m_plans) m_double_quote.insert(entry.first);
    }
  }
  throw Error(ErrorKind::invalid_input, "render-verify",
              "the rendered output does not parse back to the intended values; nothing was "
              "written (please report this with the template, without its secrets)",
              Location{m_source.path, 0, 0});
}

}  // namespace

RenderResult::~RenderResult() { wipe(text); }

std::optional<OutputFormat> parse_output_format(std::string_view word) {
  if (word == "yaml") return OutputFormat::yaml;
  if (word == "json") return OutputFormat::json;
  if (word == "env") return OutputFormat::env;
  return std::nullopt;
}

RenderResult render(const YamlSource& source, Resolver& resolver, const RenderOptions& options) {
  RenderResult result;
  Renderer renderer(source, options, result);
  renderer.resolve(resolver);
  if (worst(result.findings) == Severity::error) return result;
  renderer.plan();
  std::string output = renderer.produce();
  if (options.format == OutputFormat::yaml) {
    result.text = std::move(output);
    return result;
  }
  YamlSource parsed = parse_yaml_source(source.path, output);
  wipe(output);
  result.text = options.format == OutputFormat::json
                    ? detail::to_json(parsed.documents)
                    : detail::to_env(parsed.documents, options.allow_env);
  for (YamlDocument& document : parsed.documents) wipe_tree(document.root);
  wipe(parsed.text);
  return result;
}

}  // namespace hush
