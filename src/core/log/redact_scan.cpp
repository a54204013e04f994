#include "core/log/redact_scan.hpp"

#include <algorithm>

namespace hush::detail {
namespace {

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when `held[from, to)` (clipped to what is there) are hex digits.
bool hex_digits(const SecureVector<unsigned char>& held, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < std::min(to, held.size()); ++i) {
    if (hex_value(held[i]) < 0) return false;
  }
  return true;
}

std::uint32_t hex_unit(const SecureVector<unsigned char>& held, std::size_t from) {
  std::uint32_t unit = 0;
  for (std::size_t i = from; i < from + 4; ++i) {
    unit = unit << 4 | static_cast<std::uint32_t>(hex_value(held[i]));
  }
  return unit;
}

int short_escape(unsigned char c) {
  switch (c) {
    case '"':
    case '\\':
    case '/':
      return c;
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return -1;
  }
}

void push_utf8(std::uint32_t cp, std::uint64_t begin, std::uint64_t end, Decoded& out) {
  const auto push = [&](std::uint32_t b) { out.push(static_cast<unsigned char>(b), begin, end); };
  if (cp < 0x80) {
    push(cp);
  } else if (cp < 0x800) {
    push(0xC0 | cp >> 6);
    push(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    push(0xE0 | cp >> 12);
    push(0x80 | (cp >> 6 & 0x3F));
    push(0x80 | (cp & 0x3F));
  } else {
    push(0xF0 | cp >> 18);
    push(0x80 | (cp >> 12 & 0x3F));
    push(0x80 | (cp >> 6 & 0x3F));
    push(0x80 | (cp & 0x3F));
  }
}

constexpr std::array<bool, 256> k_encoded_chars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
  }
  return table;
}();

// A base64 (standard or URL-safe, padding included) or hex character.
bool encoded_char(unsigned char c) { return k_encoded_chars[c]; }

constexpr std::size_t k_min_joined_line = 16;

}  // namespace

Decoder::Decoder(ViewKind kind) : m_kind(kind) { m_held.reserve(12); }

std::uint64_t Decoder::held_from() const { return m_held.empty() ? none : m_held_at; }

void Decoder::feed(unsigned char byte, std::uint64_t at, Decoded& out) {
  if (m_kind == ViewKind::unwrapped) {
    feed_line(byte, at, out);
  } else {
    feed_escape(byte, at, out);
  }
}

std::size_t Decoder::next_special(std::string_view chunk, std::size_t from) {
  if (m_kind != ViewKind::unwrapped) {
    const std::size_t found = chunk.find(m_kind == ViewKind::url ? '%' : '\\', from);
    return found == std::string_view::npos ? chunk.size() : found;
  }
  std::size_t i = from;
  while (i < chunk.size()) {
    if (!m_line_encoded) {
      // Only the line's end matters now: a "\r" in it cannot join anything.
      const std::size_t line_break = std::min(chunk.find('\n', i), chunk.size());
      m_line_length += line_break - i;
      i = line_break;
      if (i == chunk.size()) break;
    } else {
      const std::size_t run = i;
      while (i < chunk.size() && encoded_char(static_cast<unsigned char>(chunk[i]))) ++i;
      m_line_length += i - run;
      if (i == chunk.size()) break;
    }
    const auto byte = static_cast<unsigned char>(chunk[i]);
    if (byte == '\n' || byte == '\r') {
      if (line_joins()) return i;
      m_line_encoded = byte == '\n';
      m_line_length = byte == '\n' ? 0 : m_line_length + 1;
    } else {
      m_line_encoded = false;
      ++m_line_length;
    }
    ++i;
  }
  return chunk.size();
}

// `m_held` is "%" or "\" and what followed; `value` gets the byte (url) or code point (json).
Decoder::Escape Decoder::classify(std::uint32_t& value) const {
  const std::size_t n = m_held.size();
  if (n == 1) return Escape::incomplete;
  if (m_kind == ViewKind::url) {
    if (!hex_digits(m_held, 1, 3)) return Escape::invalid;
    if (n < 3) return Escape::incomplete;
    value = static_cast<std::uint32_t>(hex_value(m_held[1]) << 4 | hex_value(m_held[2]));
    return Escape::complete;
  }
  if (m_held[1] != 'u') {
    const int simple = short_escape(m_held[1]);
    value = static_cast<std::uint32_t>(simple);
    return simple < 0 ? Escape::invalid : Escape::complete;
  }
  if (!hex_digits(m_held, 2, 6)) return Escape::invalid;
  if (n < 6) return Escape::incomplete;
  const std::uint32_t unit = hex_unit(m_held, 2);
  if (unit >= 0xDC00 && unit <= 0xDFFF) return Escape::invalid;  // a lone low surrogate
  value = unit;
  if (unit < 0xD800 || unit > 0xDBFF) return Escape::complete;
  if ((n > 6 && m_held[6] != '\\') || (n > 7 && m_held[7] != 'u') || !hex_digits(m_held, 8, 12)) {
    return Escape::invalid;
  }
  if (n < 12) return Escape::incomplete;
  const std::uint32_t low = hex_unit(m_held, 8);
  if (low < 0xDC00 || low > 0xDFFF) return Escape::invalid;
  value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  return Escape::complete;
}

// An escape that proves invalid gives up its first byte as plain text; the rest is scanned again
// from the next "%" or "\" in it (everything before that is plain text too).
void Decoder::feed_escape(unsigned char byte, std::uint64_t at, Decoded& out) {
  const unsigned char opener = m_kind == ViewKind::url ? '%' : '\\';
  if (m_held.empty() && byte != opener) {
    out.push(byte, at, at + 1);
    return;
  }
  if (m_held.empty()) m_held_at = at;
  m_held.push_back(byte);
  for (;;) {
    std::uint32_t value = 0;
    const Escape escape = classify(value);
    if (escape == Escape::incomplete) return;
    if (escape == Escape::complete) {
      if (m_kind == ViewKind::url) out.push(static_cast<unsigned char>(value), m_held_at, at + 1);
      if (m_kind == ViewKind::json) push_utf8(value, m_held_at, at + 1, out);
      m_held.clear();
      m_plain_from = at + 1;
      return;
    }
    std::size_t next = 1;
    while (next < m_held.size() && m_held[next] != opener) ++next;
    for (std::size_t i = 0; i < next; ++i) out.push(m_held[i], m_held_at + i, m_held_at + i + 1);
    m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(next));
    m_held_at += next;
    if (m_held.empty()) return;
  }
}

bool Decoder::line_joins() const { return m_line_encoded && m_line_length >= k_min_joined_line; }

void Decoder::feed_line(unsigned char byte, std::uint64_t at, Decoded& out) {
  if (!m_held.empty()) {  // a "\r" after a joining line
    const std::uint64_t cr_at = m_held_at;
    m_held.clear();
    if (byte == '\n') {
      m_line_length = 0;
      m_line_encoded = true;
      m_plain_from = at + 1;
      return;
    }
    out.push('\r', cr_at, cr_at + 1);
    ++m_line_length;
    m_line_encoded = false;
  }
  if (byte == '\n') {
    if (line_joins()) {
      m_plain_from = at + 1;
    } else {
      out.push(byte, at, at + 1);
    }
    m_line_length = 0;
    m_line_encoded = true;
  } else if (byte == '\r' && line_joins()) {
    m_held.push_back(byte);
    m_held_at = at;
  } else {
    out.push(byte, at, at + 1);
    ++m_line_length;
    m_line_encoded = m_line_encoded && encoded_char(byte);
  }
}

void Decoder::flush(Decoded& out) {
  for (std::size_t i = 0; i < m_held.size(); ++i) {
    out.push(m_held[i], m_held_at + i, m_held_at + i + 1);
  }
  m_held.clear();
  m_line_length = 0;
  m_line_encoded = true;
}

void SpanSet::add(std::uint64_t begin, std::uint64_t end, std::uint32_t tag) {
  // Spans are disjoint, so their ends are sorted too: the first that ends after `begin`.
  const auto first = std::partition_point(m_spans.begin(), m_spans.end(),
                                          [begin](const Span& s) { return s.end <= begin; });
  Span merged{.begin = begin, .end = end, .tag = tag};
  auto last = first;
  for (; last != m_spans.end() && last->begin < merged.end; ++last) {
    if (last->begin < merged.begin || (last->begin == merged.begin && last->tag < merged.tag)) {
      merged.begin = last->begin;
      merged.tag = last->tag;
    }
    merged.end = std::max(merged.end, last->end);
    merged.opened = merged.opened || last->opened;
  }
  if (first == last) {
    m_spans.insert(first, merged);
  } else {
    *first = merged;
    m_spans.erase(first + 1, last);
  }
}

Scanner::Scanner(const Automaton& automaton, const LiteralFinder* finder, std::size_t longest)
    : m_automaton(&automaton),
      m_finder(finder != nullptr && finder->usable() ? finder : nullptr),
      m_longest(longest) {
  std::size_t ring = 1;
  while (ring <= longest) ring <<= 1;
  m_mask = ring - 1;
  for (const ViewKind kind : {ViewKind::url, ViewKind::json, ViewKind::unwrapped}) {
    m_views.push_back({.decoder = Decoder(kind), .begins = std::vector<std::uint64_t>(ring)});
  }
}

void Scanner::write(std::string_view chunk, SpanSet& spans) {
  if (!m_automaton->empty() && !chunk.empty()) {
    m_chunk = chunk;
    m_chunk_state = m_raw_state;
    if (m_finder != nullptr) {
      find_raw(chunk, spans);
    } else {
      scan_raw(chunk, spans);
    }
    m_end = {.next = 0, .state = m_chunk_state};
    for (View& view : m_views) {
      view.raw = {.next = 0, .state = m_chunk_state};
      scan_view(view, chunk, spans);
    }
    m_raw_state = raw_state(m_end, chunk.size() - 1);
    m_chunk = {};
  }
  m_position += chunk.size();
}

void Scanner::scan_raw(std::string_view chunk, SpanSet& spans) {
  m_raw_states.resize(chunk.size());
  std::uint32_t state = m_raw_state;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    state = m_automaton->step(state, static_cast<unsigned char>(chunk[i]));
    m_raw_states[i] = state;
    if (const std::uint32_t length = m_automaton->match_length(state)) {
      const std::uint64_t end = m_position + i + 1;
      spans.add(end - length, end, m_automaton->match_tag(state));
    }
  }
}

// Matches inside the chunk, then those that start in the bytes before it (the tail), found in a
// small window of the tail and the chunk's first bytes; only the tail and that window are
// copied, not the chunk.
void Scanner::find_raw(std::string_view chunk, SpanSet& spans) {
  m_finder->find(chunk, 0, [&](std::size_t begin, std::size_t end, std::uint32_t tag) {
    spans.add(m_position + begin, m_position + end, tag);
  });
  const std::size_t tail = m_tail.size();
  if (tail > 0) {
    const std::size_t head = std::min(chunk.size(), m_longest - 1);
    append_bytes(m_tail, chunk.substr(0, head));
    const std::uint64_t window_at = m_position - tail;
    m_finder->find(std::string_view(m_tail.data(), m_tail.size()), tail,
                   [&](std::size_t begin, std::size_t end, std::uint32_t tag) {
                     if (begin < tail) spans.add(window_at + begin, window_at + end, tag);
                   });
    m_tail.resize(tail);
  }
  // The new tail: the last longest - 1 bytes of the old tail and the chunk.
  const std::size_t keep = m_longest - 1;
  if (chunk.size() >= keep) {
    m_tail.clear();
  } else if (tail + chunk.size() > keep) {
    m_tail.erase(m_tail.begin(),
                 m_tail.begin() + static_cast<std::ptrdiff_t>(tail + chunk.size() - keep));
  }
  append_bytes(m_tail, chunk.substr(chunk.size() - std::min(chunk.size(), keep)));
}

std::uint32_t Scanner::raw_state(RawCursor& cursor, std::size_t i) {
  if (m_finder == nullptr) return m_raw_states[i];
  // Every in-step view asks for the state after the chunk's last byte: work it out once.
  if (i + 1 == m_chunk.size() && &cursor != &m_end) return raw_state(m_end, i);
  if (cursor.next == i + 1) return cursor.state;
  if (i < cursor.next || i - cursor.next >= m_longest) {
    cursor = i < m_longest ? RawCursor{.next = 0, .state = m_chunk_state}
                           : RawCursor{.next = i + 1 - m_longest, .state = 0};
  }
  for (; cursor.next <= i; ++cursor.next) {
    cursor.state =
        m_automaton->step(cursor.state, static_cast<unsigned char>(m_chunk[cursor.next]));
  }
  return cursor.state;
}

void Scanner::scan_view(View& view, std::string_view chunk, SpanSet& spans) {
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    if (view.in_step) {
      i = follow_raw(view, chunk, i);
      if (i == chunk.size()) return;
      view.in_step = false;
    }
    Decoded decoded;
    view.decoder.feed(static_cast<unsigned char>(chunk[i]), m_position + i, decoded);
    scan(view, decoded, spans);
    view.in_step = back_in_step(view, raw_state(view.raw, i));
  }
}

// Takes the raw view's states up to the next byte `view` decodes itself. Only the last ring's
// worth of source offsets is recorded: older ones cannot start a match any more.
std::size_t Scanner::follow_raw(View& view, std::string_view chunk, std::size_t from) {
  const std::size_t to = view.decoder.next_special(chunk, from);
  if (to == from) return to;
  const std::size_t keep = std::min<std::size_t>(to - from, m_mask + 1);
  view.decoded += to - from - keep;
  for (std::size_t i = to - keep; i < to; ++i)
    view.begins[view.decoded++ & m_mask] = m_position + i;
  view.state = raw_state(view.raw, to - 1);
  return to;
}

void Scanner::scan(View& view, const Decoded& decoded, SpanSet& spans) const {
  for (std::size_t i = 0; i < decoded.size; ++i) {
    const Decoded::Byte& byte = decoded.bytes[i];
    view.state = m_automaton->step(view.state, byte.value);
    view.begins[view.decoded & m_mask] = byte.begin;
    ++view.decoded;
    if (const std::uint32_t length = m_automaton->match_length(view.state)) {
      spans.add(view.begins[(view.decoded - length) & m_mask], byte.end,
                m_automaton->match_tag(view.state));
    }
  }
}

// In step again when the view holds nothing, has the raw view's state, and its partial match lies
// after the last escape it decoded: from here on it would find exactly what the raw view finds.
bool Scanner::back_in_step(const View& view, std::uint32_t raw_state) const {
  if (view.decoder.held_from() != Decoder::none || view.state != raw_state) return false;
  const std::uint32_t depth = m_automaton->depth(view.state);
  return depth == 0 || view.begins[(view.decoded - depth) & m_mask] >= view.decoder.plain_from();
}

void Scanner::finish(SpanSet& spans) {
  for (View& view : m_views) {
    Decoded decoded;
    view.decoder.flush(decoded);
    scan(view, decoded, spans);
    view.state = 0;
    view.decoded = 0;
    view.in_step = true;
  }
  m_raw_state = 0;
  m_tail.clear();
}

std::uint64_t Scanner::limit(const View& view) const {
  if (const std::uint32_t depth = m_automaton->depth(view.state)) {
    return view.begins[(view.decoded - depth) & m_mask];
  }
  const std::uint64_t held = view.decoder.held_from();
  return held == Decoder::none ? m_position : held;
}

std::uint64_t Scanner::limit() const {
  std::uint64_t out = m_position - m_automaton->depth(m_raw_state);
  for (const View& view : m_views) {
    if (!view.in_step) out = std::min(out, limit(view));
  }
  return out;
}

}  // namespace hush::detail
