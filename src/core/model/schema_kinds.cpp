#include "core/model/schema_kinds.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "core/model/schema_adapter.hpp"

namespace hush::detail {
namespace {

// How far $ref chains and combinators are followed.
constexpr int k_max_schema_depth = 32;

const YamlNode* resolve_pointer(const YamlNode& root, std::string_view pointer) {
  if (!pointer.starts_with('#')) return nullptr;
  pointer.remove_prefix(1);
  const YamlNode* node = &root;
  while (node != nullptr && pointer.starts_with('/')) {
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token(pointer.substr(0, end));
    pointer.remove_prefix(end);
    for (std::size_t at = token.find("~1"); at != token.npos; at = token.find("~1", at + 1)) {
      token.replace(at, 2, "/");
    }
    for (std::size_t at = token.find("~0"); at != token.npos; at = token.find("~0", at + 1)) {
      token.replace(at, 2, "~");
    }
    const std::optional<std::size_t> index = parse_index(token);
    if (node->kind == NodeKind::sequence) {
      node = index && *index < node->children.size() ? &node->children[*index] : nullptr;
    } else {
      node = node->find(token);
    }
  }
  return pointer.empty() ? node : nullptr;
}

// `schema` and every subschema that applies to the same value: $ref targets and the branches of
// allOf, anyOf, oneOf, then and else.
void expand(const YamlNode& root, const YamlNode* schema, std::vector<const YamlNode*>& out,
            int depth) {
  if (schema == nullptr || schema->kind != NodeKind::map || depth > k_max_schema_depth) return;
  out.push_back(schema);
  if (const YamlNode* ref = schema->find("$ref"); ref != nullptr && ref->kind == NodeKind::scalar) {
    expand(root, resolve_pointer(root, ref->value), out, depth + 1);
  }
  for (const std::string_view key : {"allOf", "anyOf", "oneOf"}) {
    const YamlNode* branches = schema->find(key);
    if (branches == nullptr || branches->kind != NodeKind::sequence) continue;
    for (const YamlNode& branch : branches->children) expand(root, &branch, out, depth + 1);
  }
  expand(root, schema->find("then"), out, depth + 1);
  expand(root, schema->find("else"), out, depth + 1);
}

// The subschema `schema` gives the child at `segment`: items, properties or
// additionalProperties.
const YamlNode* child_schema(const YamlNode& schema, const PathSegment& segment) {
  if (segment.is_index) {
    const YamlNode* items = schema.find("items");
    if (items == nullptr || items->kind != NodeKind::sequence) return items;
    return segment.index < items->children.size() ? &items->children[segment.index] : nullptr;
  }
  const YamlNode* properties = schema.find("properties");
  const YamlNode* named = properties == nullptr ? nullptr : properties->find(segment.key);
  return named != nullptr ? named : schema.find("additionalProperties");
}

// The "type" names the schema gives the value at `path`, in the schema's order.
std::vector<std::string> type_names(const YamlNode& root, const NodePath& path) {
  std::vector<const YamlNode*> schemas;
  expand(root, &root, schemas, 0);
  for (const PathSegment& segment : path) {
    std::vector<const YamlNode*> next;
    for (const YamlNode* schema : schemas) expand(root, child_schema(*schema, segment), next, 0);
    schemas = std::move(next);
  }
  std::vector<std::string> names;
  for (const YamlNode* schema : schemas) {
    const YamlNode* type = schema->find("type");
    if (type == nullptr) continue;
    if (type->kind == NodeKind::scalar) names.push_back(type->value);
    for (const YamlNode& item : type->children) names.push_back(item.value);
  }
  return names;
}

}  // namespace

std::optional<std::size_t> parse_index(std::string_view text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != text.npos) {
    return std::nullopt;
  }
  std::size_t value = 0;
  for (char c : text) value = value * 10 + static_cast<std::size_t>(c - '0');
  return value;
}

std::vector<std::string> allowed_kinds(const YamlNode& root, const NodePath& path) {
  const std::vector<std::string> names = type_names(root, path);
  const auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const std::pair<std::string_view, JsonKind> k_kinds[] = {
      {"string", JsonKind::string},   {"number", JsonKind::number}, {"integer", JsonKind::integer},
      {"boolean", JsonKind::boolean}, {"array", JsonKind::array},   {"object", JsonKind::object},
      {"null", JsonKind::null}};
  const bool not_only_null =
      std::any_of(names.begin(), names.end(), [](const std::string& n) { return n != "null"; });
  std::vector<std::string> phrases;
  for (const std::string& name : names) {
    const auto known = std::find_if(std::begin(k_kinds), std::end(k_kinds),
                                    [&](const auto& k) { return k.first == name; });
    if (known == std::end(k_kinds) || (name == "integer" && has("number")) ||
        (name == "null" && not_only_null)) {
      continue;
    }
    const std::string phrase = kind_phrase(known->second);
    if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) {
      phrases.push_back(phrase);
    }
  }
  return phrases;
}

}  // namespace hush::detail
