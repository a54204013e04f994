// tests/support/heap_probe.hpp — counts the bytes this thread allocates on the ordinary heap
// (operator new) while a HeapProbe lives, so a test can show that a secret value never passed
// through a std::string: a 100 kB value parsed with less than 100 kB of ordinary allocations has
// no ordinary copy. Secure memory (hush/secret.hpp) is not operator new and is not counted.
#pragma once
#include <cstddef>

namespace hush::test {

// Probes nest; each reports the bytes allocated since its own construction. Not copyable.
class HeapProbe {
 public:
  HeapProbe();
  ~HeapProbe();
  HeapProbe(const HeapProbe&) = delete;
  HeapProbe& operator=(const HeapProbe&) = delete;
  [[nodiscard]] std::size_t bytes() const;

 private:
  std::size_t m_start;
};

}  // namespace hush::test
