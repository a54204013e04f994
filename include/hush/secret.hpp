// hush/secret.hpp — the only home of plaintext: SecretValue (an immutable secret) and SecretBuffer
// (a growable one, for text that carries secrets such as a rendered config), both stored in one
// process-wide pool of libsodium secure memory: guard pages around each megabyte chunk, mlock'd,
// every block wiped when released. Allocation cost does not grow with the number of values (one
// mapping per chunk; a block above 64 KiB gets its own guarded mapping). No stream operator, no
// conversion to std::string; reviewers grep for reveal().
//
//   hush::SecretValue token("s3cret");          // copied into secure memory
//   std::string_view plain = token.reveal();    // valid while `token` lives
//   hush::SecretBuffer out;                     // e.g. a rendered document
//   out.append("password: "); out.append(token.reveal());
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// Initialises libsodium once (thread-safe). Throws std::bad_alloc if it cannot (libsodium fails
// only when the system cannot provide randomness or memory).
void ensure_sodium();

// Raw blocks of the secure pool. secure_allocate throws std::bad_alloc; secure_deallocate wipes
// the `bytes` bytes at `block` before returning them. Both thread-safe.
[[nodiscard]] void* secure_allocate(std::size_t bytes);
void secure_deallocate(void* block, std::size_t bytes) noexcept;

// What the pool holds now (for tests and benchmarks).
struct SecurePoolStats {
  std::size_t chunks = 0;        // guarded, locked chunk mappings
  std::size_t large_blocks = 0;  // blocks with their own mapping
  std::size_t bytes_in_use = 0;  // bytes handed out and not yet released
};
[[nodiscard]] SecurePoolStats secure_pool_stats();

// A standard allocator over the secure pool: containers of secret material (redaction tables,
// buffers) grow without leaving unwiped copies behind.
template <class T>
struct SecureAllocator {
  using value_type = T;
  SecureAllocator() = default;
  template <class U>
  explicit SecureAllocator(const SecureAllocator<U>& /*other*/) {}
  [[nodiscard]] T* allocate(std::size_t n) {
    return static_cast<T*>(secure_allocate(n * sizeof(T)));
  }
  void deallocate(T* block, std::size_t n) noexcept { secure_deallocate(block, n * sizeof(T)); }
  template <class U>
  bool operator==(const SecureAllocator<U>& /*other*/) const {
    return true;
  }
};

template <class T>
using SecureVector = std::vector<T, SecureAllocator<T>>;

// An immutable secret value. Move-only; copies are explicit (clone()).
class SecretValue {
 public:
  SecretValue() = default;
  // Copies `bytes` into secure memory. Throws std::bad_alloc when secure memory is exhausted.
  explicit SecretValue(std::string_view bytes);
  // `size` zero bytes in secure memory, to be filled through data() before it is shared.
  [[nodiscard]] static SecretValue with_size(std::size_t size);
  ~SecretValue();
  SecretValue(SecretValue&& other) noexcept;
  SecretValue& operator=(SecretValue&& other) noexcept;
  SecretValue(const SecretValue&) = delete;
  SecretValue& operator=(const SecretValue&) = delete;

  // The plaintext; valid until this object is destroyed, moved from or assigned.
  [[nodiscard]] std::string_view reveal() const;
  // Writable bytes, for filling a value made by with_size().
  [[nodiscard]] char* data() { return m_data; }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] bool empty() const { return m_size == 0; }
  // An independent copy in secure memory (explicit, so copies are visible in review).
  [[nodiscard]] SecretValue clone() const;

 private:
  void release() noexcept;
  char* m_data = nullptr;
  std::size_t m_size = 0;
};

// One decrypted value shared by every reference to it (decrypted once per process).
using SharedSecret = std::shared_ptr<const SecretValue>;

// A growable byte buffer in secure memory: text that carries secrets (a rendered document, a
// child's environment block, a line read from a terminal). Move-only.
class SecretBuffer {
 public:
  SecretBuffer() = default;
  explicit SecretBuffer(std::string_view bytes) { append(bytes); }
  SecretBuffer(SecretBuffer&&) noexcept = default;
  SecretBuffer& operator=(SecretBuffer&&) noexcept = default;
  SecretBuffer(const SecretBuffer&) = delete;
  SecretBuffer& operator=(const SecretBuffer&) = delete;

  void append(std::string_view bytes) { m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end()); }
  void push_back(char c) { m_bytes.push_back(c); }
  void reserve(std::size_t bytes) { m_bytes.reserve(bytes); }
  void clear() { m_bytes.clear(); }
  // Drops the bytes from `size` on (no-op when already shorter).
  void truncate(std::size_t size) {
    if (size < m_bytes.size()) m_bytes.resize(size);
  }
  [[nodiscard]] std::string_view reveal() const { return {m_bytes.data(), m_bytes.size()}; }
  [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
  [[nodiscard]] bool empty() const { return m_bytes.empty(); }
  // The bytes as an immutable value (one copy).
  [[nodiscard]] SecretValue to_value() const { return SecretValue(reveal()); }

 private:
  SecureVector<char> m_bytes;
};

// A secret value with the name it is known by (for redaction and masking messages).
struct NamedSecret {
  std::string name;
  SecretValue value;
};

}  // namespace hush
