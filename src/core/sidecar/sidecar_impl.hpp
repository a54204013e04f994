// Private helpers shared by the sidecar_*.cpp files.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sidecar/sidecar.hpp"

namespace hush::sidecar_detail {

// Why `fields` (sorted) is not a valid field set for `type`, or nullopt.
[[nodiscard]] std::optional<std::string> field_set_problem(SecretType type,
                                                           const std::vector<std::string>& fields);
// The binding of `entry`'s current value (its scopes, type and fields), or of its history
// `version` (open history values with BindingCheck::name_and_version).
[[nodiscard]] SealBinding binding_for(std::string_view name, const SidecarEntry& entry,
                                      std::uint64_t version);
// Throws Error(tampered, "tampered-value", "secret NAME was tampered with: REASON; restore …").
[[noreturn]] void tampered_payload(std::string_view name, const std::string& reason);
// The payload of an opened value of `entry` (`current`, or a history version), read by its sealed
// type (hush2) or, for hush1, by its shape, which for a current value must fit the entry's type
// and field names; tampered_payload otherwise.
[[nodiscard]] SecretPayload payload_of(std::string_view name, const SidecarEntry& entry,
                                       bool current, const OpenedValue& opened);
// The sorted names of `fields`.
[[nodiscard]] std::vector<std::string> field_names(const std::vector<NamedSecret>& fields);
// Throws Error(key, "wrong-key") unless `keys` is the sidecar's keypair.
void check_keypair(const Sidecar& sidecar, const Keypair& keys);
// The entry called `name`; throws Error(invalid_input, "unknown-secret") with suggestions.
[[nodiscard]] SidecarEntry& entry_named(Sidecar& sidecar, std::string_view name);
[[nodiscard]] const SidecarEntry& entry_named(const Sidecar& sidecar, std::string_view name);
// Opens `entry`'s value of `version` (the current one or one in history) into a payload.
[[nodiscard]] SecretPayload open_payload(std::string_view name, const SidecarEntry& entry,
                                         std::uint64_t version, const Keypair& keys);

}  // namespace hush::sidecar_detail
