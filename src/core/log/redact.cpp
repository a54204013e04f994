#include <hush/redact.hpp>

#include "core/base/text.hpp"

#include "core/log/redact_impl.hpp"

#include <algorithm>
#include <deque>
#include <sodium.h>

namespace hush {
namespace detail {

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

}  // namespace detail

Redactor::Redactor(const std::vector<NamedSecret>& secrets, RedactOptions options)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->options = std::move(options);
  for (const NamedSecret& secret : secrets) {
    if (secret.value.size() < m_impl->options.min_length) {
      if (!secret.value.empty()) m_impl->too_short.push_back(secret.name);
      continue;
    }
    const auto tag = static_cast<std::uint32_t>(m_impl->names.size());
    m_impl->names.push_back(secret.name);
    for (std::string& pattern :
         detail::redaction_patterns(secret.value.reveal(), m_impl->options.min_length)) {
      m_impl->automaton.add(pattern, tag);
      m_impl->max_length = std::max(m_impl->max_length, pattern.size());
      wipe(pattern);
    }
  }
  m_impl->automaton.build();
}

Redactor::~Redactor() {
  if (m_impl) m_impl->automaton.wipe();
}
Redactor::Redactor(Redactor&&) noexcept = default;
Redactor& Redactor::operator=(Redactor&&) noexcept = default;

std::string Redactor::redact(std::string_view text) const {
  std::string out;
  RedactStream stream(*this, [&out](std::string_view piece) { out.append(piece); });
  stream.write(text);
  stream.finish();
  return out;
}

std::vector<Redactor::Match> Redactor::find(std::string_view text) const {
  std::vector<Match> out;
  std::uint32_t state = 0;
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::uint32_t>> spans;
  for (std::size_t i = 0; i < text.size(); ++i) {
    state = m_impl->automaton.step(state, static_cast<unsigned char>(text[i]));
    const std::uint32_t length = m_impl->automaton.match_length(state);
    if (length == 0) continue;
    std::size_t begin = i + 1 - length;
    std::uint32_t tag = m_impl->automaton.match_tag(state);
    while (!spans.empty() && spans.back().first.second > begin) {
      if (spans.back().first.first <= begin) tag = spans.back().second;
      begin = std::min(begin, spans.back().first.first);
      spans.pop_back();
    }
    spans.push_back({{begin, i + 1}, tag});
  }
  for (const auto& [span, tag] : spans) {
    out.push_back({span.first, span.second - span.first, m_impl->names[tag]});
  }
  return out;
}

const std::vector<std::string>& Redactor::too_short() const { return m_impl->too_short; }
bool Redactor::empty() const { return m_impl->automaton.empty(); }
std::size_t Redactor::max_pattern_length() const { return m_impl->max_length; }

// Bytes not yet emitted start at absolute offset `base`; `spans` are matched regions, sorted,
// merged, all ending at or before the current position.
struct RedactStream::State {
  const Redactor::Impl* impl = nullptr;
  std::function<void(std::string_view)> sink;
  std::string pending;
  std::uint64_t base = 0;
  std::uint64_t position = 0;
  std::uint32_t state = 0;
  struct Span {
    std::uint64_t begin;
    std::uint64_t end;
    std::uint32_t tag;
  };
  std::vector<Span> spans;

  std::string mask_for(std::uint32_t tag) const {
    std::string mask = impl->options.mask;
    const std::size_t at = mask.find("{name}");
    if (at != std::string::npos) mask.replace(at, 6, impl->names[tag]);
    return mask;
  }

  // Merges overlapping matches only: adjacent masks stay separate, so held bytes stay bounded.
  void add_span(std::uint64_t begin, std::uint64_t end, std::uint32_t tag) {
    while (!spans.empty() && spans.back().end > begin) {
      begin = std::min(begin, spans.back().begin);
      tag = spans.back().begin <= begin ? spans.back().tag : tag;
      spans.pop_back();
    }
    spans.push_back({begin, end, tag});
  }

  // Emits everything before `limit`, masking finished spans; a span reaching past `limit` is held
  // (a match starting there could still overlap it), unless this is the end of the stream.
  void emit_until(std::uint64_t limit, bool final) {
    std::string out;
    std::size_t consumed = 0;
    std::size_t kept = 0;
    for (const Span& span : spans) {
      if (!final && span.end > limit) {
        limit = std::min(limit, span.begin);
        spans[kept++] = span;
        continue;
      }
      out.append(pending, consumed, static_cast<std::size_t>(span.begin - base) - consumed);
      out += mask_for(span.tag);
      consumed = static_cast<std::size_t>(span.end - base);
    }
    spans.resize(kept);
    const std::size_t upto = static_cast<std::size_t>(std::max(limit, base + consumed) - base);
    out.append(pending, consumed, upto - consumed);
    pending.erase(0, upto);
    base += upto;
    if (!out.empty()) sink(out);
    wipe(out);
  }
};

RedactStream::RedactStream(const Redactor& redactor, std::function<void(std::string_view)> sink)
    : m_state(std::make_unique<State>()) {
  m_state->impl = redactor.m_impl.get();
  m_state->sink = std::move(sink);
}

RedactStream::~RedactStream() {
  if (m_state) wipe(m_state->pending);
}
RedactStream::RedactStream(RedactStream&&) noexcept = default;
RedactStream& RedactStream::operator=(RedactStream&&) noexcept = default;

void RedactStream::write(std::string_view chunk) {
  State& s = *m_state;
  const detail::Automaton& automaton = s.impl->automaton;
  s.pending.append(chunk);
  for (const char c : chunk) {
    s.state = automaton.step(s.state, static_cast<unsigned char>(c));
    ++s.position;
    if (const std::uint32_t length = automaton.match_length(s.state)) {
      s.add_span(s.position - length, s.position, automaton.match_tag(s.state));
    }
  }
  s.emit_until(s.position - automaton.depth(s.state), false);
}

void RedactStream::finish() {
  State& s = *m_state;
  s.emit_until(s.position, true);
  s.state = 0;
}

std::size_t RedactStream::held() const { return m_state->pending.size(); }

}  // namespace hush
