#include "core/yaml/yaml_spans.hpp"

#include <algorithm>

namespace hush::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::size_t skip_blanks(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  return pos;
}

std::size_t skip_break(std::string_view text, std::size_t pos) {
  if (pos < text.size() && text[pos] == '\r') ++pos;
  if (pos < text.size() && text[pos] == '\n') ++pos;
  return pos;
}

// Where yaml-cpp 0.7's scanner ends a property (its exp.h): a tag takes word characters,
// "#;/?:@&=+$_.~*'()", %-escapes and the '!' of a handle; an anchor runs to a blank, a line break
// or a flow indicator. No blank is needed before the scalar: `!t\x17x` is the tag !t on "\x17x".
bool in_tag(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-#;/?:@&=+$_.~*'()%!").find(c) != std::string_view::npos;
}

bool in_anchor(char c) {
  return !is_blank(c) && !is_line_break(c) &&
         std::string_view("[]{},").find(c) == std::string_view::npos;
}

// Anchors and tags come before the scalar they decorate; yaml-cpp's mark points at them.
std::size_t skip_properties(std::string_view text, std::size_t pos) {
  for (;;) {
    if (pos >= text.size() || (text[pos] != '&' && text[pos] != '!')) return pos;
    if (text.substr(pos, 2) == "!<") {
      const std::size_t close = text.find('>', pos);  // npos + 1 would wrap to 0: a loop
      pos = close == std::string_view::npos ? text.size() : close + 1;
    } else {
      const bool tag = text[pos] == '!';
      ++pos;
      while (pos < text.size() && (tag ? in_tag(text[pos]) : in_anchor(text[pos]))) ++pos;
    }
    for (;;) {  // whitespace, comments and line breaks between properties and the scalar
      pos = skip_blanks(text, pos);
      if (pos < text.size() && text[pos] == '#')
        pos = next_line(text, pos);
      else if (pos < text.size() && is_line_break(text[pos]))
        pos = skip_break(text, pos);
      else
        break;
    }
  }
}

ScalarSpan quoted_span(std::string_view text, std::size_t begin, ScalarStyle style) {
  const char quote = style == ScalarStyle::double_quoted ? '"' : '\'';
  for (std::size_t i = begin + 1; i < text.size(); ++i) {
    if (style == ScalarStyle::double_quoted && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (style == ScalarStyle::single_quoted && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return {begin, i + 1, style, {}};
    }
  }
  const char* name = style == ScalarStyle::double_quoted ? "double" : "single";
  return {begin, begin, style, std::string("unterminated ") + name + "-quoted scalar"};
}

int indentation_of(std::string_view text, std::size_t line_start) {
  std::size_t pos = line_start;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return static_cast<int>(pos - line_start);
}

bool is_blank_line(std::string_view text, std::size_t line_start) {
  const std::size_t pos = skip_blanks(text, line_start);
  return pos >= text.size() || is_line_break(text[pos]);
}

std::size_t line_end(std::string_view text, std::size_t pos) {
  while (pos < text.size() && !is_line_break(text[pos])) ++pos;
  return pos;
}

ScalarSpan block_span(std::string_view text, std::size_t begin, int parent_indent) {
  const ScalarStyle style = text[begin] == '|' ? ScalarStyle::literal : ScalarStyle::folded;
  std::size_t pos = begin + 1;
  int explicit_indent = 0;
  while (pos < text.size() &&
         (text[pos] == '+' || text[pos] == '-' || (text[pos] >= '1' && text[pos] <= '9'))) {
    if (text[pos] >= '1' && text[pos] <= '9') explicit_indent = text[pos] - '0';
    ++pos;
  }
  const std::size_t header_end = line_end(text, pos);
  int content_indent = explicit_indent > 0 ? std::max(parent_indent, 0) + explicit_indent : -1;
  std::size_t end = header_end;
  for (std::size_t line = next_line(text, header_end); line < text.size();
       line = next_line(text, line)) {
    if (is_blank_line(text, line)) continue;
    const int indent = indentation_of(text, line);
    if (content_indent < 0) content_indent = indent;
    if (indent < content_indent || indent <= parent_indent) break;
    end = line_end(text, line);
  }
  return {begin, end, style, {}};
}

// Walks the source from `begin`, consuming exactly the characters that fold into `value`
// (line breaks with surrounding blanks fold to one space, or to n-1 newlines for n breaks).
ScalarSpan plain_span(std::string_view text, std::size_t begin, std::string_view value) {
  std::size_t i = begin;
  std::size_t j = 0;
  const ScalarSpan failed{begin, begin, ScalarStyle::plain, "cannot locate the plain scalar"};
  while (j < value.size()) {
    if (i >= text.size()) return failed;
    if (is_blank(text[i]) || is_line_break(text[i])) {
      const std::size_t run_end = skip_blanks(text, i);
      if (run_end < text.size() && !is_line_break(text[run_end])) {
        const std::string_view run = text.substr(i, run_end - i);
        if (value.substr(j, run.size()) != run) return failed;
        i = run_end;
        j += run.size();
        continue;
      }
      std::size_t breaks = 0;
      i = run_end;
      while (i < text.size() && is_line_break(text[i])) {
        i = skip_blanks(text, skip_break(text, i));
        ++breaks;
      }
      // Blanks up to the end of the text while the value goes on: yaml-cpp read a value that
      // this span cannot hold (breaks - 1 would wrap around).
      if (breaks == 0) return failed;
      const std::string folded = breaks == 1 ? " " : std::string(breaks - 1, '\n');
      if (value.substr(j, folded.size()) != folded) return failed;
      j += folded.size();
      continue;
    }
    if (text[i] != value[j]) return failed;
    ++i;
    ++j;
  }
  return {begin, i, ScalarStyle::plain, {}};
}

}  // namespace

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

std::size_t next_line(std::string_view text, std::size_t pos) {
  return skip_break(text, line_end(text, pos));
}

ScalarSpan find_scalar_span(std::string_view text, std::size_t mark, std::string_view value,
                            int parent_indent) {
  const std::size_t begin = skip_properties(text, mark);
  if (begin >= text.size()) return {begin, begin, ScalarStyle::plain, {}};
  switch (text[begin]) {
    case '"':
      return quoted_span(text, begin, ScalarStyle::double_quoted);
    case '\'':
      return quoted_span(text, begin, ScalarStyle::single_quoted);
    case '|':
    case '>':
      return block_span(text, begin, parent_indent);
    default:
      return plain_span(text, begin, value);
  }
}

}  // namespace hush::detail
