// hush/source.hpp — where secret values come from, and the one reveal path. A SecretSource (the
// sidecar, the environment, the config's inline block, an external secret manager, or your own)
// answers lookups with metadata and hands out values only through SecretSource::fetch, which
// announces every value to the process's reveal registry before returning it. Everything hush
// prints is redacted against that registry, so a value that reached the process by any source
// cannot reach a message, log or audit record.
//
//   class VaultSource final : public hush::SecretSource {
//     std::string name() const override { return "vault"; }
//     std::optional<hush::SecretInfo> lookup(std::string_view key) override { … }
//     std::vector<std::string> names() const override { return {}; }
//    private:
//     hush::SecretValue fetch_value(std::string_view key, std::string_view field) override { … }
//   };
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// What a source knows about one secret without revealing its value. Every member but `name` is
// optional knowledge: a source leaves what it does not know at its default. `hush check` warns
// expiring-secret when `expires` is within `notify_before` (14 days when unset), and
// rotation-due when `updated` + `rotate_every` is past, or within `notify_before` when set.
struct SecretInfo {
  std::string name{};
  std::string type = "generic";       // generic|password|api-key|bearer|basic|...|kv
  std::vector<std::string> scopes{};  // scope patterns; empty means usable everywhere
  std::vector<std::string> fields{};  // non-empty for multi-field secrets (${NAME.field})
  std::optional<std::chrono::sys_seconds> expires{};
  std::string description{};
  std::optional<std::chrono::sys_seconds> updated{};    // when the current value was written
  std::optional<std::chrono::seconds> rotate_every{};   // its rotation period
  std::optional<std::chrono::seconds> notify_before{};  // how long before either to warn
};

// One place secrets come from. Implementations say in their own header whether they are
// thread-safe; resolution uses them from one thread.
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
  // Every name this source can enumerate (for suggestions); empty when it cannot list.
  [[nodiscard]] virtual std::vector<std::string> names() const = 0;

  // The value of `key` (or of its `field` for multi-field secrets; empty `field` for the whole
  // value), announced to the reveal registry as `key` before it is returned. Precondition:
  // lookup(key) returned a value. Throws what fetch_value throws: Error(key|tampered) when the
  // value cannot be decrypted or verified, Error(invalid_input) for an unknown field.
  [[nodiscard]] SharedSecret fetch(std::string_view key, std::string_view field);

 private:
  // The implementation's part of fetch(). Never called except through fetch().
  [[nodiscard]] virtual SecretValue fetch_value(std::string_view key, std::string_view field) = 0;
};

// The reveal registry: every plaintext that entered this process (a fetched value, a private key,
// a passphrase, a value typed or piped in), in the order it arrived. Process-wide and
// thread-safe; values stay until the process exits.
void announce_revealed(std::string_view name, SharedSecret value);
void announce_revealed(std::string_view name, const SecretValue& value);  // stores a copy
// How many values have been announced (grows only).
[[nodiscard]] std::size_t revealed_count();
// Calls `visit` for each announced value from index `from` on, in order.
void visit_revealed(std::size_t from,
                    const std::function<void(const std::string& name, const SecretValue&)>& visit);

}  // namespace hush
