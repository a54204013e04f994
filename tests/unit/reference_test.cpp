#include <hush/reference.hpp>

#include <catch2/catch.hpp>

TEST_CASE("reference: finds every form with offsets and lengths", "[reference]") {
  struct Case {
    const char* text; hush::Syntax syntax; std::size_t offset; std::size_t length;
    const char* source; const char* name; const char* field; bool angle;
  };
  const Case cases[] = {
      {"${DB_PASSWORD}", hush::Syntax::both, 0, 14, "", "DB_PASSWORD", "", false},
      {"pre $<API_KEY> post", hush::Syntax::both, 4, 10, "", "API_KEY", "", true},
      {"x: ${A.field-1}", hush::Syntax::both, 3, 12, "", "A", "field-1", false},
      {"${env:HOME}", hush::Syntax::braces, 0, 11, "env", "HOME", "", false},
      {"$<pass:db/prod.pw>", hush::Syntax::angle, 0, 18, "pass", "db/prod.pw", "", true},
      {"caf\xC3\xA9 ${_x9}", hush::Syntax::both, 6, 6, "", "_x9", "", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, c.syntax);
    REQUIRE(scan.problems.empty());
    REQUIRE(scan.references.size() == 1);
    const hush::Reference& r = scan.references[0];
    CHECK(r.offset == c.offset);
    CHECK(r.length == c.length);
    CHECK(r.source == c.source);
    CHECK(r.name == c.name);
    CHECK(r.field == c.field);
    CHECK(r.angle == c.angle);
  }
}

TEST_CASE("reference: only the enabled syntax is recognised", "[reference]") {
  CHECK(hush::scan_references("$<A> ${B}", hush::Syntax::braces).references.size() == 1);
  CHECK(hush::scan_references("$<A> ${B}", hush::Syntax::angle).references.at(0).name == "A");
  CHECK(hush::scan_references("$<A> ${B}", hush::Syntax::both).references.size() == 2);
  // A disabled form is plain text, even when malformed.
  CHECK(hush::scan_references("$<1 ${", hush::Syntax::braces).problems.size() == 1);
  CHECK(hush::scan_references("$$<A>", hush::Syntax::braces).escapes.empty());
}

TEST_CASE("reference: bare dollars and escapes are text", "[reference]") {
  struct Case { const char* text; std::size_t escapes; const char* rendered; };
  const Case cases[] = {
      {"$HOME pa$$word $", 0, "$HOME pa$$word $"},
      {"$${A} and $$<B>", 2, "${A} and $<B>"},
      {"$$$${X}", 1, "$$${X}"},
      {"end $${", 1, "end ${"},
      {"$${not valid at all", 1, "${not valid at all"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, hush::Syntax::both);
    CHECK(scan.problems.empty());
    CHECK(scan.references.empty());
    CHECK(scan.escapes.size() == c.escapes);
    CHECK(hush::substitute(c.text, scan, [](const hush::Reference&) { return "?"; }) ==
          c.rendered);
  }
}

TEST_CASE("reference: malformed references are problems with the token", "[reference]") {
  struct Case { const char* text; std::size_t offset; std::size_t length; const char* message; };
  const Case cases[] = {
      {"${DB_PASS", 0, 9, "unterminated reference \"${DB_PASS\": missing \"}\""},
      {"a ${A\nb}", 2, 3, "unterminated reference \"${A\": missing \"}\""},
      {"$<A", 0, 3, "unterminated reference \"$<A\": missing \">\""},
      {"${}", 0, 3, "empty reference \"${}\""},
      {"${1ABC}", 0, 7, "invalid secret name \"1ABC\" in \"${1ABC}\": names match "
                        "[A-Za-z_][A-Za-z0-9_]* (write ${NAME}, ${NAME.field} or ${SOURCE:KEY})"},
      {"${A B}", 0, 6, "invalid secret name \"A B\" in \"${A B}\": names match "
                       "[A-Za-z_][A-Za-z0-9_]* (write ${NAME}, ${NAME.field} or ${SOURCE:KEY})"},
      {"x${A.}", 1, 5, "invalid field \"\" in \"${A.}\": fields match [A-Za-z0-9_-]+"},
      {"${src:}", 0, 7, "invalid key \"\" in \"${src:}\": keys match [A-Za-z0-9_./-]+"},
      {"${9s:k}", 0, 7, "invalid source name \"9s\" in \"${9s:k}\": sources match "
                        "[A-Za-z_][A-Za-z0-9_-]*"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, hush::Syntax::both);
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].offset == c.offset);
    CHECK(scan.problems[0].length == c.length);
    CHECK(scan.problems[0].message == c.message);
    CHECK_THROWS_AS(hush::substitute(c.text, scan, [](const hush::Reference&) { return ""; }),
                    std::logic_error);
  }
  const hush::ReferenceScan many = hush::scan_references("${A-B} ok ${C} ${.x} ${D", hush::Syntax::both);
  CHECK(many.problems.size() == 3);
  CHECK(many.references.size() == 1);
}

TEST_CASE("reference: substitution never rescans values", "[reference]") {
  const std::string text = "a ${X} b $<Y.f> $${Z}";
  const hush::ReferenceScan scan = hush::scan_references(text, hush::Syntax::both);
  REQUIRE(scan.references.size() == 2);
  const std::string out = hush::substitute(text, scan, [](const hush::Reference& r) {
    return r.name == "X" ? std::string_view("${Y}") : std::string_view("$$<q>");
  });
  CHECK(out == "a ${Y} b $$<q> ${Z}");
  CHECK(scan.references[1].display() == "$<Y.f>");
}

TEST_CASE("reference: adversarial input is scanned in one pass", "[reference]") {
  std::string open_braces;
  for (int i = 0; i < 200000; ++i) open_braces += "${";
  const hush::ReferenceScan scan = hush::scan_references(open_braces, hush::Syntax::both);
  CHECK(scan.problems.size() == 1);  // one unterminated token swallowing the line
  const std::string dollars(1000000, '$');
  CHECK(hush::scan_references(dollars, hush::Syntax::both).empty());
}

TEST_CASE("reference: names and syntax words", "[reference]") {
  CHECK(hush::is_valid_secret_name("DB_PASSWORD"));
  CHECK(hush::is_valid_secret_name("_x1"));
  CHECK_FALSE(hush::is_valid_secret_name("1X"));
  CHECK_FALSE(hush::is_valid_secret_name(""));
  CHECK(hush::parse_syntax("angle") == hush::Syntax::angle);
  CHECK_FALSE(hush::parse_syntax("curly").has_value());
}
