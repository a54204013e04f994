// hush/detect_filters.hpp — the filters a detection's secret part passes: the shared value filters
// a rule names in `filters:` (they drop a placeholder, a reference or an address rather than a
// credential), the entropy measure, and the one-line test. Pure functions; thread-safe.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace re2 {
class RE2;
}

namespace hush {

enum class ValueFilter {
  // `changeme`, `your-…-here`, `<…>`, `{{…}}`, `xxx`, `****`, `example`, `dummy`, `redacted`,
  // `1234…`/`abcdef` runs, UPPER_CASE_WORDS (`RANDOMSTRING`), repeated characters, type names
  placeholder,
  // only a reference: `${…}`, `$<…>`, `$VAR`, `%(x)s`, `%VAR%`, `process.env.X`,
  // `os.environ[…]`, `getenv(…)`, and, when unquoted, a dotted or snake/camel-case identifier
  reference,
  // an e-mail address, a hostname or IP address, a URL, or a file path
  address,
};

// The filter named `name` in a rules file (`placeholder`, `reference`, `address`), or nullopt.
[[nodiscard]] std::optional<ValueFilter> value_filter_named(std::string_view name);

// True when `filter` drops the secret part `text.substr(offset, length)`. The characters around it
// count: a value right after a quote is a quoted literal, not code. `offset + length` must not
// exceed `text.size()`. Linear in `length`.
[[nodiscard]] bool filtered_out(ValueFilter filter, std::string_view text, std::size_t offset,
                                std::size_t length);

// What a secret part must pass besides its rule's regex.
struct SecretChecks {
  std::span<const std::unique_ptr<re2::RE2>> allow;  // a value one of these matches is allowed
  std::optional<double> entropy;                     // minimum bits per byte
  std::span<const ValueFilter> filters;
};

// True when the secret part `text.substr(offset, length)` matches no allow pattern, reaches the
// entropy and no filter drops it.
[[nodiscard]] bool passes(const SecretChecks& checks, std::string_view text, std::size_t offset,
                          std::size_t length);

// True when `match` holds a line break other than at its two ends (where a pattern's `^`, `$` or
// `\s` may take one): such a match is no detection unless its rule is `multiline`.
[[nodiscard]] bool crosses_line_break(std::string_view match);

// Shannon entropy of `text` in bits per byte.
[[nodiscard]] double shannon_entropy(std::string_view text);

}  // namespace hush
