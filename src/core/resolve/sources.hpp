// hush/sources.hpp — the built-in secret sources (process environment, the config's inline
// `secrets:` block) and the Resolver that turns a template reference into a value: it walks the
// configured source order, honours source-qualified references, and enforces scopes, expiry and
// multi-field rules, reporting every failure as a finding.
#pragma once
#include <chrono>
#include <hush/error.hpp>
#include <hush/source.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/base/environment.hpp"
#include "core/model/config_model.hpp"

namespace hush {

// Environment variables: NAME, or <prefix>NAME when a prefix is set. The environment is passed
// in (never read from the process here); its credential variables (HUSH_KEY…) are not among its
// variables, so they are never a source. Copies the values it may answer with. Not thread-safe.
class EnvSource : public SecretSource {
 public:
  EnvSource(const Environment& environment, std::string_view prefix);
  [[nodiscard]] std::string name() const override { return "env"; }
  [[nodiscard]] std::optional<SecretInfo> lookup(std::string_view key) override;
  [[nodiscard]] std::vector<std::string> names() const override;

 private:
  [[nodiscard]] SecretValue fetch_value(std::string_view key, std::string_view field) override;
  std::map<std::string, SecretValue, std::less<>> m_values;  // keyed without the prefix
};

// The config's plaintext `secrets:` block. Not thread-safe.
class InlineSource : public SecretSource {
 public:
  explicit InlineSource(std::vector<InlineSecret> secrets);
  [[nodiscard]] std::string name() const override { return "inline"; }
  [[nodiscard]] std::optional<SecretInfo> lookup(std::string_view key) override;
  [[nodiscard]] std::vector<std::string> names() const override;

 private:
  [[nodiscard]] SecretValue fetch_value(std::string_view key, std::string_view field) override;
  std::vector<InlineSecret> m_secrets;
};

struct ResolverOptions {
  bool allow_expired = false;      // expired secrets become warnings instead of errors
  std::chrono::sys_seconds now{};  // "now" for expiry checks
};

struct Resolution {
  SharedSecret value;  // shared by every reference to the same secret (decrypted once)
  std::string source;  // the source that answered
  std::string name;    // the secret's name in that source
};

// Resolves template references against an ordered chain of sources. Owns its sources.
// Not thread-safe. Movable, not copyable.
class Resolver {
 public:
  // `sources`: every configured source; `chain`: the names consulted, in order, for unqualified
  // references (qualified-only sources are skipped there). Throws Error(usage, "unknown-source")
  // when `chain` names a source that is not configured.
  Resolver(std::vector<std::unique_ptr<SecretSource>> sources, std::vector<std::string> chain,
           ResolverOptions options);
  Resolver(Resolver&&) noexcept = default;
  Resolver& operator=(Resolver&&) noexcept = default;

  // The value of `ref`, or nullopt after appending the reason to `findings` (rules
  // unresolved-reference, unknown-source, scope-violation, expired-secret, multi-field-secret,
  // unknown-field). Warnings (an expired secret with allow_expired) are appended too. Errors from
  // a source itself (wrong key, tampering, a failing exec command) propagate as hush::Error.
  [[nodiscard]] std::optional<Resolution> resolve(const TemplateReference& ref,
                                                  std::vector<Finding>& findings);
  // As resolve(), but only checks that the reference would resolve (existence, scopes, expiry,
  // fields) without fetching a value, so no key is needed. Also warns, for a secret not yet
  // expired: expiring-secret when it expires within its SecretInfo::notify_before, else within
  // `expiring_window`; rotation-due when updated + rotate_every <= now (+ notify_before when
  // set). Returns the secret's name, or nullopt.
  [[nodiscard]] std::optional<std::string> check(const TemplateReference& ref,
                                                 std::chrono::seconds expiring_window,
                                                 std::vector<Finding>& findings) const;
  [[nodiscard]] const std::vector<std::string>& chain() const { return m_chain; }
  // The configured source called `name`, or nullptr.
  [[nodiscard]] SecretSource* source(std::string_view name) const;

 private:
  struct Hit;
  [[nodiscard]] std::optional<Hit> find(const TemplateReference& ref,
                                        std::vector<std::string>& tried) const;
  [[nodiscard]] bool admissible(const TemplateReference& ref, const Hit& hit,
                                std::vector<Finding>& findings) const;
  // find() then admissible(), reporting why when either fails.
  [[nodiscard]] std::optional<Hit> admitted(const TemplateReference& ref,
                                            std::vector<Finding>& findings) const;
  void unresolved(const TemplateReference& ref, const std::vector<std::string>& tried,
                  std::vector<Finding>& findings) const;

  std::vector<std::unique_ptr<SecretSource>> m_sources;
  std::vector<std::string> m_chain;
  ResolverOptions m_options;
  // source name, key, field -> the value fetched once
  std::map<std::tuple<std::string, std::string, std::string>, SharedSecret> m_fetched;
};

}  // namespace hush
