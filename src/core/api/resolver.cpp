#include <algorithm>
#include <hush/resolver.hpp>

#include "core/api/api_access.hpp"

namespace hush {

struct ResolverBuilder::Impl {
  std::vector<std::unique_ptr<SecretSource>> sources;
  std::vector<std::string> order;
  std::vector<Finding> findings;
  ResolverOptions options;
  bool now_set = false;
};

namespace {

// The environ-like block Environment::from_block reads, built in secure memory (it holds the
// values).
Environment environment_of(const std::vector<NamedSecret>& variables) {
  SecretBuffer strings;
  std::vector<std::size_t> starts;
  for (const NamedSecret& v : variables) {
    starts.push_back(strings.size());
    strings.append(v.name);
    strings.push_back('=');
    strings.append(v.value.reveal());
    strings.push_back('\0');
  }
  std::vector<const char*> block;
  for (std::size_t start : starts) block.push_back(strings.reveal().data() + start);
  block.push_back(nullptr);
  return Environment::from_block(block.data());
}

std::vector<std::string> default_order(const std::vector<std::unique_ptr<SecretSource>>& sources) {
  std::vector<std::string> order;
  for (const char* name : {"sidecar", "env", "inline"}) {
    const bool added = std::any_of(sources.begin(), sources.end(),
                                   [&](const auto& s) { return s->name() == name; });
    if (added) order.emplace_back(name);
  }
  for (const auto& s : sources) {
    if (std::find(order.begin(), order.end(), s->name()) == order.end()) {
      order.push_back(s->name());
    }
  }
  return order;
}

void require_unique_names(const std::vector<std::unique_ptr<SecretSource>>& sources) {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (sources[i]->name() == sources[j]->name()) {
        throw Error(
            ErrorKind::usage, "duplicate-source",
            "two sources are named " + sources[i]->name() + "; each name may be added once");
      }
    }
  }
}

}  // namespace

ResolverBuilder::ResolverBuilder() : m_impl(std::make_unique<Impl>()) {}
ResolverBuilder::~ResolverBuilder() = default;
ResolverBuilder::ResolverBuilder(ResolverBuilder&&) noexcept = default;
ResolverBuilder& ResolverBuilder::operator=(ResolverBuilder&&) noexcept = default;

ResolverBuilder& ResolverBuilder::sidecar(SidecarFile sidecar, KeyLookup keys) {
  m_impl->sources.push_back(std::make_unique<SidecarSource>(
      std::move(detail::ApiAccess::model(sidecar)), detail::to_internal(keys)));
  return *this;
}

ResolverBuilder& ResolverBuilder::sidecar(SidecarFile sidecar, SidecarKey key) {
  const Keypair& keys = detail::ApiAccess::of(key);
  m_impl->sources.push_back(
      std::make_unique<SidecarSource>(std::move(detail::ApiAccess::model(sidecar)),
                                      Keypair{keys.public_key, keys.private_key.clone()}));
  return *this;
}

ResolverBuilder& ResolverBuilder::environment(const std::vector<NamedSecret>& variables,
                                              std::string prefix) {
  m_impl->sources.push_back(std::make_unique<EnvSource>(environment_of(variables), prefix));
  return *this;
}

ResolverBuilder& ResolverBuilder::process_environment(std::string prefix) {
  m_impl->sources.push_back(
      std::make_unique<EnvSource>(detail::read_process_environment(), prefix));
  return *this;
}

ResolverBuilder& ResolverBuilder::inline_block(const Template& config) {
  InlineSecrets found = read_inline_secrets(detail::ApiAccess::of(config).source);
  m_impl->findings.insert(m_impl->findings.end(), found.findings.begin(), found.findings.end());
  m_impl->sources.push_back(std::make_unique<InlineSource>(std::move(found.secrets)));
  return *this;
}

ResolverBuilder& ResolverBuilder::source(std::unique_ptr<SecretSource> source) {
  if (source == nullptr) {
    throw Error(ErrorKind::usage, "null-source", "ResolverBuilder::source was given no source");
  }
  m_impl->sources.push_back(std::move(source));
  return *this;
}

ResolverBuilder& ResolverBuilder::order(std::vector<std::string> names) {
  m_impl->order = std::move(names);
  return *this;
}

ResolverBuilder& ResolverBuilder::expired(ExpiredSecrets policy) {
  m_impl->options.allow_expired = policy == ExpiredSecrets::allow;
  return *this;
}

ResolverBuilder& ResolverBuilder::now(std::chrono::sys_seconds when) {
  m_impl->options.now = when;
  m_impl->now_set = true;
  return *this;
}

SecretResolver ResolverBuilder::build() {
  std::unique_ptr<Impl> impl = std::move(m_impl);
  m_impl = std::make_unique<Impl>();
  require_unique_names(impl->sources);
  if (!impl->now_set) {
    impl->options.now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  std::vector<std::string> order =
      impl->order.empty() ? default_order(impl->sources) : std::move(impl->order);
  Resolver resolver(std::move(impl->sources), std::move(order), impl->options);
  return SecretResolver(std::make_unique<SecretResolver::Impl>(
      SecretResolver::Impl{std::move(resolver), std::move(impl->findings)}));
}

SecretResolver::SecretResolver(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SecretResolver::~SecretResolver() = default;
SecretResolver::SecretResolver(SecretResolver&&) noexcept = default;
SecretResolver& SecretResolver::operator=(SecretResolver&&) noexcept = default;

std::vector<std::string> SecretResolver::chain() const { return m_impl->resolver.chain(); }
const std::vector<Finding>& SecretResolver::findings() const { return m_impl->findings; }

}  // namespace hush
