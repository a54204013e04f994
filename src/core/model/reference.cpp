#include "core/model/reference.hpp"

#include <re2/re2.h>

#include <stdexcept>
#include <utility>

#include "core/base/names.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

// Long tokens (an unterminated "${" swallowing a 1 MB line) are abbreviated in messages; the
// problem's offset and length still cover the whole token for the caret.
constexpr std::size_t k_max_quoted_bytes = 64;

// Latin-1, not the default UTF-8: every class is ASCII, so matching bytes is exact and skips
// UTF-8 decoding of template text that may hold any bytes.
RE2::Options byte_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  return options;
}

const RE2& reference_pattern() {
  static const RE2 pattern(
      "([A-Za-z_][A-Za-z0-9_-]*):([A-Za-z0-9_./-]+)"        // SOURCE:KEY
      "|([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z0-9_-]+))?",  // NAME or NAME.field
      byte_options());
  return pattern;
}

// The pieces below only diagnose contents that reference_pattern() rejected.
const RE2& allowed_characters() {
  static const RE2 pattern("[A-Za-z0-9_.:/-]*", byte_options());
  return pattern;
}

re2::StringPiece piece(std::string_view text) { return {text.data(), text.size()}; }

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The character starting `rest` as message text, and how many bytes of `rest` it covers: a whole
// UTF-8 sequence of a printable character, "\t" for a tab, else "\xNN" for the single byte. C0
// and C1 controls, DEL and stray bytes are escaped so a template cannot put terminal escape
// sequences (or text that is not UTF-8) into a message.
std::pair<std::string, std::size_t> printable_character(std::string_view rest) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(rest[0]);
  const std::size_t size = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 1;
  const bool whole_sequence =
      size > 1 && size <= rest.size() && is_valid_utf8(rest.substr(0, size));
  const bool c1_control =
      whole_sequence && byte == 0xC2 && static_cast<unsigned char>(rest[1]) < 0xA0;
  if (byte == '\t') return {"\\t", 1};
  if ((byte >= 0x20 && byte < 0x7F) || (whole_sequence && !c1_control)) {
    return {std::string(rest.substr(0, size)), size};
  }
  return {std::string("\\x") + k_hex[byte >> 4] + k_hex[byte & 0xF], 1};
}

std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    auto [shown, size] = printable_character(text.substr(at));
    out += shown;
    at += size;
  }
  return out;
}

std::string quoted(std::string_view text) {
  if (text.size() <= k_max_quoted_bytes) return "\"" + printable(text) + "\"";
  std::size_t cut = k_max_quoted_bytes;
  while (cut > 0 && is_continuation(text[cut])) --cut;  // never split a UTF-8 sequence
  return "\"" + printable(text.substr(0, cut)) + "...\"";
}

// The character starting `rest`, quoted.
std::string quoted_character(std::string_view rest) {
  return "\"" + printable_character(rest).first + "\"";
}

std::string forms(bool angle) {
  return angle ? "write $<NAME>, $<NAME.field> or $<SOURCE:KEY>"
               : "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}";
}

// `what` is "secret name", "field", "source name" or "key"; `piece_text` failed `rule`.
std::string piece_problem(std::string_view what, std::string_view piece_text,
                          std::string_view token, std::string_view rule) {
  const std::string where = " in " + quoted(token) + ": " + std::string(rule);
  if (piece_text.empty()) return "missing " + std::string(what) + where;
  return "invalid " + std::string(what) + " " + quoted(piece_text) + where;
}

// Why `content` (between the opener and the closer of `token`) is not a reference. Once the
// source or name is valid, the key or field must be what reference_pattern() rejected.
std::string diagnose(std::string_view content, std::string_view token, bool angle) {
  if (content.empty()) return "empty reference " + quoted(token) + ": " + forms(angle);
  re2::StringPiece rest = piece(content);
  RE2::Consume(&rest, allowed_characters());
  if (!rest.empty()) {
    return "invalid reference " + quoted(token) + ": " +
           quoted_character(std::string_view(rest.data(), rest.size())) + " is not allowed; " +
           forms(angle);
  }
  const std::size_t colon = content.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view source = content.substr(0, colon);
    if (source_name_problem(source)) {
      return piece_problem("source name", source, token, "sources match [A-Za-z_][A-Za-z0-9_-]*");
    }
    return piece_problem("key", content.substr(colon + 1), token, "keys match [A-Za-z0-9_./-]+");
  }
  const std::size_t dot = content.find('.');
  const std::string_view name = content.substr(0, dot);
  if (!is_reference_name(name)) {
    return piece_problem("secret name", name, token, "names match [A-Za-z_][A-Za-z0-9_]*");
  }
  return piece_problem("field", content.substr(dot + 1), token, "fields match [A-Za-z0-9_-]+");
}

bool opens(char c, Syntax syntax) {
  return (c == '{' && syntax != Syntax::angle) || (c == '<' && syntax != Syntax::braces);
}

bool is_escape(std::string_view text, std::size_t at, Syntax syntax) {
  return at + 2 < text.size() && text[at] == '$' && text[at + 1] == '$' &&
         opens(text[at + 2], syntax);
}

// Whether a reference or an escape starts at `at`: where an unterminated token stops.
bool starts_token(std::string_view text, std::size_t at, Syntax syntax) {
  return text[at] == '$' &&
         ((at + 1 < text.size() && opens(text[at + 1], syntax)) || is_escape(text, at, syntax));
}

std::optional<Reference> to_reference(std::string_view token) {
  re2::StringPiece source, key, name, field;
  const std::string_view content = token.substr(2, token.size() - 3);
  if (!RE2::FullMatch(piece(content), reference_pattern(), &source, &key, &name, &field)) {
    return std::nullopt;
  }
  const bool qualified = !source.empty();
  return Reference{.length = token.size(),
                   .source = std::string(source.data(), source.size()),
                   .name = qualified ? std::string(key.data(), key.size())
                                     : std::string(name.data(), name.size()),
                   .field = std::string(field.data(), field.size()),
                   .angle = token[1] == '<'};
}

// Reads the token at text[at] == '$' (text[at + 1] is an enabled opener); returns where scanning
// resumes. A single loop over the token, never backtracking, keeps the scan linear.
std::size_t read_token(std::string_view text, std::size_t at, Syntax syntax, ReferenceScan& scan) {
  const char closer = text[at + 1] == '<' ? '>' : '}';
  std::size_t end = at + 2;
  while (end < text.size() && text[end] != closer && text[end] != '\n' && text[end] != '\r' &&
         !starts_token(text, end, syntax)) {
    ++end;
  }
  if (end == text.size() || text[end] != closer) {
    const std::string_view token = text.substr(at, end - at);
    scan.problems.push_back(
        {at, token.size(),
         "unterminated reference " + quoted(token) + ": missing \"" + closer + "\""});
    return end;
  }
  const std::string_view token = text.substr(at, end + 1 - at);
  if (std::optional<Reference> reference = to_reference(token)) {
    reference->offset = at;
    scan.references.push_back(std::move(*reference));
  } else {
    const std::string_view content = token.substr(2, token.size() - 3);
    scan.problems.push_back({at, token.size(), diagnose(content, token, closer == '>')});
  }
  return end + 1;
}

}  // namespace

std::string Reference::display() const {
  const std::string inner =
      source.empty() ? name + (field.empty() ? "" : "." + field) : source + ":" + name;
  return angle ? "$<" + inner + ">" : "${" + inner + "}";
}

// A hand-written loop finds the tokens and RE2 checks their contents: ending an unterminated
// token at the next opener needs lookahead, which RE2 does not have.
ReferenceScan scan_references(std::string_view text, Syntax syntax) {
  ReferenceScan scan;
  std::size_t at = text.find('$');
  while (at != std::string_view::npos && at + 1 < text.size()) {
    if (is_escape(text, at, syntax)) {
      scan.escapes.push_back(at);
      at = text.find('$', at + 2);
    } else if (opens(text[at + 1], syntax)) {
      at = text.find('$', read_token(text, at, syntax, scan));
    } else {
      at = text.find('$', at + 1);
    }
  }
  return scan;
}

SecretBuffer substitute(std::string_view text, const ReferenceScan& scan,
                        const std::function<std::string_view(const Reference&)>& value_of) {
  if (!scan.problems.empty()) {
    throw std::logic_error("substitute: the scan has problems; report them instead");
  }
  const std::vector<Reference>& references = scan.references;
  const std::vector<std::size_t>& escapes = scan.escapes;
  SecretBuffer out;
  out.reserve(text.size());
  std::size_t at = 0;
  std::size_t r = 0;
  std::size_t e = 0;
  while (r < references.size() || e < escapes.size()) {
    const bool escape =
        r == references.size() || (e < escapes.size() && escapes[e] < references[r].offset);
    const std::size_t begin = escape ? escapes[e] : references[r].offset;
    const std::size_t length = escape ? 2 : references[r].length;
    if (begin < at || begin > text.size() || length > text.size() - begin) {
      throw std::logic_error("substitute: the scan does not belong to this text");
    }
    out.append(text.substr(at, begin - at));
    out.append(escape ? std::string_view("$") : value_of(references[r]));
    at = begin + length;
    if (escape) {
      ++e;
    } else {
      ++r;
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

}  // namespace hush
