// Replaces the global operator new/delete of the unit-test binary with counting ones (malloc and
// free underneath, so the sanitizers still see every block).
#include "support/heap_probe.hpp"

#include <cstdlib>
#include <hush/secret.hpp>
#include <new>

namespace {

thread_local std::size_t t_probes = 0;
thread_local std::size_t t_bytes = 0;

void* allocate(std::size_t bytes) {
  if (t_probes > 0) t_bytes += bytes;
  if (void* block = std::malloc(bytes == 0 ? 1 : bytes)) return block;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t bytes) { return allocate(bytes); }
void* operator new[](std::size_t bytes) { return allocate(bytes); }
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t /*bytes*/) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t /*bytes*/) noexcept { std::free(block); }
// The nothrow forms too (Catch2 uses them): every form must pair with the free() above.
void* operator new(std::size_t bytes, const std::nothrow_t& /*tag*/) noexcept {
  try {
    return allocate(bytes);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t bytes, const std::nothrow_t& tag) noexcept {
  return operator new(bytes, tag);
}
void operator delete(void* block, const std::nothrow_t& /*tag*/) noexcept { std::free(block); }
void operator delete[](void* block, const std::nothrow_t& /*tag*/) noexcept { std::free(block); }

namespace hush::test {

// The secure pool's one-time bookkeeping object is made first, so it is not counted.
HeapProbe::HeapProbe() : m_start((static_cast<void>(secure_pool_stats()), t_bytes)) { ++t_probes; }
HeapProbe::~HeapProbe() { --t_probes; }
std::size_t HeapProbe::bytes() const { return t_bytes - m_start; }

}  // namespace hush::test
