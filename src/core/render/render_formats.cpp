#include "core/render/render_formats.hpp"

#include <cstdio>
#include <hush/error.hpp>
#include <map>

#include "core/base/env_names.hpp"
#include "core/base/text.hpp"
#include "core/yaml/core_schema.hpp"

namespace hush::detail {
namespace {

void append_indent(SecretBuffer& out, int depth) {
  out.append(std::string(static_cast<std::size_t>(depth) * 2, ' '));
}

// A plain scalar is typed as the schema types it (core_schema); anything else is a string.
void append_scalar(SecretBuffer& out, const YamlNode& node) {
  if (!node.plain || core_type(node.value) == CoreType::string) {
    append_json_quoted(out, node.value);
    return;
  }
  const std::optional<std::string> text = core_json_text(node.value);
  if (!text) {
    throw Error(ErrorKind::invalid_input, "unrepresentable",
                "a plain .inf, .nan or number beyond the range of a double has no portable JSON "
                "form; quote it to keep it as text, or use --format yaml");
  }
  out.append(*text);
}

void append_json(SecretBuffer& out, const YamlNode& node, int depth);

// A JSON array of `count` items, `item(i)` each (a sequence, or the documents of a stream: those
// are written in place rather than copied into one sequence node).
template <class Item>
void append_array(SecretBuffer& out, std::size_t count, const Item& item, int depth) {
  if (count == 0) {
    out.append("[]");
    return;
  }
  out.append("[\n");
  for (std::size_t i = 0; i < count; ++i) {
    append_indent(out, depth + 1);
    append_json(out, item(i), depth + 1);
    out.append(i + 1 < count ? ",\n" : "\n");
  }
  append_indent(out, depth);
  out.push_back(']');
}

void append_object(SecretBuffer& out, const YamlNode& node, int depth) {
  if (node.keys.empty()) {
    out.append("{}");
    return;
  }
  out.append("{\n");
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    if (node.keys[i].kind == NodeKind::map || node.keys[i].kind == NodeKind::sequence) {
      throw Error(ErrorKind::invalid_input, "unrepresentable",
                  "a mapping key that is itself a collection cannot be written as JSON");
    }
    append_indent(out, depth + 1);
    append_json_quoted(out, node.keys[i].value);
    out.append(": ");
    append_json(out, node.children[i], depth + 1);
    out.append(i + 1 < node.keys.size() ? ",\n" : "\n");
  }
  append_indent(out, depth);
  out.push_back('}');
}

void append_json(SecretBuffer& out, const YamlNode& node, int depth) {
  switch (node.kind) {
    case NodeKind::null:
      out.append("null");
      return;
    case NodeKind::scalar:
      append_scalar(out, node);
      return;
    case NodeKind::map:
      append_object(out, node, depth);
      return;
    case NodeKind::sequence:
      append_array(
          out, node.children.size(),
          [&](std::size_t i) -> const YamlNode& { return node.children[i]; }, depth);
      return;
  }
}

std::string env_segment(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool word = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : word ? c : '_';
  }
  return out;
}

void collect_env(const YamlNode& node, const std::string& prefix, const std::string& path,
                 std::map<std::string, std::pair<std::string, const YamlNode*>>& out) {
  if (node.kind == NodeKind::map) {
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
      const std::string& key = node.keys[i].value;
      const std::string shown = key.empty() ? "\"\"" : key;  // so only a root leaf has path ""
      collect_env(node.children[i],
                  prefix.empty() ? env_segment(key) : prefix + "_" + env_segment(key),
                  path.empty() ? shown : path + "." + shown, out);
    }
    return;
  }
  if (node.kind == NodeKind::sequence) {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const YamlNode* name = node.children[i].find("name");
      const std::string segment = name != nullptr && name->kind == NodeKind::scalar
                                      ? env_segment(name->value)
                                      : std::to_string(i);
      collect_env(node.children[i], prefix + "_" + segment, path + "[" + std::to_string(i) + "]",
                  out);
    }
    return;
  }
  const auto [it, added] = out.emplace(prefix, std::pair(path, &node));
  if (!added) {
    // The paths only: the variable name holds list items' `name` values, which may be secrets.
    throw Error(ErrorKind::invalid_input, "env-name-collision",
                "the leaves at " + path + " and " + it->second.first +
                    " map to one variable name; use --format yaml or json");
  }
}

// env_segment leaves only [A-Z0-9_], so a name is invalid when it is empty (a scalar document
// root, an empty key) or starts with a digit. Refused rather than written as a line that no shell
// or dotenv reader accepts. The message names the path (keys and indices), never the variable:
// a list item's `name` may be a substituted value.
void refuse_invalid_env_name(const std::string& name, const std::string& path) {
  if (!name.empty() && (name[0] < '0' || name[0] > '9')) return;
  throw Error(
      ErrorKind::invalid_input, "env-name-invalid",
      (path.empty() ? std::string("a document that is a single scalar") : "the leaf at " + path) +
          " has no valid variable name (names start with a letter or _); use --format "
          "yaml or json");
}

void append_env_value(SecretBuffer& out, const YamlNode& node) {
  if (node.kind == NodeKind::null) return;
  out.push_back('"');
  for (char c : node.value) {
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    if (c == '"' || c == '\\' || c == '$' || c == '`') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

SecretBuffer to_json(const std::vector<YamlDocument>& documents) {
  SecretBuffer out;
  if (documents.size() == 1) {
    append_json(out, documents[0].root, 0);
  } else {
    append_array(
        out, documents.size(), [&](std::size_t i) -> const YamlNode& { return documents[i].root; },
        0);
  }
  out.push_back('\n');
  return out;
}

SecretBuffer to_env(const std::vector<YamlDocument>& documents,
                    const std::vector<std::string>& allowed) {
  std::map<std::string, std::pair<std::string, const YamlNode*>> leaves;
  for (const YamlDocument& document : documents) collect_env(document.root, "", "", leaves);
  for (const auto& [name, leaf] : leaves) {
    refuse_invalid_env_name(name, leaf.first);
    refuse_dangerous_env_name(name, "key " + leaf.first, allowed);
  }
  SecretBuffer out;
  for (const auto& [name, leaf] : leaves) {
    out.append(name);
    out.push_back('=');
    append_env_value(out, *leaf.second);
    out.push_back('\n');
  }
  return out;
}

}  // namespace hush::detail
