// hush/resolver.hpp — where the values of a template's references come from. A SecretResolver
// consults its sources in order (by default: sidecar, environment, the template's inline
// `secrets:` block, then your own sources in the order added); `${SOURCE:KEY}` asks one source
// by name. It enforces each secret's scopes, expiry and fields, reporting every failure as a
// finding, and fetches each value once however many references use it.
//
//   hush::SecretResolver resolver =
//       hush::ResolverBuilder()
//           .sidecar(hush::SidecarFile::open("config.secrets.yaml"),
//                    hush::KeyLookup::from_process_environment())
//           .process_environment()     // ${NAME} may also come from the environment
//           .inline_block(config)      // and from config's own `secrets:` block
//           .build();
#pragma once
#include <chrono>
#include <hush/error.hpp>
#include <hush/keys.hpp>
#include <hush/secret.hpp>
#include <hush/sidecar.hpp>
#include <hush/source.hpp>
#include <hush/template.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hush {

class SecretResolver;

// What an expired secret is: an error finding (the default), or a warning and still used.
enum class ExpiredSecrets { refuse, allow };

// Collects sources, then builds a SecretResolver. Each source name may be added once. Not
// thread-safe; movable, not copyable.
class ResolverBuilder {
 public:
  ResolverBuilder();
  ~ResolverBuilder();
  ResolverBuilder(ResolverBuilder&&) noexcept;
  ResolverBuilder& operator=(ResolverBuilder&&) noexcept;
  ResolverBuilder(const ResolverBuilder&) = delete;
  ResolverBuilder& operator=(const ResolverBuilder&) = delete;

  // The source "sidecar": its metadata now, each value decrypted on first use with the key
  // from `keys` (so a render that uses no sidecar value needs no key).
  ResolverBuilder& sidecar(SidecarFile sidecar, KeyLookup keys);
  // As above with a key at hand. Throws Error(key, "wrong-key") when it is another sidecar's.
  ResolverBuilder& sidecar(SidecarFile sidecar, SidecarKey key);
  // The source "env" over `variables` (copied into secure memory): ${NAME} reads
  // `prefix`+NAME. Credential variables (HUSH_KEY, HUSH_KEY_FILE, HUSH_PASSPHRASE, …) are never
  // answered, and their values are announced to the reveal registry.
  ResolverBuilder& environment(const std::vector<NamedSecret>& variables, std::string prefix = {});
  // The source "env" over the process environment as it is now (read here, not at lookup).
  ResolverBuilder& process_environment(std::string prefix = {});
  // The source "inline": the plaintext `secrets:` block of `config`. Malformed entries become
  // findings (rule "inline-secret-invalid") of the SecretResolver. Copies what it needs.
  ResolverBuilder& inline_block(const Template& config);
  // One of your own sources (see hush/source.hpp), consulted under its name().
  ResolverBuilder& source(std::unique_ptr<SecretSource> source);
  // The names consulted, in order, for references without a `SOURCE:`; empty (the default):
  // sidecar, env, inline, then your own sources, as far as they were added.
  ResolverBuilder& order(std::vector<std::string> names);
  ResolverBuilder& expired(ExpiredSecrets policy);
  // The time expiry is judged against; default: the system clock at build().
  ResolverBuilder& now(std::chrono::sys_seconds when);

  // The resolver; the builder is empty afterwards. Throws Error(usage, "unknown-source") when
  // order() names a source that was not added, Error(usage, "duplicate-source") when two
  // sources share a name.
  [[nodiscard]] SecretResolver build();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Resolves references for render() (hush/render.hpp). Not thread-safe (sources and the cache
// of fetched values are used from one thread at a time); movable, not copyable. Values fetched
// stay cached in secure memory until it is destroyed.
class SecretResolver {
 public:
  ~SecretResolver();
  SecretResolver(SecretResolver&&) noexcept;
  SecretResolver& operator=(SecretResolver&&) noexcept;
  SecretResolver(const SecretResolver&) = delete;
  SecretResolver& operator=(const SecretResolver&) = delete;

  // The source names consulted for unqualified references, in order.
  [[nodiscard]] std::vector<std::string> chain() const;
  // Problems found while building (malformed inline secrets); render() reports them too.
  [[nodiscard]] const std::vector<Finding>& findings() const;

 private:
  friend class ResolverBuilder;
  friend struct detail::ApiAccess;
  struct Impl;
  explicit SecretResolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hush
