#include "core/render/render_formats.hpp"

#include <hush/error.hpp>
#include "core/base/env_names.hpp"
#include "core/base/text.hpp"

#include <cstdio>
#include <map>
#include <re2/re2.h>

namespace hush::detail {
namespace {

const RE2& json_number_pattern() {
  static const RE2 pattern(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  return pattern;
}

const RE2& yaml_bool_pattern() {
  static const RE2 pattern("true|True|TRUE|false|False|FALSE");
  return pattern;
}

void append_json_string(std::string& out, std::string_view value) { out += json_quote(value); }

void append_scalar(std::string& out, const YamlNode& node) {
  if (node.plain && RE2::FullMatch(node.value, yaml_bool_pattern())) {
    out += node.value[0] == 't' || node.value[0] == 'T' ? "true" : "false";
  } else if (node.plain && RE2::FullMatch(node.value, json_number_pattern())) {
    out += node.value;
  } else {
    append_json_string(out, node.value);
  }
}

void append_json(std::string& out, const YamlNode& node, int depth) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
  switch (node.kind) {
    case NodeKind::null: out += "null"; return;
    case NodeKind::scalar: append_scalar(out, node); return;
    case NodeKind::sequence:
      if (node.children.empty()) { out += "[]"; return; }
      out += "[\n";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        out += indent;
        append_json(out, node.children[i], depth + 1);
        out += i + 1 < node.children.size() ? ",\n" : "\n";
      }
      out += closing + "]";
      return;
    case NodeKind::map:
      if (node.keys.empty()) { out += "{}"; return; }
      out += "{\n";
      for (std::size_t i = 0; i < node.keys.size(); ++i) {
        if (node.keys[i].kind == NodeKind::map || node.keys[i].kind == NodeKind::sequence) {
          throw Error(ErrorKind::invalid_input, "unrepresentable",
                      "a mapping key that is itself a collection cannot be written as JSON");
        }
        out += indent;
        append_json_string(out, node.keys[i].value);
        out += ": ";
        append_json(out, node.children[i], depth + 1);
        out += i + 1 < node.keys.size() ? ",\n" : "\n";
      }
      out += closing + "}";
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
      collect_env(node.children[i], prefix.empty() ? env_segment(key) : prefix + "_" + env_segment(key),
                  path.empty() ? key : path + "." + key, out);
    }
    return;
  }
  if (node.kind == NodeKind::sequence) {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const YamlNode* name = node.children[i].find("name");
      const std::string segment = name != nullptr && name->kind == NodeKind::scalar
                                      ? env_segment(name->value) : std::to_string(i);
      collect_env(node.children[i], prefix + "_" + segment, path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  const auto [it, added] = out.emplace(prefix, std::pair(path, &node));
  if (!added) {
    throw Error(ErrorKind::invalid_input, "env-name-collision",
                path + " and " + it->second.first + " both map to " + prefix +
                    "; use --format yaml or json");
  }
}

void append_env_value(std::string& out, const YamlNode& node) {
  if (node.kind == NodeKind::null) return;
  out += '"';
  for (char c : node.value) {
    if (c == '\n') { out += "\\n"; continue; }
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string to_json(const std::vector<YamlDocument>& documents) {
  std::string out;
  if (documents.size() == 1) {
    append_json(out, documents[0].root, 0);
    return out + "\n";
  }
  YamlNode all{.kind = NodeKind::sequence};
  for (const YamlDocument& document : documents) all.children.push_back(document.root);
  append_json(out, all, 0);
  return out + "\n";
}

std::string to_env(const std::vector<YamlDocument>& documents,
                   const std::vector<std::string>& allowed) {
  std::map<std::string, std::pair<std::string, const YamlNode*>> leaves;
  for (const YamlDocument& document : documents) collect_env(document.root, "", "", leaves);
  for (const auto& [name, leaf] : leaves) {
    refuse_dangerous_env_name(name, "key " + leaf.first, allowed);
  }
  std::string out;
  for (const auto& [name, leaf] : leaves) {
    out += name + "=";
    append_env_value(out, *leaf.second);
    out += "\n";
  }
  return out;
}

}  // namespace hush::detail
