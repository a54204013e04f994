#include "core/yaml/yaml_edit.hpp"

#include <algorithm>
#include <hush/error.hpp>

#include "core/yaml/yaml_spans.hpp"

namespace hush::detail {
namespace {

std::size_t line_start_of(std::string_view text, std::size_t pos) {
  // The '\n' of a "\r\n" belongs to the line that the '\r' ends.
  if (pos > 0 && pos < text.size() && text[pos] == '\n' && text[pos - 1] == '\r') --pos;
  while (pos > 0 && !detail::is_line_break(text[pos - 1])) --pos;
  return pos;
}

bool is_comment_or_blank_line(std::string_view text, std::size_t line) {
  std::size_t pos = line;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  return pos >= text.size() || detail::is_line_break(text[pos]) ||
         (text[pos] == '#' && pos == line);
}

// Where a document's lines end: the next "---" or "..." line, or the end of the text.
std::size_t document_end(std::string_view text, std::size_t from) {
  for (std::size_t line = detail::next_line(text, from); line < text.size();
       line = detail::next_line(text, line)) {
    const std::string_view rest = text.substr(line, 3);
    if ((rest == "---" || rest == "...") &&
        (line + 3 >= text.size() ||
         std::string_view(" \t\r\n").find(text[line + 3]) != std::string_view::npos)) {
      return line;
    }
  }
  return text.size();
}

// The first line after `key_line` that starts an entry of the mapping indented `indent` spaces:
// one indented no deeper that is neither blank nor a comment. Used when the next key has no
// scalar to locate it by (an empty key, `: value`); a value's lines are indented deeper, and
// the render verification catches any case this misjudges.
std::size_t next_entry_line(std::string_view text, std::size_t key_line, std::size_t stop) {
  std::size_t indent = 0;
  while (key_line + indent < text.size() && text[key_line + indent] == ' ') ++indent;
  for (std::size_t line = detail::next_line(text, key_line); line < stop;
       line = detail::next_line(text, line)) {
    if (is_comment_or_blank_line(text, line)) continue;
    std::size_t spaces = 0;
    while (line + spaces < text.size() && text[line + spaces] == ' ') ++spaces;
    if (spaces <= indent) return line;
  }
  return stop;
}

}  // namespace

// The lines of the top-level `secrets:` entry, from its key's line to the next top-level key,
// giving back the blank and column-0 comment lines that introduce the next section.
std::optional<TextEdit> inline_secrets_removal(const YamlSource& source,
                                               const YamlDocument& document) {
  const YamlNode& root = document.root;
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    const YamlNode& key = root.keys[i];
    if (key.kind != NodeKind::scalar || key.value != "secrets") continue;
    const ScalarSite& site = document.scalars[key.scalar];
    if (site.in_flow) {
      throw Error(ErrorKind::invalid_input, "flow-secrets-block",
                  "cannot strip a secrets block written in flow style; use block style or "
                  "--keep-secrets",
                  Location{source.path, site.start.line, site.start.column});
    }
    const std::string_view text = source.text;
    const std::size_t begin = line_start_of(text, site.begin);
    const bool last = i + 1 >= root.keys.size();
    std::size_t end = document_end(text, site.begin);
    if (!last && root.keys[i + 1].scalar != k_no_scalar) {
      end = line_start_of(text, document.scalars[root.keys[i + 1].scalar].begin);
    } else if (!last) {
      end = next_entry_line(text, begin, end);
    }
    while (end > begin) {
      const std::size_t previous = line_start_of(text, end - 1);
      if (previous <= begin || !is_comment_or_blank_line(text, previous)) break;
      end = previous;
    }
    end = std::max(end, detail::next_line(text, site.begin));
    // Blank lines on both sides of the block would leave a double gap: take the ones after it.
    if (begin > 0 && is_comment_or_blank_line(text, line_start_of(text, begin - 1)) &&
        text[line_start_of(text, begin - 1)] != '#') {
      while (end < text.size() && is_comment_or_blank_line(text, end) && text[end] != '#') {
        end = detail::next_line(text, end);
      }
    }
    // The only entry: an empty text would be no document at all (or a null one), so the
    // document stays a mapping, an empty one.
    if (root.keys.size() > 1) return TextEdit{begin, end, {}};
    const std::size_t line_break = text.find('\n', site.begin);
    const bool crlf =
        line_break != std::string_view::npos && line_break > 0 && text[line_break - 1] == '\r';
    return TextEdit{begin, end, crlf ? "{}\r\n" : "{}\n"};
  }
  return std::nullopt;
}

std::string apply_edits(std::string_view text, std::vector<TextEdit>& edits) {
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t at = 0;
  for (const TextEdit& edit : edits) {
    out.append(text.substr(at, edit.begin - at));
    out += edit.replacement;
    at = edit.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace hush::detail
