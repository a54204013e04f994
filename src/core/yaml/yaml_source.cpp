#include "core/yaml/yaml_source.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <hush/error.hpp>
#include <istream>
#include <map>
#include <streambuf>
#include <unordered_map>

#include "core/yaml/yaml_spans.hpp"

namespace hush {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

struct Frame {
  YamlNode node;
  bool flow = false;
  int indent = -1;            // block collections: indentation of their entries' column
  bool expecting_key = true;  // mappings: the next event is a key
  std::string key;            // mappings: the current entry's key
  YAML::anchor_t anchor = 0;
  std::size_t begin = 0;   // byte offset of the collection's start
  std::size_t weight = 1;  // nodes in the subtree so far, this one included
  std::size_t height = 0;  // levels of collections below this one
  std::unordered_map<std::string, std::size_t> seen_keys;  // mappings: scalar key -> offset
};

// What a file's documents have spent of the structural budgets.
struct Budget {
  std::size_t alias_nodes = 0;  // nodes copied by aliases
  std::size_t events = 0;       // parser events
};

// An anchored subtree, kept for the aliases that copy it.
struct Anchored {
  YamlNode node;
  std::size_t weight = 1;
  std::size_t height = 0;
};

[[noreturn]] void throw_at(const std::string& path, std::string_view text, std::size_t offset,
                           const char* id, std::string message);

// Builds YamlNode trees and ScalarSites from yaml-cpp's event stream. Structural limits (alias
// budget, nesting, duplicate keys) are enforced here, as the events arrive, so a hostile file
// stops before it costs more than linear time and memory.
class TreeBuilder : public YAML::EventHandler {
 public:
  // `sites`: record a ScalarSite per scalar and the alias uses (parse_yaml_trees does not).
  TreeBuilder(const std::string& path, std::string_view text, std::size_t offset, Budget& budget,
              bool sites)
      : m_path(path), m_text(text), m_offset(offset), m_budget(budget), m_sites(sites) {}

  YamlDocument take() { return std::move(m_document); }
  [[nodiscard]] const std::string& problem() const { return m_problem; }
  [[nodiscard]] std::size_t problem_offset() const { return m_problem_offset; }
  // The offset of the document's only event when that event is a null, else npos: yaml-cpp 0.7
  // reports a token it cannot place as such a document without consuming it, forever.
  [[nodiscard]] std::size_t bare_null_at() const { return m_bare_null_at; }
  // The offset of the document's first event (npos before any).
  [[nodiscard]] std::size_t first_event_at() const { return m_first_event_at; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::size_t at = offset_of(mark);
    if (m_stack.empty() && m_events == 0) m_bare_null_at = at;
    if (anchor != YAML::NullAnchor) check_anchored_null_key(at);
    check_empty_key(at);
    attach(YamlNode{}, anchor, at, 1, 0);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(NodeKind::sequence, mark, anchor, style);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(NodeKind::map, mark, anchor, style);
  }
  void OnMapEnd() override { close(); }

 private:
  [[nodiscard]] std::size_t offset_of(const YAML::Mark& mark) const {
    return static_cast<std::size_t>(std::max(mark.pos, 0)) + m_offset;
  }
  void open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style);
  void close();
  void attach(YamlNode node, YAML::anchor_t anchor, std::size_t at, std::size_t weight,
              std::size_t height);
  void note_key(Frame& map, const YamlNode& key, std::size_t at);
  void record_alias_uses(const YamlNode& node, NodePath& path, bool as_key, std::size_t at);
  // Every event but an implicit null consumes source bytes, so a parser that reports more
  // events than twice the file's bytes is spinning: stop it with a located error.
  void count_event(std::size_t at) {
    if (m_events == 0) m_first_event_at = at;
    ++m_events;
    if (++m_budget.events > 2 * m_text.size() + 16) {
      fail(at, "yaml-syntax", "the YAML parser does not advance here");
    }
  }
  [[noreturn]] void fail(std::size_t offset, const char* id, std::string message) const {
    throw_at(m_path, m_text, offset, id, std::move(message));
  }
  [[nodiscard]] NodePath current_path() const;
  [[nodiscard]] bool in_flow() const;
  [[nodiscard]] int block_indent_for_child(std::size_t child_begin) const;
  [[nodiscard]] int key_indent(std::size_t key) const;
  [[nodiscard]] bool followed_by_colon(std::size_t end) const;
  void check_anchored_null_key(std::size_t at);
  void check_empty_key(std::size_t at);
  void check_value_indent(std::size_t begin);
  [[nodiscard]] bool is_explicit_key(std::size_t key) const;

  const std::string& m_path;
  std::string_view m_text;
  std::size_t m_offset;
  Budget& m_budget;  // shared by a file's documents
  bool m_sites;
  std::size_t m_scalars = 0;  // in this document, recorded or not
  std::size_t m_events = 0;   // in this document
  std::size_t m_bare_null_at = std::string::npos;
  std::size_t m_first_event_at = std::string::npos;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, Anchored> m_anchors;
  YamlDocument m_document;
  std::string m_problem;
  std::size_t m_problem_offset = 0;
};

// The indentation of a block mapping whose first key starts at `key`: the column where the key's
// node begins, properties (`&anchor`, `!tag`) and an explicit key's `?` included, counted from the
// line's start (after a UTF-8 BOM on the first line).
int TreeBuilder::key_indent(std::size_t key) const {
  std::size_t begin = key;
  for (;;) {
    std::size_t pos = begin;
    while (pos > 0 && (m_text[pos - 1] == ' ' || m_text[pos - 1] == '\t')) --pos;
    std::size_t token = pos;
    while (token > 0 && m_text[token - 1] != ' ' && m_text[token - 1] != '\t' &&
           !detail::is_line_break(m_text[token - 1])) {
      --token;
    }
    const bool property = m_text[token] == '&' || m_text[token] == '!';
    const bool explicit_key = pos - token == 1 && m_text[token] == '?';  // `? key`
    if (token == pos || (!property && !explicit_key)) break;
    begin = token;
  }
  std::size_t line_start = begin;
  while (line_start > 0 && !detail::is_line_break(m_text[line_start - 1])) --line_start;
  if (line_start == 0) line_start = std::min(m_offset, begin);  // after the BOM
  return static_cast<int>(begin - line_start);
}

// Whether the implicit key ending at `end` is followed, on its line, by the `:` indicator.
bool TreeBuilder::followed_by_colon(std::size_t end) const {
  while (end < m_text.size() && (m_text[end] == ' ' || m_text[end] == '\t')) ++end;
  return end < m_text.size() && m_text[end] == ':';
}

// A key that is only node properties (`&a` alone on a line) is a key without ':' like a lone
// word (see OnScalar): yaml-cpp 0.7 reads it as a null key, and once the entry before it is gone
// (render stripping the secrets block) the same text reads as a scalar document.
void TreeBuilder::check_anchored_null_key(std::size_t at) {
  if (m_stack.empty() || m_stack.back().node.kind != NodeKind::map ||
      !m_stack.back().expecting_key || m_stack.back().flow || !m_problem.empty()) {
    return;
  }
  std::size_t end = std::min(at, m_text.size());
  // The mark may sit on the property itself or after it: step over `&name` and `!tag` tokens.
  while (end < m_text.size() && (m_text[end] == '&' || m_text[end] == '!')) {
    while (end < m_text.size() && m_text[end] != ' ' && m_text[end] != '\t' &&
           !detail::is_line_break(m_text[end])) {
      ++end;
    }
    while (end < m_text.size() && (m_text[end] == ' ' || m_text[end] == '\t')) ++end;
  }
  if (followed_by_colon(end) || is_explicit_key(end)) return;
  m_problem = "a mapping key without ':' (write `key:` for an empty value, or quote the line)";
  m_problem_offset = at;
}

// A block mapping's key that is empty (`: value`, `?` alone): yaml-cpp 0.7 reads it as a null
// key, but where the entry starts and ends is then guesswork (`secrets:\n:\n  secrets: |` put
// the stripped secrets block's lines back as values), and no config has a use for it.
void TreeBuilder::check_empty_key(std::size_t at) {
  if (m_stack.empty() || m_stack.back().node.kind != NodeKind::map ||
      !m_stack.back().expecting_key || m_stack.back().flow || !m_problem.empty()) {
    return;
  }
  m_problem = "a mapping key is empty (write a key before the ':', or quote the line)";
  m_problem_offset = at;
}

// A block mapping's value that starts its own line must be indented deeper than the keys:
// yaml-cpp 0.7 reads `k:\nv` (v in the key's column) as `k: v`, every other YAML reader refuses
// it, and stripping the entry `k` would leave `v` to be read as something else.
void TreeBuilder::check_value_indent(std::size_t begin) {
  if (m_stack.empty() || !m_problem.empty()) return;
  const Frame& map = m_stack.back();
  if (map.node.kind != NodeKind::map || map.flow || map.expecting_key || map.indent < 0) return;
  std::size_t line_start = std::min(begin, m_text.size());
  while (line_start > 0 && (m_text[line_start - 1] == ' ' || m_text[line_start - 1] == '\t')) {
    --line_start;
  }
  if (line_start > 0 && !detail::is_line_break(m_text[line_start - 1])) return;  // not first
  std::size_t column = begin - line_start;
  if (static_cast<int>(column) > map.indent) return;
  m_problem =
      "a mapping value on its own line must be indented more than its key (or write it after "
      "the ':')";
  m_problem_offset = begin;
}

// Whether the key at `key` is an explicit one (`? key`), which needs no `:` on its line.
bool TreeBuilder::is_explicit_key(std::size_t key) const {
  std::size_t line_start = key;
  while (line_start > 0 && !detail::is_line_break(m_text[line_start - 1])) --line_start;
  for (std::size_t i = line_start; i < key; ++i) {
    if (m_text[i] == '?' && (i + 1 == key || m_text[i + 1] == ' ' || m_text[i + 1] == '\t')) {
      return true;
    }
  }
  return false;
}

NodePath TreeBuilder::current_path() const {
  NodePath path;
  // Exactly one allocation per path: every scalar keeps one, so growth slack would add up.
  path.reserve(static_cast<std::size_t>(
      std::count_if(m_stack.begin(), m_stack.end(), [](const Frame& frame) {
        return frame.node.kind == NodeKind::sequence || !frame.expecting_key;
      })));
  for (const Frame& frame : m_stack) {
    if (frame.node.kind == NodeKind::sequence) {
      path.push_back({{}, frame.node.children.size(), true});
    } else if (!frame.expecting_key) {
      path.push_back({frame.key, 0, false});
    }
  }
  return path;
}

bool TreeBuilder::in_flow() const {
  for (const Frame& frame : m_stack) {
    if (frame.flow) return true;
  }
  return false;
}

int TreeBuilder::block_indent_for_child(std::size_t child_begin) const {
  if (m_stack.empty()) return -1;
  const Frame& parent = m_stack.back();
  if (parent.node.kind == NodeKind::map) return parent.indent;
  // Block sequence: the item's indentation is the column of the "-" before it.
  std::size_t pos = child_begin;
  while (pos > 0 && m_text[pos - 1] != '-' && !detail::is_line_break(m_text[pos - 1])) --pos;
  if (pos == 0 || m_text[pos - 1] != '-') return parent.indent;
  std::size_t line_start = pos - 1;
  while (line_start > 0 && !detail::is_line_break(m_text[line_start - 1])) --line_start;
  return static_cast<int>(pos - 1 - line_start);
}

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  const std::size_t offset = static_cast<std::size_t>(mark.pos) + m_offset;
  const bool is_key =
      !m_stack.empty() && m_stack.back().node.kind == NodeKind::map && m_stack.back().expecting_key;
  const int parent_indent = block_indent_for_child(offset);
  const detail::ScalarSpan span = detail::find_scalar_span(m_text, offset, value, parent_indent);
  if (!span.problem.empty() && m_problem.empty()) {
    m_problem = span.problem;
    m_problem_offset = span.begin;
  }
  if (is_key && !m_stack.back().flow && m_stack.back().indent < 0) {
    m_stack.back().indent = key_indent(span.begin);
  }
  if (!is_key) check_value_indent(span.begin);
  if (is_key && !m_stack.back().flow && m_problem.empty() && !followed_by_colon(span.end) &&
      !is_explicit_key(span.begin)) {
    // yaml-cpp 0.7 reads a lone word after a nested mapping as a key with a null value; every
    // other YAML reader refuses it.
    m_problem = "a mapping key without ':' (write `key:` for an empty value, or quote the line)";
    m_problem_offset = span.begin;
  }
  // yaml-cpp 0.7 decodes \N, \_ and \x80-\xFF to single bytes rather than UTF-8.
  const bool repair = span.style == ScalarStyle::double_quoted && !is_valid_utf8(value);
  YamlNode node{.kind = NodeKind::scalar,
                .value = repair ? latin1_bytes_as_utf8(value) : value,
                .plain = tag == "?",
                .keys = {},
                .children = {},
                .scalar = m_scalars++};
  if (m_sites) {
    ScalarSite site{.begin = span.begin,
                    .end = span.end,
                    .style = span.style,
                    .value = node.value,
                    .path = current_path(),
                    .is_key = is_key,
                    .in_flow = in_flow(),
                    .parent_indent = parent_indent,
                    .start = {}};
    if (is_key && !site.path.empty() && !site.path.back().is_index) site.path.pop_back();
    m_document.scalars.push_back(std::move(site));
  }
  attach(std::move(node), anchor, span.begin, 1, 0);
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const std::size_t at = offset_of(mark);
  const auto found = m_anchors.find(anchor);
  if (found == m_anchors.end()) {
    const bool open = std::any_of(m_stack.begin(), m_stack.end(),
                                  [&](const Frame& frame) { return frame.anchor == anchor; });
    if (open) {
      fail(at, "recursive-alias",
           "this alias names a collection that contains it; a collection that contains itself "
           "has no finite form, so hush refuses it");
    }
    attach(YamlNode{}, 0, at, 1, 0);
    return;
  }
  const Anchored& anchored = found->second;
  m_budget.alias_nodes += anchored.weight;
  if (m_budget.alias_nodes > k_alias_budget) {
    fail(at, "alias-budget",
         "aliases in this file expand to more than " + std::to_string(k_alias_budget) +
             " nodes; write the repeated part out or nest fewer aliases");
  }
  if (m_stack.size() + anchored.height > k_max_nesting) {
    fail(at, "nesting-limit",
         "this alias nests collections deeper than " + std::to_string(k_max_nesting) + " levels");
  }
  const bool as_key =
      !m_stack.empty() && m_stack.back().node.kind == NodeKind::map && m_stack.back().expecting_key;
  if (m_sites) {
    NodePath path = current_path();
    record_alias_uses(anchored.node, path, as_key, at);
  }
  attach(anchored.node, 0, at, anchored.weight, anchored.height);
}

void TreeBuilder::record_alias_uses(const YamlNode& node, NodePath& path, bool as_key,
                                    std::size_t at) {
  if (node.kind == NodeKind::scalar) {
    if (node.scalar != k_no_scalar && node.value.find('$') != std::string::npos) {
      m_document.alias_uses.push_back({node.scalar, path, as_key, at, {}});
    }
    return;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (node.kind == NodeKind::map) {
      record_alias_uses(node.keys[i], path, true, at);
      const YamlNode& key = node.keys[i];
      path.push_back({key.kind == NodeKind::scalar ? key.value : "<complex key>", 0, false});
    } else {
      path.push_back({{}, i, true});
    }
    record_alias_uses(node.children[i], path, as_key, at);
    path.pop_back();
  }
}

void TreeBuilder::open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) {
  count_event(offset_of(mark));
  if (m_stack.size() >= k_max_nesting) {
    fail(offset_of(mark), "nesting-limit",
         "collections nest deeper than " + std::to_string(k_max_nesting) + " levels");
  }
  if (style == YAML::EmitterStyle::Flow) check_value_indent(offset_of(mark));
  Frame frame;
  frame.begin = offset_of(mark);
  frame.node.kind = kind;
  frame.flow = style == YAML::EmitterStyle::Flow;
  frame.anchor = anchor;
  if (kind == NodeKind::sequence && !frame.flow) frame.indent = -1;
  m_stack.push_back(std::move(frame));
}

void TreeBuilder::close() {
  Frame frame = std::move(m_stack.back());
  m_stack.pop_back();
  attach(std::move(frame.node), frame.anchor, frame.begin, frame.weight, frame.height);
}

void TreeBuilder::note_key(Frame& map, const YamlNode& key, std::size_t at) {
  if (key.kind != NodeKind::scalar) return;
  const auto [first, inserted] = map.seen_keys.emplace(key.value, at);
  if (inserted) return;
  const LineColumn where = LineIndex(m_text).locate(first->second);
  std::string shown = key.value.size() > 40 ? key.value.substr(0, 40) + "..." : key.value;
  fail(at, "duplicate-key",
       "key \"" + shown + "\" appears twice in this mapping (first at line " +
           std::to_string(where.line) + "); YAML readers disagree on which one wins, so keep one");
}

void TreeBuilder::attach(YamlNode node, YAML::anchor_t anchor, std::size_t at, std::size_t weight,
                         std::size_t height) {
  if (node.kind != NodeKind::map && node.kind != NodeKind::sequence) count_event(at);
  if (anchor != 0) m_anchors[anchor] = Anchored{node, weight, height};
  if (m_stack.empty()) {
    m_document.root = std::move(node);
    return;
  }
  Frame& parent = m_stack.back();
  parent.weight += weight;
  parent.height = std::max(parent.height, height + 1);
  if (parent.node.kind == NodeKind::sequence) {
    parent.node.children.push_back(std::move(node));
  } else if (parent.expecting_key) {
    note_key(parent, node, at);
    parent.key = node.kind == NodeKind::scalar ? node.value : std::string("<complex key>");
    parent.node.keys.push_back(std::move(node));
    parent.expecting_key = false;
  } else {
    parent.node.children.push_back(std::move(node));
    parent.expecting_key = true;
  }
}

bool has_unquoted_reference_in_flow(std::string_view line) {
  const std::size_t ref = line.find("${");
  if (ref == std::string_view::npos) return false;
  const std::size_t flow = line.find_first_of("{[");
  return flow != std::string_view::npos && flow < ref && line.find_first_of("\"'") > ref;
}

[[noreturn]] void throw_at(const std::string& path, std::string_view text, std::size_t offset,
                           const char* id, std::string message) {
  const LineIndex index(text);
  const LineColumn at = index.locate(offset);
  const std::string_view line = index.line_text(at.line);
  throw Error(ErrorKind::syntax, id, std::move(message), Location{path, at.line, at.column},
              caret_snippet(at.line, line, at.column, 1));
}

[[noreturn]] void throw_syntax(const YamlSource& source, std::size_t offset, std::string message) {
  const LineIndex index(source.text);
  if (has_unquoted_reference_in_flow(index.line_text(index.locate(offset).line))) {
    message +=
        "; an unquoted ${NAME} inside a flow collection ({...} or [...]) is not valid "
        "YAML: quote it (\"${NAME}\") or write $<NAME>";
  }
  throw_at(source.path, source.text, offset, "yaml-syntax", std::move(message));
}

// Whether a line of text[begin, end) starts with a document marker, `---` or `...`, followed by a
// blank, a line end or the end of the text.
bool has_document_marker(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t line = begin; line < end;) {
    const bool at_line_start = line == 0 || detail::is_line_break(text[line - 1]);
    if (at_line_start) {
      const std::string_view rest = text.substr(line, 4);
      if ((rest.starts_with("---") || rest.starts_with("...")) &&
          (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t' ||
           detail::is_line_break(rest[3]))) {
        return true;
      }
    }
    const std::size_t next = text.find_first_of("\r\n", line);
    if (next == std::string_view::npos) break;
    line = next + 1;
  }
  return false;
}

// yaml-cpp 0.7 answers a token it cannot place at document level (a `,` outside any flow
// collection) with an empty document that does not consume it, again and again.
[[noreturn]] void throw_stalled(const YamlSource& source, std::size_t offset) {
  const char c = offset < source.text.size() ? source.text[offset] : '\0';
  if (c == ',' || c == ']' || c == '}') {
    throw_syntax(source, offset,
                 std::string("unexpected '") + c +
                     "' outside any flow collection; quote the value if it starts with it");
  }
  throw_syntax(source, offset, "unexpected token; the YAML parser cannot continue here");
}

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  if (kind != NodeKind::map) return nullptr;
  for (std::size_t i = 0; i < keys.size() && i < children.size(); ++i) {
    if (keys[i].kind == NodeKind::scalar && keys[i].value == key) return &children[i];
  }
  return nullptr;
}

std::string to_string(const NodePath& path) {
  std::string out;
  for (const PathSegment& segment : path) {
    if (segment.is_index) {
      out += "[" + std::to_string(segment.index) + "]";
      continue;
    }
    const bool simple =
        !segment.key.empty() && segment.key.find_first_of(".[]\" ") == std::string::npos;
    if (simple) {
      out += (out.empty() ? "" : ".") + segment.key;
    } else {
      out += "[\"" + segment.key + "\"]";
    }
  }
  return out;
}

namespace {

// Reads a string in place (an istringstream would hold a second copy of a large file).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only ever read: no put area is set
    setg(begin, begin, begin + text.size());
  }
};

void locate_sites(YamlSource& source) {
  const LineIndex index(source.text);
  for (YamlDocument& document : source.documents) {
    for (ScalarSite& site : document.scalars) site.start = index.locate(site.begin);
    for (AliasUse& use : document.alias_uses) use.alias_start = index.locate(use.alias_begin);
  }
}

YamlSource parse(std::string path, std::string text, bool sites) {
  require_valid_encoding(path, text);  // yaml-cpp would misplace or accept what this refuses
  YamlSource source{std::move(path), std::move(text), {}};
  const std::size_t offset = std::string_view(source.text).starts_with(k_bom) ? k_bom.size() : 0;
  ViewBuffer buffer(std::string_view(source.text).substr(offset));
  std::istream stream(&buffer);
  Budget budget;
  try {
    YAML::Parser parser(stream);
    std::size_t previous_bare_null = std::string::npos;
    std::size_t previous_first = std::string::npos;
    for (;;) {
      TreeBuilder builder(source.path, source.text, offset, budget, sites);
      if (!parser.HandleNextDocument(builder)) break;
      if (!builder.problem().empty()) {
        throw_syntax(source, builder.problem_offset(), builder.problem());
      }
      // Two empty documents at one offset, or more documents than bytes: no progress.
      const std::size_t bare_null = builder.bare_null_at();
      if ((bare_null != std::string::npos && bare_null == previous_bare_null) ||
          source.documents.size() > source.text.size()) {
        throw_stalled(source, bare_null == std::string::npos ? source.text.size() : bare_null);
      }
      previous_bare_null = bare_null;
      // yaml-cpp 0.7 starts a document at any node after a complete root scalar ("a" b); YAML
      // needs a `---` (or `...`) line between documents.
      const std::size_t first = builder.first_event_at();
      if (!source.documents.empty() && first != std::string::npos &&
          previous_first != std::string::npos &&
          !has_document_marker(source.text, previous_first, first)) {
        if (std::string_view(",]}").find(source.text[first]) != std::string_view::npos) {
          throw_stalled(source, first);
        }
        throw_syntax(source, first, "a second document starts here without a '---' line");
      }
      if (first != std::string::npos) previous_first = first;
      source.documents.push_back(builder.take());
    }
  } catch (const YAML::ParserException& e) {
    throw_syntax(source, static_cast<std::size_t>(std::max(e.mark.pos, 0)) + offset, e.msg);
  }
  if (sites) locate_sites(source);
  return source;
}

}  // namespace

YamlSource parse_yaml_source(std::string path, std::string text) {
  return parse(std::move(path), std::move(text), true);
}

YamlSource parse_yaml_trees(std::string path, std::string text) {
  return parse(std::move(path), std::move(text), false);
}

}  // namespace hush
