// The Aho–Corasick automaton behind the redactor (a sorted edge list per node) and the packed
// pattern list.
#include "core/log/redact_impl.hpp"

#include <algorithm>
#include <deque>
#include <sodium.h>

namespace hush::detail {

void PatternList::add(std::string_view pattern) {
  m_bytes.insert(m_bytes.end(), pattern.begin(), pattern.end());
  m_ends.push_back(m_bytes.size());
}

std::string_view PatternList::operator[](std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
  return {m_bytes.data() + begin, m_ends[index] - begin};
}


std::uint32_t Automaton::child(std::uint32_t node, unsigned char byte) const {
  const auto& next = m_nodes[node].next;
  const auto it = std::lower_bound(next.begin(), next.end(), byte,
                                   [](const auto& edge, unsigned char b) { return edge.first < b; });
  return it != next.end() && it->first == byte ? it->second : 0;
}

void Automaton::add(std::string_view pattern, std::uint32_t tag) {
  std::uint32_t node = 0;
  for (const char c : pattern) {
    const auto byte = static_cast<unsigned char>(c);
    std::uint32_t found = child(node, byte);
    if (found == 0) {
      found = static_cast<std::uint32_t>(m_nodes.size());
      Node created;
      created.depth = m_nodes[node].depth + 1;
      m_nodes.push_back(std::move(created));
      auto& next = m_nodes[node].next;
      next.insert(std::lower_bound(next.begin(), next.end(), std::pair(byte, 0u)),
                  {byte, found});
    }
    node = found;
  }
  if (m_nodes[node].best == 0) {
    m_nodes[node].best = static_cast<std::uint32_t>(pattern.size());
    m_nodes[node].tag = tag;
  }
}

void Automaton::build() {
  std::deque<std::uint32_t> queue;
  for (const auto& [byte, node] : m_nodes[0].next) queue.push_back(node);
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    for (const auto& [byte, next] : m_nodes[node].next) {
      std::uint32_t fail = m_nodes[node].fail;
      while (fail != 0 && child(fail, byte) == 0) fail = m_nodes[fail].fail;
      const std::uint32_t target = child(fail, byte);
      m_nodes[next].fail = target == next ? 0 : target;
      const Node& via = m_nodes[m_nodes[next].fail];
      if (via.best > m_nodes[next].best) {
        m_nodes[next].best = via.best;
        m_nodes[next].tag = via.tag;
      }
      queue.push_back(next);
    }
  }
}

std::uint32_t Automaton::step(std::uint32_t state, unsigned char byte) const {
  for (;;) {
    const std::uint32_t next = child(state, byte);
    if (next != 0 || state == 0) return next;
    state = m_nodes[state].fail;
  }
}

void Automaton::wipe() noexcept {
  for (Node& node : m_nodes) {
    if (!node.next.empty()) sodium_memzero(node.next.data(), node.next.size() * sizeof(node.next[0]));
  }
  m_nodes.clear();
}

}  // namespace hush::detail
