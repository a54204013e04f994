// hush/check.hpp — the pre-commit and pipeline check: every rule over a set of texts, one pass
// each, in parallel. Configs are checked for plaintext values under secret-like keys, malformed
// and unresolvable references, scope problems and schema violations; every text for credentials
// (detection rules for AWS, GitHub, Slack, private keys, …) and for known values written in
// plaintext. Needs no key. Findings never carry a secret: messages and snippets show masked
// previews such as "AKIA…(20 chars)". `# hush:ignore` on a line suppresses its findings.
//
//   const hush::Checker checker;                 // compiles the rules once; share it
//   hush::CheckResult result = checker.check_text("config.yaml", text);
//   for (const hush::Finding& f : result.findings) std::cerr << hush::to_string(f) << "\n";
//   std::string sarif = hush::to_sarif(result);  // for code-scanning services
#pragma once
#include <cstddef>
#include <filesystem>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <hush/template.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// A text to check: its path as reported, and its content.
struct CheckSubject {
  std::string path;
  std::string content;
};

// Whether a rule pack runs.
enum class RulePack { builtin, off };

// Movable, not copyable (known values are secret).
struct CheckSettings {
  ReferenceSyntax syntax = ReferenceSyntax::both;
  std::vector<std::string> secret_keys_extra{};    // more mapping keys treated as secret-bearing
  std::optional<std::filesystem::path> sidecar{};  // its names and metadata check references
  std::vector<NamedSecret> known_values{};         // values to find written in plaintext
  RulePack detection = RulePack::builtin;          // credential detection over every text
  RulePack schema = RulePack::builtin;             // the OpsiMate config schema over configs
  // Larger texts are scanned in windows by the detection rules (check_paths streams such files
  // from disk); their YAML rules do not run, which a not-checked warning says.
  std::size_t max_file_size = std::size_t{64} << 20;
  unsigned threads = 0;  // 0: all cores
};

struct CheckResult {
  std::vector<Finding> findings{};  // sorted by path, line, column
  std::size_t files_checked = 0;    // read by the detection rules, whole or in windows
  std::size_t streamed = 0;         // of those, read in windows (larger than max_file_size)
  std::size_t not_checked = 0;      // could not be read: a not-checked warning each
  std::size_t suppressed = 0;       // by `# hush:ignore` comments
  // No finding is an error.
  [[nodiscard]] bool ok() const;
};

// A configured check. Immutable once built: const members may run on several threads at once.
// Movable, not copyable.
class Checker {
 public:
  // Compiles the detection rules and the schema (tens of milliseconds; build once) and reads
  // the sidecar. Throws the sidecar's Error(io | syntax | invalid_input).
  explicit Checker(CheckSettings settings = {});
  ~Checker();
  Checker(Checker&&) noexcept;
  Checker& operator=(Checker&&) noexcept;
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  // Runs every rule on `subjects`. Bad content is a finding, never thrown; std::bad_alloc
  // propagates. Nothing is skipped: UTF-16 is decoded, other bytes are scanned as they are.
  [[nodiscard]] CheckResult check(const std::vector<CheckSubject>& subjects) const;
  [[nodiscard]] CheckResult check_text(std::string path, std::string content) const;
  // The files under `paths` (directories recursed; inside a git work tree, git's view with
  // .gitignore respected), read from disk. Recursion follows no symbolic link; a path in `paths`
  // that resolves through one outside the current directory's repository (outside git, the
  // current directory) is not read but a not-checked warning. Throws Error(io) for a path that
  // does not exist.
  [[nodiscard]] CheckResult check_paths(const std::vector<std::filesystem::path>& paths) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// One JSON document: {"findings": [...], "summary": {...}} (the form of `hush check --format
// json`).
[[nodiscard]] std::string to_json(const CheckResult& result);
// SARIF 2.1.0 with rules, code-point columns and partial fingerprints; `tool_version` goes into
// the driver (default: this library's version).
[[nodiscard]] std::string to_sarif(const CheckResult& result, std::string_view tool_version = {});

}  // namespace hush
