#include "core/base/text.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <optional>
#include <string>

TEST_CASE("text: locates offsets across LF, CRLF and CR with code-point columns", "[text]") {
  const std::string text = "ab\r\ncaf\xc3\xa9 x\rz\n";
  const hush::LineIndex index(text);
  struct Case {
    std::size_t offset;
    int line;
    int column;
  };
  const Case cases[] = {{0, 1, 1}, {1, 1, 2}, {4, 2, 1}, {9, 2, 5}, {10, 2, 6}, {12, 3, 1}};
  for (const Case& c : cases) {
    CAPTURE(c.offset);
    const hush::LineColumn lc = index.locate(c.offset);
    CHECK(lc.line == c.line);
    CHECK(lc.column == c.column);
  }
  CHECK(index.line_text(2) == "caf\xc3\xa9 x");
  CHECK(index.line_text(3) == "z");
}

TEST_CASE("text: caret snippet underlines the span", "[text]") {
  CHECK(hush::caret_snippet(4, "  pw: ${X}", 7, 4) == "    4 |   pw: ${X}\n      |       ^~~~");
}

TEST_CASE("text: a long line shows a window around the caret", "[text]") {
  const std::string line = std::string(100000, 'a') + "\xc3\xa9${X}" + std::string(100000, 'b');
  const std::string snippet = hush::caret_snippet(1, line, 100002, 4);
  CHECK(snippet.size() < 400);
  const std::string first = snippet.substr(0, snippet.find('\n'));
  const std::string second = snippet.substr(snippet.find('\n') + 1);
  CHECK(first.starts_with("    1 | ...aaa"));
  CHECK(first.ends_with("bbb..."));
  // The caret sits under the `$`, counted in code points of the shown text.
  const std::size_t dollar = first.find('$');
  std::size_t points = 0;
  for (std::size_t i = 0; i < dollar; ++i) points += (first[i] & 0xC0) != 0x80 ? 1 : 0;
  CHECK(second.find('^') == points);
  CHECK(second.ends_with("^~~~"));
  CHECK(hush::caret_snippet(1, std::string(100, 'x'), 5, 1).size() < 220);  // short: whole line
}

TEST_CASE("text: validates UTF-8", "[text]") {
  CHECK(hush::is_valid_utf8("plain caf\xc3\xa9 \xf0\x9f\x94\x91"));
  CHECK_FALSE(hush::is_valid_utf8("\xc3"));
  CHECK_FALSE(hush::is_valid_utf8("\xff"));
  CHECK_FALSE(hush::is_valid_utf8("\xc0\xaf"));      // overlong
  CHECK_FALSE(hush::is_valid_utf8("\xed\xa0\x80"));  // surrogate
  CHECK(hush::count_code_points("caf\xc3\xa9") == 4);
}

TEST_CASE("text: finds the first encoding problem with its offset and reason", "[text]") {
  using namespace std::string_literals;
  struct Case {
    std::string text;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"ab\n\xc0\xaf", 3, "invalid UTF-8: overlong encoding of U+002F"},
      {"\xc1\xbf", 0, "invalid UTF-8: overlong encoding of U+007F"},
      {"x\xe0\x80\xaf", 1, "invalid UTF-8: overlong encoding of U+002F"},
      {"\xe0\x9f\xbf", 0, "invalid UTF-8: overlong encoding of U+07FF"},
      {"\xf0\x8f\xbf\xbf", 0, "invalid UTF-8: overlong encoding of U+FFFF"},
      {"a\xed\xa0\x80", 1, "invalid UTF-8: UTF-16 surrogate U+D800 encoded as UTF-8"},
      {"\xed\xbf\xbf", 0, "invalid UTF-8: UTF-16 surrogate U+DFFF encoded as UTF-8"},
      {"\xf4\x90\x80\x80", 0, "invalid UTF-8: U+110000 is above U+10FFFF"},
      {"\xf7\xbf\xbf\xbf", 0, "invalid UTF-8: U+1FFFFF is above U+10FFFF"},
      {"caf\xc3", 3, "invalid UTF-8: truncated 2-byte sequence"},
      {"\xe2\x82", 0, "invalid UTF-8: truncated 3-byte sequence"},
      {"\xe2\x82x", 0, "invalid UTF-8: truncated 3-byte sequence"},
      {"\xf0\x9f\x98 ", 0, "invalid UTF-8: truncated 4-byte sequence"},
      {"ok\x80", 2, "invalid UTF-8: continuation byte 0x80 without a lead byte"},
      {"\xf8\x88\x80\x80\x80", 0, "invalid UTF-8: byte 0xF8 never occurs in UTF-8"},
      {"a\xff", 1, "invalid UTF-8: byte 0xFF never occurs in UTF-8"},
      {"key: a\0b"s, 6, "NUL byte"},
      {"\xff\xfe"
       "a\0"s,
       0, "the text starts with a UTF-16 (little-endian) byte-order mark"},
      {"\xfe\xff\0a"s, 0, "the text starts with a UTF-16 (big-endian) byte-order mark"},
      {"\xff\xfe\0\0a\0\0\0"s, 0, "the text starts with a UTF-32 (little-endian) byte-order mark"},
      {"\0\0\xfe\xff\0\0\0a"s, 0, "the text starts with a UTF-32 (big-endian) byte-order mark"},
      {"a: 1\n\xff\xfe", 5, "invalid UTF-8: byte 0xFF never occurs in UTF-8"},  // a mark only leads
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::optional<hush::EncodingProblem> problem = hush::find_encoding_problem(c.text);
    REQUIRE(problem);
    CHECK(problem->offset == c.offset);
    CHECK(problem->reason == c.reason);
    if (c.text[c.offset] != '\0') CHECK_FALSE(hush::is_valid_utf8(c.text));
  }
  for (const char* clean :
       {"", "plain: text\n",
        "\xef\xbb\xbf"
        "bom: utf-8\n",
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf \xed\x9f\xbf"}) {
    CAPTURE(clean);
    CHECK_FALSE(hush::find_encoding_problem(clean));
  }
}

TEST_CASE("text: an encoding error is located in code points with a printable snippet", "[text]") {
  const std::string text = "a: 1\nb: caf\xc3\xa9 \xff tail\x80\n";
  try {
    hush::require_valid_encoding("c.yaml", text);
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::syntax);
    CHECK(std::string(e.what()) ==
          "c.yaml:2:9: error: invalid UTF-8: byte 0xFF never occurs in UTF-8; hush reads YAML as "
          "UTF-8 text [invalid-encoding]");
    CHECK(e.detail() == "    2 | b: caf\xc3\xa9 \xef\xbf\xbd tail\xef\xbf\xbd\n      |         ^");
  }
  CHECK_NOTHROW(hush::require_valid_encoding("c.yaml",
                                             "\xef\xbb\xbf"
                                             "a: caf\xc3\xa9\n"));
  CHECK(hush::printable_utf8(std::string("a\0b\xc3", 4)) ==
        "a\xef\xbf\xbd"
        "b\xef\xbf\xbd");
}

TEST_CASE("text: suggests close names", "[text]") {
  CHECK(hush::edit_distance("kitten", "sitting") == 3);
  const std::vector<std::string> names = {"DB_PASSWORD", "API_KEY", "DB_USER"};
  CHECK(hush::closest_names("DB_PASWORD", names) == std::vector<std::string>{"DB_PASSWORD"});
  CHECK(hush::closest_names("ZZZ", names).empty());
  CHECK(hush::join({"a", "b"}, ", ") == "a, b");
}

TEST_CASE("text: JSON string quoting", "[text]") {
  CHECK(hush::json_quote("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
  CHECK(hush::json_quote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
}

TEST_CASE("text: JSON quoting into secure memory matches json_quote", "[text]") {
  const char* const cases[] = {"", "plain", "a\"b\\c\nd\x01\r\t", "caf\xC3\xA9"};
  for (const char* text : cases) {
    CAPTURE(text);
    hush::SecretBuffer out("x=");
    hush::append_json_quoted(out, text);
    CHECK(out.reveal() == "x=" + hush::json_quote(text));
  }
}

TEST_CASE("text: JSON quoting always yields valid JSON", "[text]") {
  CHECK(hush::json_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(hush::json_quote("a\x85"
                         "b") == "\"a\\u0085b\"");  // a lone byte: its Latin-1 character
  CHECK(hush::json_quote("\xed\xa0\x80") == "\"\\u00ed\\u00a0\\u0080\"");  // a surrogate
  CHECK(hush::json_quote("\xc0\xaf") == "\"\\u00c0\\u00af\"");             // overlong
  CHECK(hush::json_quote("\x7f\x01") == "\"\\u007f\\u0001\"");
  CHECK(hush::latin1_bytes_as_utf8("a\x85\xc3\xa9") == "a\xc2\x85\xc3\xa9");
}

TEST_CASE("text: tables pad each column to its widest cell, by code points", "[text]") {
  CHECK(hush::format_table({}).empty());
  CHECK(hush::format_table({{"KEY", "TYPE"}, {"café", "x"}, {"A", ""}}) ==
        "KEY   TYPE\n"
        "café  x\n"
        "A     \n");
  CHECK(hush::format_table({{"a", "b", "c"}, {"long", "b"}}) == "a     b  c\nlong  b\n");
}
