// The Aho–Corasick automaton behind the redactor, in flat tables: a dense root (most steps of
// ordinary text end there) and, below it, nodes numbered breadth first so each node's children are
// a run of consecutive nodes, found by bisecting the bytes into them. Flat tables instead of a
// vector per node: a handful of secure allocations instead of one per node, and good locality.
#include <algorithm>

#include "core/log/redact_impl.hpp"

namespace hush::detail {

void PatternList::add(std::string_view pattern) {
  append_bytes(m_bytes, pattern);
  m_ends.push_back(m_bytes.size());
}

std::string_view PatternList::operator[](std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
  return {m_bytes.data() + begin, m_ends[index] - begin};
}

AutomatonBuilder::AutomatonBuilder() : m_nodes(1), m_root(256, 0) {}

std::uint32_t AutomatonBuilder::child_or_new(std::uint32_t node, unsigned char byte) {
  if (node == 0 && m_root[byte] != 0) return m_root[byte];
  std::uint32_t before = 0;  // the sibling to link after (0: none, the node is never a child)
  std::uint32_t after = node == 0 ? 0 : m_nodes[node].first_child;
  while (after != 0 && m_nodes[after].byte < byte) {
    before = after;
    after = m_nodes[after].next_sibling;
  }
  if (after != 0 && m_nodes[after].byte == byte) return after;
  const auto created = static_cast<std::uint32_t>(m_nodes.size());
  m_nodes.push_back({.next_sibling = after, .depth = m_nodes[node].depth + 1, .byte = byte});
  if (node == 0) {
    m_root[byte] = created;
  } else if (before == 0) {
    m_nodes[node].first_child = created;
  } else {
    m_nodes[before].next_sibling = created;
  }
  return created;
}

void AutomatonBuilder::add(std::string_view pattern, std::uint32_t tag) {
  if (pattern.empty()) return;
  std::uint32_t node = 0;
  for (const char c : pattern) node = child_or_new(node, static_cast<unsigned char>(c));
  if (m_nodes[node].best == 0) {
    m_nodes[node].best = static_cast<std::uint32_t>(pattern.size());
    m_nodes[node].tag = tag;
  }
}

// Renumbers the trie breadth first: each node's children (already sorted) become consecutive.
Automaton AutomatonBuilder::build() {
  Automaton out;
  out.m_nodes.resize(m_nodes.size());
  out.m_depth.resize(m_nodes.size());
  out.m_tag.resize(m_nodes.size());
  out.m_byte.resize(m_nodes.size());
  SecureVector<std::uint32_t> order;  // new number -> builder node
  order.reserve(m_nodes.size());
  order.push_back(0);
  for (std::size_t head = 0; head < order.size(); ++head) {
    const Node& from = m_nodes[order[head]];
    Automaton::Node& to = out.m_nodes[head];
    to = {.first_child = static_cast<std::uint32_t>(order.size()), .best = from.best};
    out.m_depth[head] = from.depth;
    out.m_tag[head] = from.tag;
    const auto enqueue = [&](std::uint32_t child) {
      out.m_byte[order.size()] = m_nodes[child].byte;
      order.push_back(child);
    };
    if (head == 0) {
      for (const std::uint32_t child : m_root) {
        if (child != 0) enqueue(child);
      }
    } else {
      for (std::uint32_t c = from.first_child; c != 0; c = m_nodes[c].next_sibling) enqueue(c);
    }
    to.children = static_cast<std::uint16_t>(order.size() - to.first_child);
    if (to.children > 0) to.first_byte = out.m_byte[to.first_child];
  }
  for (std::uint32_t c = 1; c <= out.m_nodes[0].children; ++c) out.m_root[out.m_byte[c]] = c;
  m_nodes = SecureVector<Node>(1);
  m_root = SecureVector<std::uint32_t>(256, 0);
  out.link_failures();
  return out;
}

Automaton::Automaton() : m_nodes(1), m_depth(1, 0), m_tag(1, 0), m_byte(1, 0), m_root(256, 0) {}

std::uint32_t Automaton::child(std::uint32_t node, unsigned char byte) const {
  if (node == 0) return m_root[byte];
  const Node& n = m_nodes[node];
  if (n.children <= 1) return n.children == 1 && n.first_byte == byte ? n.first_child : 0;
  const auto first = m_byte.begin() + n.first_child;
  const auto last = first + n.children;
  const auto it = std::lower_bound(first, last, byte);
  return it != last && *it == byte ? n.first_child + static_cast<std::uint32_t>(it - first) : 0;
}

// In breadth-first order a node's failure target (shallower) is final before the node is reached.
void Automaton::link_failures() {
  for (std::uint32_t node = 1; node < m_nodes.size(); ++node) {
    const Node parent = m_nodes[node];
    for (std::uint32_t next = parent.first_child; next < parent.first_child + parent.children;
         ++next) {
      std::uint32_t fail = parent.fail;
      while (fail != 0 && child(fail, m_byte[next]) == 0) fail = m_nodes[fail].fail;
      m_nodes[next].fail = child(fail, m_byte[next]);
      const std::uint32_t via = m_nodes[next].fail;
      if (m_nodes[via].best > m_nodes[next].best) {
        m_nodes[next].best = m_nodes[via].best;
        m_tag[next] = m_tag[via];
      }
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

}  // namespace hush::detail
