#include "core/sidecar/dotenv.hpp"

#include <re2/re2.h>

#include "core/base/text.hpp"

namespace hush {
namespace {

const RE2& dotenv_name_pattern() {
  static const RE2 pattern("[A-Za-z_][A-Za-z0-9_.-]*");
  return pattern;
}

class DotenvParser {
 public:
  DotenvParser(std::string_view text, const std::string& path)
      : m_text(text), m_path(path), m_index(text) {}

  std::vector<DotenvEntry> parse();

 private:
  DotenvEntry read_entry();
  std::string read_name(std::size_t& name_start);
  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    const LineColumn at = m_index.locate(offset);
    throw Error(ErrorKind::invalid_input, "dotenv-invalid", message,
                Location{m_path, at.line, at.column});
  }
  void skip_blanks() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) ++m_pos;
  }
  void skip_line() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
    if (m_pos < m_text.size()) ++m_pos;
  }
  SecretValue read_double_quoted(std::size_t open);
  SecretValue read_single_quoted(std::size_t open);
  SecretValue read_unquoted();
  void expect_line_end(const std::string& name);

  std::string_view m_text;
  const std::string& m_path;
  LineIndex m_index;
  std::size_t m_pos = 0;
};

// Unescaping builds the value in a SecretBuffer: an error on the way releases (and wipes) it.
SecretValue DotenvParser::read_double_quoted(std::size_t open) {
  SecretBuffer value;
  for (++m_pos; m_pos < m_text.size(); ++m_pos) {
    const char c = m_text[m_pos];
    if (c == '"') {
      ++m_pos;
      return value.to_value();
    }
    if (c != '\\' || m_pos + 1 >= m_text.size()) {
      value.push_back(c);
      continue;
    }
    const char next = m_text[++m_pos];
    switch (next) {
      case 'n':
        value.push_back('\n');
        break;
      case 'r':
        value.push_back('\r');
        break;
      case 't':
        value.push_back('\t');
        break;
      case '"':
      case '\\':
      case '$':
      case '`':
        value.push_back(next);
        break;
      default:
        value.push_back('\\');
        value.push_back(next);
    }
  }
  fail(open, "unterminated double-quoted value");
}

SecretValue DotenvParser::read_single_quoted(std::size_t open) {
  const std::size_t close = m_text.find('\'', m_pos + 1);
  if (close == std::string_view::npos) fail(open, "unterminated single-quoted value");
  SecretValue value(m_text.substr(m_pos + 1, close - m_pos - 1));
  m_pos = close + 1;
  return value;
}

SecretValue DotenvParser::read_unquoted() {
  const std::size_t start = m_pos;
  while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
    if (m_text[m_pos] == '#' && m_pos > start &&
        (m_text[m_pos - 1] == ' ' || m_text[m_pos - 1] == '\t')) {
      break;
    }
    ++m_pos;
  }
  std::size_t end = m_pos;
  while (end > start &&
         (m_text[end - 1] == ' ' || m_text[end - 1] == '\t' || m_text[end - 1] == '\r')) {
    --end;
  }
  SecretValue value(m_text.substr(start, end - start));
  skip_line();
  return value;
}

void DotenvParser::expect_line_end(const std::string& name) {
  skip_blanks();
  if (m_pos < m_text.size() && m_text[m_pos] == '\r') ++m_pos;
  if (m_pos < m_text.size() && m_text[m_pos] == '#') {
    skip_line();
    return;
  }
  if (m_pos < m_text.size() && m_text[m_pos] != '\n') {
    fail(m_pos, "unexpected text after the quoted value of " + name);
  }
  skip_line();
}

// The name before '=' (an optional `export ` prefix skipped), validated; `name_start` is where it
// begins and m_pos ends after the '='.
std::string DotenvParser::read_name(std::size_t& name_start) {
  if (m_text.substr(m_pos).starts_with("export ")) m_pos += 7, skip_blanks();
  name_start = m_pos;
  while (m_pos < m_text.size() && m_text[m_pos] != '=' && m_text[m_pos] != '\n') ++m_pos;
  std::string_view raw_name = m_text.substr(name_start, m_pos - name_start);
  while (!raw_name.empty() && (raw_name.back() == ' ' || raw_name.back() == '\t')) {
    raw_name.remove_suffix(1);
  }
  if (m_pos >= m_text.size() || m_text[m_pos] != '=') fail(name_start, "expected NAME=value");
  if (raw_name.empty()) fail(name_start, "missing variable name before '='");
  re2::StringPiece rest(raw_name.data(), raw_name.size());
  if (!RE2::Consume(&rest, dotenv_name_pattern()) || !rest.empty()) {
    // Located at the first bad byte, never quoted: text before '=' on a malformed line may be a
    // value ("PASSWORD: s3cret=="), and nothing has announced it to the redactor yet.
    const auto consumed = static_cast<std::size_t>(rest.data() - raw_name.data());
    fail(name_start + consumed,
         "invalid character in variable name (names match [A-Za-z_][A-Za-z0-9_.-]*)");
  }
  ++m_pos;
  return std::string(raw_name);
}

DotenvEntry DotenvParser::read_entry() {
  std::size_t name_start = 0;
  std::string name = read_name(name_start);
  const LineColumn at = m_index.locate(name_start);
  skip_blanks();
  const std::size_t open = m_pos;
  if (m_pos < m_text.size() && (m_text[m_pos] == '"' || m_text[m_pos] == '\'')) {
    SecretValue value = m_text[m_pos] == '"' ? read_double_quoted(open) : read_single_quoted(open);
    expect_line_end(name);
    return {std::move(name), std::move(value), Location{m_path, at.line, at.column}};
  }
  SecretValue value = read_unquoted();
  return {std::move(name), std::move(value), Location{m_path, at.line, at.column}};
}

std::vector<DotenvEntry> DotenvParser::parse() {
  std::vector<DotenvEntry> out;
  while (m_pos < m_text.size()) {
    skip_blanks();
    if (m_pos >= m_text.size() || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' ||
        m_text[m_pos] == '#') {
      skip_line();
      continue;
    }
    out.push_back(read_entry());
  }
  return out;
}

}  // namespace

std::vector<DotenvEntry> parse_dotenv(std::string_view text, const std::string& path) {
  return DotenvParser(text, path).parse();
}

}  // namespace hush
