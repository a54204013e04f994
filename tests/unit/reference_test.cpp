#include "core/model/reference.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/names.hpp"

namespace {

using hush::Syntax;

// Names of the scan's references in order, "source:" prefixed when qualified, comma separated.
std::string names_of(const hush::ReferenceScan& scan) {
  std::string out;
  for (const hush::Reference& r : scan.references) {
    if (!out.empty()) out += ",";
    out += (r.source.empty() ? "" : r.source + ":") + r.name;
  }
  return out;
}

// Substitutes "<name>" for every reference, so tests can see where each value went.
std::string render_names(std::string_view text, const hush::ReferenceScan& scan) {
  std::vector<std::string> values;
  for (const hush::Reference& r : scan.references) values.push_back("<" + r.name + ">");
  std::size_t next = 0;
  const hush::SecretBuffer out = hush::substitute(
      text, scan, [&](const hush::Reference&) -> std::string_view { return values.at(next++); });
  return std::string(out.reveal());
}

}  // namespace

TEST_CASE("reference: finds every form with its offset and length", "[reference]") {
  struct Case {
    const char* text;
    Syntax syntax;
    std::size_t offset;
    std::size_t length;
    const char* source;
    const char* name;
    const char* field;
    bool angle;
  };
  const Case cases[] = {
      {"${DB_PASSWORD}", Syntax::both, 0, 14, "", "DB_PASSWORD", "", false},
      {"pre $<API_KEY> post", Syntax::both, 4, 10, "", "API_KEY", "", true},
      {"x: ${A.field-1}", Syntax::braces, 3, 12, "", "A", "field-1", false},
      {"$<basic.user_2>", Syntax::angle, 0, 15, "", "basic", "user_2", true},
      {"${env:HOME}", Syntax::braces, 0, 11, "env", "HOME", "", false},
      {"$<pass:db/prod.pw>", Syntax::angle, 0, 18, "pass", "db/prod.pw", "", true},
      {"${my-vault:a.b/c-d_e}", Syntax::both, 0, 21, "my-vault", "a.b/c-d_e", "", false},
      {"${_s:.}", Syntax::both, 0, 7, "_s", ".", "", false},
      {"caf\xC3\xA9 ${_x9}", Syntax::both, 6, 6, "", "_x9", "", false},
      {"${A.0}", Syntax::both, 0, 6, "", "A", "0", false},
      {"}${a}{", Syntax::both, 1, 4, "", "a", "", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, c.syntax);
    REQUIRE(scan.problems.empty());
    REQUIRE(scan.escapes.empty());
    REQUIRE(scan.references.size() == 1);
    const hush::Reference& r = scan.references[0];
    CHECK(r.offset == c.offset);
    CHECK(r.length == c.length);
    CHECK(r.source == c.source);
    CHECK(r.name == c.name);
    CHECK(r.field == c.field);
    CHECK(r.angle == c.angle);
    CHECK(r.display() == std::string_view(c.text).substr(c.offset, c.length));
  }
}

TEST_CASE("reference: each syntax mode recognises only its own forms", "[reference]") {
  struct Case {
    const char* text;
    Syntax syntax;
    const char* names;
    const char* rendered;
  };
  const Case cases[] = {
      {"$<A> ${B}", Syntax::braces, "B", "$<A> <B>"},
      {"$<A> ${B}", Syntax::angle, "A", "<A> ${B}"},
      {"$<A> ${B}", Syntax::both, "A,B", "<A> <B>"},
      {"$$<A> $${B}", Syntax::braces, "", "$$<A> ${B}"},
      {"$$<A> $${B}", Syntax::angle, "", "$<A> $${B}"},
      {"$$<A> $${B}", Syntax::both, "", "$<A> ${B}"},
      {"$<1 ${A} $<", Syntax::braces, "A", "$<1 <A> $<"},
      {"${1 $<A> ${", Syntax::angle, "A", "${1 <A> ${"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text, static_cast<int>(c.syntax));
    const hush::ReferenceScan scan = hush::scan_references(c.text, c.syntax);
    REQUIRE(scan.problems.empty());
    CHECK(names_of(scan) == c.names);
    CHECK(render_names(c.text, scan) == c.rendered);
  }
}

TEST_CASE("reference: escapes render as literal tokens and are not validated", "[reference]") {
  struct Case {
    const char* text;
    std::vector<std::size_t> escapes;
    const char* rendered;
  };
  const Case cases[] = {
      {"$${DB_PASSWORD}", {0}, "${DB_PASSWORD}"},
      {"$$<DB_PASSWORD>", {0}, "$<DB_PASSWORD>"},
      {"$$$${X}", {2}, "$$${X}"},
      {"$$${X}", {1}, "$${X}"},
      {"end $${", {4}, "end ${"},
      {"end $$<", {4}, "end $<"},
      {"echo \"$${HOME}/bin\" && x", {6}, "echo \"${HOME}/bin\" && x"},
      {"$${not valid at all", {0}, "${not valid at all"},
      {"$${1ABC} $$<>", {0, 9}, "${1ABC} $<>"},
      {"a$${X}b${Y}c", {1}, "a${X}b<Y>c"},
      {"$${${B}}", {0}, "${<B>}"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, Syntax::both);
    REQUIRE(scan.problems.empty());
    CHECK(scan.escapes == c.escapes);
    CHECK_FALSE(scan.empty());
    CHECK(render_names(c.text, scan) == c.rendered);
  }
}

TEST_CASE("reference: a dollar not followed by an opener is text", "[reference]") {
  const char* const cases[] = {"$host",
                               "pa$$word",
                               "trailing $",
                               "$",
                               "$$",
                               "$$$$",
                               "$ {A}",
                               "$\n{A}",
                               "US$ 5",
                               "$(A) $[B] $A}",
                               "\xE2\x82\xAC$ \xC3\xA9$"};
  for (const char* text : cases) {
    CAPTURE(text);
    const hush::ReferenceScan scan = hush::scan_references(text, Syntax::both);
    CHECK(scan.empty());
    const hush::SecretBuffer out =
        hush::substitute(text, scan, [](const hush::Reference&) { return "?"; });
    CHECK(out.reveal() == text);
  }
}

TEST_CASE("reference: malformed references are problems naming the token and the rule",
          "[reference]") {
  struct Case {
    const char* text;
    std::size_t offset;
    std::size_t length;
    const char* message;
  };
  const Case cases[] = {
      {"${DB_PASS", 0, 9, "unterminated reference \"${DB_PASS\": missing \"}\""},
      {"a ${A\nb}", 2, 3, "unterminated reference \"${A\": missing \"}\""},
      {"${A\r\n}", 0, 3, "unterminated reference \"${A\": missing \"}\""},
      {"x $<A", 2, 3, "unterminated reference \"$<A\": missing \">\""},
      {"$<A}", 0, 4, "unterminated reference \"$<A}\": missing \">\""},
      {"end ${", 4, 2, "unterminated reference \"${\": missing \"}\""},
      {"${}", 0, 3, "empty reference \"${}\": write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"$<>", 0, 3, "empty reference \"$<>\": write $<NAME>, $<NAME.field> or $<SOURCE:KEY>"},
      {"${1ABC}", 0, 7,
       "invalid secret name \"1ABC\" in \"${1ABC}\": names match [A-Za-z_][A-Za-z0-9_]*"},
      {"${A-B}", 0, 6,
       "invalid secret name \"A-B\" in \"${A-B}\": names match [A-Za-z_][A-Za-z0-9_]*"},
      {"${.x}", 0, 5, "missing secret name in \"${.x}\": names match [A-Za-z_][A-Za-z0-9_]*"},
      {"x${A.}", 1, 5, "missing field in \"${A.}\": fields match [A-Za-z0-9_-]+"},
      {"$<A.b.c>", 0, 8, "invalid field \"b.c\" in \"$<A.b.c>\": fields match [A-Za-z0-9_-]+"},
      {"${src:}", 0, 7, "missing key in \"${src:}\": keys match [A-Za-z0-9_./-]+"},
      {"${s:a:b}", 0, 8, "invalid key \"a:b\" in \"${s:a:b}\": keys match [A-Za-z0-9_./-]+"},
      {"${:k}", 0, 5, "missing source name in \"${:k}\": sources match [A-Za-z_][A-Za-z0-9_-]*"},
      {"${9s:k}", 0, 7,
       "invalid source name \"9s\" in \"${9s:k}\": sources match [A-Za-z_][A-Za-z0-9_-]*"},
      {"${A B}", 0, 6,
       "invalid reference \"${A B}\": \" \" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"$<A\tB>", 0, 6,
       "invalid reference \"$<A\\tB>\": \"\\t\" is not allowed; "
       "write $<NAME>, $<NAME.field> or $<SOURCE:KEY>"},
      {"${p\xC3\xA4ss}", 0, 8,
       "invalid reference \"${p\xC3\xA4ss}\": \"\xC3\xA4\" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"${A\xFF}", 0, 5,
       "invalid reference \"${A\\xff}\": \"\\xff\" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"${\xC3-}", 0, 5,
       "invalid reference \"${\\xc3-}\": \"\\xc3\" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"${\xF5\x80\x80\x80}", 0, 7,
       "invalid reference \"${\\xf5\\x80\\x80\\x80}\": \"\\xf5\" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, Syntax::both);
    CHECK(scan.references.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].offset == c.offset);
    CHECK(scan.problems[0].length == c.length);
    CHECK(scan.problems[0].message == c.message);
    CHECK_FALSE(scan.empty());
  }
}

// A template must not be able to put terminal escapes into hush's messages (found while writing
// tests/fuzz/reference_fuzz, which now checks every message for it).
TEST_CASE("reference: messages escape control characters and bytes that are not UTF-8",
          "[reference]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"${A\x1B]0;t\x07\x1B[31m}",
       "invalid reference \"${A\\x1b]0;t\\x07\\x1b[31m}\": \"\\x1b\" is not allowed; "
       "write ${NAME}, ${NAME.field} or ${SOURCE:KEY}"},
      {"${A \xC2\x9B"
       "2J",
       "unterminated reference \"${A \\xc2\\x9b2J\": missing \"}\""},
      {"$<\x7F\xED\xA0\x80\xE2\x82\xAC>",
       "invalid reference \"$<\\x7f\\xed\\xa0\\x80\xE2\x82\xAC>\": \"\\x7f\" is not allowed; "
       "write $<NAME>, $<NAME.field> or $<SOURCE:KEY>"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, Syntax::both);
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].message == c.message);
  }
}

TEST_CASE("reference: scanning resumes after each problem so all are reported", "[reference]") {
  struct Case {
    const char* text;
    Syntax syntax;
    std::vector<std::size_t> offsets;
    std::vector<std::size_t> lengths;
    const char* names;
    std::size_t escapes;
  };
  const Case cases[] = {
      {"${A-B} ok ${C} ${.x} $<D", Syntax::both, {0, 15, 21}, {6, 5, 3}, "C", 0},
      {"${DB_PASS, ${OTHER}", Syntax::both, {0}, {11}, "OTHER", 0},
      {"${A $<B> ${C", Syntax::both, {0, 9}, {4, 3}, "B", 0},
      {"${A $<B> ${C", Syntax::braces, {0, 9}, {9, 3}, "", 0},  // "$<" is text here
      {"${A $${B}", Syntax::both, {0}, {4}, "", 1},
      {"${A $$<B>", Syntax::braces, {0}, {9}, "", 0},
      {"${}${}\n${1}", Syntax::both, {0, 3, 7}, {3, 3, 4}, "", 0},
      {"${A}${B.f}$<env:C>", Syntax::both, {}, {}, "A,B,env:C", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text, static_cast<int>(c.syntax));
    const hush::ReferenceScan scan = hush::scan_references(c.text, c.syntax);
    std::vector<std::size_t> offsets;
    std::vector<std::size_t> lengths;
    for (const hush::ReferenceProblem& p : scan.problems) {
      offsets.push_back(p.offset);
      lengths.push_back(p.length);
    }
    CHECK(offsets == c.offsets);
    CHECK(lengths == c.lengths);
    CHECK(names_of(scan) == c.names);
    CHECK(scan.escapes.size() == c.escapes);
  }
}

TEST_CASE("reference: long tokens are abbreviated in messages but located whole", "[reference]") {
  const std::string a62(62, 'a');
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"${" + a62 + std::string(2000, 'a'),
       "unterminated reference \"${" + a62 + "...\": missing \"}\""},
      // The 64-byte cut falls inside "\xC3\xA9" and moves back before it.
      {"${" + a62.substr(1) + "\xC3\xA9" + std::string(2000, 'a'),
       "unterminated reference \"${" + a62.substr(1) + "...\": missing \"}\""},
      {"${1" + a62 + "aa}", "invalid secret name \"1" + a62 + "a...\" in \"${1" + a62.substr(1) +
                                "...\": names match [A-Za-z_][A-Za-z0-9_]*"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, Syntax::both);
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].offset == 0);
    CHECK(scan.problems[0].length == c.text.size());
    CHECK(scan.problems[0].message == c.message);
  }
}

TEST_CASE("reference: adversarial input completes and is reported", "[reference]") {
  constexpr std::size_t k_bytes = 1 << 20;
  struct Case {
    std::string unit;
    Syntax syntax;
    std::size_t problems;
    std::size_t escapes;
    std::size_t references;
  };
  const Case cases[] = {
      {"${", Syntax::both, k_bytes / 2, 0, 0},
      {"$<", Syntax::angle, k_bytes / 2, 0, 0},
      {"$<", Syntax::braces, 0, 0, 0},
      {"$", Syntax::both, 0, 0, 0},
      {"$${", Syntax::both, 0, k_bytes / 3, 0},
      {"${a}", Syntax::both, 0, 0, k_bytes / 4},
      {"a", Syntax::both, 1, 0, 0},  // "${" followed by one long unterminated line
  };
  for (const Case& c : cases) {
    CAPTURE(c.unit, static_cast<int>(c.syntax));
    std::string text;
    if (c.unit == "a") text = "${";
    while (text.size() + c.unit.size() <= k_bytes) text += c.unit;
    const hush::ReferenceScan scan = hush::scan_references(text, c.syntax);
    CHECK(scan.problems.size() == c.problems);
    CHECK(scan.escapes.size() == c.escapes);
    CHECK(scan.references.size() == c.references);
  }
}

TEST_CASE("reference: is_reference_name accepts exactly [A-Za-z_][A-Za-z0-9_]*", "[reference]") {
  struct Case {
    std::string_view name;
    bool valid;
  };
  const Case cases[] = {
      {"DB_PASSWORD", true}, {"_x1", true},    {"a", true},
      {"_", true},           {"Z9_", true},    {"", false},
      {"1X", false},         {"A-B", false},   {"A.B", false},
      {"A B", false},        {"A\n", false},   {"\xC3\xA9", false},
      {"${A}", false},       {"env:A", false}, {std::string_view("A\0B", 3), false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(hush::is_reference_name(c.name) == c.valid);
  }
}

TEST_CASE("reference: parse_syntax accepts the three words exactly", "[reference]") {
  struct Case {
    const char* word;
    std::optional<Syntax> syntax;
  };
  const Case cases[] = {
      {"braces", Syntax::braces}, {"angle", Syntax::angle}, {"both", Syntax::both},
      {"Both", std::nullopt},     {"", std::nullopt},       {"brace", std::nullopt},
      {" both", std::nullopt},    {"curly", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(hush::parse_syntax(c.word) == c.syntax);
  }
}
