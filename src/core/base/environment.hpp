// hush/environment.hpp — the process environment, read once at startup and split in two: hush's
// credential variables (HUSH_KEY, HUSH_KEY_FILE, HUSH_PASSPHRASE…, see is_credential_variable),
// which only the key inputs read, and every other variable, which sources and children see.
// Values live in secure memory. A child's environment is built from the ordinary variables only,
// so no child ever receives a credential.
//
//   const hush::Environment env = hush::Environment::from_block(environ);  // announces HUSH_KEY…
//   hush::EnvironmentBlock block = env.block();        // what a child gets: no credentials
//   block.set("API_TOKEN", token.reveal(), hush::Existing::keep);
//   posix_spawnp(…, argv, block.envp());
#pragma once
#include <functional>
#include <hush/secret.hpp>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hush {

// What EnvironmentBlock::set does with a name that is already set.
enum class Existing { keep, replace };

// A child's environment: NAME=VALUE strings in secure memory and the null-terminated pointer
// array exec wants. Move-only; not thread-safe.
class EnvironmentBlock {
 public:
  EnvironmentBlock() = default;
  EnvironmentBlock(EnvironmentBlock&&) noexcept = default;
  EnvironmentBlock& operator=(EnvironmentBlock&&) noexcept = default;
  EnvironmentBlock(const EnvironmentBlock&) = delete;
  EnvironmentBlock& operator=(const EnvironmentBlock&) = delete;

  // Sets `name` to a secure copy of `value`; a name already set is replaced only with
  // Existing::replace. Returns whether the value was set.
  bool set(std::string_view name, std::string_view value, Existing existing);
  [[nodiscard]] bool contains(std::string_view name) const;
  // The value of `name`, or nullptr.
  [[nodiscard]] const SecretValue* find(std::string_view name) const;
  // Sorted "NAME=VALUE" pointers ending in nullptr, all in one secure block; valid until the
  // next set() or the block's destruction. Allocates; call it before fork/spawn, never after.
  [[nodiscard]] char* const* envp();

 private:
  std::map<std::string, SecretValue, std::less<>> m_values;
  SecretValue m_strings;
  std::vector<char*> m_pointers;
};

class Environment {
 public:
  using Variables = std::map<std::string, SecretValue, std::less<>>;

  Environment() = default;  // empty
  Environment(Environment&&) noexcept = default;
  Environment& operator=(Environment&&) noexcept = default;
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // Copies an environ-like array ("NAME=VALUE" strings ending in nullptr; `block` may be null).
  // Entries without '=' are skipped; of duplicate names the first wins (as getenv does).
  // Credential variables are kept apart, and each non-empty credential value is announced to
  // the reveal registry under its name, so it is masked in every message from then on (a
  // *_FILE variable names a file, not a secret: its path is not announced; the key store
  // announces the file's content when it reads it). Throws std::bad_alloc.
  [[nodiscard]] static Environment from_block(const char* const* block);
  // The same from name/value pairs (for embedders and tests).
  [[nodiscard]] static Environment from_pairs(
      std::initializer_list<std::pair<std::string_view, std::string_view>> pairs);

  // An ordinary (non-credential) variable, or nullptr when unset.
  [[nodiscard]] const SecretValue* find(std::string_view name) const;
  // An ordinary variable's value as text, "" when unset: for settings that are not secret
  // (HOME, HUSH_ENV, NO_COLOR…).
  [[nodiscard]] std::string text(std::string_view name) const;
  // A credential variable's value, or nullptr when unset or empty (CI systems expand a missing
  // secret to "").
  [[nodiscard]] const SecretValue* credential(std::string_view name) const;
  // Every ordinary variable, sorted by name.
  [[nodiscard]] const Variables& variables() const { return m_variables; }
  // A child's environment: every ordinary variable, no credential.
  [[nodiscard]] EnvironmentBlock block() const;

 private:
  void add(std::string_view name, std::string_view value);
  Variables m_variables;
  Variables m_credentials;
};

// True when the environ-like `block` sets a credential variable (to anything). Allocates nothing.
[[nodiscard]] bool has_credential_variable(const char* const* block) noexcept;

// Overwrites, in place, the value bytes of every credential variable in the environ-like `block`
// (so /proc/<pid>/environ no longer shows them). Call once, after from_block.
void scrub_credentials(char** block) noexcept;

}  // namespace hush
