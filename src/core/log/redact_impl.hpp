// Private to redact: the patterns of a secret value and the Aho–Corasick automaton over them.
// Everything that holds pattern bytes or transitions is a SecureVector: it lives in the secure
// pool, so growth and destruction wipe every copy and no code here wipes by hand.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <hush/redact.hpp>
#include <hush/secret.hpp>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/log/redact_literals.hpp"

namespace hush::detail {

// Appends `bytes` to `to` with one copy (inserting through the allocator copies byte by byte).
inline void append_bytes(SecureVector<char>& to, std::string_view bytes) {
  const std::size_t at = to.size();
  to.resize(at + bytes.size());
  if (!bytes.empty()) std::memcpy(to.data() + at, bytes.data(), bytes.size());
}

// The byte patterns of one value, packed in secure memory. Movable, not copyable.
class PatternList {
 public:
  PatternList() = default;
  PatternList(PatternList&&) noexcept = default;
  PatternList& operator=(PatternList&&) noexcept = default;
  PatternList(const PatternList&) = delete;
  PatternList& operator=(const PatternList&) = delete;

  void add(std::string_view pattern);
  [[nodiscard]] std::size_t size() const { return m_ends.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t index) const;

 private:
  SecureVector<char> m_bytes;
  SecureVector<std::size_t> m_ends;
};

// Every form of `value` matched literally: the value, each line of a multi-line value (lines of at
// least `min_length` bytes), the same with `+` for each space (form encoding), base64 standard and
// URL-safe (padded, unpadded, and the characters that depend only on the value when it starts at
// byte 0, 1 or 2 of an encoded block), and hex in either case. Encoded forms shorter than
// max(`min_length`, 4) are left out. Percent-encoding, JSON escapes and line-wrapping are undone
// by the scanner's views (redact_scan.hpp) instead: no pattern per escaping style.
[[nodiscard]] PatternList redaction_patterns(std::string_view value, std::size_t min_length);

// A multi-pattern automaton: for each prefix of the input, the longest pattern ending there.
// Immutable once built; every table is in secure memory. Nodes are numbered breadth first, so
// the children of a node are consecutive nodes and an edge is just the byte into its target.
class Automaton {
 public:
  Automaton();  // no patterns: matches nothing
  [[nodiscard]] std::uint32_t step(std::uint32_t state, unsigned char byte) const;
  // The longest pattern ending in `state` (0: none) and its tag.
  [[nodiscard]] std::uint32_t match_length(std::uint32_t state) const {
    return m_nodes[state].best;
  }
  [[nodiscard]] std::uint32_t match_tag(std::uint32_t state) const { return m_tag[state]; }
  // How many of the last input bytes `state` stands for (a match may still begin there).
  [[nodiscard]] std::uint32_t depth(std::uint32_t state) const { return m_depth[state]; }
  [[nodiscard]] bool empty() const { return m_nodes.size() <= 1; }

 private:
  friend class AutomatonBuilder;
  // What every step reads, in 16 bytes; the rest (depth, tag) in arrays of their own.
  struct Node {
    std::uint32_t first_child = 0;
    std::uint32_t fail = 0;
    std::uint32_t best = 0;  // longest pattern length ending here (own or via failure links)
    std::uint16_t children = 0;
    unsigned char first_byte = 0;  // the byte into first_child: most nodes have one child
  };
  [[nodiscard]] std::uint32_t child(std::uint32_t node, unsigned char byte) const;
  void link_failures();

  SecureVector<Node> m_nodes;
  SecureVector<std::uint32_t> m_depth;
  SecureVector<std::uint32_t> m_tag;
  SecureVector<unsigned char> m_byte;  // the byte into each node; ascending among siblings
  SecureVector<std::uint32_t> m_root;  // the root's 256 transitions (0: none), for speed
};

// Collects patterns into a trie, then build() turns it into an Automaton. Linear in the pattern
// bytes (each node keeps its children as a sorted list, at most 256 long).
class AutomatonBuilder {
 public:
  AutomatonBuilder();
  // The first tag added for a pattern wins.
  void add(std::string_view pattern, std::uint32_t tag);
  [[nodiscard]] Automaton build();

 private:
  struct Node {
    std::uint32_t first_child = 0;
    std::uint32_t next_sibling = 0;
    std::uint32_t depth = 0;
    std::uint32_t best = 0;
    std::uint32_t tag = 0;
    unsigned char byte = 0;
  };
  [[nodiscard]] std::uint32_t child_or_new(std::uint32_t node, unsigned char byte);

  SecureVector<Node> m_nodes;
  SecureVector<std::uint32_t> m_root;
};

// Whether redactors built from now on find raw matches with the literal finder (the default) or
// by stepping the automaton on every byte. Both give the same output; tests and the fuzz target
// compare them. Thread-safe.
void use_literal_finder(bool enabled);
[[nodiscard]] bool literal_finder_enabled();

}  // namespace hush::detail

namespace hush {

// The tables are built on first use (build_once), not by the constructor: `hush run` builds a
// redactor for the child's output, and a child that prints nothing should not pay for tables
// over every value (about 50 ms for 1,000 values).
struct Redactor::Impl {
  RedactOptions options;
  std::vector<std::string> names;  // tag -> secret name
  std::vector<std::string> too_short;
  std::vector<detail::PatternList> pending;  // by tag, until built
  std::once_flag built;
  detail::Automaton automaton;
  detail::LiteralFinder literals;
  bool use_literals = true;
  std::size_t max_length = 0;  // the longest pattern

  // Builds the automaton and the literal finder from `pending` the first time; thread-safe.
  void build_once();
  [[nodiscard]] const detail::LiteralFinder* literal_finder() const {
    return use_literals ? &literals : nullptr;
  }
};

}  // namespace hush
