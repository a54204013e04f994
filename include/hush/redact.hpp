// hush/redact.hpp — masks known secret values in text, in any of the forms tools write them:
//   - the value, each line of a multi-line value, and the value with `+` for each space;
//   - percent-encoded with any safe set (Python quote, encodeURIComponent, encodeURI, forms, ...),
//     `%XX` in either case, even mixed;
//   - JSON-escaped in any style: \uXXXX in either case for any code point (surrogate pairs for
//     astral ones, HTML-safe \u003c, ...) and \" \\ \/ \b \f \n \r \t;
//   - base64 standard and URL-safe, padded or not, also when the value starts at byte 1 or 2 of
//     an encoded block, and wrapped at any width (PEM 64, GNU base64 76) with "\n" or "\r\n";
//   - hex in either case (also wrapped, as xxd -p writes it).
// A mask replaces exactly the matched bytes, whole escapes and line breaks inside the match
// included: with value `deploy`, `deploying` becomes `***ing` (the rest of a word is not part of
// the value and stays). Overlapping matches, of one value or of several, merge into one mask;
// touching matches get one mask each; so no byte of any match is ever printed. Masking whole words
// instead was rejected: a stream would have to hold back unbounded text (a long base64 blob is one
// word) and masks would swallow URLs around a value. In a value embedded in a longer base64 blob,
// the one character on each side that mixes its bits with the neighbouring bytes stays.
// Raw matches of the literal forms are found by a screen of hashed 4-byte grams sampled every few
// bytes (about 1 GB/s with 1,000 values); one Aho–Corasick automaton over the same forms follows
// the three decoded views of the input (percent-decoded, JSON-unescaped, and with line breaks
// inside base64/hex lines joined) wherever they differ from the raw bytes.
// RedactStream does the same chunk by chunk in bounded memory, so a value split across chunks or
// arriving byte by byte is still masked. Values shorter than min_length stay visible (the caller
// warns); encoded forms shorter than max(min_length, 4) characters are not masked.
//
//   std::vector<hush::NamedSecret> known;
//   known.push_back({"DB_PASSWORD", hush::SecretValue("s3cret-pw")});
//   const hush::Redactor redactor(known, {.mask = "[{name}]"});
//   redactor.redact("url=postgres://app:s3cret-pw@db");  // "url=postgres://app:[DB_PASSWORD]@db"
//   hush::RedactStream stream(redactor, [](std::string_view s) { std::cout << s; });
//   stream.write(chunk);  // as often as needed, then
//   stream.finish();
#pragma once
#include <cstddef>
#include <functional>
#include <hush/secret.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

struct RedactOptions {
  std::string mask = "***";  // "{name}" is replaced by the secret's name
  std::size_t min_length = 4;
};

// Immutable once built; share freely between threads. Building costs O(total pattern bytes)
// (about 50 ms for 1,000 values); redact() is linear in its input. Every table that holds secret
// material (patterns, the automaton's transitions) is in the secure pool (hush/secret.hpp), wiped
// whenever it is freed or grows. Movable, not copyable.
class Redactor {
 public:
  explicit Redactor(const std::vector<NamedSecret>& secrets, RedactOptions options = {});
  ~Redactor();
  Redactor(Redactor&&) noexcept;
  Redactor& operator=(Redactor&&) noexcept;
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  [[nodiscard]] std::string redact(std::string_view text) const;

  struct Match {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string name;  // the secret whose value (or encoding) matched
  };
  // The merged regions redact() would mask, in text order; each is named after the secret whose
  // match starts it (the first in `secrets` when several do).
  [[nodiscard]] std::vector<Match> find(std::string_view text) const;
  // Names whose values are too short to mask; the caller decides how to warn.
  [[nodiscard]] const std::vector<std::string>& too_short() const;
  [[nodiscard]] bool empty() const;
  // The most bytes a stream may hold back: the longest pattern in its widest escaped form (six
  // bytes per byte, as \u0041) plus a partial escape; 0 when nothing is masked.
  [[nodiscard]] std::size_t max_pattern_length() const;

 private:
  friend class RedactStream;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Masks a byte stream chunk by chunk and hands the result to `sink`. Emits every byte as soon as
// no pattern can still cover it, and a mask as soon as its start is final (so a chunk ending in a
// line break is emitted at once unless a multi-line secret, or a line of 16 or more base64/hex
// characters, may continue); holds back at most max_pattern_length() bytes. The output is
// identical to Redactor::redact of the whole stream, however it is split. Not thread-safe; the
// Redactor must outlive it. Movable, not copyable.
class RedactStream {
 public:
  RedactStream(const Redactor& redactor, std::function<void(std::string_view)> sink);
  ~RedactStream();
  RedactStream(RedactStream&&) noexcept;
  RedactStream& operator=(RedactStream&&) noexcept;
  RedactStream(const RedactStream&) = delete;
  RedactStream& operator=(const RedactStream&) = delete;

  void write(std::string_view chunk);
  // Emits everything still held (call at end of stream).
  void finish();
  // Bytes currently held back.
  [[nodiscard]] std::size_t held() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace hush
