#include "core/log/redact_literals.hpp"

#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/log/redact_impl.hpp"

namespace {

using Found = std::set<std::tuple<std::size_t, std::size_t, std::uint32_t>>;

Found found_in(const hush::detail::LiteralFinder& finder, std::string_view text,
               std::size_t report_from = 0) {
  Found out;
  finder.find(text, report_from, [&](std::size_t begin, std::size_t end, std::uint32_t tag) {
    CHECK(out.emplace(begin, end, tag).second);  // each occurrence once
  });
  return out;
}

// Every occurrence of every pattern, the lowest tag for identical patterns.
Found naive(const std::vector<std::string>& patterns, std::string_view text,
            std::size_t report_from = 0) {
  Found out;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    bool first = true;
    for (std::size_t q = 0; q < p; ++q) first = first && patterns[q] != patterns[p];
    if (!first) continue;
    for (std::size_t at = text.find(patterns[p]); at != std::string_view::npos;
         at = text.find(patterns[p], at + 1)) {
      if (at + patterns[p].size() > report_from) {
        out.emplace(at, at + patterns[p].size(), static_cast<std::uint32_t>(p));
      }
    }
  }
  return out;
}

hush::detail::LiteralFinder finder_of(const std::vector<std::string>& patterns) {
  hush::detail::LiteralFinder finder;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    finder.add(patterns[i], static_cast<std::uint32_t>(i));
  }
  finder.build();
  return finder;
}

}  // namespace

TEST_CASE("redact literals: every occurrence, overlapping ones too, at any offset", "[redact]") {
  const std::vector<std::string> patterns = {"abcd", "bcdefgh", "abcd", "zzzzzz", "cdefghijklmno"};
  const hush::detail::LiteralFinder finder = finder_of(patterns);
  REQUIRE(finder.usable());
  const std::string text = "xabcdefghijklmnop zzzzzzzz abcd abc bcdefg ab";
  CHECK(found_in(finder, text) == naive(patterns, text));
  for (std::size_t from = 0; from <= text.size(); ++from) {
    CAPTURE(from);
    CHECK(found_in(finder, text, from) == naive(patterns, text, from));
  }
}

TEST_CASE("redact literals: random patterns and texts agree with a naive search", "[redact]") {
  std::mt19937 rng(1234);
  for (int round = 0; round < 200; ++round) {
    const char* alphabet = round % 2 == 0 ? "ab" : "abcdefgh";
    const std::size_t letters = round % 2 == 0 ? 2 : 8;
    std::vector<std::string> patterns(1 + rng() % 12);
    for (std::string& p : patterns) {
      p.resize(4 + rng() % 14);
      for (char& c : p) c = alphabet[rng() % letters];
    }
    std::string text(rng() % 300, ' ');
    for (char& c : text) c = alphabet[rng() % letters];
    for (const std::string& p : patterns) {  // plant a few
      if (text.size() > p.size()) text.replace(rng() % (text.size() - p.size()), p.size(), p);
    }
    CAPTURE(round, text);
    CHECK(found_in(finder_of(patterns), text) == naive(patterns, text));
  }
}

TEST_CASE("redact literals: a pattern under four bytes leaves the finder unusable", "[redact]") {
  CHECK_FALSE(finder_of({"abcdef", "xyz"}).usable());
  CHECK_FALSE(finder_of({}).usable());
  CHECK(finder_of({"abcdef", ""}).usable());  // empty patterns are ignored
}

// `HUSH_TEST_AUTOMATON_ONLY=1` (a second ctest run of the [redact] tests) builds every redactor
// without the literal finder, so both ways of finding raw matches pass the same tests.
struct AutomatonOnlyListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunStarting(Catch::TestRunInfo const& /*info*/) override {
    if (std::getenv("HUSH_TEST_AUTOMATON_ONLY") != nullptr) {
      hush::detail::use_literal_finder(false);
    }
  }
};
CATCH_REGISTER_LISTENER(AutomatonOnlyListener)
