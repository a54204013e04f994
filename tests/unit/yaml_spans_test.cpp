#include "core/yaml/yaml_spans.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "core/yaml/yaml_source.hpp"

TEST_CASE("yaml_spans: a plain scalar is located through folded line breaks", "[yaml_spans]") {
  const hush::detail::ScalarSpan span =
      hush::detail::find_scalar_span("k: a\n  b\n\n  c\nz: 1\n", 3, "a b\nc", -1);
  CHECK(span.problem.empty());
  CHECK(span.begin == 3);
  CHECK(span.end == 13);
  CHECK(span.style == hush::ScalarStyle::plain);
}

// Found by tests/fuzz/sidecar_fuzz: blanks at the end of the text while the value went on made
// the fold count wrap around, and std::length_error escaped parse_yaml_source (hush render: an
// internal error; hush check: std::terminate in a worker thread).
TEST_CASE("yaml_spans: trailing blanks where the value goes on are a located problem",
          "[yaml_spans]") {
  const hush::detail::ScalarSpan span = hush::detail::find_scalar_span("a  ", 0, "a b", -1);
  CHECK(span.problem == "cannot locate the plain scalar");
  try {
    // The fuzzer's bytes are not UTF-8, which is now refused before the span scan runs; the
    // span scan itself is exercised above.
    (void)hush::parse_yaml_source("f.yaml", "!\x9E\x0F \x9E\x0F  ");
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.id() == "invalid-encoding");
    REQUIRE(e.where().has_value());
    CHECK(e.where()->line == 1);
  }
}

// Found by tests/fuzz/project_fuzz: "!<" without its '>' moved the scan back to offset 0
// (npos + 1), and a text starting with '!' or '&' looped forever.
TEST_CASE("yaml_spans: a verbatim tag without '>' ends the scan at the end of the text",
          "[yaml_spans]") {
  const hush::detail::ScalarSpan span = hush::detail::find_scalar_span("!t !<x", 3, "v", -1);
  CHECK(span.begin == 6);
  CHECK(span.end == 6);
}

// Found by tests/fuzz/yaml_render_fuzz: yaml-cpp ends a tag at the first character a tag cannot
// hold, with no blank before the scalar; hush skipped to the next blank and lost the scalar, so
// render failed render-verify.
TEST_CASE("yaml_spans: properties end where yaml-cpp's scanner ends them", "[yaml_spans]") {
  struct Case {
    const char* text;
    std::size_t mark;
    const char* value;
    std::size_t begin;
  };
  const Case cases[] = {
      {"!\x17$<A>", 0, "\x17$<A>", 1}, {"k: !t\x17x", 3, "\x17x", 5}, {"k: !e!t %41", 3, "%41", 8},
      {"k: &a !t v", 3, "v", 9},       {"[&a x]", 1, "x", 4},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const hush::detail::ScalarSpan span =
        hush::detail::find_scalar_span(c.text, c.mark, c.value, -1);
    CHECK(span.problem.empty());
    CHECK(span.begin == c.begin);
  }
  // Whole files with such control characters are refused before spans are looked for.
  CHECK_THROWS_WITH(hush::parse_yaml_source("f.yaml", "k: !t\x17x\n"),
                    Catch::Contains("[invalid-encoding]"));
}
