// Reference encoders for the redaction tests: how common tools write a value (percent-encoding
// with each tool's safe set, JSON escaping styles, base64 wrapped as PEM and GNU base64 do, hex),
// written independently of src/core/log so the tests do not share the code they check.
#pragma once
#include <sodium.h>

#include <cstdint>
#include <hush/secret.hpp>
#include <string>
#include <string_view>

namespace hush::test {

enum class HexCase { upper, lower };

inline std::string hex_byte(unsigned char byte, HexCase hex_case) {
  const char* digits = hex_case == HexCase::upper ? "0123456789ABCDEF" : "0123456789abcdef";
  return {digits[byte >> 4], digits[byte & 0xF]};
}

inline std::string hex(std::string_view bytes, HexCase hex_case) {
  std::string out;
  for (const char c : bytes) out += hex_byte(static_cast<unsigned char>(c), hex_case);
  return out;
}

struct UrlStyle {
  std::string_view safe;  // kept as is besides ASCII letters and digits
  HexCase hex = HexCase::upper;
  bool space_as_plus = false;  // application/x-www-form-urlencoded
};

inline std::string url_encode(std::string_view value, const UrlStyle& style) {
  std::string out;
  for (const char c : value) {
    const auto b = static_cast<unsigned char>(c);
    const bool alnum = (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
    if (alnum || (b < 0x80 && style.safe.find(c) != std::string_view::npos)) {
      out += c;
    } else if (c == ' ' && style.space_as_plus) {
      out += '+';
    } else {
      out += '%' + hex_byte(b, style.hex);
    }
  }
  return out;
}

enum class JsonEscape {
  minimal,    // only what JSON requires (UTF-8 stays raw)
  non_ascii,  // \uXXXX for every code point above 0x7F (Python's ensure_ascii)
  html_safe,  // also < > & ' as \u003c … (Go's encoding/json)
  all,        // \uXXXX for every code point
};

struct JsonStyle {
  JsonEscape escape = JsonEscape::minimal;
  HexCase hex = HexCase::lower;
  bool escape_slash = false;  // "\/" (PHP's json_encode)
  bool short_escapes = true;  // \b \f \n \r \t rather than \u0008 …
};

// The code point starting at `at` (advanced past it); a stray byte stands for itself.
inline std::uint32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  std::uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int i = 0; i < extra && at < text.size(); ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[at++]) & 0x3F);
  }
  return cp;
}

inline std::string json_unit(std::uint32_t unit, HexCase hex_case) {
  return "\\u" + hex_byte(static_cast<unsigned char>(unit >> 8), hex_case) +
         hex_byte(static_cast<unsigned char>(unit & 0xFF), hex_case);
}

inline std::string json_code_point(std::uint32_t cp, HexCase hex_case) {
  if (cp < 0x10000) return json_unit(cp, hex_case);
  cp -= 0x10000;
  return json_unit(0xD800 + (cp >> 10), hex_case) + json_unit(0xDC00 + (cp & 0x3FF), hex_case);
}

inline std::string json_short_escape(std::uint32_t cp) {
  switch (cp) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return "";
  }
}

// The inside of a JSON string literal holding `value` (UTF-8), written in `style`.
inline std::string json_escape(std::string_view value, const JsonStyle& style) {
  std::string out;
  for (std::size_t at = 0; at < value.size();) {
    const std::size_t start = at;
    const std::uint32_t cp = next_code_point(value, at);
    const bool html = cp == '<' || cp == '>' || cp == '&' || cp == '\'';
    const bool control = cp < 0x20;
    if (style.escape == JsonEscape::all || (style.escape != JsonEscape::minimal && cp >= 0x80) ||
        (style.escape == JsonEscape::html_safe && html) || (control && !style.short_escapes)) {
      out += json_code_point(cp, style.hex);
    } else if (const std::string escaped = json_short_escape(cp); !escaped.empty()) {
      out += escaped;
    } else if (control) {
      out += json_code_point(cp, style.hex);
    } else if (cp == '/' && style.escape_slash) {
      out += "\\/";
    } else {
      out.append(value.substr(start, at - start));
    }
  }
  return out;
}

inline std::string base64(std::string_view bytes, int variant) {
  ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// `text` broken into lines of `width` characters joined by `eol` (as PEM and GNU base64 write).
inline std::string wrap(std::string_view text, std::size_t width, std::string_view eol) {
  std::string out;
  for (std::size_t at = 0; at < text.size(); at += width) {
    if (at > 0) out += eol;
    out += text.substr(at, width);
  }
  return out;
}

}  // namespace hush::test
