// Shared by the `hush init`, `hush secrets …` and `hush seal` command files: where the sidecar
// is, how keys are obtained, and how values and metadata arrive from flags, stdin or a prompt.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/sidecar/sidecar.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

// The sidecar named by --secrets, HUSH_SECRETS or .hush.yaml (Error(usage, "no-sidecar")
// otherwise).
[[nodiscard]] std::filesystem::path secrets_path(const Context& ctx);
// Loads the sidecar; a missing file is Error(io, "missing-sidecar") suggesting `hush init`.
[[nodiscard]] Sidecar load_existing_sidecar(const std::filesystem::path& path);
// Key inputs from the environment, plus a no-echo passphrase prompt on a terminal.
[[nodiscard]] KeyInputs key_inputs_with_prompt(const Context& ctx);

// The keypair a write may use to migrate values still sealed as enc:v1, when the sidecar holds
// any and a key is at hand without asking (HUSH_KEY, HUSH_KEY_FILE, the keys directory,
// HUSH_PASSPHRASE); nullopt otherwise. A key that does not fit is a warning, not an error: the
// write itself needs only the public key.
[[nodiscard]] std::optional<Keypair> migration_keys(const Sidecar& sidecar, const Context& ctx);
// The sidecar's keypair when it is at hand without asking (as migration_keys looks for it),
// nullopt otherwise; a key that does not fit is a warning starting with `without`.
[[nodiscard]] std::optional<Keypair> keys_at_hand(const Sidecar& sidecar, const Context& ctx,
                                                  const std::string& without);
// update_sidecar(path, change) that, with `keys`, also re-seals every enc:v1 value in the same
// locked write (so the next write of anyone holding the private key migrates the file), then
// says what it re-sealed, what did not open, or, without `keys`, how many old values are left.
void write_sidecar(const std::filesystem::path& path, const std::function<void(Sidecar&)>& change,
                   const Keypair* keys, const Context& ctx);

struct ValueFlags {
  bool from_stdin = false;
  std::size_t generate = 0;
  std::string charset = "alnum";
  std::string value;                // --value (discouraged: shell history)
  std::vector<std::string> fields;  // --field name=value
};
void add_value_options(CLI::App& app, ValueFlags& flags);
// The secret's plaintext from the flags, stdin (dotenv lines for multi-field types) or a hidden
// prompt on a terminal; nullopt when nothing was given and `required` is false. Remembers the
// values in the console's redactor. Error(invalid_input, "missing-value") ("Secret value is
// required") when required and unavailable.
[[nodiscard]] std::optional<SecretPayload> read_payload(const ValueFlags& flags, SecretType type,
                                                        const Context& ctx, bool required);

struct MetadataFlags {
  std::string description;
  std::string type;
  std::vector<std::string> scopes;
  std::vector<std::string> tags;
  std::vector<std::string> meta;  // K=V
  std::string expires_in;         // 30d
  std::string expires;            // 2027-02-20
  std::string rotate_every;       // 90d
};
void add_metadata_options(CLI::App& app, MetadataFlags& flags);
// The type named by --type (generic when empty); Error(usage) for an unknown one.
[[nodiscard]] SecretType type_from(const std::string& word);
// --expires-in / --expires as a time point (nullopt when neither is given).
[[nodiscard]] std::optional<std::chrono::sys_seconds> expiry_from(const MetadataFlags& flags,
                                                                  std::chrono::sys_seconds now);
// --meta K=V pairs; Error(usage) for one without "=".
[[nodiscard]] std::map<std::string, std::string> metadata_from(
    const std::vector<std::string>& pairs);

// A table: rows of cells, columns padded to the widest cell.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace hush::cli
