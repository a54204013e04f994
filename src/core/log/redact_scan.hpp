// Private to redact: runs the automaton over four views of the input, each undoing one way text
// hides a value, and merges what they find into masked regions of the input:
//   raw        the bytes as they are
//   url        "%XX" (either case) is the byte XX: every percent-encoder's safe set at once
//   json       JSON string escapes: \" \\ \/ \b \f \n \r \t and \uXXXX (either case, surrogate
//              pairs) become UTF-8: every escaping policy at once
//   unwrapped  a line break ("\n" or "\r\n") after a line of 16 or more base64/hex characters is
//              dropped: base64 and hex wrapped at any width (PEM 64, GNU base64 76, xxd -p 60)
// Decoding views instead of one pattern per escaping style: escaping styles mix freely (a value
// may be partly escaped), so listing them would never be complete. A decoded byte remembers the
// source range of its escape, so a region always covers whole escapes.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/log/redact_impl.hpp"
#include "core/log/redact_literals.hpp"

namespace hush::detail {

// Decoded bytes from one source byte, each with the source range it came from (more than one
// byte when a held escape completes or proves not to be one).
struct Decoded {
  struct Byte {
    unsigned char value;
    std::uint64_t begin;
    std::uint64_t end;
  };
  std::array<Byte, 16> bytes;
  std::size_t size = 0;
  void push(unsigned char value, std::uint64_t begin, std::uint64_t end) {
    bytes[size++] = {value, begin, end};
  }
};

enum class ViewKind { url, json, unwrapped };

// One view's decoder: feed source bytes in order, collect decoded bytes. Holds a partial escape
// (at most 11 bytes) in secure memory until it is complete or proves not to be one.
class Decoder {
 public:
  explicit Decoder(ViewKind kind);
  void feed(unsigned char byte, std::uint64_t at, Decoded& out);
  // Releases a held partial escape as plain bytes (end of stream).
  void flush(Decoded& out);
  // Where the held partial escape (or line break) begins, or `none` when nothing is held.
  static constexpr std::uint64_t none = UINT64_MAX;
  [[nodiscard]] std::uint64_t held_from() const;
  // Where the last escape decoded or line break dropped ends: decoded bytes from there on are the
  // source bytes themselves.
  [[nodiscard]] std::uint64_t plain_from() const { return m_plain_from; }
  // The next byte from `from` on that this decoder may not pass through unchanged (chunk.size()
  // when none); the bytes before it are taken as passed through. Only while nothing is held.
  [[nodiscard]] std::size_t next_special(std::string_view chunk, std::size_t from);

 private:
  enum class Escape { incomplete, complete, invalid };
  [[nodiscard]] Escape classify(std::uint32_t& decoded_code_point) const;
  void feed_escape(unsigned char byte, std::uint64_t at, Decoded& out);
  void feed_line(unsigned char byte, std::uint64_t at, Decoded& out);
  [[nodiscard]] bool line_joins() const;

  ViewKind m_kind;
  SecureVector<unsigned char> m_held;  // the partial escape
  std::uint64_t m_held_at = 0;
  std::uint64_t m_plain_from = 0;
  std::size_t m_line_length = 0;  // unwrapped: the current line
  bool m_line_encoded = true;     // unwrapped: only base64/hex characters so far
};

// Matched regions of the input, sorted and disjoint. Overlapping matches merge; touching ones stay
// apart (each gets its own mask, and a stream holds at most one of them back). A region is named
// after the match that starts it (the lowest tag when several do).
struct Span {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::uint32_t tag = 0;
  bool opened = false;  // its mask is already written (its start and name are final)
};

class SpanSet {
 public:
  void add(std::uint64_t begin, std::uint64_t end, std::uint32_t tag);
  [[nodiscard]] std::vector<Span>& spans() { return m_spans; }

 private:
  std::vector<Span> m_spans;
};

// The four views over one stream. Raw matches come from the literal finder when it is usable
// (every pattern at least 4 bytes), else from stepping the automaton on every byte. Another view
// is "in step" with the raw view while its decoded bytes are the raw bytes (nothing held, the
// same automaton state, no escape inside the current partial match): then it only looks for the
// next byte it would decode differently ("%", "\\", a joining line break) and takes the raw
// view's automaton state there, so ordinary text costs one pass, not four. With the finder, the
// raw state at a byte is worked out when a view asks for it, by stepping the automaton over the
// `longest` bytes before it: no automaton state is deeper than the longest pattern.
class Scanner {
 public:
  // Over `automaton` (and `finder` when not null and usable), whose longest pattern is
  // `longest` bytes; both must outlive the scanner.
  Scanner(const Automaton& automaton, const LiteralFinder* finder, std::size_t longest);
  // Scans `chunk` (the source bytes from position() on) and adds every match to `spans`.
  void write(std::string_view chunk, SpanSet& spans);
  // Flushes held partial escapes (their matches go to `spans`) and starts afresh.
  void finish(SpanSet& spans);
  // No match found later can begin before this source offset.
  [[nodiscard]] std::uint64_t limit() const;
  [[nodiscard]] std::uint64_t position() const { return m_position; }

 private:
  // Where a lazily worked-out run of raw states has got to in the current chunk.
  struct RawCursor {
    std::size_t next = 0;  // the chunk byte to step next
    std::uint32_t state = 0;
  };
  struct View {
    Decoder decoder;
    std::uint32_t state = 0;
    std::uint64_t decoded = 0;
    std::vector<std::uint64_t> begins;  // ring: source begin of decoded byte i at i & mask
    bool in_step = true;
    RawCursor raw{};
  };
  void scan_raw(std::string_view chunk, SpanSet& spans);
  void find_raw(std::string_view chunk, SpanSet& spans);
  void scan_view(View& view, std::string_view chunk, SpanSet& spans);
  [[nodiscard]] std::size_t follow_raw(View& view, std::string_view chunk, std::size_t from);
  void scan(View& view, const Decoded& decoded, SpanSet& spans) const;
  [[nodiscard]] bool back_in_step(const View& view, std::uint32_t raw_state) const;
  [[nodiscard]] std::uint64_t limit(const View& view) const;
  // The raw view's automaton state after byte `i` of the current chunk.
  [[nodiscard]] std::uint32_t raw_state(RawCursor& cursor, std::size_t i);

  const detail::Automaton* m_automaton;
  const LiteralFinder* m_finder;  // null: the automaton finds raw matches
  std::size_t m_longest = 0;
  std::uint64_t m_mask = 0;
  std::uint64_t m_position = 0;
  std::uint32_t m_raw_state = 0;    // after the last byte scanned
  std::uint32_t m_chunk_state = 0;  // before the current chunk's first byte
  std::string_view m_chunk;
  RawCursor m_end;  // the state after the chunk's last byte, shared by every view
  std::vector<std::uint32_t> m_raw_states;  // automaton only: the state after each chunk byte
  SecureVector<char> m_tail;  // finder only: the last longest - 1 bytes before the chunk
  std::vector<View> m_views;  // url, json, unwrapped
};

// The most source bytes a match of `longest` decoded bytes can span, plus a held partial escape.
[[nodiscard]] constexpr std::size_t widest_span(std::size_t longest) { return 6 * longest + 18; }

}  // namespace hush::detail
