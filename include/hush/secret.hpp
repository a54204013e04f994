// hush/secret.hpp — the only home of plaintext secret values: a move-only buffer in libsodium
// secure memory (sodium_malloc: guard pages, mlock'd, wiped on release). There is no stream
// operator and no conversion to std::string; reviewers grep for reveal().
#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

class SecretValue {
 public:
  SecretValue() = default;
  // Copies `bytes` into secure memory. Throws std::bad_alloc when secure memory is exhausted.
  explicit SecretValue(std::string_view bytes);
  ~SecretValue();
  SecretValue(SecretValue&& other) noexcept;
  SecretValue& operator=(SecretValue&& other) noexcept;
  SecretValue(const SecretValue&) = delete;
  SecretValue& operator=(const SecretValue&) = delete;

  // The plaintext; valid until this object is destroyed, moved from or assigned.
  [[nodiscard]] std::string_view reveal() const;
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] bool empty() const { return m_size == 0; }
  // An independent copy in secure memory (explicit, so copies are visible in review).
  [[nodiscard]] SecretValue clone() const;

 private:
  void release() noexcept;
  char* m_data = nullptr;
  std::size_t m_size = 0;
};

// A secret value with the name it is known by (for redaction and masking messages).
struct NamedSecret {
  std::string name;
  SecretValue value;
};

// What a source knows about one secret without revealing its value.
struct SecretInfo {
  std::string name{};
  std::string type = "generic";        // generic|password|api-key|bearer|basic|...|kv
  std::vector<std::string> scopes{};   // scope patterns; empty means usable everywhere
  std::vector<std::string> fields{};   // non-empty for multi-field secrets (${NAME.field})
  std::optional<std::chrono::sys_seconds> expires{};
  std::string description{};
};

// One place secrets come from (sidecar, env, inline, an exec command). Implementations say in
// their own header whether they are thread-safe; resolution uses them from one thread.
class SecretSource {
 public:
  virtual ~SecretSource() = default;
  // "sidecar", "env", "inline", or an exec source's configured name.
  [[nodiscard]] virtual std::string name() const = 0;
  // Consulted only by source-qualified references (${name:KEY}), never by the default chain.
  [[nodiscard]] virtual bool qualified_only() const { return false; }
  // Metadata for `key`, or nullopt when this source has no such secret. Needs no private key.
  // May throw Error (e.g. an exec source whose command fails).
  [[nodiscard]] virtual std::optional<SecretInfo> lookup(std::string_view key) = 0;
  // The value of `key` (or of its `field` for multi-field secrets; empty `field` for the whole
  // value). Precondition: lookup(key) returned a value. Throws Error(key|tampered) when the value
  // cannot be decrypted or verified, Error(invalid_input) for an unknown field.
  [[nodiscard]] virtual SecretValue fetch(std::string_view key, std::string_view field) = 0;
  // Every name this source can enumerate (for suggestions); empty when it cannot list.
  [[nodiscard]] virtual std::vector<std::string> names() const = 0;
};

// Initialises libsodium once (thread-safe); throws std::runtime_error if it cannot.
void ensure_sodium();

}  // namespace hush
