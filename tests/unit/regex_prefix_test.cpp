#include "core/check/regex_prefix.hpp"

#include <catch2/catch.hpp>

TEST_CASE("regex_prefix: literal starts of the secret part", "[regex_prefix]") {
  struct Case {
    const char* pattern;
    std::vector<std::string> starts;
  };
  const Case cases[] = {
      {R"(\b(ghp_[A-Za-z0-9]{36})\b)", {"ghp_"}},
      {R"(\b((?:AKIA|ASIA)[A-Z0-9]{16})\b)", {"AKIA", "ASIA"}},
      {R"(\b(xox[bp]-[A-Za-z0-9-]{10,72})\b)", {"xoxb-", "xoxp-"}},
      {R"(\b(SG\.[A-Za-z0-9_-]{22}))", {"SG."}},
      {R"(https://hooks\.slack\.com/(T[0-9]+))", {"T"}},
      {R"(\b(?P<token>npm_[a-z]+))", {"npm_"}},
      {R"(ghp_[a-z]+)", {"ghp_"}},  // no group: the whole match
      {R"(\b(ab+c))", {"ab"}},      // past a repetition nothing is known
      {R"(\b(ab?c))", {"a"}},       // an optional atom ends the literal
      {R"(\b(ab{2}c))", {"a"}},
      {R"(\b([0-9a-f]{40}))", {""}},  // a range is not a literal
      {R"(\b([^x]y))", {""}},
      {R"((?i)\b(ghp_[a-z]+))", {""}},  // case-insensitive
      {R"(\b(?i:ghp_)([a-z]+))", {""}},
      {R"(\b(ghp_x|gho_x))", {""}},  // alternation inside the secret part
      {R"(ghp_(x)|gho_(x))", {""}},  // or around it
      {R"(x(ghp_y)?)", {""}},        // optional secret part
      {R"((?:x(ghp_y))?)", {""}},    // nested in an optional group
      {R"(\b(\d+))", {""}},
      {R"(\b(a\(b))", {"a(b"}},
      {R"(\b((?:a|b\.)c))", {"ac", "b.c"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CHECK(hush::literal_starts(c.pattern) == c.starts);
  }
}

TEST_CASE("regex_prefix: at most 64 starts", "[regex_prefix]") {
  const std::vector<std::string> starts = hush::literal_starts(R"(([abcd][abcd][abcd][abcd]x))");
  CHECK(starts.size() == 64);
  CHECK(starts.front() == "aaa");
}
