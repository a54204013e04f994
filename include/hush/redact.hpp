// hush/redact.hpp — masks known secret values in text: each value, each line of a multi-line
// value, and their common encodings (base64 standard and URL-safe, padded or not, also when the
// value starts at byte 1 or 2 of an encoded block; URL-encoding; JSON escaping). All patterns are
// matched in one pass by one Aho–Corasick automaton. RedactStream does the same chunk by chunk in
// bounded memory, so a value split across chunks or arriving byte by byte is still masked.
// Values shorter than min_length stay visible (the caller warns).
#pragma once
#include <hush/secret.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

struct RedactOptions {
  std::string mask = "***";  // "{name}" is replaced by the secret's name
  std::size_t min_length = 4;
};

// Immutable once built; share freely between threads. Building costs O(total pattern bytes);
// redact() is linear in its input. The automaton holds secret material: its tables are wiped on
// destruction. Movable, not copyable.
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
  // The merged regions redact() would mask, in text order.
  [[nodiscard]] std::vector<Match> find(std::string_view text) const;
  // Names whose values are too short to mask; the caller decides how to warn.
  [[nodiscard]] const std::vector<std::string>& too_short() const;
  [[nodiscard]] bool empty() const;
  // The longest pattern, i.e. the most bytes a stream may hold back.
  [[nodiscard]] std::size_t max_pattern_length() const;

 private:
  friend class RedactStream;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Masks a byte stream chunk by chunk and hands the result to `sink`. Emits every byte as soon as
// no pattern can still cover it (so a chunk ending in a line break is emitted at once unless a
// multi-line secret may continue); holds back at most max_pattern_length() bytes. The output is
// identical to Redactor::redact of the whole stream. Not thread-safe; the Redactor must outlive
// it. Movable, not copyable.
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
