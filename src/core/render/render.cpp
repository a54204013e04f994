#include "core/render/render.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "core/base/text.hpp"
#include "core/model/config_model.hpp"
#include "core/render/render_formats.hpp"
#include "core/yaml/scalar_encode.hpp"
#include "core/yaml/yaml_edit.hpp"
#include "core/yaml/yaml_spans.hpp"

namespace hush {
namespace {

using ScalarKey = std::pair<std::size_t, std::size_t>;  // document, scalar

constexpr std::size_t k_keep_all = std::numeric_limits<std::size_t>::max();

// One scalar to rewrite: its substituted value and the values of its references in order.
struct ScalarPlan {
  SecretBuffer new_value;
  std::vector<std::string_view> values;
};

// A byte range of the template and what replaces it in the output.
struct Replacement {
  std::size_t begin = 0;
  std::size_t end = 0;
  SecretBuffer text;
};

SecretBuffer double_quoted(const ScalarSite& site, std::string_view value) {
  const std::optional<SecretBuffer> escaped = detail::escape_double_quoted(value);
  if (!escaped) {
    throw Error(ErrorKind::invalid_input, "unencodable-value",
                "the value substituted at " + to_string(site.path) +
                    " is not valid UTF-8 and cannot be written into YAML");
  }
  SecretBuffer out;
  out.reserve(escaped->size() + 2);
  out.push_back('"');
  out.append(escaped->reveal());
  out.push_back('"');
  return out;
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

// `value` for a literal or folded block whose content lines are indented like `raw`'s; nullopt
// when a line needs an escape (blocks have none).
std::optional<SecretBuffer> encode_block(std::string_view value, std::string_view raw) {
  for (std::size_t start = 0; start <= value.size();) {
    const std::size_t stop = std::min(value.find('\n', start), value.size());
    if (!detail::is_printable(value.substr(start, stop - start), true)) return std::nullopt;
    start = stop + 1;
  }
  const std::string indent(static_cast<std::size_t>(block_content_indent(raw)), ' ');
  SecretBuffer out;
  out.reserve(value.size());
  for (char c : value) {
    out.push_back(c);
    if (c == '\n') out.append(indent);
  }
  return out;
}

// The position in `scan.references` of `reference`, one of its elements (substitute() passes
// them by reference): constant time, so a scalar with many references stays linear.
std::size_t reference_index(const ReferenceScan& scan, const Reference& reference) {
  const Reference* first = scan.references.data();
  if (&reference < first || &reference >= first + scan.references.size()) {
    throw std::logic_error("reference_index: the reference is not one of the scan's");
  }
  return static_cast<std::size_t>(&reference - first);
}

// The value encoded for insertion into the scalar's own style, or nullopt if it cannot hold it.
std::optional<SecretBuffer> encode_piece(const ScalarSite& site, std::string_view value,
                                         std::string_view raw) {
  switch (site.style) {
    case ScalarStyle::plain:
      return SecretBuffer(value);  // the whole result is checked by is_safe_plain
    case ScalarStyle::single_quoted:
      return detail::escape_single_quoted(value);
    case ScalarStyle::double_quoted:
      return detail::escape_double_quoted(value);
    case ScalarStyle::folded:
      if (value.find('\n') != std::string_view::npos) return std::nullopt;
      return encode_block(value, raw);
    case ScalarStyle::literal:
      return encode_block(value, raw);
  }
  return std::nullopt;
}

// Rewrites the scalar in its own style, replacing each reference token of the raw source and
// reducing each escape; nullopt when the raw tokens do not match the value's or the style cannot
// hold a value.
std::optional<SecretBuffer> encode_in_place(const YamlSource& source, const ScalarSite& site,
                                            const ScalarPlan& plan, Syntax syntax) {
  const std::optional<ReferenceScan> scan = aligned_source_scan(source, site, syntax);
  if (!scan || scan->references.size() != plan.values.size()) return std::nullopt;
  if (site.style == ScalarStyle::plain &&
      !detail::is_safe_plain(plan.new_value.reveal(), site.in_flow)) {
    return std::nullopt;
  }
  const std::string_view raw =
      std::string_view(source.text).substr(site.begin, site.end - site.begin);
  std::vector<SecretBuffer> pieces;
  for (std::string_view value : plan.values) {
    std::optional<SecretBuffer> piece = encode_piece(site, value, raw);
    if (!piece) return std::nullopt;
    pieces.push_back(std::move(*piece));
  }
  return substitute(raw, *scan, [&](const Reference& reference) -> std::string_view {
    return pieces[reference_index(*scan, reference)].reveal();
  });
}

// `text` with `edits` (non-overlapping) applied, in secure memory.
SecretBuffer apply_replacements(std::string_view text, std::vector<Replacement>& edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin < b.begin; });
  SecretBuffer out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const Replacement& edit : edits) {
    out.append(text.substr(at, edit.begin - at));
    out.append(edit.text.reveal());
    at = edit.end;
  }
  out.append(text.substr(at));
  return out;
}

// The rendered output parsed back, for verification and for the JSON and env forms. yaml-cpp
// reads only std::string, so this holds ordinary-heap copies of the output; they are wiped when
// it goes (the reader's internal copies cannot be, see README "Threat model"). Move-only.
class ParsedOutput {
 public:
  // nullopt when the output is not valid YAML (the discarded error quotes an output line).
  [[nodiscard]] static std::optional<ParsedOutput> parse(const std::string& path,
                                                         const SecretBuffer& output) {
    try {
      return ParsedOutput(parse_yaml_trees(path, std::string(output.reveal())));
    } catch (const Error&) {
      return std::nullopt;
    }
  }
  ParsedOutput(ParsedOutput&&) noexcept = default;
  ParsedOutput& operator=(ParsedOutput&&) = delete;
  ParsedOutput(const ParsedOutput&) = delete;
  ParsedOutput& operator=(const ParsedOutput&) = delete;
  ~ParsedOutput() {
    for (YamlDocument& document : m_source.documents) {
      wipe_tree(document.root);
      for (ScalarSite& site : document.scalars) wipe(site.value);
    }
    wipe(m_source.text);
  }
  [[nodiscard]] const std::vector<YamlDocument>& documents() const { return m_source.documents; }

 private:
  explicit ParsedOutput(YamlSource source) : m_source(std::move(source)) {}
  static void wipe_tree(YamlNode& node) {
    wipe(node.value);
    for (YamlNode& child : node.keys) wipe_tree(child);
    for (YamlNode& child : node.children) wipe_tree(child);
  }
  YamlSource m_source;
};

// Compares the template's tree, read with each planned scalar's substituted value, with the
// re-parsed output. Planned scalars that differ go into `suspects`; any other difference makes
// the comparison fail. Substituted values are compared in place, never copied into a tree.
class TreeComparison {
 public:
  TreeComparison(const std::map<ScalarKey, ScalarPlan>& plans, std::size_t document,
                 std::set<ScalarKey>& suspects)
      : m_plans(plans), m_document(document), m_suspects(suspects) {}

  // `skip`: the index of a mapping entry of `want` that the output drops (the secrets block).
  [[nodiscard]] bool same(const YamlNode& want, const YamlNode& got, std::size_t skip) const {
    const std::size_t dropped = skip < want.children.size() ? 1 : 0;
    if (want.kind != got.kind || want.keys.size() - dropped != got.keys.size() ||
        want.children.size() - dropped != got.children.size()) {
      return false;
    }
    if (want.kind == NodeKind::scalar && !same_scalar(want, got)) return false;
    for (std::size_t i = 0, j = 0; i < want.children.size(); ++i) {
      if (i == skip) continue;
      if (want.kind == NodeKind::map && !same(want.keys[i], got.keys[j], k_keep_all)) return false;
      if (!same(want.children[i], got.children[j], k_keep_all)) return false;
      ++j;
    }
    return true;
  }

 private:
  [[nodiscard]] bool same_scalar(const YamlNode& want, const YamlNode& got) const {
    const auto plan = m_plans.find({m_document, want.scalar});
    const std::string_view expected =
        plan == m_plans.end() ? std::string_view(want.value) : plan->second.new_value.reveal();
    if (expected == got.value) return true;
    if (plan == m_plans.end()) return false;
    m_suspects.insert(plan->first);
    return true;
  }

  const std::map<ScalarKey, ScalarPlan>& m_plans;
  std::size_t m_document;
  std::set<ScalarKey>& m_suspects;
};

// Index of the root's `secrets` entry, which a stripped output no longer has.
std::size_t secrets_entry(const YamlNode& root) {
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    if (root.keys[i].kind == NodeKind::scalar && root.keys[i].value == "secrets") return i;
  }
  return k_keep_all;
}

// The accepted output and its parse (which the JSON and env forms are written from).
struct Produced {
  SecretBuffer text;
  ParsedOutput parsed;
};

class Renderer {
 public:
  Renderer(const YamlSource& source, const RenderOptions& options, RenderResult& result)
      : m_source(source), m_options(options), m_result(result) {}

  void resolve(Resolver& resolver);
  void plan();
  [[nodiscard]] Produced produce();

 private:
  [[nodiscard]] SecretBuffer assemble_output() const;
  [[nodiscard]] bool matches(const ParsedOutput& parsed, std::set<ScalarKey>& suspects) const;

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
  std::stable_sort(
      m_result.findings.begin(), m_result.findings.end(), [](const Finding& a, const Finding& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
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
        return plan.values[reference_index(scan, r)];
      });
      m_plans.emplace(ScalarKey{d, s}, std::move(plan));
    }
  }
}

SecretBuffer Renderer::assemble_output() const {
  std::vector<Replacement> edits;
  for (const auto& [key, plan] : m_plans) {
    const ScalarSite& site = m_source.documents[key.first].scalars[key.second];
    std::optional<SecretBuffer> encoded;
    if (m_double_quote.count(key) == 0) {
      encoded = encode_in_place(m_source, site, plan, m_options.syntax);
    }
    edits.push_back({site.begin, site.end,
                     encoded ? std::move(*encoded) : double_quoted(site, plan.new_value.reveal())});
  }
  if (m_options.strip_secrets) {
    for (const YamlDocument& document : m_source.documents) {
      if (auto strip = detail::inline_secrets_removal(m_source, document)) {
        edits.push_back({strip->begin, strip->end, SecretBuffer(strip->replacement)});
      }
    }
  }
  return apply_replacements(m_source.text, edits);
}

bool Renderer::matches(const ParsedOutput& parsed, std::set<ScalarKey>& suspects) const {
  if (parsed.documents().size() != m_source.documents.size()) return false;
  for (std::size_t d = 0; d < m_source.documents.size(); ++d) {
    const YamlNode& want = m_source.documents[d].root;
    const std::size_t skip = m_options.strip_secrets ? secrets_entry(want) : k_keep_all;
    if (!TreeComparison(m_plans, d, suspects).same(want, parsed.documents()[d].root, skip)) {
      return false;
    }
  }
  return true;
}

// Round 0 keeps every scalar in its own style; scalars that do not read back are then forced to
// double quotes; after a structural difference every substituted scalar is.
Produced Renderer::produce() {
  for (int round = 0; round < 3; ++round) {
    SecretBuffer output = assemble_output();
    std::optional<ParsedOutput> parsed = ParsedOutput::parse(m_source.path, output);
    std::set<ScalarKey> suspects;
    const bool same_structure = parsed && matches(*parsed, suspects);
    if (same_structure && suspects.empty()) return {std::move(output), std::move(*parsed)};
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
  Produced produced = renderer.produce();
  switch (options.format) {
    case OutputFormat::yaml:
      result.text = std::move(produced.text);
      break;
    case OutputFormat::json:
      result.text = detail::to_json(produced.parsed.documents());
      break;
    case OutputFormat::env:
      result.text = detail::to_env(produced.parsed.documents(), options.allow_env);
      break;
  }
  return result;
}

}  // namespace hush
