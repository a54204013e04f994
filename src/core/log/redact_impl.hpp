// Private to redact: the pattern variants of a secret value and the Aho–Corasick automaton.
#pragma once
#include <hush/redact.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hush::detail {

// Every form of `value` to mask (the value, its lines, base64/URL/JSON encodings), each at least
// `min_length` bytes, without duplicates.
[[nodiscard]] std::vector<std::string> redaction_patterns(std::string_view value,
                                                          std::size_t min_length);

// A multi-pattern automaton: for each prefix of the input, the longest pattern ending there.
class Automaton {
 public:
  void add(std::string_view pattern, std::uint32_t tag);
  void build();  // computes failure links; call once after all add()s
  [[nodiscard]] std::uint32_t step(std::uint32_t state, unsigned char byte) const;
  // The longest pattern ending in `state` (0: none) and its tag.
  [[nodiscard]] std::uint32_t match_length(std::uint32_t state) const { return m_nodes[state].best; }
  [[nodiscard]] std::uint32_t match_tag(std::uint32_t state) const { return m_nodes[state].tag; }
  [[nodiscard]] std::uint32_t depth(std::uint32_t state) const { return m_nodes[state].depth; }
  [[nodiscard]] bool empty() const { return m_nodes.size() <= 1; }
  void wipe() noexcept;

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;  // sorted by byte
    std::uint32_t fail = 0;
    std::uint32_t depth = 0;
    std::uint32_t best = 0;  // longest pattern length ending here (own or via failure links)
    std::uint32_t tag = 0;
  };
  [[nodiscard]] std::uint32_t child(std::uint32_t node, unsigned char byte) const;
  std::vector<Node> m_nodes{Node{}};
};

}  // namespace hush::detail

namespace hush {

struct Redactor::Impl {
  RedactOptions options;
  std::vector<std::string> names;      // tag -> secret name
  std::vector<std::string> too_short;
  detail::Automaton automaton;
  std::size_t max_length = 0;
};

}  // namespace hush
