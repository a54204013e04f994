#include <hush/reference.hpp>

#include <re2/re2.h>
#include <stdexcept>

namespace hush {
namespace {

const RE2& name_pattern() {
  static const RE2 pattern("[A-Za-z_][A-Za-z0-9_]*");
  return pattern;
}

const RE2& field_pattern() {
  static const RE2 pattern("[A-Za-z0-9_-]+");
  return pattern;
}

const RE2& source_pattern() {
  static const RE2 pattern("[A-Za-z_][A-Za-z0-9_-]*");
  return pattern;
}

const RE2& key_pattern() {
  static const RE2 pattern("[A-Za-z0-9_./-]+");
  return pattern;
}

bool full_match(std::string_view text, const RE2& pattern) {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

bool opens(char c, Syntax syntax) {
  return (c == '{' && syntax != Syntax::angle) || (c == '<' && syntax != Syntax::braces);
}

std::string quoted(std::string_view token) { return "\"" + std::string(token) + "\""; }

// Validates the inside of a complete token; fills `ref` or returns the problem's message.
std::optional<std::string> parse_content(std::string_view content, std::string_view token,
                                         Reference& ref) {
  if (content.empty()) return "empty reference " + quoted(token);
  const std::size_t colon = content.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view source = content.substr(0, colon);
    const std::string_view key = content.substr(colon + 1);
    if (!full_match(source, source_pattern())) {
      return "invalid source name " + quoted(source) + " in " + quoted(token) +
             ": sources match [A-Za-z_][A-Za-z0-9_-]*";
    }
    if (!full_match(key, key_pattern())) {
      return "invalid key " + quoted(key) + " in " + quoted(token) +
             ": keys match [A-Za-z0-9_./-]+";
    }
    ref.source = source;
    ref.name = key;
    return std::nullopt;
  }
  const std::size_t dot = content.find('.');
  const std::string_view name = content.substr(0, dot);
  if (!full_match(name, name_pattern())) {
    return "invalid secret name " + quoted(name) + " in " + quoted(token) +
           ": names match [A-Za-z_][A-Za-z0-9_]* (write ${NAME}, ${NAME.field} or ${SOURCE:KEY})";
  }
  if (dot != std::string_view::npos) {
    const std::string_view field = content.substr(dot + 1);
    if (!full_match(field, field_pattern())) {
      return "invalid field " + quoted(field) + " in " + quoted(token) +
             ": fields match [A-Za-z0-9_-]+";
    }
    ref.field = field;
  }
  ref.name = name;
  return std::nullopt;
}

// Reads the token starting at text[at] == '$' (text[at+1] is the opener); returns where scanning
// resumes.
std::size_t read_token(std::string_view text, std::size_t at, ReferenceScan& scan) {
  const char closer = text[at + 1] == '{' ? '}' : '>';
  std::size_t end = at + 2;
  while (end < text.size() && text[end] != closer && text[end] != '\n' && text[end] != '\r') {
    ++end;
  }
  if (end >= text.size() || text[end] != closer) {
    const std::string_view token = text.substr(at, end - at);
    scan.problems.push_back({at, end - at,
                             "unterminated reference " + quoted(token) + ": missing \"" +
                                 std::string(1, closer) + "\""});
    return end;
  }
  const std::string_view token = text.substr(at, end + 1 - at);
  Reference ref;
  ref.offset = at;
  ref.length = token.size();
  ref.angle = closer == '>';
  if (std::optional<std::string> problem = parse_content(token.substr(2, token.size() - 3),
                                                         token, ref)) {
    scan.problems.push_back({at, token.size(), std::move(*problem)});
  } else {
    scan.references.push_back(std::move(ref));
  }
  return end + 1;
}

}  // namespace

std::string Reference::display() const {
  const std::string inner = source.empty() ? name + (field.empty() ? "" : "." + field)
                                           : source + ":" + name;
  return angle ? "$<" + inner + ">" : "${" + inner + "}";
}

ReferenceScan scan_references(std::string_view text, Syntax syntax) {
  ReferenceScan scan;
  std::size_t i = text.find('$');
  while (i != std::string_view::npos && i + 1 < text.size()) {
    const char next = text[i + 1];
    if (next == '$' && i + 2 < text.size() && opens(text[i + 2], syntax)) {
      scan.escapes.push_back(i);
      i = text.find('$', i + 2);
    } else if (opens(next, syntax)) {
      i = text.find('$', read_token(text, i, scan));
    } else {
      i = text.find('$', i + 1);
    }
  }
  return scan;
}

std::string substitute(std::string_view text, const ReferenceScan& scan,
                       const std::function<std::string_view(const Reference&)>& value_of) {
  if (!scan.problems.empty()) {
    throw std::logic_error("substitute() called on a scan with problems");
  }
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  std::size_t r = 0;
  std::size_t e = 0;
  while (r < scan.references.size() || e < scan.escapes.size()) {
    const bool take_escape = r == scan.references.size() ||
                             (e < scan.escapes.size() && scan.escapes[e] < scan.references[r].offset);
    if (take_escape) {
      out.append(text.substr(at, scan.escapes[e] - at + 1));  // keeps one '$'
      at = scan.escapes[e++] + 2;
    } else {
      const Reference& ref = scan.references[r++];
      out.append(text.substr(at, ref.offset - at));
      out.append(value_of(ref));
      at = ref.offset + ref.length;
    }
  }
  out.append(text.substr(at));
  return out;
}

std::optional<Syntax> parse_syntax(std::string_view word) {
  if (word == "braces") return Syntax::braces;
  if (word == "angle") return Syntax::angle;
  if (word == "both") return Syntax::both;
  return std::nullopt;
}

bool is_valid_secret_name(std::string_view name) { return full_match(name, name_pattern()); }

}  // namespace hush
