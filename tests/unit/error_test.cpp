#include <catch2/catch.hpp>
#include <hush/error.hpp>

TEST_CASE("error: what() carries location, message and id", "[error]") {
  const hush::Error located(hush::ErrorKind::syntax, "yaml-syntax", "unexpected end",
                            hush::Location{"c.yaml", 3, 7});
  CHECK(std::string(located.what()) == "c.yaml:3:7: error: unexpected end [yaml-syntax]");
  CHECK(located.kind() == hush::ErrorKind::syntax);
  const hush::Error bare(hush::ErrorKind::usage, "usage", "no config given");
  CHECK(std::string(bare.what()) == "error: no config given [usage]");
}

TEST_CASE("error: findings format like compiler diagnostics", "[error]") {
  const hush::Finding f{hush::Severity::warning, "unused-secret", {"s.yaml", 2, 0}, "unused", ""};
  CHECK(hush::to_string(f) == "s.yaml:2: warning: unused [unused-secret]");
  CHECK(hush::worst({}) == std::nullopt);
  CHECK(hush::worst({f}) == hush::Severity::warning);
  hush::Finding e = f;
  e.severity = hush::Severity::error;
  CHECK(hush::worst({f, e}) == hush::Severity::error);
}
