// Private to the api layer: what the public classes hold behind their `Impl`, and
// detail::ApiAccess, the one friend through which one facade reaches another's internals (a
// resolver reads a template's tree, a checker a sidecar's model).
#pragma once
#include <filesystem>
#include <hush/keys.hpp>
#include <hush/resolver.hpp>
#include <hush/sidecar.hpp>
#include <hush/template.hpp>
#include <string>
#include <vector>

#include "core/base/environment.hpp"
#include "core/crypto/crypto.hpp"
#include "core/crypto/keystore.hpp"
#include "core/model/config_model.hpp"
#include "core/model/reference.hpp"
#include "core/resolve/sources.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

struct Template::Impl {
  YamlSource source;
  Syntax syntax = Syntax::both;
  ReferenceSyntax public_syntax = ReferenceSyntax::both;
  std::vector<Template::Reference> references;
  std::vector<Finding> findings;
};

struct SidecarKey::Impl {
  Keypair keys;
};

struct SidecarFile::Impl {
  std::filesystem::path path;  // empty: in memory
  Sidecar model;
};

struct SecretResolver::Impl {
  Resolver resolver;
  std::vector<Finding> findings;
};

namespace detail {

struct ApiAccess {
  [[nodiscard]] static const Template::Impl& of(const Template& t) { return *t.m_impl; }
  [[nodiscard]] static const Keypair& of(const SidecarKey& k) { return k.m_impl->keys; }
  [[nodiscard]] static SidecarKey wrap(Keypair keys) {
    return SidecarKey(std::make_unique<SidecarKey::Impl>(SidecarKey::Impl{std::move(keys)}));
  }
  [[nodiscard]] static Sidecar& model(SidecarFile& s) { return s.m_impl->model; }
  [[nodiscard]] static const Sidecar& model(const SidecarFile& s) { return s.m_impl->model; }
  [[nodiscard]] static Resolver& of(SecretResolver& r) { return r.m_impl->resolver; }
  [[nodiscard]] static const std::vector<Finding>& findings(const SecretResolver& r) {
    return r.m_impl->findings;
  }
};

// The internal form of a public syntax choice.
[[nodiscard]] Syntax to_internal(ReferenceSyntax syntax);
// A copy of `lookup` in the key store's terms (the base64 key cloned in secure memory).
[[nodiscard]] KeyInputs to_internal(const KeyLookup& lookup);
// The process environment as it is now (credential values announced to the reveal registry).
[[nodiscard]] Environment read_process_environment();

}  // namespace detail
}  // namespace hush
