#include "core/check/detect_filters.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "core/base/text.hpp"

namespace hush {

namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool matches(std::string_view value, const RE2& pattern) {
  return RE2::FullMatch(re2::StringPiece(value.data(), value.size()), pattern);
}

// Words that stand for a value rather than being one (and type names: `password: string`).
bool is_stand_in_word(const std::string& v) {
  static constexpr std::string_view k_words[] = {
      "password",  "passwd",  "passphrase", "secret",  "token",     "apikey",   "api_key",
      "pass",      "pwd",     "null",       "none",    "nil",       "true",     "false",
      "undefined", "string",  "str",        "bytes",   "secretstr", "required", "optional",
      "empty",     "default", "value",      "hidden",  "masked",    "unset",    "notset",
      "todo",      "tbd",     "n/a",        "boolean", "number",    "integer",  "object",
      "sensitive", "secure",  "private",    "omitted", "removed"};
  return std::find(std::begin(k_words), std::end(k_words), v) != std::end(k_words);
}

// Parts that only placeholders and documentation contain.
bool has_stand_in_part(const std::string& v) {
  static constexpr std::string_view k_parts[] = {
      "changeme",     "change_me",    "change-me", "changeit", "example", "dummy",  "redacted",
      "placeholder",  "sample",       "replace",   "insert",   "xxx",     "***",    "...",
      "\xe2\x80\xa6", "\xe2\x80\xa2", "123456",    "abcdef",   "qwerty",  "random", "yourpass",
      "your_",        "your-",        "notreal",   "abc123"};
  return std::any_of(std::begin(k_parts), std::end(k_parts),
                     [&](std::string_view p) { return contains(v, p); });
}

bool is_placeholder(std::string_view value) {
  const std::string v = ascii_lower(value);
  if (v.empty() || is_stand_in_word(v) || has_stand_in_part(v)) return true;
  if (v.starts_with("your") || v.starts_with("1234") || v.ends_with("here")) return true;
  if (v.front() == '<' || v.front() == '[' || v.front() == '{') return true;
  const std::set<char> distinct(v.begin(), v.end());
  if (distinct.size() <= 3) return true;                  // aaaaaaaa, abababab, 000000
  static const RE2 upper_words("[A-Z]+(?:[_-][A-Z]+)*");  // RANDOMSTRING, SOME_SECRET_VALUE
  return matches(value, upper_words);
}

bool is_reference_text(std::string_view value) {
  static const RE2 reference(
      R"((?:\$\{.*\}|\$<.*>|\$\(.*\)|\$[A-Za-z_][A-Za-z0-9_]*|%\(.*\)[sd]|%[A-Za-z_][A-Za-z0-9_]*%|)"
      R"(\{\{.*\}\}|#\{.*\}|@[A-Za-z_][A-Za-z0-9_]*@))");
  static const RE2 environment_read(
      R"((?i)(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|system\.getenv|)"
      R"(env\.|env\[|env\(|environment\.getenvironmentvariable|secrets\.|vars\.)[^\r\n]*)");
  static constexpr std::string_view k_openers[] = {"${", "$(", "$<", "{{", "%(", "#{", "!", "<%"};
  const auto opens = [&](std::string_view o) { return value.starts_with(o); };
  return std::any_of(std::begin(k_openers), std::end(k_openers), opens) ||
         matches(value, reference) || matches(value, environment_read);
}

// Code, not a literal: `self.password`, `config.db.pass`, `user_password`, `userPassword`.
bool is_identifier_expression(std::string_view value) {
  static const RE2 dotted(R"([A-Za-z_][A-Za-z0-9_]*(?:(?:\.|->|::)[A-Za-z_][A-Za-z0-9_]*)+)");
  static const RE2 snake(R"([a-z]+(?:_[a-z]+)+|[A-Z]+(?:_[A-Z]+)+)");
  static const RE2 camel(R"([a-z]+(?:[A-Z][a-z]+)+)");
  return matches(value, dotted) || matches(value, snake) || matches(value, camel);
}

bool is_address(std::string_view value) {
  static const RE2 email(
      R"((?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
  static const RE2 host(R"((?i)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::[0-9]{1,5})?)");
  static const RE2 ip(R"([0-9]{1,3}(?:\.[0-9]{1,3}){3}(?::[0-9]{1,5})?|localhost(?::[0-9]+)?)");
  static const RE2 url(R"([A-Za-z][A-Za-z0-9+.-]*://.*)");
  static const RE2 path(
      R"((?:/|~/|\./|\.\./|[A-Za-z]:\\).*|)"
      R"((?i).*\.(?:pem|key|crt|cer|txt|json|ya?ml|env|p12|pfx|jks|der|gpg|asc|conf|cfg|ini|properties|toml))");
  return matches(value, email) || matches(value, host) || matches(value, ip) ||
         matches(value, url) || matches(value, path);
}

}  // namespace

std::optional<ValueFilter> value_filter_named(std::string_view name) {
  if (name == "placeholder") return ValueFilter::placeholder;
  if (name == "reference") return ValueFilter::reference;
  if (name == "address") return ValueFilter::address;
  return std::nullopt;
}

bool filtered_out(ValueFilter filter, std::string_view text, std::size_t offset,
                  std::size_t length) {
  const std::string_view value = text.substr(offset, length);
  const char before = offset > 0 ? text[offset - 1] : '\0';
  const bool quoted = before == '"' || before == '\'' || before == '`';
  switch (filter) {
    case ValueFilter::placeholder:
      return is_placeholder(value);
    case ValueFilter::reference:
      return is_reference_text(value) ||
             (!quoted && (is_identifier_expression(value) || contains(value, "(")));
    case ValueFilter::address:
      return is_address(value);
  }
  return false;
}

bool passes(const SecretChecks& checks, std::string_view text, std::size_t offset,
            std::size_t length) {
  const std::string_view value = text.substr(offset, length);
  const auto allows = [&](const auto& a) {
    return RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), *a);
  };
  const auto drops = [&](ValueFilter f) { return filtered_out(f, text, offset, length); };
  return std::none_of(checks.allow.begin(), checks.allow.end(), allows) &&
         !(checks.entropy && shannon_entropy(value) < *checks.entropy) &&
         std::none_of(checks.filters.begin(), checks.filters.end(), drops);
}

bool crosses_line_break(std::string_view match) {
  const std::size_t first = match.find_first_not_of("\r\n");
  const std::size_t last = match.find_last_not_of("\r\n");
  return first != std::string_view::npos &&
         match.substr(first, last - first + 1).find_first_of("\r\n") != std::string_view::npos;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double entropy = 0.0;
  for (std::size_t n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(text.size());
    entropy -= p * std::log2(p);
  }
  return entropy;
}

}  // namespace hush
