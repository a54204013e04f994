#include "core/sidecar/dotenv.hpp"

#include <catch2/catch.hpp>
#include <support/heap_probe.hpp>
#include <type_traits>

TEST_CASE("dotenv: quotes, escapes, export, comments and multi-line values", "[dotenv]") {
  const std::string text =
      "# comment\n"
      "\n"
      "PLAIN=value with spaces   # trailing comment\n"
      "export EXPORTED=yes\n"
      "SINGLE='literal $HOME \\n'\n"
      "DOUBLE=\"a\\\"b\\\\c\\nd\\$e\"  # c\n"
      "MULTI=\"line1\n"
      "line2\"\n"
      "EMPTY=\n"
      "HASH=a#b\r\n"
      "  SPACED = v\n";
  const std::vector<hush::DotenvEntry> entries = hush::parse_dotenv(text, ".env");
  struct Case {
    const char* name;
    const char* value;
    int line;
  };
  const Case cases[] = {{"PLAIN", "value with spaces", 3},
                        {"EXPORTED", "yes", 4},
                        {"SINGLE", "literal $HOME \\n", 5},
                        {"DOUBLE", "a\"b\\c\nd$e", 6},
                        {"MULTI", "line1\nline2", 7},
                        {"EMPTY", "", 9},
                        {"HASH", "a#b", 10},
                        {"SPACED", "v", 11}};
  REQUIRE(entries.size() == std::size(cases));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(cases[i].name);
    CHECK(entries[i].name == cases[i].name);
    CHECK(entries[i].value.reveal() == cases[i].value);
    CHECK(entries[i].where.line == cases[i].line);
  }
}

TEST_CASE("dotenv: malformed lines are located errors without values", "[dotenv]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"A=1\nno equals here\n", ".env:2:1: error: expected NAME=value [dotenv-invalid]"},
      {"1BAD=x\n",
       ".env:1:1: error: invalid character in variable name (names match "
       "[A-Za-z_][A-Za-z0-9_.-]*) [dotenv-invalid]"},
      {"PASSWORD: s3cret==\n",  // the text before '=' is a value here: never quoted
       ".env:1:9: error: invalid character in variable name (names match "
       "[A-Za-z_][A-Za-z0-9_.-]*) [dotenv-invalid]"},
      {"export  = s3cret\n", ".env:1:9: error: missing variable name before '=' [dotenv-invalid]"},
      {"A=\"s3cret\n", ".env:1:3: error: unterminated double-quoted value [dotenv-invalid]"},
      {"A='s3cret\n", ".env:1:3: error: unterminated single-quoted value [dotenv-invalid]"},
      {"A=\"s3cret\" tail\n",
       ".env:1:12: error: unexpected text after the quoted value of A [dotenv-invalid]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    try {
      (void)hush::parse_dotenv(c.text, ".env");
      FAIL("expected an error");
    } catch (const hush::Error& e) {
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("dotenv: values go straight into secure memory, never through a std::string",
          "[dotenv]") {
  static_assert(std::is_same_v<decltype(hush::DotenvEntry::value), hush::SecretValue>);
  const std::string big(100000, 'v');
  struct Case {
    std::string text;
    std::string value;
  };
  const Case cases[] = {{"A=" + big + "  # c\n", big},
                        {"A='" + big + "'\n", big},
                        {"export A=\"" + big + "\\n\"\n", big + "\n"}};
  (void)hush::parse_dotenv("WARM=up\n", ".env");  // compiles the name pattern outside the probe
  for (const Case& c : cases) {
    CAPTURE(c.text.substr(0, 12));
    const hush::test::HeapProbe probe;
    const std::vector<hush::DotenvEntry> entries = hush::parse_dotenv(c.text, ".env");
    const std::size_t ordinary = probe.bytes();
    CHECK(ordinary < 1024);  // names, the location and the entry vector only
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].value.reveal() == c.value);
  }
}
