#include "core/model/schema_adapter.hpp"

#include <charconv>
#include <limits>
#include <string_view>

namespace hush::detail {
namespace {

bool is_digit(char c, int base) {
  if (c >= '0' && c <= '9') return c - '0' < base;
  const char lower = static_cast<char>(c | 0x20);
  return base == 16 && lower >= 'a' && lower <= 'f';
}

// Counts the digits of `base` at the front of `text` and drops them.
std::size_t take_digits(std::string_view& text, int base) {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n], base)) ++n;
  text.remove_prefix(n);
  return n;
}

std::string_view without_sign(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return text;
}

// YAML 1.2 core schema integer: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
int integer_base(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x')) {
    const int base = text[1] == 'o' ? 8 : 16;
    text.remove_prefix(2);
    return take_digits(text, base) > 0 && text.empty() ? base : 0;
  }
  text = without_sign(text);
  return take_digits(text, 10) > 0 && text.empty() ? 10 : 0;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, [-+]?\.inf and .nan in three spellings.
bool is_core_float(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return true;
  text = without_sign(text);
  if (text == ".inf" || text == ".Inf" || text == ".INF") return true;
  std::size_t digits = take_digits(text, 10);
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    digits += take_digits(text, 10);
  }
  if (digits == 0) return false;
  if (!text.empty() && (text.front() == 'e' || text.front() == 'E')) {
    text = without_sign(text.substr(1));
    if (take_digits(text, 10) == 0) return false;
  }
  return text.empty();
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  const int base = integer_base(text);
  if (base == 0) return std::nullopt;
  if (base != 10) text.remove_prefix(2);
  if (text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

JsonKind plain_kind(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return JsonKind::null;
  }
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    return JsonKind::boolean;
  }
  if (parse_integer(text)) return JsonKind::integer;
  if (integer_base(text) != 0 || is_core_float(text)) return JsonKind::number;
  return JsonKind::string;
}

}  // namespace

JsonKind json_kind(const YamlNode& node) {
  switch (node.kind) {
    case NodeKind::null:
      return JsonKind::null;
    case NodeKind::map:
      return JsonKind::object;
    case NodeKind::sequence:
      return JsonKind::array;
    case NodeKind::scalar:
      break;
  }
  return node.plain ? plain_kind(node.value) : JsonKind::string;
}

std::string kind_phrase(JsonKind kind) {
  switch (kind) {
    case JsonKind::null:
      return "null";
    case JsonKind::boolean:
      return "a boolean";
    case JsonKind::integer:
      return "an integer";
    case JsonKind::number:
      return "a number";
    case JsonKind::string:
      return "a string";
    case JsonKind::array:
      return "a list";
    case JsonKind::object:
      return "a mapping";
  }
  return "a value";
}

const YamlNode& empty_collection(NodeKind kind) {
  static const YamlNode map = [] {
    YamlNode node;
    node.kind = NodeKind::map;
    return node;
  }();
  static const YamlNode sequence = [] {
    YamlNode node;
    node.kind = NodeKind::sequence;
    return node;
  }();
  return kind == NodeKind::sequence ? sequence : map;
}

bool YamlNodeValue::getArraySize(std::size_t& result) const {
  if (!isArray()) return false;
  result = m_node->children.size();
  return true;
}

bool YamlNodeValue::getObjectSize(std::size_t& result) const {
  if (!isObject()) return false;
  result = m_node->keys.size();
  return true;
}

bool YamlNodeValue::getBool(bool& result) const {
  if (!isBool()) return false;
  result = m_node->value.front() == 't' || m_node->value.front() == 'T';
  return true;
}

bool YamlNodeValue::getInteger(std::int64_t& result) const {
  if (!isInteger()) return false;
  result = *parse_integer(m_node->value);
  return true;
}

// Only bounds checks (minimum, maximum, multipleOf) read doubles: .inf and .nan become the
// matching IEEE values, and hexadecimal or octal integers too large for int64 become infinity.
bool YamlNodeValue::getDouble(double& result) const {
  if (!isDouble()) return false;
  std::string_view text = m_node->value;
  const bool negative = !text.empty() && text.front() == '-';
  text = without_sign(text);
  const int base = integer_base(text);
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    result = std::numeric_limits<double>::quiet_NaN();
  } else if (text == ".inf" || text == ".Inf" || text == ".INF" || base == 8 || base == 16) {
    result = std::numeric_limits<double>::infinity();
  } else {
    std::from_chars(text.data(), text.data() + text.size(), result);
  }
  if (negative) result = -result;
  return true;
}

bool YamlNodeValue::getString(std::string& result) const {
  if (!isString()) return false;
  result = m_node->value;
  return true;
}

bool YamlNodeFrozenValue::equalTo(const valijson::adapters::Adapter& other, bool strict) const {
  return YamlNodeAdapter(m_value).equalTo(other, strict);
}

}  // namespace hush::detail
