#include "core/yaml/yaml_source.hpp"

#include <hush/error.hpp>

#include <catch2/catch.hpp>

namespace {

const hush::ScalarSite& site_with_value(const hush::YamlSource& source, std::string_view value) {
  for (const hush::YamlDocument& document : source.documents) {
    for (const hush::ScalarSite& site : document.scalars) {
      if (site.value == value) return site;
    }
  }
  FAIL("no scalar with value " << value);
  throw std::logic_error("unreachable");
}

std::string span_text(const hush::YamlSource& source, const hush::ScalarSite& site) {
  return source.text.substr(site.begin, site.end - site.begin);
}

}  // namespace

TEST_CASE("yaml_source: spans and styles of every scalar style", "[yaml_source]") {
  const std::string text =
      "plain: just text  # comment\n"
      "single: 'it''s ${A}'\n"
      "double: \"a \\\"q\\\" ${B}\" # trailing\n"
      "literal: |\n"
      "  line one\n"
      "  line two\n"
      "\n"
      "folded: >-\n"
      "  folded\n"
      "  text\n"
      "multi: first\n"
      "  second\n"
      "\n"
      "  third\n"
      "tagged: &anchor !!str tagged value\n";
  const hush::YamlSource source = hush::parse_yaml_source("t.yaml", text);
  struct Case { const char* value; hush::ScalarStyle style; const char* span; int line; int col; };
  const Case cases[] = {
      {"just text", hush::ScalarStyle::plain, "just text", 1, 8},
      {"it's ${A}", hush::ScalarStyle::single_quoted, "'it''s ${A}'", 2, 9},
      {"a \"q\" ${B}", hush::ScalarStyle::double_quoted, "\"a \\\"q\\\" ${B}\"", 3, 9},
      {"line one\nline two\n", hush::ScalarStyle::literal, "|\n  line one\n  line two", 4, 10},
      {"folded text", hush::ScalarStyle::folded, ">-\n  folded\n  text", 8, 9},
      {"first second\nthird", hush::ScalarStyle::plain, "first\n  second\n\n  third", 11, 8},
      {"tagged value", hush::ScalarStyle::plain, "tagged value", 15, 23},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    const hush::ScalarSite& site = site_with_value(source, c.value);
    CHECK(site.style == c.style);
    CHECK(span_text(source, site) == c.span);
    CHECK(site.start.line == c.line);
    CHECK(site.start.column == c.col);
    CHECK_FALSE(site.is_key);
  }
}

TEST_CASE("yaml_source: paths, keys and flow context", "[yaml_source]") {
  const std::string text =
      "services:\n"
      "  - name: database\n"
      "    env: {DB: $<X>, list: [a, 'b']}\n"
      "  - - nested\n";
  const hush::YamlSource source = hush::parse_yaml_source("t.yaml", text);
  REQUIRE(source.documents.size() == 1);
  const hush::ScalarSite& x = site_with_value(source, "$<X>");
  CHECK(hush::to_string(x.path) == "services[0].env.DB");
  CHECK(x.in_flow);
  CHECK(span_text(source, x) == "$<X>");
  CHECK(hush::to_string(site_with_value(source, "b").path) == "services[0].env.list[1]");
  CHECK(hush::to_string(site_with_value(source, "nested").path) == "services[1][0]");
  const hush::ScalarSite& key = site_with_value(source, "name");
  CHECK(key.is_key);
  CHECK(hush::to_string(key.path) == "services[0]");
  const hush::YamlNode* services = source.documents[0].root.find("services");
  REQUIRE(services != nullptr);
  CHECK(services->children.at(0).find("name")->value == "database");
}

TEST_CASE("yaml_source: BOM, CRLF, non-ASCII and several documents", "[yaml_source]") {
  const std::string text = "\xEF\xBB\xBF" "a: caf\xC3\xA9 ${X}\r\nb: 'q'\r\n---\r\nc: |\r\n  z\r\n";
  const hush::YamlSource source = hush::parse_yaml_source("t.yaml", text);
  REQUIRE(source.documents.size() == 2);
  const hush::ScalarSite& a = site_with_value(source, "caf\xC3\xA9 ${X}");
  CHECK(span_text(source, a) == "caf\xC3\xA9 ${X}");
  CHECK(a.start.line == 1);
  CHECK(a.start.column == 5);  // the BOM is one code point
  CHECK(span_text(source, site_with_value(source, "q")) == "'q'");
  const hush::ScalarSite& c = site_with_value(source, "z\n");
  CHECK(span_text(source, c) == "|\r\n  z");
  CHECK(c.start.line == 4);
}

TEST_CASE("yaml_source: aliases copy the anchored node", "[yaml_source]") {
  const hush::YamlSource source =
      hush::parse_yaml_source("t.yaml", "base: &b {k: v}\ncopy: *b\nnull_value:\n");
  const hush::YamlNode& root = source.documents[0].root;
  REQUIRE(root.find("copy") != nullptr);
  CHECK(root.find("copy")->find("k")->value == "v");
  CHECK(root.find("copy")->find("k")->scalar == root.find("base")->find("k")->scalar);
  CHECK(root.find("null_value")->kind == hush::NodeKind::null);
}

TEST_CASE("yaml_source: bad encodings are refused before parsing, located", "[yaml_source]") {
  using namespace std::string_literals;
  struct Case { std::string text; const char* message_start; };
  const Case cases[] = {
      {"a: 1\nb: x\xc3(\n", "t.yaml:2:5: error: invalid UTF-8: truncated 2-byte sequence"},
      {"a: \"caf\xc3\xa9\0\"\n"s, "t.yaml:1:9: error: NUL byte"},
      {"\xff\xfe" "a\0:\0"s, "t.yaml:1:1: error: the text starts with a UTF-16 (little-endian)"},
      {"# c\n\xed\xa0\x80: v\n", "t.yaml:2:1: error: invalid UTF-8: UTF-16 surrogate U+D800"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    try {
      (void)hush::parse_yaml_source("t.yaml", c.text);
      FAIL("expected an encoding error");
    } catch (const hush::Error& e) {
      CHECK(e.kind() == hush::ErrorKind::syntax);
      CHECK(e.id() == "invalid-encoding");
      CHECK_THAT(e.what(), Catch::StartsWith(c.message_start));
      CHECK_FALSE(e.detail().empty());
    }
  }
  CHECK(hush::parse_yaml_source("t.yaml", "\xef\xbb\xbf" "a: caf\xc3\xa9\n").documents.size() == 1);
}

TEST_CASE("yaml_source: syntax errors carry path, line and column", "[yaml_source]") {
  struct Case { const char* text; const char* message_start; const char* hint; };
  const Case cases[] = {
      {"a: 1\n  b: 2\n", "t.yaml:2:4: error: illegal map value", ""},
      {"a: \"unterminated\nb: c\n", "t.yaml:1:4: error: unterminated double-quoted scalar", ""},
      {"a: 'open\n", "t.yaml:1:4: error: unterminated single-quoted scalar", ""},
      {"env: {pw: ${DB_PASSWORD}}\n", "t.yaml:1:", "quote it (\"${NAME}\") or write $<NAME>"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    try {
      (void)hush::parse_yaml_source("t.yaml", c.text);
      FAIL("expected a syntax error");
    } catch (const hush::Error& e) {
      CHECK(e.kind() == hush::ErrorKind::syntax);
      CHECK(e.id() == "yaml-syntax");
      CHECK_THAT(e.what(), Catch::StartsWith(c.message_start));
      CHECK_THAT(e.what(), Catch::Contains(c.hint));
      CHECK_FALSE(e.detail().empty());
    }
  }
}
