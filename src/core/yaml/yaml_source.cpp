#include "core/yaml/yaml_source.hpp"

#include <hush/error.hpp>

#include "core/yaml/yaml_spans.hpp"

#include <map>
#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace hush {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

struct Frame {
  YamlNode node;
  bool flow = false;
  int indent = -1;           // block collections: indentation of their entries' column
  bool expecting_key = true; // mappings: the next event is a key
  std::string key;           // mappings: the current entry's key
  std::size_t indent_mark = 0;
  YAML::anchor_t anchor = 0;
};

// Builds YamlNode trees and ScalarSites from yaml-cpp's event stream.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::size_t offset) : m_text(text), m_offset(offset) {}

  YamlDocument take() { return std::move(m_document); }
  [[nodiscard]] const std::string& problem() const { return m_problem; }
  [[nodiscard]] std::size_t problem_offset() const { return m_problem_offset; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { attach(YamlNode{}, anchor); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    const auto found = m_anchors.find(anchor);
    attach(found == m_anchors.end() ? YamlNode{} : found->second, 0);
  }
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
  void open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style);
  void close();
  void attach(YamlNode node, YAML::anchor_t anchor);
  [[nodiscard]] NodePath current_path() const;
  [[nodiscard]] bool in_flow() const;
  [[nodiscard]] int block_indent_for_child(std::size_t child_begin) const;

  std::string_view m_text;
  std::size_t m_offset;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, YamlNode> m_anchors;
  YamlDocument m_document;
  std::string m_problem;
  std::size_t m_problem_offset = 0;
};

NodePath TreeBuilder::current_path() const {
  NodePath path;
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
  const bool is_key = !m_stack.empty() && m_stack.back().node.kind == NodeKind::map &&
                      m_stack.back().expecting_key;
  const int parent_indent = block_indent_for_child(offset);
  const detail::ScalarSpan span = detail::find_scalar_span(m_text, offset, value, parent_indent);
  if (!span.problem.empty() && m_problem.empty()) {
    m_problem = span.problem;
    m_problem_offset = span.begin;
  }
  if (is_key && !m_stack.back().flow && m_stack.back().indent < 0) {
    std::size_t line_start = span.begin;
    while (line_start > 0 && !detail::is_line_break(m_text[line_start - 1])) --line_start;
    m_stack.back().indent = static_cast<int>(span.begin - line_start);
  }
  ScalarSite site{.begin = span.begin, .end = span.end, .style = span.style, .value = value,
                  .path = current_path(), .is_key = is_key, .in_flow = in_flow(),
                  .parent_indent = parent_indent, .start = {}};
  if (is_key && !site.path.empty() && !site.path.back().is_index) site.path.pop_back();
  YamlNode node{.kind = NodeKind::scalar, .value = value, .plain = tag == "?", .keys = {},
                .children = {}, .scalar = m_document.scalars.size()};
  m_document.scalars.push_back(std::move(site));
  attach(std::move(node), anchor);
}

void TreeBuilder::open(NodeKind kind, const YAML::Mark&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) {
  Frame frame;
  frame.node.kind = kind;
  frame.flow = style == YAML::EmitterStyle::Flow;
  frame.anchor = anchor;
  if (kind == NodeKind::sequence && !frame.flow) frame.indent = -1;
  m_stack.push_back(std::move(frame));
}

void TreeBuilder::close() {
  Frame frame = std::move(m_stack.back());
  m_stack.pop_back();
  attach(std::move(frame.node), frame.anchor);
}

void TreeBuilder::attach(YamlNode node, YAML::anchor_t anchor) {
  if (anchor != 0) m_anchors[anchor] = node;
  if (m_stack.empty()) {
    m_document.root = std::move(node);
    return;
  }
  Frame& parent = m_stack.back();
  if (parent.node.kind == NodeKind::sequence) {
    parent.node.children.push_back(std::move(node));
  } else if (parent.expecting_key) {
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

[[noreturn]] void throw_syntax(const YamlSource& source, std::size_t offset, std::string message) {
  const LineIndex index(source.text);
  const LineColumn at = index.locate(offset);
  const std::string_view line = index.line_text(at.line);
  if (has_unquoted_reference_in_flow(line)) {
    message += "; an unquoted ${NAME} inside a flow collection ({...} or [...]) is not valid "
               "YAML: quote it (\"${NAME}\") or write $<NAME>";
  }
  throw Error(ErrorKind::syntax, "yaml-syntax", message, Location{source.path, at.line, at.column},
              caret_snippet(at.line, line, at.column, 1));
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
    const bool simple = !segment.key.empty() &&
                        segment.key.find_first_of(".[]\" ") == std::string::npos;
    if (simple) {
      out += (out.empty() ? "" : ".") + segment.key;
    } else {
      out += "[\"" + segment.key + "\"]";
    }
  }
  return out;
}

YamlSource parse_yaml_source(std::string path, std::string text) {
  require_valid_encoding(path, text);  // yaml-cpp would misplace or accept what this refuses
  YamlSource source{std::move(path), std::move(text), {}};
  const std::size_t offset = std::string_view(source.text).starts_with(k_bom) ? k_bom.size() : 0;
  std::istringstream stream(source.text.substr(offset));
  try {
    YAML::Parser parser(stream);
    for (;;) {
      TreeBuilder builder(source.text, offset);
      if (!parser.HandleNextDocument(builder)) break;
      if (!builder.problem().empty()) {
        throw_syntax(source, builder.problem_offset(), builder.problem());
      }
      source.documents.push_back(builder.take());
    }
  } catch (const YAML::ParserException& e) {
    throw_syntax(source, static_cast<std::size_t>(std::max(e.mark.pos, 0)) + offset, e.msg);
  }
  const LineIndex index(source.text);
  for (YamlDocument& document : source.documents) {
    for (ScalarSite& site : document.scalars) site.start = index.locate(site.begin);
  }
  return source;
}

}  // namespace hush
