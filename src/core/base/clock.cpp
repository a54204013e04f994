#include "core/base/clock.hpp"

#include <cstdint>
#include <hush/error.hpp>

namespace hush {
namespace {

using std::chrono::seconds;

// Reads exactly `width` ASCII digits at `pos`; hand-rolled rather than std::from_chars so a sign
// or a short field is rejected.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::optional<int> year = read_digits(text, 0, 4);
  const std::optional<int> month = read_digits(text, 5, 2);
  const std::optional<int> day = read_digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

// "HH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM": the offset from midnight, in UTC.
std::optional<seconds> parse_time_of_day(std::string_view text) {
  if (text.size() < 9 || text[2] != ':' || text[5] != ':') return std::nullopt;
  const std::optional<int> hour = read_digits(text, 0, 2);
  const std::optional<int> minute = read_digits(text, 3, 2);
  const std::optional<int> second = read_digits(text, 6, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const seconds local{*hour * 3600 + *minute * 60 + *second};
  const std::string_view zone = text.substr(8);
  if (zone == "Z") return local;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
    return std::nullopt;
  }
  const std::optional<int> zone_hour = read_digits(zone, 1, 2);
  const std::optional<int> zone_minute = read_digits(zone, 4, 2);
  if (!zone_hour || !zone_minute || *zone_hour > 23 || *zone_minute > 59) return std::nullopt;
  const seconds offset{*zone_hour * 3600 + *zone_minute * 60};
  return zone[0] == '+' ? local - offset : local + offset;
}

void append_padded(std::string& out, long long value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    out.append(static_cast<std::size_t>(width) - digits.size(), '0');
  }
  out += digits;
}

}  // namespace

Clock system_clock() {
  return [] { return std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now()); };
}

Clock fixed_clock(std::chrono::sys_seconds when) {
  return [when] { return when; };
}

std::optional<seconds> try_parse_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    default:
      return std::nullopt;
  }
  const std::string_view number = text.substr(0, text.size() - 1);
  if (number.size() > 12) return std::nullopt;  // keeps count * unit far from overflow
  std::int64_t count = 0;
  for (const char c : number) {
    if (c < '0' || c > '9') return std::nullopt;
    count = count * 10 + (c - '0');
  }
  if (count == 0) return std::nullopt;
  return seconds(count * unit);
}

seconds parse_duration(std::string_view text) {
  if (const std::optional<seconds> parsed = try_parse_duration(text)) return *parsed;
  throw Error(ErrorKind::invalid_input, "invalid-duration",
              "invalid duration '" + std::string(text) +
                  "': expected a positive number and a unit s, m, h, d or w, e.g. 90d");
}

std::string format_duration(seconds duration) {
  const std::int64_t count = duration.count();
  struct Unit {
    std::int64_t size;
    char suffix;
  };
  for (const Unit unit : {Unit{86400, 'd'}, Unit{3600, 'h'}, Unit{60, 'm'}}) {
    if (count != 0 && count % unit.size == 0) {
      return std::to_string(count / unit.size) + unit.suffix;
    }
  }
  return std::to_string(count) + "s";
}

std::optional<std::chrono::sys_seconds> try_parse_time(std::string_view text) {
  const std::optional<std::chrono::sys_days> date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text.size() == 10) return std::chrono::sys_seconds(*date);
  if (text[10] != 'T') return std::nullopt;
  const std::optional<seconds> time_of_day = parse_time_of_day(text.substr(11));
  if (!time_of_day) return std::nullopt;
  return std::chrono::sys_seconds(*date) + *time_of_day;
}

std::chrono::sys_seconds parse_time(std::string_view text) {
  if (const std::optional<std::chrono::sys_seconds> parsed = try_parse_time(text)) return *parsed;
  throw Error(ErrorKind::invalid_input, "invalid-date",
              "invalid date '" + std::string(text) +
                  "': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), e.g. 2027-02-20");
}

std::string format_time(std::chrono::sys_seconds when) {
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(when);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss<seconds> time(when - day);
  std::string out;
  append_padded(out, static_cast<int>(date.year()), 4);
  out += '-';
  append_padded(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  append_padded(out, static_cast<unsigned>(date.day()), 2);
  out += 'T';
  append_padded(out, time.hours().count(), 2);
  out += ':';
  append_padded(out, time.minutes().count(), 2);
  out += ':';
  append_padded(out, time.seconds().count(), 2);
  out += 'Z';
  return out;
}

}  // namespace hush
