// What a secret's metadata and fields look like as text (from flags or a file) and what they
// mean: the type word, expiry (--expires-in / --expires), KEY=VALUE metadata, NAME=VALUE fields,
// and the text `hush secrets get` prints for a payload or one of its fields.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/sidecar/sidecar.hpp"
#include "core/workflow/notices.hpp"

namespace hush {

// A secret's metadata as the user wrote it; empty members were not given.
struct MetadataText {
  std::string description{};
  std::string type{};
  std::vector<std::string> scopes{};
  std::vector<std::string> tags{};
  std::vector<std::string> meta{};  // KEY=VALUE
  std::string expires_in{};         // 30d
  std::string expires{};            // 2027-02-20
  std::string rotate_every{};       // 90d
  std::string notify_before{};      // 30d
};

// The type named by `word` (generic when empty); Error(usage) for an unknown one.
[[nodiscard]] SecretType type_from(const std::string& word);
// expires_in / expires as a time point (nullopt when neither is given); Error(usage) for both,
// parse_duration's and parse_time's errors.
[[nodiscard]] std::optional<std::chrono::sys_seconds> expiry_from(const MetadataText& text,
                                                                  std::chrono::sys_seconds now);
// KEY=VALUE pairs; Error(usage) for one without "=" or without a key.
[[nodiscard]] std::map<std::string, std::string> metadata_from(
    const std::vector<std::string>& pairs);
// NAME=VALUE field pairs (the value may contain "="); Error(usage) for one without a name.
[[nodiscard]] std::vector<NamedSecret> fields_from(const std::vector<std::string>& pairs);

// A new secret called `name` with `payload` and the metadata of `text`.
[[nodiscard]] NewSecret new_secret_from(std::string name, const MetadataText& text,
                                        SecretPayload payload, std::chrono::sys_seconds now);
// What `hush secrets update` changes: every member of `text` given, `payload` when set; clearing
// expiry, rotation or the notice wins over a new one.
struct ClearFlags {
  bool expiry = false;
  bool rotation = false;
  bool notify_before = false;
};
[[nodiscard]] SecretChanges changes_from(const MetadataText& text, ClearFlags clear,
                                         std::optional<SecretPayload> payload,
                                         std::chrono::sys_seconds now);

// How a secret's plaintext is given: at most one of stdin, a generated value, the value itself
// (discouraged: shell history) or NAME=VALUE fields; none means a hidden prompt on the terminal.
struct ValueInput {
  bool from_stdin = false;            // --value-stdin
  std::size_t generate = 0;           // --generate N
  std::string charset = "alnum";      // --charset: alnum, hex, base64url or ascii
  std::string value{};                // --value
  std::vector<std::string> fields{};  // --field NAME=VALUE
};

// Reads a payload of `type` from `input`: stdin (one trailing newline dropped; NAME=value dotenv
// lines for multi-field types), a generated value, the value or fields given, else a hidden
// prompt per value or field when `required` and a terminal is there. nullopt when nothing was
// given and it is not `required`. Every value read is announced to the reveal registry (so every
// message masks it from then on); a value given on the command line is a warning on `notices`.
// Error(usage, "conflicting-options") for two ways at once, Error(usage, "fields-expected") for
// --value or --generate with a multi-field type, Error(invalid_input, "missing-value") when
// `required` and nothing could be read.
[[nodiscard]] std::optional<SecretPayload> read_payload(const ValueInput& input, SecretType type,
                                                        bool required, const Notices& notices);

// The text `hush secrets get` prints: a single value as it is; a multi-field secret as NAME=value
// lines (values JSON-quoted) or, with `field`, that field's value alone. Built in secure memory.
// Error(invalid_input, "unknown-field") for a field the secret lacks, naming its fields.
[[nodiscard]] SecretBuffer payload_text(const SecretPayload& payload, const std::string& field,
                                        const std::string& name);

}  // namespace hush
