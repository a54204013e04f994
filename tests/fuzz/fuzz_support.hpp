// tests/fuzz/fuzz_support.hpp — what the fuzz targets share: a broken invariant aborts with a
// message (libFuzzer then saves the input as a crash), and a reader that splits the fuzzer's
// bytes into parameters and payload. hush::Error is each target's normal rejection; anything
// else that escapes a target (another exception, a sanitizer report, an abort) is a finding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <hush/secret.hpp>
#include <string_view>

namespace hush::fuzz {

[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "hush fuzz finding: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

inline void require(bool holds, const char* what) {
  if (!holds) finding(what);
}

// Runs `body` and requires the secure pool to hold as many bytes afterwards as before: every
// secret value and buffer the input created was released, and so wiped (ASan does not see the
// pool's blocks, which come from libsodium's guarded mappings).
template <class Body>
void without_pool_leak(const Body& body) {
  const std::size_t before = secure_pool_stats().bytes_in_use;
  body();
  require(secure_pool_stats().bytes_in_use == before, "secure-pool bytes not released");
}

// Reads parameters off the front of the input; once the input is used up, every byte reads 0.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size)
      : m_rest(reinterpret_cast<const char*>(data), size) {}
  [[nodiscard]] std::uint8_t byte() {
    if (m_rest.empty()) return 0;
    const auto value = static_cast<std::uint8_t>(m_rest.front());
    m_rest.remove_prefix(1);
    return value;
  }
  // Up to `count` bytes.
  [[nodiscard]] std::string_view take(std::size_t count) {
    const std::string_view out = m_rest.substr(0, count);
    m_rest.remove_prefix(out.size());
    return out;
  }
  [[nodiscard]] std::string_view rest() const { return m_rest; }

 private:
  std::string_view m_rest;
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace hush::fuzz
