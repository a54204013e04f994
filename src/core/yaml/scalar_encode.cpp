#include "core/yaml/scalar_encode.hpp"

#include <array>

#include "core/base/text.hpp"
#include "core/yaml/core_schema.hpp"

namespace hush::detail {
namespace {

// Decodes one code point of valid UTF-8 at `i`, advancing `i`.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t point = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) point = (point << 6) | (text[i + k] & 0x3F);
  i += static_cast<std::size_t>(extra) + 1;
  return point;
}

bool needs_escape(char32_t c, bool allow_tab) {
  if (c == '\t') return !allow_tab;
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF || c == 0x2028 ||
         c == 0x2029 || c == 0xFFFE || c == 0xFFFF;
}

// Plain words a YAML 1.2 reader types as null, or a YAML 1.1 reader as a boolean, merge key or
// value key: written plain they would not read back as the string.
bool is_yaml11_special(std::string_view value) {
  static constexpr std::array<std::string_view, 18> k_words = {
      "y",  "Y",  "yes", "Yes", "YES", "n",   "N",   "no", "No",
      "NO", "on", "On",  "ON",  "off", "Off", "OFF", "=",  "<<"};
  for (std::string_view word : k_words) {
    if (value == word) return true;
  }
  return core_type(value) == CoreType::null;
}

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

bool starts_safely(std::string_view value, bool in_flow) {
  static constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (k_indicators.find(value[0]) == std::string_view::npos) return true;
  // "-5", "-x", "?x", ":x" are plain in YAML; a lone indicator or one before a space is not.
  if (value[0] != '-' && value[0] != '?' && value[0] != ':') return false;
  if (value.size() < 2 || value[1] == ' ' || value[1] == '\t') return false;
  return !(in_flow && is_flow_indicator(value[1]));
}

// Appends \xXX or \uXXXX for `c` digit by digit (snprintf would format it in an unwiped stack
// buffer). Every code point that needs an escape is at most U+FFFF.
void append_escape(SecretBuffer& out, char32_t c) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  const int digits = c <= 0xFF ? 2 : 4;
  out.append(c <= 0xFF ? "\\x" : "\\u");
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out.push_back(k_hex[(c >> shift) & 0xF]);
  }
}

}  // namespace

bool is_printable(std::string_view value, bool allow_tab) {
  if (!is_valid_utf8(value)) return false;
  for (std::size_t i = 0; i < value.size();) {
    if (needs_escape(next_code_point(value, i), allow_tab)) return false;
  }
  return true;
}

bool is_safe_plain(std::string_view value, bool in_flow) {
  if (value.empty() || is_yaml11_special(value) || !is_printable(value, false)) return false;
  if (value.front() == ' ' || value.back() == ' ' || value.back() == ':') return false;
  if (!starts_safely(value, in_flow)) return false;
  if (value.starts_with("---") || value.starts_with("...")) return false;
  if (value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos) {
    return false;
  }
  if (in_flow) {
    for (char c : value) {
      if (is_flow_indicator(c) || c == ':') return false;
    }
  }
  return true;
}

std::optional<SecretBuffer> escape_double_quoted(std::string_view value) {
  if (!is_valid_utf8(value)) return std::nullopt;
  SecretBuffer out;
  out.reserve(value.size() + 8);
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(value, i);
    switch (c) {
      case '"':
        out.append("\\\"");
        continue;
      case '\\':
        out.append("\\\\");
        continue;
      case '\n':
        out.append("\\n");
        continue;
      case '\t':
        out.append("\\t");
        continue;
      case '\r':
        out.append("\\r");
        continue;
      case 0:
        out.append("\\0");
        continue;
      default:
        break;
    }
    if (needs_escape(c, true)) {
      append_escape(out, c);
    } else {
      out.append(value.substr(start, i - start));
    }
  }
  return out;
}

std::optional<SecretBuffer> escape_single_quoted(std::string_view value) {
  if (!is_printable(value, true)) return std::nullopt;
  SecretBuffer out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out;
}

}  // namespace hush::detail
