// The workflows of `hush secrets add | update | rm | rollback | rotate | migrate | get` on an
// opened SidecarStore: each validates, gets keys by the store's policy, changes the sidecar under
// its lock and says what it did through the store's notices.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/fsutil.hpp"
#include "core/model/config_model.hpp"
#include "core/workflow/secret_input.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace hush {

// Reads a secret's plaintext of `type` (flags, stdin or a prompt: the caller's business); nullopt
// when nothing was given and `required` is false.
using PayloadReader = std::function<std::optional<SecretPayload>(SecretType type, bool required)>;
// read_payload of `input`, warning on `notices`; both must outlive the reader.
[[nodiscard]] inline PayloadReader payload_reader(const ValueInput& input, const Notices& notices) {
  return [&input, &notices](SecretType type, bool required) {
    return read_payload(input, type, required, notices);
  };
}

// `secrets add`: the name's rule (Error(invalid_input, "missing-name" | "invalid-name")), a
// warning for a dangerous name, the payload (required), then add_secret with the public key.
void add_secret_flow(SidecarStore& store, const std::string& name, const MetadataText& text,
                     const PayloadReader& read, std::chrono::sys_seconds now);
// `secrets update`: the payload (optional, of the new type when given), then update_secret with
// the private key when at hand (to compare values and re-bind scopes) and without it otherwise.
void update_secret_flow(SidecarStore& store, const std::string& name, const MetadataText& text,
                        ClearFlags clear, const PayloadReader& read, std::chrono::sys_seconds now);
// `secrets rm` before it asks: calls `each` for every reference to the secret `name` in the
// configs matching `patterns` (globs relative to `base`), config by config as each is read;
// returns how many there were. parse_yaml_source's and read_file's errors.
std::size_t for_each_reference(const std::vector<std::string>& patterns,
                               const std::filesystem::path& base, const std::string& name,
                               Syntax syntax, InputLimit limit,
                               const std::function<void(const TemplateReference&)>& each);
// `secrets rm` once confirmed: remove_secret with the public key.
void remove_secret_flow(SidecarStore& store, const std::string& name);
// `secrets rollback`: unlocks, then rollback_secret.
void rollback_secret_flow(SidecarStore& store, const std::string& name, std::uint64_t to,
                          std::chrono::sys_seconds now);
// `secrets rotate`: unlocks, reads the payload (required), then rotate_secret.
void rotate_secret_flow(SidecarStore& store, const std::string& name, const PayloadReader& read,
                        std::chrono::sys_seconds now);
// `secrets migrate`: re-seals every enc:v1 value (unlocking only when there is one); returns why
// each value that did not open was left as it was.
[[nodiscard]] std::vector<Error> migrate_secrets_flow(SidecarStore& store);
// `secrets get`: unlocks, reveals the current version (or `version` when not 0) and returns
// payload_text for `field`.
[[nodiscard]] SecretBuffer reveal_secret_flow(SidecarStore& store, const std::string& name,
                                              std::uint64_t version, const std::string& field);

}  // namespace hush
