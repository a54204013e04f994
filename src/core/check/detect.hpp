// hush/detect.hpp — credential detection for `hush check`: RE2 rules from
// schemas/detect-rules.yaml (embedded in the binary), each gated by keywords. A scan makes one
// pass over the text for all keywords, then runs only the rules whose keywords occur. A match
// never spans a line break unless its rule is `multiline` (private key blocks).
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/check/detect_filters.hpp"  // shannon_entropy

namespace hush {

// A rule's own examples (`examples:` in the rules file); tests/unit/detect_rules_test.cpp checks
// that each `match` text yields a detection by the rule and each `ignore` text yields none.
struct DetectionExamples {
  std::vector<std::string> match;
  std::vector<std::string> ignore;
};

struct DetectionRule {
  std::string id;
  std::string description;
  std::vector<std::string> keywords;
  std::optional<double> entropy;
  // The fixed public prefixes of the token kind (`ghp_`; `AKIA`, `ASIA`, …): literals that every
  // match of the secret part starts with, checked when the rules load. Empty for most rules.
  std::vector<std::string> prefixes;
  // Names of the shared value filters (detect_filters.hpp) that drop placeholders, references
  // and addresses: `placeholder`, `reference`, `address`.
  std::vector<std::string> filters;
  bool multiline = false;  // a match may span lines (else one that does is no detection)
  DetectionExamples examples;
};

struct Detection {
  std::string rule;
  std::string description;
  std::size_t offset = 0;  // of the secret part
  std::size_t length = 0;
  std::string prefix;  // the longest of the rule's prefixes the secret starts with, or empty
};

// Immutable after construction; scan() is thread-safe. Movable, not copyable.
class Detector {
 public:
  // The rules embedded from schemas/detect-rules.yaml. Each rule's regex is compiled when a scan
  // first needs it, so a process that checks a little text pays for little.
  [[nodiscard]] static Detector builtin();
  // Rules from YAML `text` named `path`. Throws Error(invalid_input, "detect-rules-invalid") at
  // path:line:column for a missing id or regex, a duplicate id, an unknown key (in a rule or its
  // `examples`), a regex RE2 rejects, an unknown filter, `examples` that are not lists of
  // strings, or a `prefix` that is not a literal every match of the secret part starts with (or
  // that is declared on a regex with more than one capturing group).
  [[nodiscard]] static Detector from_yaml(std::string_view text, const std::string& path);
  ~Detector();
  Detector(Detector&&) noexcept;
  Detector& operator=(Detector&&) noexcept;
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // Every detection, in text order; one per secret span (the first rule in file order wins).
  // The secret part is the first capturing group that took part in the match, else the match.
  [[nodiscard]] std::vector<Detection> scan(std::string_view text) const;
  [[nodiscard]] const std::vector<DetectionRule>& rules() const;

 private:
  struct Impl;
  explicit Detector(std::unique_ptr<Impl> impl);
  // `check_patterns`: compile and check every pattern now (from_yaml), else on first use
  // (builtin; tests/unit/detect_test.cpp checks the embedded rules as from_yaml would).
  [[nodiscard]] static Detector load(std::string_view text, const std::string& path,
                                     bool check_patterns);
  std::unique_ptr<Impl> m_impl;
};

namespace detail {
// The text of schemas/detect-rules.yaml as embedded in the binary.
[[nodiscard]] std::string_view builtin_rules_text();
}  // namespace detail

}  // namespace hush
