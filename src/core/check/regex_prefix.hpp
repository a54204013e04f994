// hush/regex_prefix.hpp — what every match of a detection rule's secret part starts with, read
// from the rule's RE2 pattern text, so that a rule's declared `prefix:` is checked when the rules
// load. Conservative: where the start of the pattern is not plain literal text, nothing is known.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// Literal strings such that every string the secret part of `pattern` matches (its first
// capturing group, else the whole match, as Detector::scan takes it) starts with one of them.
// {""} when nothing is known: a case-insensitive pattern, an alternation or an optional group
// around the secret part, or a pattern that does not start with literal characters, `\`-escaped
// punctuation, a bracket list without ranges or a `(?:a|b)` group of literals. At most 64
// strings. Pure; linear in the pattern's length times the number of strings.
[[nodiscard]] std::vector<std::string> literal_starts(std::string_view pattern);

}  // namespace hush
