// The secure pool behind SecretValue, SecretBuffer and SecureAllocator: size classes carved out of
// 1 MiB sodium_malloc chunks, so ten thousand values cost a handful of mappings instead of one
// mmap + mlock + four mprotects each (the old per-value sodium_malloc ran out of mappings near
// 8,000 values). Freed blocks are wiped and kept on a per-class free list.
#include <sodium.h>

#include <array>
#include <cstdint>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <mutex>
#include <new>

namespace hush {
namespace {

constexpr std::size_t k_chunk_bytes = std::size_t{1} << 20;
constexpr std::size_t k_min_block = 16;
constexpr std::size_t k_max_block = std::size_t{64} << 10;  // larger: a mapping of its own
constexpr std::size_t k_classes = 13;                       // 16 B … 64 KiB, powers of two

struct FreeBlock {
  FreeBlock* next;
};

std::size_t class_of(std::size_t bytes) {
  std::size_t index = 0;
  for (std::size_t size = k_min_block; size < bytes; size <<= 1) ++index;
  return index;
}

std::size_t class_size(std::size_t index) { return k_min_block << index; }

class SecurePool {
 public:
  void* allocate(std::size_t bytes) {
    if (bytes == 0) bytes = 1;
    if (bytes > k_max_block) return allocate_large(bytes);
    const std::size_t index = class_of(bytes);
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_in_use += class_size(index);
    if (FreeBlock* block = m_free[index]) {
      m_free[index] = block->next;
      block->next = nullptr;
      return block;
    }
    return carve(class_size(index));
  }

  void deallocate(void* block, std::size_t bytes) noexcept {
    if (block == nullptr) return;
    if (bytes == 0) bytes = 1;
    if (bytes > k_max_block) {
      sodium_free(block);  // wipes before unmapping
      const std::lock_guard<std::mutex> lock(m_mutex);
      --m_large;
      m_in_use -= bytes;
      return;
    }
    const std::size_t index = class_of(bytes);
    sodium_memzero(block, class_size(index));
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_in_use -= class_size(index);
    auto* freed = static_cast<FreeBlock*>(block);
    freed->next = m_free[index];
    m_free[index] = freed;
  }

  SecurePoolStats stats() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return {.chunks = m_chunks, .large_blocks = m_large, .bytes_in_use = m_in_use};
  }

 private:
  void* allocate_large(std::size_t bytes) {
    ensure_sodium();
    void* block = sodium_malloc(bytes);
    if (block == nullptr) throw std::bad_alloc();
    sodium_memzero(block, bytes);
    const std::lock_guard<std::mutex> lock(m_mutex);
    ++m_large;
    m_in_use += bytes;
    return block;
  }

  // Called with the mutex held. Blocks are carved in increasing addresses from the current chunk;
  // the unused tail of a full chunk is left (at most one block of each class).
  void* carve(std::size_t size) {
    if (m_cursor == nullptr || m_left < size) {
      ensure_sodium();
      auto* chunk = static_cast<unsigned char*>(sodium_malloc(k_chunk_bytes));
      if (chunk == nullptr) {
        m_in_use -= size;
        throw std::bad_alloc();
      }
      sodium_memzero(chunk, k_chunk_bytes);
      ++m_chunks;
      m_cursor = chunk;
      m_left = k_chunk_bytes;
    }
    void* block = m_cursor;
    m_cursor += size;
    m_left -= size;
    return block;
  }

  std::mutex m_mutex;
  std::array<FreeBlock*, k_classes> m_free{};
  unsigned char* m_cursor = nullptr;
  std::size_t m_left = 0;
  std::size_t m_chunks = 0;
  std::size_t m_large = 0;
  std::size_t m_in_use = 0;
};

// Never destroyed: values in static storage may be released after main returns, and every block
// is wiped on release anyway (chunks stay mapped until the process exits).
SecurePool& pool() {
  static SecurePool* const instance = new SecurePool();
  return *instance;
}

}  // namespace

void ensure_sodium() {
  // A function-local static runs sodium_init exactly once, lazily: --help and --version never
  // pay for it (STYLE: startup).
  static const int status = sodium_init();
  if (status < 0) {
    throw Error(ErrorKind::key, "crypto-init-failed",
                "cannot initialise libsodium: the system provides no randomness or memory");
  }
}

void* secure_allocate(std::size_t bytes) { return pool().allocate(bytes); }

void secure_deallocate(void* block, std::size_t bytes) noexcept { pool().deallocate(block, bytes); }

SecurePoolStats secure_pool_stats() { return pool().stats(); }

}  // namespace hush
