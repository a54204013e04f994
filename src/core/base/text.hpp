// hush/text.hpp — text positions and small string algorithms shared by every module: byte offset
// to 1-based line:column (columns in Unicode code points), source-line snippets with a caret,
// UTF-8 validation, name suggestions and JSON string quoting (also into secure memory). No YAML.
#pragma once
#include <cstddef>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

struct LineColumn {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
};

// Maps byte offsets of one text to lines and columns. Recognises LF, CRLF and lone CR line ends.
// Keeps a view of `text`: the text must outlive the index. Building is O(n); lookups O(log n).
// `first_line` numbers the text's first line, for a window of a larger file (`hush check` streams
// large files); lines are numbered from it in every call.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text, int first_line = 1);
  [[nodiscard]] LineColumn locate(std::size_t offset) const;
  // The line (1-based) without its line end.
  [[nodiscard]] std::string_view line_text(int line) const;
  [[nodiscard]] std::size_t line_start(int line) const;
  [[nodiscard]] int line_count() const { return static_cast<int>(m_starts.size()); }
  [[nodiscard]] int first_line() const { return m_first; }

 private:
  std::string_view m_text;
  int m_first = 1;
  std::vector<std::size_t> m_starts;
};

// A ninja-style two-line excerpt: "    4 | <line>" and "      |   ^~~~" under `column` for
// `width` code points (at least one caret). `line_text` must already be masked by the caller.
[[nodiscard]] std::string caret_snippet(int line, std::string_view line_text, int column,
                                        int width);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

// The first reason `text` is not text hush reads: a UTF-16 or UTF-32 byte-order mark at the start
// (a UTF-8 one is fine), a NUL byte, or invalid UTF-8 (a stray continuation byte, a byte that
// never occurs in UTF-8, a truncated sequence, an overlong encoding, a UTF-16 surrogate, a code
// point above U+10FFFF), a C0 control character other than tab and line ends, DEL, or a carriage
// return without a line feed (YAML and yaml-cpp disagree on where such a line ends).
struct EncodingProblem {
  std::size_t offset = 0;  // of the first byte of the offending sequence (0 for a mark)
  std::string reason;      // e.g. "invalid UTF-8: truncated 3-byte sequence"
};
// nullopt when `text` is clean. O(n), no allocation unless a problem is found.
[[nodiscard]] std::optional<EncodingProblem> find_encoding_problem(std::string_view text);
// `text` with each NUL byte and each byte that is not part of valid UTF-8 replaced by U+FFFD, so
// a line of a badly encoded file can be echoed under an error.
[[nodiscard]] std::string printable_utf8(std::string_view text);
// Throws Error(syntax, "invalid-encoding") at the first encoding problem of `text`, located in
// `path` at line:column as LineIndex counts them, with a caret snippet of that line (made
// printable); returns when there is none.
void require_valid_encoding(const std::string& path, std::string_view text);
// Number of code points in valid UTF-8 `text` (continuation bytes are not counted).
[[nodiscard]] std::size_t count_code_points(std::string_view text);

// `text` with A-Z as a-z (no locale).
[[nodiscard]] std::string ascii_lower(std::string_view text);
// Levenshtein distance, O(a*b).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);
// Up to `limit` of `candidates` closest to `name` (case-insensitive distance at most a third of
// the name's length, at least 1), best first, ties in input order.
[[nodiscard]] std::vector<std::string> closest_names(std::string_view name,
                                                     const std::vector<std::string>& candidates,
                                                     std::size_t limit = 3);
// "a, b or c" style list for messages.
[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator);
// A table: rows of cells, each column padded (by code points) to its widest cell plus two
// spaces; the last cell of a row is not padded. One line per row.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows);

// `text` as a JSON string literal with quotes ("\"", "\\", control characters as \uXXXX).
[[nodiscard]] std::string json_quote(std::string_view text);
// Appends json_quote(`text`) to `out` without an ordinary-heap copy (for secret values).
void append_json_quoted(SecretBuffer& out, std::string_view text);
// `text` with every byte that is not part of valid UTF-8 replaced by the UTF-8 form of the
// Latin-1 character of that value (yaml-cpp 0.7 decodes the escapes \N, \_ and \x80-\xFF of a
// double-quoted scalar to such single bytes).
[[nodiscard]] std::string latin1_bytes_as_utf8(std::string_view text);

// Overwrites the string's bytes before it is released (for transient copies of secrets).
void wipe(std::string& text) noexcept;

}  // namespace hush
