// Seal formats in a sidecar: which file format its values need, which values are still sealed as
// enc:v1 (hush1: no type or field names bound), and their migration to enc:v2 (hush2).
#include <hush/error.hpp>

#include "core/sidecar/sidecar.hpp"
#include "core/sidecar/sidecar_impl.hpp"

namespace hush {
namespace {

using namespace sidecar_detail;

bool is_legacy(std::string_view value) { return seal_format_of(value) == SealFormat::hush1; }

// The type an old history payload is read as: the entry's when its shape fits, else kv for a
// field map and generic for one value (what reading it by its shape already meant).
SecretType history_type(const SidecarEntry& entry, const SecretPayload& payload) {
  if (payload.fields.empty()) return is_multi_field(entry.type) ? SecretType::generic : entry.type;
  const bool fits =
      is_multi_field(entry.type) && !field_set_problem(entry.type, field_names(payload.fields));
  return fits ? entry.type : SecretType::kv;
}

// Re-seals `text` (entry's current value or its history `version`) as enc:v2. Throws open_value's
// and payload_of's errors.
void reseal(std::string_view name, const SidecarEntry& entry, std::uint64_t version,
            std::string& text, const Sidecar& sidecar, const Keypair& keys) {
  const bool current = version == entry.version;
  const OpenedValue opened =
      open_value(text, binding_for(name, entry, version), keys,
                 current ? BindingCheck::all : BindingCheck::name_and_version);
  const SecretPayload payload = payload_of(name, entry, current, opened);  // checks the shape
  SealBinding binding = binding_for(name, entry, version);
  if (!current) {
    const SecretType type = history_type(entry, payload);
    binding.scopes = opened.sealed.scopes;  // what it was sealed for, not today's scopes
    binding.type = std::string(to_string(type));
    binding.fields =
        is_multi_field(type) ? field_names(payload.fields) : std::vector<std::string>{};
  }
  text = seal_value(opened.payload, binding, sidecar.public_key);
}

}  // namespace

int sidecar_format(const Sidecar& sidecar) {
  for (const auto& [name, entry] : sidecar.secrets) {
    if (entry.notify_before) return k_sidecar_format;
    if (seal_format_of(entry.value) == SealFormat::hush2) return k_sidecar_format;
    for (const SealedVersion& old : entry.history) {
      if (seal_format_of(old.value) == SealFormat::hush2) return k_sidecar_format;
    }
  }
  return 1;
}

std::size_t legacy_value_count(const Sidecar& sidecar) {
  std::size_t count = 0;
  for (const auto& [name, entry] : sidecar.secrets) {
    count += is_legacy(entry.value) ? 1 : 0;
    for (const SealedVersion& old : entry.history) count += is_legacy(old.value) ? 1 : 0;
  }
  return count;
}

bool needs_migration(const Sidecar& sidecar) { return legacy_value_count(sidecar) != 0; }

MigrationResult migrate_sidecar(Sidecar& sidecar, const Keypair& keys) {
  check_keypair(sidecar, keys);
  MigrationResult result;
  const auto migrate = [&](const std::string& name, const SidecarEntry& entry,
                           std::uint64_t version, std::string& text) {
    if (!is_legacy(text)) return;
    try {
      reseal(name, entry, version, text, sidecar, keys);
      ++result.resealed;
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::tampered) throw;
      result.failed.push_back(error);  // left as it was: still reported whenever it is opened
    }
  };
  for (auto& [name, entry] : sidecar.secrets) {
    migrate(name, entry, entry.version, entry.value);
    for (SealedVersion& old : entry.history) migrate(name, entry, old.version, old.value);
  }
  return result;
}

}  // namespace hush
