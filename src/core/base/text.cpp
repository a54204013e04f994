#include "core/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <hush/error.hpp>

namespace hush {

LineIndex::LineIndex(std::string_view text, int first_line) : m_text(text), m_first(first_line) {
  m_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (text[i] == '\n' || text[i] == '\r') m_starts.push_back(i + 1);
  }
}

LineColumn LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - m_starts.begin());
  const std::size_t start = m_starts[line - 1];
  const std::size_t column = count_code_points(m_text.substr(start, offset - start));
  return {static_cast<int>(line) + m_first - 1, static_cast<int>(column) + 1};
}

std::size_t LineIndex::line_start(int line) const {
  line -= m_first - 1;
  if (line < 1 || line > line_count()) return m_text.size();
  return m_starts[static_cast<std::size_t>(line - 1)];
}

std::string_view LineIndex::line_text(int line) const {
  if (line - (m_first - 1) < 1 || line - (m_first - 1) > line_count()) return {};
  const std::size_t start = line_start(line);
  std::size_t end = start;
  while (end < m_text.size() && m_text[end] != '\n' && m_text[end] != '\r') ++end;
  return m_text.substr(start, end - start);
}

namespace {

constexpr std::size_t k_snippet_bytes = 160;  // longer lines are cut to a window around the caret
constexpr std::size_t k_snippet_before = 60;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte offset of the first byte of code point `column` (1-based) in `line`.
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_continuation(line[i])) continue;
    if (++points == static_cast<std::size_t>(std::max(column, 1))) return i;
  }
  return line.size();
}

std::size_t back_to_boundary(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && is_continuation(text[pos])) --pos;
  return pos;
}

}  // namespace

std::string caret_snippet(int line, std::string_view line_text, int column, int width) {
  std::string number = std::to_string(line);
  const std::string gutter(std::max<std::size_t>(5, number.size() + 1), ' ');
  number.insert(0, gutter.size() - number.size(), ' ');
  // A long line (minified JSON, a hostile single-line file) shows a window around the caret.
  std::string_view shown = line_text;
  std::string lead;
  std::string tail;
  std::size_t caret_byte = byte_of_column(line_text, column);
  if (line_text.size() > k_snippet_bytes) {
    const std::size_t begin = back_to_boundary(
        line_text, caret_byte > k_snippet_before ? caret_byte - k_snippet_before : 0);
    const std::size_t end =
        back_to_boundary(line_text, std::min(line_text.size(), begin + k_snippet_bytes));
    shown = line_text.substr(begin, end - begin);
    caret_byte -= begin;
    if (begin > 0) lead = "...";
    if (end < line_text.size()) tail = "...";
  }
  std::string out = number + " | " + lead + std::string(shown) + tail + "\n" + gutter + " | " +
                    std::string(lead.size(), ' ');
  // Tabs in the source line keep the caret aligned when echoed as tabs.
  for (std::size_t i = 0; i < shown.size() && i < caret_byte; ++i) {
    if (is_continuation(shown[i])) continue;
    out += shown[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  for (int i = 1; i < width; ++i) out += '~';
  return out;
}

namespace {

std::string hex_digits(unsigned value, int digits) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (int d = digits - 1; d >= 0; --d) out += k_hex[(value >> (4 * d)) & 0xF];
  return out;
}

// What is wrong with a complete sequence that decodes to `point` but is no valid UTF-8.
std::string decoded_problem(char32_t point, bool overlong) {
  const std::string code = "U+" + hex_digits(static_cast<unsigned>(point), point > 0xFFFF ? 6 : 4);
  if (overlong) return "invalid UTF-8: overlong encoding of " + code;
  if (point > 0x10FFFF) return "invalid UTF-8: " + code + " is above U+10FFFF";
  return "invalid UTF-8: UTF-16 surrogate " + code + " encoded as UTF-8";
}

// Decodes the UTF-8 sequence at `text[i]`: its length, or 0 with `*problem` (when given) saying
// what is wrong. NUL is valid UTF-8 here; find_encoding_problem refuses it separately. Callers
// that validate values pass no `problem`, so no description of a secret's bytes is ever built.
std::size_t sequence_length(std::string_view text, std::size_t i, std::string* problem) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  const std::size_t length = lead >= 0xC0 && lead < 0xE0   ? 2
                             : lead >= 0xE0 && lead < 0xF0 ? 3
                             : lead >= 0xF0 && lead < 0xF8 ? 4
                                                           : 0;
  if (length == 0) {
    if (problem == nullptr) return 0;
    *problem =
        lead < 0xC0
            ? "invalid UTF-8: continuation byte 0x" + hex_digits(lead, 2) + " without a lead byte"
            : "invalid UTF-8: byte 0x" + hex_digits(lead, 2) + " never occurs in UTF-8";
    return 0;
  }
  char32_t point = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      if (problem != nullptr) {
        *problem = "invalid UTF-8: truncated " + std::to_string(length) + "-byte sequence";
      }
      return 0;
    }
    point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  static constexpr char32_t k_minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool valid =
      point >= k_minimum[length] && point <= 0x10FFFF && (point < 0xD800 || point > 0xDFFF);
  if (valid) return length;
  if (problem != nullptr) *problem = decoded_problem(point, point < k_minimum[length]);
  return 0;
}

// The byte-order marks of the encodings hush does not read, longest first (UTF-32 LE starts
// with UTF-16 LE's mark).
struct ByteOrderMark {
  std::string_view bytes;
  const char* name;
};
constexpr ByteOrderMark k_foreign_marks[] = {
    {std::string_view("\xFF\xFE\0\0", 4), "UTF-32 (little-endian)"},
    {std::string_view("\0\0\xFE\xFF", 4), "UTF-32 (big-endian)"},
    {"\xFF\xFE", "UTF-16 (little-endian)"},
    {"\xFE\xFF", "UTF-16 (big-endian)"},
};

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i, nullptr);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<EncodingProblem> find_encoding_problem(std::string_view text) {
  for (const ByteOrderMark& mark : k_foreign_marks) {
    if (text.starts_with(mark.bytes)) {
      return EncodingProblem{
          0, std::string("the text starts with a ") + mark.name + " byte-order mark"};
    }
  }
  std::string problem;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') return EncodingProblem{i, "NUL byte"};
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      return EncodingProblem{i, std::string("control character U+00") + k_hex[c >> 4] +
                                    k_hex[c & 0xF] + " (YAML allows printable characters only)"};
    }
    if (i > 0 && text.substr(i, 3) == "\xEF\xBB\xBF") {
      return EncodingProblem{i, "a byte-order mark (U+FEFF) after the start of the text"};
    }
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      return EncodingProblem{i, "a carriage return without a line feed (line ends are LF or CRLF)"};
    }
    const std::size_t n = sequence_length(text, i, &problem);
    if (n == 0) return EncodingProblem{i, problem};
    i += n;
  }
  return std::nullopt;
}

std::string printable_utf8(std::string_view text) {
  static constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = text[i] == '\0' ? 0 : sequence_length(text, i, nullptr);
    out.append(n == 0 ? k_replacement : text.substr(i, n));
    i += std::max<std::size_t>(n, 1);
  }
  return out;
}

void require_valid_encoding(const std::string& path, std::string_view text) {
  const std::optional<EncodingProblem> problem = find_encoding_problem(text);
  if (!problem) return;
  const LineIndex index(text);
  const LineColumn at = index.locate(problem->offset);
  throw Error(ErrorKind::syntax, "invalid-encoding",
              problem->reason + "; hush reads YAML as UTF-8 text",
              Location{path, at.line, at.column},
              caret_snippet(at.line, printable_utf8(index.line_text(at.line)), at.column, 1));
}

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  const std::string key = ascii_lower(name);
  const std::size_t threshold = std::max<std::size_t>(1, name.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    const std::size_t distance = edit_distance(key, ascii_lower(candidate));
    if (distance <= threshold) scored.emplace_back(distance, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& entry : scored) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), entry.second) == out.end()) out.push_back(entry.second);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

namespace {

// The length of the valid UTF-8 sequence at `i` (shortest form, no surrogates, at most
// U+10FFFF), or 0 when the byte there does not start one.
std::size_t utf8_sequence_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  const std::size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                             : c >= 0xE0 && c <= 0xEF ? 3
                             : c >= 0xF0 && c <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  const unsigned char second = byte(i + 1);
  if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
      (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return length;
}

// One escaper for both outputs, so a value quoted into secure memory reads exactly as json_quote.
// A byte that is not part of valid UTF-8 is written as the Latin-1 character of that value
// (\u00XX), so the output is always valid JSON.
template <class Out>
void append_quoted(Out& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const auto escape_byte = [&](unsigned char c) {
    out.append("\\u00");
    out.push_back(k_hex[(c >> 4) & 0xF]);
    out.push_back(k_hex[c & 0xF]);
  };
  out.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t length = utf8_sequence_at(text, i);
      if (length == 0) {
        escape_byte(static_cast<unsigned char>(c));
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          escape_byte(static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

void append_json_quoted(SecretBuffer& out, std::string_view text) { append_quoted(out, text); }

std::string latin1_bytes_as_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_at(text, i);
    if (length > 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i++]);
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

void wipe(std::string& text) noexcept {
  volatile char* bytes = text.data();
  for (std::size_t i = 0; i < text.size(); ++i) bytes[i] = 0;
  text.clear();
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], count_code_points(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - count_code_points(row[i]) + 2, ' ');
    }
    out += "\n";
  }
  return out;
}

}  // namespace hush
