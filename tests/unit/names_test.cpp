#include "core/base/names.hpp"

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("names: one rule per kind of name", "[names]") {
  struct Case {
    std::string name;
    bool secret, reference, field, source;
  };
  const Case cases[] = {
      {"DB_PASSWORD", true, true, true, true},
      {"A", true, true, true, true},
      {"A1_", true, true, true, true},
      {"db_password", false, true, true, true},
      {"_X", false, true, true, true},
      {"1ABC", false, false, false, false},
      {"DB-PASS", false, false, false, true},
      {"my-vault", false, false, false, true},
      {"A B", false, false, false, false},
      {"", false, false, false, false},
      {"A.B", false, false, false, false},
      {"\xc3\x89T\xc3\x89", false, false, false, false},
      {std::string(128, 'A'), true, true, true, true},
      {std::string(129, 'A'), false, true, true, true},  // only stored secret names are bounded
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(!hush::secret_name_problem(c.name) == c.secret);
    CHECK(hush::is_reference_name(c.name) == c.reference);
    CHECK(!hush::field_name_problem(c.name) == c.field);
    CHECK(!hush::source_name_problem(c.name) == c.source);
  }
  CHECK_THAT(*hush::secret_name_problem("db-pass"), Catch::Contains("e.g. DB_PASS"));
}

TEST_CASE("names: scope patterns", "[names]") {
  for (const char* ok : {"provider", "service", "integration", "global", "service:db-*",
                         "integration:slack", "provider:aws-[a-z]*"}) {
    CAPTURE(ok);
    CHECK_FALSE(hush::scope_problem(ok));
  }
  for (const char* bad : {"", "servise", "global:x", "service:", "service:a,b", "service:a b",
                          "service:a\tb", "Service", ":x"}) {
    CAPTURE(bad);
    CHECK(hush::scope_problem(bad));
  }
}
