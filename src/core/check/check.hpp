// hush/check.hpp — the pre-commit and pipeline check (DESIGN §7): every rule over a set of
// files in one pass each, in parallel. Needs no key; with the private key it also finds sidecar
// values written in plaintext. Findings never carry a secret: messages and snippets show masked
// previews (core/check/preview.hpp: "AKIA…(20 chars)", "…(8 chars)").
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <hush/error.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/environment.hpp"
#include "core/model/reference.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

// A file to check: its path as reported, and its content (from disk or a staged blob).
// A file too large to hold in memory, scanned in windows: a descriptor read with pread (a staged
// blob extracted to an unnamed temporary file), or a path opened when the file is checked.
struct StreamSource {
  std::string path;  // empty for a descriptor
  int fd = -1;       // owned: closed by the destructor
  StreamSource() = default;
  StreamSource(const StreamSource&) = delete;
  StreamSource& operator=(const StreamSource&) = delete;
  ~StreamSource();
};

struct CheckInput {
  std::string path;
  std::string content;
  // Set when the file could not be read at all ("not-a-regular-file", "unreadable-file", a
  // staged blob git could not give): a not-checked warning for the file. `content` is empty.
  std::optional<Error> unreadable{};
  // Set by the caller when the file is a hush config by name (`--config`, the project's
  // `configs:`) or because a sidecar sits beside it: the config rules (references, scopes,
  // schema, inline block) then apply. Unset, a YAML file is a config only when it is shaped like
  // an OpsiMate config (a `providers`, `services` or `integrations` list at its root); every
  // other file gets only the detection and key-hygiene rules, so other templating (`${{ … }}`,
  // `{{ … }}`, `${VAR:-default}`) is never a hush error there.
  bool config = false;
  // The index in CheckOptions::sidecars of the sidecar `hush render` would use for this file.
  std::optional<std::size_t> sidecar{};
  // Set (and `content` empty) for a file larger than the input limit: it is scanned in windows
  // by the detection rules; its YAML rules do not run (a not-checked warning says so).
  std::shared_ptr<const StreamSource> stream{};
};

// A sidecar configs are checked against (names and metadata only), and where its unused-secret
// findings point.
struct CheckSidecar {
  Sidecar sidecar;
  std::string path;
};

// A secret found by a detection rule in some text.
struct DetectedSecret {
  std::string rule;        // e.g. aws-access-key-id (reported as detected-secret/<rule>)
  std::size_t offset = 0;  // of the secret part in the text
  std::size_t length = 0;
  std::string description;
  std::string prefix;  // the rule's fixed public prefix the secret starts with, or empty
};

struct CheckOptions {
  Syntax syntax = Syntax::both;
  std::vector<std::string> secret_keys_extra;      // more keys treated as secret-bearing
  std::vector<CheckSidecar> sidecars;              // what CheckInput::sidecar indexes
  std::vector<NamedSecret> known_values;           // decrypted values (only with the private key)
  std::shared_ptr<const Environment> environment;  // consulted only when set (--env-source)
  std::chrono::sys_seconds now{};
  // expiring-secret's window for a secret without its own notify_before.
  std::chrono::seconds expiring_window{14 * 24 * 3600};
  // Contents larger than this are scanned in windows, as a stream is, without the YAML rules.
  std::size_t max_file_size = std::size_t{64} << 20;
  unsigned threads = 0;  // 0: all cores
  // Optional rule packs, each thread-safe: JSON Schema validation of configs (rules schema,
  // unknown-type) and detection rules over every text file.
  std::function<std::vector<Finding>(const YamlSource&)> schema{};
  std::function<std::vector<DetectedSecret>(std::string_view)> detect{};
  // The content of a checked path at `base_revision` (nullopt: not there), for comparing a
  // sidecar with its earlier self; unset, sidecars are checked on their own. Thread-safe.
  std::function<std::optional<std::string>(const std::string& path)> at_base{};
  std::string base_revision{};  // its name in messages: "HEAD", "origin/main"
};

// The embedded rule packs as CheckOptions hooks: the detection rules of
// schemas/detect-rules.yaml (each regex compiled on first use) and the OpsiMate JSON Schema.
// Each hook is thread-safe and shares one compiled pack among its copies.
[[nodiscard]] std::function<std::vector<DetectedSecret>(std::string_view)> builtin_detection();
[[nodiscard]] std::function<std::vector<Finding>(const YamlSource&)> builtin_schema();

struct CheckReport {
  std::vector<Finding> findings;  // sorted by path, line, column
  std::size_t files_checked = 0;  // files the detection rules read, whole or in windows
  std::size_t streamed = 0;       // of those, read in windows (larger than the input limit)
  std::size_t not_checked = 0;    // files that could not be read (a not-checked warning each)
  std::size_t suppressed = 0;     // by `# hush:ignore` comments
};

// Runs every rule on `files`. Never throws for bad file content (that is a finding). An Error
// that a file's rules throw becomes an error finding for that file with the Error's id and
// location (the file when it has none); any other std::exception (std::bad_alloc, one from a
// rule pack) an "internal-error" finding for that file. The other files are still checked.
[[nodiscard]] CheckReport check_files(const std::vector<CheckInput>& files,
                                      const CheckOptions& options);

// Whether `path` names a YAML file that can be a config: .yaml/.yml, and not a project file
// (`.hush.yaml`) or a pre-commit file.
[[nodiscard]] bool is_yaml_config_path(std::string_view path);

// Whether a mapping key names a secret (password, token, api_key, client_secret, private_key,
// *_password, *_token, *_secret, … plus `extra`), case-insensitively, '-' as '_'.
[[nodiscard]] bool is_secret_like_key(std::string_view key, const std::vector<std::string>& extra);

// A baseline: fingerprints of accepted findings. read_baseline reads the file `path` (up to
// k_baseline_limit); parse_baseline reads `text`, named `name` in messages. Both throw
// Error(syntax, "baseline-invalid") for anything but {"hush_baseline": 1, "fingerprints": […]}.
[[nodiscard]] std::set<std::string> read_baseline(const std::string& path);
[[nodiscard]] std::set<std::string> parse_baseline(const std::string& name, std::string_view text);
[[nodiscard]] std::string baseline_text(const std::vector<Finding>& findings);
// Drops findings whose fingerprint is in `baseline`; returns how many were dropped.
std::size_t apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline);

}  // namespace hush
