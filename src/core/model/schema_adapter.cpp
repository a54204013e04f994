#include "core/model/schema_adapter.hpp"

#include <string_view>

#include "core/yaml/core_schema.hpp"

namespace hush::detail {
namespace {

JsonKind plain_kind(std::string_view text) {
  switch (core_type(text)) {
    case CoreType::null:
      return JsonKind::null;
    case CoreType::boolean:
      return JsonKind::boolean;
    case CoreType::integer:
      return core_int64(text) ? JsonKind::integer : JsonKind::number;
    case CoreType::floating:
      return JsonKind::number;
    case CoreType::string:
      return JsonKind::string;
  }
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
  result = *core_int64(m_node->value);
  return true;
}

// Only bounds checks (minimum, maximum, multipleOf) read doubles: .inf and .nan become the
// matching IEEE values, and integers too large for a double become infinity.
bool YamlNodeValue::getDouble(double& result) const {
  if (!isDouble()) return false;
  result = core_double(m_node->value);
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
