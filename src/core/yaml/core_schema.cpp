#include "core/yaml/core_schema.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

namespace hush {
namespace {

bool is_digit(char c, int base) {
  if (c >= '0' && c <= '9') return c - '0' < base;
  const char lower = static_cast<char>(c | 0x20);
  return base == 16 && lower >= 'a' && lower <= 'f';
}

int digit_value(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// Counts the digits of `base` at the front of `text` and drops them.
std::size_t take_digits(std::string_view& text, int base) {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n], base)) ++n;
  text.remove_prefix(n);
  return n;
}

// The sign ("-", "+" or "") and the rest.
std::pair<std::string_view, std::string_view> split_sign(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    return {text.substr(0, 1), text.substr(1)};
  }
  return {{}, text};
}

// [-+]?[0-9]+ is base 10; 0o[0-7]+ base 8; 0x[0-9a-fA-F]+ base 16; otherwise 0.
int integer_base(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x')) {
    const int base = text[1] == 'o' ? 8 : 16;
    text.remove_prefix(2);
    return take_digits(text, base) > 0 && text.empty() ? base : 0;
  }
  text = split_sign(text).second;
  return take_digits(text, 10) > 0 && text.empty() ? 10 : 0;
}

constexpr std::array<std::string_view, 3> k_nan = {".nan", ".NaN", ".NAN"};
constexpr std::array<std::string_view, 3> k_inf = {".inf", ".Inf", ".INF"};

bool is_one_of(std::string_view text, const std::array<std::string_view, 3>& words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_float_number(std::string_view text) {
  text = split_sign(text).second;
  std::size_t digits = take_digits(text, 10);
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    digits += take_digits(text, 10);
  }
  if (digits == 0) return false;
  if (!text.empty() && (text.front() == 'e' || text.front() == 'E')) {
    text = split_sign(text.substr(1)).second;
    if (take_digits(text, 10) == 0) return false;
  }
  return text.empty();
}

// The decimal digits of `digits` read in `base` (no sign, no prefix), without leading zeros.
std::string to_decimal(std::string_view digits, int base) {
  std::vector<int> decimal{0};  // least significant digit first
  for (char c : digits) {
    int carry = digit_value(c);
    for (int& d : decimal) {
      const int v = d * base + carry;
      d = v % 10;
      carry = v / 10;
    }
    for (; carry > 0; carry /= 10) decimal.push_back(carry % 10);
  }
  std::string out;
  for (auto it = decimal.rbegin(); it != decimal.rend(); ++it) out += static_cast<char>('0' + *it);
  return out;
}

std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

std::string float_json(std::string_view text) {
  const auto [sign, rest] = split_sign(text);
  std::string out = sign == "-" ? "-" : "";
  std::string_view body = rest;
  std::string_view whole = body.substr(0, body.find_first_of(".eE"));
  body.remove_prefix(whole.size());
  out += whole.empty() ? std::string_view("0") : without_leading_zeros(whole);
  if (!body.empty() && body.front() == '.') {
    body.remove_prefix(1);
    std::string_view fraction = body.substr(0, body.find_first_of("eE"));
    body.remove_prefix(fraction.size());
    if (!fraction.empty()) out += "." + std::string(fraction);
  }
  out += body;  // the exponent, which JSON writes as YAML does
  return out;
}

}  // namespace

CoreType core_type(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return CoreType::null;
  }
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    return CoreType::boolean;
  }
  if (integer_base(text) != 0) return CoreType::integer;
  if (is_one_of(text, k_nan) || is_one_of(split_sign(text).second, k_inf) ||
      is_float_number(text)) {
    return CoreType::floating;
  }
  return CoreType::string;
}

std::optional<std::int64_t> core_int64(std::string_view text) {
  const int base = integer_base(text);
  if (base == 0) return std::nullopt;
  if (base != 10) text.remove_prefix(2);
  if (text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

double core_double(std::string_view text) {
  if (is_one_of(text, k_nan)) return std::numeric_limits<double>::quiet_NaN();
  const auto [sign, rest] = split_sign(text);
  const double unsigned_value = [&] {
    if (is_one_of(rest, k_inf)) return std::numeric_limits<double>::infinity();
    const int base = integer_base(rest);
    const std::string decimal =
        base == 8 || base == 16 ? to_decimal(rest.substr(2), base) : std::string(rest);
    double value = 0;
    const auto [end, error] =
        std::from_chars(decimal.data(), decimal.data() + decimal.size(), value);
    (void)end;
    return error == std::errc::result_out_of_range ? std::numeric_limits<double>::infinity()
                                                   : value;
  }();
  return sign == "-" ? -unsigned_value : unsigned_value;
}

namespace {

// A number JSON readers cannot hold: beyond the range of an IEEE double (most readers refuse
// it or read infinity, so its value would not survive).
bool beyond_double(const std::string& json) {
  errno = 0;
  const double value = std::strtod(json.c_str(), nullptr);
  return errno == ERANGE && std::isinf(value);
}

std::optional<std::string> portable(std::string json) {
  if (beyond_double(json)) return std::nullopt;
  return json;
}

}  // namespace

std::optional<std::string> core_json_text(std::string_view text) {
  switch (core_type(text)) {
    case CoreType::null:
      return "null";
    case CoreType::boolean:
      return text.front() == 't' || text.front() == 'T' ? "true" : "false";
    case CoreType::integer: {
      const int base = integer_base(text);
      if (base != 10) return portable(to_decimal(text.substr(2), base));
      const auto [sign, digits] = split_sign(text);
      const std::string_view kept = without_leading_zeros(digits);
      return portable((sign == "-" && kept != "0" ? "-" : "") + std::string(kept));
    }
    case CoreType::floating:
      if (is_one_of(text, k_nan) || is_one_of(split_sign(text).second, k_inf)) return std::nullopt;
      return portable(float_json(text));
    case CoreType::string:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace hush
