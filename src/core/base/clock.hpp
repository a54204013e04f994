// hush/clock.hpp — time as the sidecar writes it: durations ("90d"), UTC dates and timestamps
// ("2027-02-20", "2027-02-20T00:00:00Z"), and a Clock injection point so that code computing
// expiry and rotation is tested against a fixed "now" instead of the real time.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hush {

// Returns "now" in whole seconds. Library functions take a Clock (or a time point) instead of
// reading the system clock so tests can pin the time.
using Clock = std::function<std::chrono::sys_seconds()>;

// The real UTC time, truncated to seconds. Thread-safe.
[[nodiscard]] Clock system_clock();
// Always returns `when`.
[[nodiscard]] Clock fixed_clock(std::chrono::sys_seconds when);

// A positive whole number followed by one unit: s, m, h, d (24 h) or w (7 d): "45s", "90m",
// "12h", "30d", "2w". Nullopt for anything else (empty, no unit, zero, negative, overflow,
// spaces, several units).
[[nodiscard]] std::optional<std::chrono::seconds> try_parse_duration(std::string_view text);
// As try_parse_duration; throws Error(invalid_input, "invalid-duration") naming `text` and the
// accepted form.
[[nodiscard]] std::chrono::seconds parse_duration(std::string_view text);
// The canonical text of a positive duration in the largest of d, h, m, s that divides it
// exactly ("2w" is written "14d"), so that parse_duration(format_duration(d)) == d.
[[nodiscard]] std::string format_duration(std::chrono::seconds duration);

// "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM:SSZ", or that form with a "+HH:MM"/"-HH:MM"
// offset instead of "Z" (converted to UTC). Validates the calendar date and the time of day.
// Nullopt for anything else.
[[nodiscard]] std::optional<std::chrono::sys_seconds> try_parse_time(std::string_view text);
// As try_parse_time; throws Error(invalid_input, "invalid-date") naming `text` and the forms.
[[nodiscard]] std::chrono::sys_seconds parse_time(std::string_view text);
// ISO 8601 in UTC with a "Z" suffix: "2026-11-22T23:00:00Z".
[[nodiscard]] std::string format_time(std::chrono::sys_seconds when);

}  // namespace hush
