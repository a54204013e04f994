// The substitution half of the reference module: substitute() (scanning is in reference_test.cpp).
#include <catch2/catch.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <support/heap_probe.hpp>
#include <type_traits>
#include <utility>

#include "core/model/reference.hpp"

namespace {

using hush::Syntax;

}  // namespace

TEST_CASE("reference: substitute inserts values verbatim and never rescans them", "[reference]") {
  struct Case {
    const char* text;
    const char* rendered;
  };
  const Case cases[] = {
      {"a ${X} b", "a ${Y} b"},
      {"$<X>$<X>", "${Y}${Y}"},
      {"$${X} ${X} $$<X>", "${X} ${Y} $<X>"},
      {"${env:X}", "${Y}"},
      {"", ""},
      {"plain", "plain"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::ReferenceScan scan = hush::scan_references(c.text, Syntax::both);
    int calls = 0;
    const hush::SecretBuffer out = hush::substitute(c.text, scan, [&](const hush::Reference& r) {
      ++calls;
      CHECK(r.name == "X");
      return std::string_view("${Y}");
    });
    CHECK(out.reveal() == c.rendered);
    CHECK(calls == static_cast<int>(scan.references.size()));
  }
  SECTION("values holding escapes and tokens stay as they are") {
    const hush::ReferenceScan scan = hush::scan_references("${A}|${B}", Syntax::both);
    const hush::SecretBuffer out =
        hush::substitute("${A}|${B}", scan, [](const hush::Reference& r) {
          return r.name == "A" ? std::string_view("$${Z}") : std::string_view("$<Q> ${");
        });
    CHECK(out.reveal() == "$${Z}|$<Q> ${");
  }
}

TEST_CASE("reference: substitute refuses scans with problems or from another text", "[reference]") {
  const char* const has_problems = "substitute: the scan has problems; report them instead";
  const char* const mismatch = "substitute: the scan does not belong to this text";
  struct Case {
    const char* scanned;
    const char* substituted;
    const char* message;
  };
  const Case cases[] = {
      {"${}", "${}", has_problems},
      {"ok ${A} ${B", "ok ${A} ${B", has_problems},
      {"long text ${A}", "short", mismatch},   // the reference starts past the end
      {"long text $${A}", "short", mismatch},  // so does the escape
      {"${AB}", "${A}", mismatch},             // the reference runs past the end
  };
  const auto value_of = [](const hush::Reference&) { return "v"; };
  for (const Case& c : cases) {
    CAPTURE(c.scanned, c.substituted);
    const hush::ReferenceScan scan = hush::scan_references(c.scanned, Syntax::both);
    CHECK_THROWS_AS(hush::substitute(c.substituted, scan, value_of), std::logic_error);
    CHECK_THROWS_WITH(hush::substitute(c.substituted, scan, value_of), c.message);
  }
  hush::ReferenceScan reordered = hush::scan_references("${A}${B}", Syntax::both);
  std::swap(reordered.references[0], reordered.references[1]);
  CHECK_THROWS_WITH(hush::substitute("${A}${B}", reordered, value_of), mismatch);
}

TEST_CASE("reference: substitute builds its result in secure memory, never a std::string",
          "[reference]") {
  using Result = decltype(hush::substitute(
      std::string_view(), std::declval<const hush::ReferenceScan&>(),
      std::declval<const std::function<std::string_view(const hush::Reference&)>&>()));
  static_assert(std::is_same_v<Result, hush::SecretBuffer>);
  static_assert(!std::is_convertible_v<const Result&, std::string>);
  const std::string value(100000, 's');
  const std::string text = "a ${A} b $${x} ${A}";
  const hush::ReferenceScan scan = hush::scan_references(text, Syntax::both);
  const std::function<std::string_view(const hush::Reference&)> value_of =
      [&](const hush::Reference&) -> std::string_view { return value; };
  const hush::test::HeapProbe probe;
  const hush::SecretBuffer out = hush::substitute(text, scan, value_of);
  CHECK(probe.bytes() == 0);  // an ordinary copy of the 200 kB result would be counted here
  CHECK(out.reveal() == "a " + value + " b ${x} " + value);
}
