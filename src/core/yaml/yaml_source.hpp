// hush/yaml_source.hpp — a YAML file as hush sees it: the parsed tree of every document, and for
// every scalar its exact source span, style, path and context, so that rendering can rewrite
// single scalars and leave every other byte of the file untouched. yaml-cpp reports only start
// marks; spans and styles come from hush's own scanning of the source, checked against the
// parsed value.
#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "core/base/text.hpp"

namespace hush {

enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };

// One step of a node path: a mapping key, or a sequence index.
struct PathSegment {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};
using NodePath = std::vector<PathSegment>;
// "services[0].env.DB_PASSWORD"; keys that are not simple words are quoted: a["x.y"].
[[nodiscard]] std::string to_string(const NodePath& path);

enum class NodeKind { null, scalar, map, sequence };

inline constexpr std::size_t k_no_scalar = std::numeric_limits<std::size_t>::max();

// A node of the parsed tree. An alias is expanded into a copy of its anchor's subtree whose
// scalars keep the index of the anchored scalar they came from; the copies of one file are
// bounded by k_alias_budget nodes, so expansion costs at most linear time and memory.
struct YamlNode {
  NodeKind kind = NodeKind::null;
  std::string value;                 // scalar text
  bool plain = false;                // scalar written plain (typed by the YAML core schema)
  std::vector<YamlNode> keys;        // mapping keys, parallel to children
  std::vector<YamlNode> children;    // mapping values or sequence items
  std::size_t scalar = k_no_scalar;  // index into YamlDocument::scalars for scalar nodes

  // The value under mapping key `key` (scalar keys only), or nullptr.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
};

// Where one scalar sits in the source.
struct ScalarSite {
  std::size_t begin = 0;  // byte offset of the scalar itself (after any anchor or tag)
  std::size_t end = 0;    // one past its last byte (closing quote, or last content line's end)
  ScalarStyle style = ScalarStyle::plain;
  std::string value;
  NodePath path;  // for a key: the path of the mapping that holds it
  bool is_key = false;
  bool in_flow = false;    // inside a flow collection ({…} or […])
  int parent_indent = -1;  // indentation (bytes) of the enclosing block collection; -1 at top
  LineColumn start;        // of `begin`
};

// A scalar reached through an alias: the anchored scalar `scalar` is also used at `path` (a
// value or, when `as_key`, a mapping key), through the alias written at `alias_begin`. Recorded
// for scalars that hold a `$` (every reference syntax does), so scope rules can follow aliases.
struct AliasUse {
  std::size_t scalar = 0;
  NodePath path;
  bool as_key = false;
  std::size_t alias_begin = 0;  // byte offset of the `*name` token
  LineColumn alias_start;       // of `alias_begin`
};

struct YamlDocument {
  YamlNode root;
  std::vector<ScalarSite> scalars;  // in source order
  std::vector<AliasUse> alias_uses;
};

// Limits on hostile structure, each a located error when exceeded: nodes that aliases of one
// file may expand to ("alias-budget") and depth of nested collections ("nesting-limit").
inline constexpr std::size_t k_alias_budget = 100000;
inline constexpr std::size_t k_max_nesting = 100;

struct YamlSource {
  std::string path;
  std::string text;
  std::vector<YamlDocument> documents;
};

// Parses `text` (named `path` in messages). Throws Error(syntax, "yaml-syntax") at the offending
// path:line:column, including the cases yaml-cpp accepts leniently (an unterminated quoted
// scalar) and a flow indicator where no flow collection is open (on which yaml-cpp 0.7 would
// loop forever); when the error line holds an unquoted ${…} inside a flow collection the message
// says to quote it or use $<…>. Throws Error(syntax, "duplicate-key") for a mapping that repeats a
// key, "alias-budget" and "nesting-limit" for the limits above. Accepts a UTF-8 BOM, CRLF line
// ends and several documents. Before parsing, throws Error(syntax, "invalid-encoding") at the
// first NUL byte, invalid UTF-8 or UTF-16/UTF-32 byte-order mark (require_valid_encoding).
[[nodiscard]] YamlSource parse_yaml_source(std::string path, std::string text);

// parse_yaml_source with the same checks, errors and trees, but no ScalarSite and no AliasUse
// recorded: each document's `scalars` and `alias_uses` are empty, while YamlNode::scalar still
// numbers the document's scalars in source order. For re-reading output that only the tree is
// compared against (render's verification), at a fraction of the memory.
[[nodiscard]] YamlSource parse_yaml_trees(std::string path, std::string text);

}  // namespace hush
