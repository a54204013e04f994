// Private to schema: a valijson adapter over hush's YamlNode tree. Plain scalars are typed by the
// YAML 1.2 core schema (null, booleans, integers, floats); quoted and block scalars are strings.
// It serves both the schema (JSON is YAML; JSON strings are always quoted) and the documents.
// The member names are valijson's adapter interface, hence camelCase.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

enum class JsonKind { null, boolean, integer, number, string, array, object };

// The JSON kind of `node` (see above). An integer too large for int64 counts as a number.
[[nodiscard]] JsonKind json_kind(const YamlNode& node);
// "a string", "a list", "a mapping", "an integer", "a number", "a boolean", "null".
[[nodiscard]] std::string kind_phrase(JsonKind kind);
// A shared empty mapping or sequence, for default-constructed adapters.
[[nodiscard]] const YamlNode& empty_collection(NodeKind kind);

class YamlNodeAdapter;
using YamlNodeMember = std::pair<std::string, YamlNodeAdapter>;

// Walks the children of one sequence or mapping node by index.
template <typename Item>
class YamlNodeIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = Item;
  using difference_type = std::ptrdiff_t;
  using pointer = Item*;
  using reference = Item&;

  YamlNodeIterator(const YamlNode* node, std::size_t index) : m_node(node), m_index(index) {}
  Item operator*() const;
  valijson::adapters::DerefProxy<Item> operator->() const {
    return valijson::adapters::DerefProxy<Item>(**this);
  }
  bool operator==(const YamlNodeIterator& other) const { return m_index == other.m_index; }
  bool operator!=(const YamlNodeIterator& other) const { return m_index != other.m_index; }
  const YamlNodeIterator& operator++() { return ++m_index, *this; }
  YamlNodeIterator operator++(int) { return {m_node, m_index++}; }
  const YamlNodeIterator& operator--() { return --m_index, *this; }
  void advance(std::ptrdiff_t n) {
    m_index = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(m_index) + n);
  }

 private:
  const YamlNode* m_node;
  std::size_t m_index;
};

// The items of a sequence node, or of an empty one.
class YamlNodeArray {
 public:
  using const_iterator = YamlNodeIterator<YamlNodeAdapter>;
  using iterator = const_iterator;
  YamlNodeArray() : m_node(&empty()) {}
  explicit YamlNodeArray(const YamlNode& node) : m_node(&node) {}
  [[nodiscard]] const_iterator begin() const { return {m_node, 0}; }
  [[nodiscard]] const_iterator end() const { return {m_node, m_node->children.size()}; }
  [[nodiscard]] std::size_t size() const { return m_node->children.size(); }

 private:
  static const YamlNode& empty() { return empty_collection(NodeKind::sequence); }
  const YamlNode* m_node;
};

// The members of a mapping node, or of an empty one. Keys are the key scalars' text.
class YamlNodeObject {
 public:
  using const_iterator = YamlNodeIterator<YamlNodeMember>;
  using iterator = const_iterator;
  YamlNodeObject() : m_node(&empty()) {}
  explicit YamlNodeObject(const YamlNode& node) : m_node(&node) {}
  [[nodiscard]] const_iterator begin() const { return {m_node, 0}; }
  [[nodiscard]] const_iterator end() const { return {m_node, m_node->keys.size()}; }
  [[nodiscard]] const_iterator find(const std::string& name) const {
    std::size_t i = 0;
    while (i < m_node->keys.size() && m_node->keys[i].value != name) ++i;
    return {m_node, i};
  }
  [[nodiscard]] std::size_t size() const { return m_node->keys.size(); }

 private:
  static const YamlNode& empty() { return empty_collection(NodeKind::map); }
  const YamlNode* m_node;
};

// A copy of a schema value (const, enum, default) that outlives the adapter it came from.
class YamlNodeFrozenValue : public valijson::adapters::FrozenValue {
 public:
  explicit YamlNodeFrozenValue(YamlNode value) : m_value(std::move(value)) {}
  [[nodiscard]] FrozenValue* clone() const override { return new YamlNodeFrozenValue(m_value); }
  [[nodiscard]] bool equalTo(const valijson::adapters::Adapter& other, bool strict) const override;

 private:
  YamlNode m_value;
};

// One node seen as a JSON value. Views the node: the tree must outlive it.
class YamlNodeValue {
 public:
  YamlNodeValue() : YamlNodeValue(empty()) {}
  explicit YamlNodeValue(const YamlNode& node) : m_node(&node), m_kind(json_kind(node)) {}

  [[nodiscard]] valijson::adapters::FrozenValue* freeze() const {
    return new YamlNodeFrozenValue(*m_node);
  }
  [[nodiscard]] std::optional<YamlNodeArray> getArrayOptional() const {
    if (!isArray()) return std::nullopt;
    return YamlNodeArray(*m_node);
  }
  [[nodiscard]] std::optional<YamlNodeObject> getObjectOptional() const {
    if (!isObject()) return std::nullopt;
    return YamlNodeObject(*m_node);
  }
  bool getArraySize(std::size_t& result) const;
  bool getObjectSize(std::size_t& result) const;
  bool getBool(bool& result) const;
  bool getDouble(double& result) const;
  bool getInteger(std::int64_t& result) const;
  bool getString(std::string& result) const;
  static bool hasStrictTypes() { return true; }
  [[nodiscard]] bool isArray() const { return m_kind == JsonKind::array; }
  [[nodiscard]] bool isBool() const { return m_kind == JsonKind::boolean; }
  [[nodiscard]] bool isDouble() const { return m_kind == JsonKind::number; }
  [[nodiscard]] bool isInteger() const { return m_kind == JsonKind::integer; }
  [[nodiscard]] bool isNull() const { return m_kind == JsonKind::null; }
  [[nodiscard]] bool isNumber() const { return isInteger() || isDouble(); }
  [[nodiscard]] bool isObject() const { return m_kind == JsonKind::object; }
  [[nodiscard]] bool isString() const { return m_kind == JsonKind::string; }

 private:
  static const YamlNode& empty() { return empty_collection(NodeKind::map); }
  const YamlNode* m_node;
  JsonKind m_kind;
};

class YamlNodeAdapter
    : public valijson::adapters::BasicAdapter<YamlNodeAdapter, YamlNodeArray, YamlNodeMember,
                                              YamlNodeObject, YamlNodeValue> {
 public:
  YamlNodeAdapter() = default;
  explicit YamlNodeAdapter(const YamlNode& node) : BasicAdapter(YamlNodeValue(node)) {}
};

template <>
inline YamlNodeAdapter YamlNodeIterator<YamlNodeAdapter>::operator*() const {
  return YamlNodeAdapter(m_node->children[m_index]);
}

template <>
inline YamlNodeMember YamlNodeIterator<YamlNodeMember>::operator*() const {
  return {m_node->keys[m_index].value, YamlNodeAdapter(m_node->children[m_index])};
}

}  // namespace hush::detail

namespace valijson::adapters {
template <>
struct AdapterTraits<hush::detail::YamlNodeAdapter> {
  using DocumentType = hush::YamlNode;
  static std::string adapterName() { return "YamlNodeAdapter"; }
};
}  // namespace valijson::adapters
