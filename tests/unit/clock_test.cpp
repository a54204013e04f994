#include "core/base/clock.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

using namespace std::chrono_literals;

namespace {

std::chrono::sys_seconds at(int y, unsigned m, unsigned d, std::chrono::seconds time = 0s) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d) + time;
}

}  // namespace

TEST_CASE("clock: parses durations in every unit", "[clock]") {
  struct Case {
    const char* text;
    std::chrono::seconds expected;
  };
  const Case cases[] = {{"45s", 45s},     {"90m", 90min}, {"12h", 12h},        {"30d", 30 * 24h},
                        {"2w", 14 * 24h}, {"1s", 1s},     {"365d", 365 * 24h}, {"007h", 7h}};
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(hush::parse_duration(c.text) == c.expected);
  }
}

TEST_CASE("clock: rejects malformed durations with an invalid-duration error", "[clock]") {
  for (const char* text : {"", "d", "30", "0d", "-5d", "5y", "1.5h", " 5d", "5d ", "5 d", "1h30m",
                           "99999999999999d"}) {
    CAPTURE(text);
    CHECK_FALSE(hush::try_parse_duration(text).has_value());
    try {
      (void)hush::parse_duration(text);
      FAIL("no error");
    } catch (const hush::Error& error) {
      CHECK(error.id() == "invalid-duration");
      CHECK(error.kind() == hush::ErrorKind::invalid_input);
    }
  }
  CHECK_THROWS_WITH(hush::parse_duration("5y"),
                    "error: invalid duration '5y': expected a positive number and a unit s, m, h, "
                    "d or w, e.g. 90d [invalid-duration]");
}

TEST_CASE("clock: formats durations canonically and round-trips them", "[clock]") {
  CHECK(hush::format_duration(90 * 24h) == "90d");
  CHECK(hush::format_duration(14 * 24h) == "14d");
  CHECK(hush::format_duration(12h) == "12h");
  CHECK(hush::format_duration(90min) == "90m");
  CHECK(hush::format_duration(45s) == "45s");
  CHECK(hush::format_duration(25h) == "25h");
  for (const char* text : {"2w", "30d", "12h", "61m", "3601s"}) {
    CAPTURE(text);
    const std::chrono::seconds d = hush::parse_duration(text);
    CHECK(hush::parse_duration(hush::format_duration(d)) == d);
  }
}

TEST_CASE("clock: parses dates and UTC timestamps", "[clock]") {
  struct Case {
    const char* text;
    std::chrono::sys_seconds expected;
  };
  const Case cases[] = {
      {"2027-02-20", at(2027, 2, 20)},
      {"2027-02-20T00:00:00Z", at(2027, 2, 20)},
      {"2026-11-22T23:00:00Z", at(2026, 11, 22, 23h)},
      {"2024-02-29T12:34:56Z", at(2024, 2, 29, 12h + 34min + 56s)},
      {"2026-11-23T01:00:00+02:00", at(2026, 11, 22, 23h)},
      {"2026-11-22T20:30:00-02:30", at(2026, 11, 22, 23h)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(hush::parse_time(c.text) == c.expected);
  }
}

TEST_CASE("clock: rejects impossible or malformed dates with an invalid-date error", "[clock]") {
  for (const char* text : {"", "2027-2-20", "2027-02-30", "2023-02-29", "2027-13-01",
                           "2027-02-20T24:00:00Z", "2027-02-20T10:00:00", "2027-02-20 10:00:00Z",
                           "2027-02-20T10:00Z", "20270220", "2027-02-20Z", "tomorrow"}) {
    CAPTURE(text);
    CHECK_FALSE(hush::try_parse_time(text).has_value());
    CHECK_THROWS_MATCHES(hush::parse_time(text), hush::Error,
                         Catch::Matchers::Predicate<hush::Error>(
                             [](const hush::Error& e) { return e.id() == "invalid-date"; }));
  }
}

TEST_CASE("clock: formats ISO 8601 UTC and round-trips", "[clock]") {
  CHECK(hush::format_time(at(2026, 11, 22, 23h)) == "2026-11-22T23:00:00Z");
  CHECK(hush::format_time(at(1999, 1, 2, 3h + 4min + 5s)) == "1999-01-02T03:04:05Z");
  const std::chrono::sys_seconds t = at(2030, 6, 15, 7h + 8min + 9s);
  CHECK(hush::parse_time(hush::format_time(t)) == t);
}

TEST_CASE("clock: a fixed clock always returns its time, the system clock is near now", "[clock]") {
  const hush::Clock fixed = hush::fixed_clock(at(2026, 1, 1));
  CHECK(fixed() == at(2026, 1, 1));
  CHECK(fixed() == at(2026, 1, 1));
  const hush::Clock real = hush::system_clock();
  CHECK(real() > at(2020, 1, 1));
}
