// SidecarSource: the sidecar as one of the resolver's secret sources.
#include <algorithm>
#include <hush/error.hpp>

#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/sidecar/sidecar_impl.hpp"

namespace hush {

SidecarSource::SidecarSource(Sidecar sidecar, std::optional<Keypair> keys)
    : m_sidecar(std::move(sidecar)), m_keys(std::move(keys)) {
  if (m_keys) sidecar_detail::check_keypair(m_sidecar, *m_keys);
}

SidecarSource::SidecarSource(Sidecar sidecar, KeyInputs inputs)
    : m_sidecar(std::move(sidecar)), m_inputs(std::move(inputs)) {}

std::optional<SecretInfo> SidecarSource::lookup(std::string_view key) {
  const auto found = m_sidecar.secrets.find(key);
  if (found == m_sidecar.secrets.end()) return std::nullopt;
  return secret_info(found->first, found->second);
}

const Keypair& SidecarSource::keys() {
  if (!m_keys && m_inputs) {
    m_keys = unlock_sidecar(m_sidecar, *m_inputs);  // throws missing-key when nothing supplies it
    m_inputs.reset();
  }
  if (!m_keys) {
    throw missing_key_error(m_sidecar.key_id, {}, m_sidecar.kdf.has_value());
  }
  return *m_keys;
}

SecretValue SidecarSource::fetch_value(std::string_view key, std::string_view field) {
  const SidecarEntry& entry = sidecar_detail::entry_named(m_sidecar, key);
  const std::string name(key);
  if (!is_multi_field(entry.type)) {
    if (!field.empty()) {
      throw Error(ErrorKind::invalid_input, "unknown-field",
                  "secret " + name + " has no fields; reference it as ${" + name + "}");
    }
  } else if (field.empty()) {
    throw Error(ErrorKind::invalid_input, "multi-field-secret",
                "secret " + name + " has fields " + join(entry.fields, ", ") +
                    "; reference one as ${" + name + "." + entry.fields.front() + "}");
  } else if (std::find(entry.fields.begin(), entry.fields.end(), field) == entry.fields.end()) {
    throw Error(ErrorKind::invalid_input, "unknown-field",
                "secret " + name + " has no field " + std::string(field) +
                    " (fields: " + join(entry.fields, ", ") + ")");
  }
  SecretPayload payload = sidecar_detail::open_payload(key, entry, entry.version, keys());
  if (field.empty()) return std::move(payload.value);
  for (NamedSecret& named : payload.fields) {
    if (named.name == field) return std::move(named.value);
  }
  sidecar_detail::tampered_payload(name, "its sealed fields lack " + std::string(field));
}

std::vector<std::string> SidecarSource::names() const {
  std::vector<std::string> out;
  for (const auto& [name, entry] : m_sidecar.secrets) out.push_back(name);
  return out;
}

}  // namespace hush
