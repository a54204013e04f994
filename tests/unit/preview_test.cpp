#include "core/check/preview.hpp"

#include <catch2/catch.hpp>

namespace {

// The values secret_assignments() finds on `line`.
std::vector<std::string> assigned(std::string_view line) {
  std::vector<std::string> out;
  for (const hush::SecretSpan& s :
       hush::secret_assignments(line, {"sentry_url"}, hush::Syntax::both)) {
    CHECK(s.preview == hush::masked_preview(line.substr(s.offset, s.length)));
    out.emplace_back(line.substr(s.offset, s.length));
  }
  return out;
}

// The caret line of a snippet: `width` carets from 1-based `column`.
std::string carets(int column, int width) {
  return "      | " + std::string(static_cast<std::size_t>(column - 1), ' ') + "^" +
         std::string(static_cast<std::size_t>(width - 1), '~');
}

}  // namespace

TEST_CASE("preview: at most the rule's prefix and the length", "[preview]") {
  CHECK(hush::masked_preview("AKIAABCDEFGHIJKLMNOP", "AKIA") == "AKIA\u2026(20 chars)");
  CHECK(hush::masked_preview("AKIAABCDEFGHIJKLMNOP") == "\u2026(20 chars)");
  CHECK(hush::masked_preview("Zq8Wv3Lp") == "\u2026(8 chars)");
  CHECK(hush::masked_preview("caf\xC3\xA9-secret") == "\u2026(11 chars)");
  CHECK(hush::masked_preview("ghp_x", "AKIA") == "\u2026(5 chars)");  // not its prefix
  CHECK(hush::masked_preview("ghp_", "ghp_") == "\u2026(4 chars)");   // nothing but the prefix
  CHECK(hush::masked_preview("") == "\u2026(0 chars)");
}

TEST_CASE("preview: values of secret-like assignments on a line", "[preview]") {
  struct Case {
    const char* line;
    std::vector<std::string> values;
  };
  const Case cases[] = {
      {"password: Zq8Wv3Lp", {"Zq8Wv3Lp"}},
      {"  password: \"hunter2x", {"hunter2x"}},  // unterminated
      {"password: 'it''s here' # note", {"it''s here"}},
      {"password: \"a\\\"b\" # note", {"a\\\"b"}},
      {"password: plain value  # comment", {"plain value"}},
      {"password: hunter2x: y", {"hunter2x: y"}},  // in doubt: all of it
      {"{\"password\": \"Zq8Wv3Lp\", \"host\": \"db\"}", {"Zq8Wv3Lp"}},
      {"export DB_PASSWORD=Zq8Wv3Lp", {"Zq8Wv3Lp"}},
      {"run --api-key=Zq8Wv3Lp", {"Zq8Wv3Lp"}},
      {"spring.datasource.password=Zq8Wv3Lp", {"Zq8Wv3Lp"}},
      {"SENTRY_URL=https://x", {"https://x"}},  // an extra key
      {"a_token = Zq8Wv3Lp", {"Zq8Wv3Lp"}},
      {"password: ${DB_PASSWORD}  # a reference", {}},
      {"env: {TOKEN: $<TOKEN>}", {}},
      {"password: ${A}${B}", {}},
      {"password: pre-${A}", {"pre-${A}"}},
      {"private_key: |", {}},
      {"password:", {}},
      {"host: db, port: 5432", {}},
      {"password_min_length: 8", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(assigned(c.line) == c.values);
  }
}

TEST_CASE("preview: snippets replace every span and keep the caret on its preview", "[preview]") {
  const std::string line = "a: Zq8Wv3Lp b: ghp_XYZ c";
  const std::string masked = "    4 | a: \u2026(8 chars) b: ghp_\u2026(7 chars) c\n";
  const hush::SecretSpan first{3, 8, "", hush::masked_preview("Zq8Wv3Lp")};
  const hush::SecretSpan second{15, 7, "ghp_", hush::masked_preview("ghp_XYZ", "ghp_")};
  CHECK(hush::masked_snippet(4, line, {first, second}, 15, 7) == masked + carets(18, 14));
  CHECK(hush::masked_snippet(4, line, {second, first}, 23, 1) == masked + carets(33, 1));
  CHECK(hush::masked_snippet(4, line, {first}, 5, 1) ==  // a caret inside a span: its preview
        "    4 | a: \u2026(8 chars) b: ghp_XYZ c\n" + carets(4, 10));
  CHECK(hush::masked_snippet(4, line, {}, line.size(), 1) ==  // past the end of the line
        "    4 | " + line + "\n" + carets(25, 1));
  // Overlapping spans become one, previewed anew with the first one's prefix.
  const hush::SecretSpan wide{15, 9, "", hush::masked_preview("ghp_XYZ c")};
  CHECK(hush::masked_snippet(4, line, {second, wide}, 15, 7) ==
        "    4 | a: Zq8Wv3Lp b: ghp_\u2026(9 chars)\n" + carets(16, 14));
  // A secret that goes on past the line keeps its own preview; columns count code points.
  const std::string accented = "\xC3\xA9: -----BEGIN X";
  CHECK(hush::masked_snippet(1, accented, {{4, 40, "-----BEGIN", "-----BEGIN\u2026(90 chars)"}}, 4,
                             40) ==
        "    1 | \xC3\xA9: -----BEGIN\u2026(90 chars)\n" + carets(4, 21));
}

TEST_CASE("preview: a line masker finds detections, known values and assignments", "[preview]") {
  hush::CheckOptions options;
  options.detect = [](std::string_view text) {
    std::vector<hush::DetectedSecret> out;
    const std::size_t at = text.find("ghp_");
    if (at != std::string_view::npos) out.push_back({"github-pat", at, 8, "GitHub token", "ghp_"});
    return out;
  };
  std::vector<hush::NamedSecret> values;
  values.push_back({"DB_PASSWORD", hush::SecretValue("known-value-123")});
  const hush::Redactor known(values);
  const hush::LineMasker masker(options, &known);
  const std::string text = "x\ncurl ghp_ABCD known-value-123 --password=Zq8Wv3Lp\n";
  const hush::LineIndex index(text);
  CHECK(masker.snippet_at(index, 2, 1, 4) ==
        "    2 | curl ghp_\u2026(8 chars) \u2026(15 chars) --password=\u2026(8 chars)\n" +
            carets(1, 4));
  hush::Finding f{hush::Severity::error,
                  "unresolved-reference",
                  {"t", 2, 6},
                  "m",
                  hush::caret_snippet(2, index.line_text(2), 6, 8),
                  ""};
  masker.remask(f, index);
  CHECK(f.snippet ==
        "    2 | curl ghp_\u2026(8 chars) \u2026(15 chars) --password=\u2026(8 chars)\n" +
            carets(6, 14));
}
