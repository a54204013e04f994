#include "core/yaml/scalar_encode.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <support/heap_probe.hpp>

TEST_CASE("scalar_encode: safe plain scalars", "[render]") {
  struct Case {
    const char* value;
    bool block;
    bool flow;
  };
  const Case cases[] = {
      {"5432", true, true},         {"-5", true, true},    {"true", true, true},
      {"https://x/y", true, false}, {"yes", false, false}, {"null", false, false},
      {"~", false, false},          {"", false, false},    {"a: b", false, false},
      {"a #b", false, false},       {"a#b", true, true},   {"- x", false, false},
      {"-x", true, true},           {"[x]", false, false}, {"x,y", true, false},
      {" a", false, false},         {"a ", false, false},  {"a\tb", false, false},
      {"a\nb", false, false},       {"---", false, false}, {"caf\xC3\xA9", true, true},
      {"\xC2\x85", false, false},   {"@x", false, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    CHECK(hush::detail::is_safe_plain(c.value, false) == c.block);
    CHECK(hush::detail::is_safe_plain(c.value, true) == c.flow);
  }
}

TEST_CASE("scalar_encode: double and single quoting", "[render]") {
  CHECK(hush::detail::escape_double_quoted("a\"b\\c\n\t\r")->reveal() == "a\\\"b\\\\c\\n\\t\\r");
  CHECK(hush::detail::escape_double_quoted(std::string_view("\0\x1b\x7f", 3))->reveal() ==
        "\\0\\x1B\\x7F");
  CHECK(hush::detail::escape_double_quoted("\xE2\x80\xA8 \xC3\xA9")->reveal() ==
        "\\u2028 \xC3\xA9");
  CHECK_FALSE(hush::detail::escape_double_quoted("\xff").has_value());
  CHECK(hush::detail::escape_single_quoted("it's\t")->reveal() == "it''s\t");
  CHECK_FALSE(hush::detail::escape_single_quoted("a\nb").has_value());
}

TEST_CASE("scalar_encode: quoted values are built in secure memory", "[render]") {
  const std::string value = std::string(50000, 'q') + "'\"\x01\xE2\x80\xA8";
  const hush::test::HeapProbe probe;
  const std::optional<hush::SecretBuffer> double_quoted = hush::detail::escape_double_quoted(value);
  const std::optional<hush::SecretBuffer> single_quoted =
      hush::detail::escape_single_quoted(std::string_view(value).substr(0, 50001));
  CHECK(probe.bytes() == 0);
  REQUIRE(double_quoted);
  CHECK(double_quoted->reveal() == std::string(50000, 'q') + "'\\\"\\x01\\u2028");
  REQUIRE(single_quoted);
  CHECK(single_quoted->reveal() == std::string(50000, 'q') + "''");
}
