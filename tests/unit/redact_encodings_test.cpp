// The encodings the redactor masks, one table per family: each form as a tool writes it, inside a
// larger text. Reference encoders live in tests/support/text_encodings.hpp.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <hush/redact.hpp>

#include "support/text_encodings.hpp"

namespace {

using hush::test::HexCase;
using hush::test::JsonEscape;

hush::Redactor redactor_for(const std::string& value) {
  std::vector<hush::NamedSecret> secrets;
  secrets.push_back({"TOKEN", hush::SecretValue(value)});
  return hush::Redactor(secrets);
}

std::string without_line_breaks(std::string text) {
  std::erase_if(text, [](char c) { return c == '\n' || c == '\r'; });
  return text;
}

// The base64 characters of `encoded` that depend only on the `length` bytes at `offset`.
std::string stable_core(const std::string& encoded, std::size_t offset, std::size_t length) {
  const std::size_t first = (offset * 8 + 5) / 6;
  const std::size_t last = (offset + length) * 8 / 6;
  return encoded.substr(first, last - first);
}

// No four consecutive characters of `core` survive in `out`.
void check_no_fragment(const std::string& out, const std::string& core) {
  for (std::size_t at = 0; at + 4 <= core.size(); ++at) {
    CAPTURE(at);
    CHECK(out.find(core.substr(at, 4)) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("redact: masks a value percent-encoded with each common safe set", "[redact]") {
  const std::string value = "p@ss w/rd!'()*;,?:&=+$#~<\xC3\xA4>";  // ends in "<ä>"
  const hush::Redactor r = redactor_for(value);
  struct Case {
    const char* style;
    hush::test::UrlStyle url;
  };
  const Case cases[] = {
      {"RFC 3986 (rawurlencode)", {.safe = "-._~"}},
      {"RFC 3986, lower-case hex", {.safe = "-._~", .hex = HexCase::lower}},
      {"Python quote (keeps /)", {.safe = "-._~/"}},
      {"encodeURIComponent", {.safe = "-_.!~*'()"}},
      {"encodeURIComponent, lower-case hex", {.safe = "-_.!~*'()", .hex = HexCase::lower}},
      {"encodeURI", {.safe = "-_.!~*'();,/?:@&=+$#"}},
      {"form (+ for space)", {.safe = "*-._", .space_as_plus = true}},
      {"form, lower-case hex", {.safe = "*-._", .hex = HexCase::lower, .space_as_plus = true}},
      {"Python quote_plus", {.safe = "-._~", .space_as_plus = true}},
  };
  for (const Case& c : cases) {
    const std::string form = hush::test::url_encode(value, c.url);
    CAPTURE(c.style, form);
    CHECK(r.redact("GET /cb?token=" + form + " HTTP/1.1") == "GET /cb?token=*** HTTP/1.1");
  }
}

TEST_CASE("redact: masks a value JSON-escaped in each common style", "[redact]") {
  // Quote, backslash, slash, HTML characters, control characters with short escapes, and code
  // points of two, three and four UTF-8 bytes (ä, €, and the astral U+1F511).
  const std::string value =
      "p\"w\\d/<a&b>'\t\b\f\r-\xC3\xA4-\xE2\x82\xAC-\xF0\x9F\x94\x91-end\nline-two";
  const hush::Redactor r = redactor_for(value);
  struct Case {
    const char* style;
    hush::test::JsonStyle json;
  };
  const Case cases[] = {
      {"minimal, UTF-8 raw", {}},
      {"ensure_ascii (\\u00e4, surrogate pair)", {.escape = JsonEscape::non_ascii}},
      {"ensure_ascii, upper-case hex", {.escape = JsonEscape::non_ascii, .hex = HexCase::upper}},
      {"HTML-safe (\\u003c)", {.escape = JsonEscape::html_safe}},
      {"HTML-safe, upper-case hex", {.escape = JsonEscape::html_safe, .hex = HexCase::upper}},
      {"escaped slash (\\/)", {.escape_slash = true}},
      {"control characters as \\u00XX", {.short_escapes = false}},
      {"every code point as \\uXXXX", {.escape = JsonEscape::all}},
      {"every code point, upper-case hex", {.escape = JsonEscape::all, .hex = HexCase::upper}},
  };
  for (const Case& c : cases) {
    const std::string form = hush::test::json_escape(value, c.json);
    CAPTURE(c.style, form);
    CHECK(r.redact("{\"token\": \"" + form + "\", \"n\": 1}") == "{\"token\": \"***\", \"n\": 1}");
  }
}

TEST_CASE("redact: masks a value hex-encoded in either case", "[redact]") {
  const std::string value = "hex-me \xC3\xA4 please";
  const hush::Redactor r = redactor_for(value);
  for (const HexCase hex_case : {HexCase::lower, HexCase::upper}) {
    const std::string form = hush::test::hex(value, hex_case);
    CAPTURE(form);
    CHECK(r.redact("digest=" + form + "\n") == "digest=***\n");
  }
}

TEST_CASE("redact: masks base64 inside a blob wrapped at 64 and 76 columns", "[redact]") {
  const std::string value = "correct horse battery staple!";
  const hush::Redactor r = redactor_for(value);
  struct Case {
    const char* tool;
    std::size_t width;
    const char* eol;
    int variant;
  };
  const Case cases[] = {
      {"PEM", 64, "\n", sodium_base64_VARIANT_ORIGINAL},
      {"PEM, CRLF", 64, "\r\n", sodium_base64_VARIANT_ORIGINAL},
      {"GNU base64", 76, "\n", sodium_base64_VARIANT_ORIGINAL},
      {"GNU base64, CRLF", 76, "\r\n", sodium_base64_VARIANT_ORIGINAL},
      {"URL-safe at 64", 64, "\n", sodium_base64_VARIANT_URLSAFE},
      {"URL-safe unpadded at 76, CRLF", 76, "\r\n", sodium_base64_VARIANT_URLSAFE_NO_PADDING},
  };
  for (const Case& c : cases) {
    // The value starts at every offset of an encoded block, before, across and after the first
    // line break of either width.
    for (std::size_t lead = 36; lead < 62; ++lead) {
      const std::string encoded =
          hush::test::base64(std::string(lead, '-') + value + std::string(40, '.'), c.variant);
      const std::string blob = hush::test::wrap(encoded, c.width, c.eol) + c.eol;
      const std::string out = r.redact(blob);
      CAPTURE(c.tool, lead, blob, out);
      CHECK(out.find("***") != std::string::npos);
      CHECK(out.substr(0, 40) == blob.substr(0, 40));  // the text before the value stays
      check_no_fragment(without_line_breaks(out), stable_core(encoded, lead, value.size()));
    }
  }
}

TEST_CASE("redact: masks a wrapped base64 value whole, line breaks inside included", "[redact]") {
  std::string value;
  for (int i = 0; i < 10; ++i) value += "key-material-" + std::to_string(i) + ";";
  const hush::Redactor r = redactor_for(value);
  for (const char* eol : {"\n", "\r\n"}) {
    for (const std::size_t width : {64, 76}) {
      const std::string body =
          hush::test::wrap(hush::test::base64(value, sodium_base64_VARIANT_ORIGINAL), width, eol);
      const std::string pem =
          std::string("-----BEGIN KEY-----") + eol + body + eol + "-----END KEY-----" + eol;
      CAPTURE(width, pem);
      CHECK(r.redact(pem) ==
            std::string("-----BEGIN KEY-----") + eol + "***" + eol + "-----END KEY-----" + eol);
    }
  }
  // xxd -p writes hex in lines of 60 characters.
  const std::string dump = hush::test::wrap(hush::test::hex(value, HexCase::lower), 60, "\n");
  CHECK(r.redact(dump + "\n") == "***\n");
}
