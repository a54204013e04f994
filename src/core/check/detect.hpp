// hush/detect.hpp — credential detection for `hush check`: RE2 rules from
// schemas/detect-rules.yaml (embedded in the binary), each gated by keywords. A scan makes one
// pass over the text for all keywords, then runs only the rules whose keywords occur.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

struct DetectionRule {
  std::string id;
  std::string description;
  std::vector<std::string> keywords;
  std::optional<double> entropy;
  // The fixed public prefixes of the token kind (`ghp_`; `AKIA`, `ASIA`, …): literals that every
  // match of the secret part starts with, checked when the rules load. Empty for most rules.
  std::vector<std::string> prefixes;
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
  // path:line:column for a missing id or regex, a duplicate id, an unknown key, a regex RE2
  // rejects, or a `prefix` that is not a literal every match of the secret part starts with.
  [[nodiscard]] static Detector from_yaml(std::string_view text, const std::string& path);
  ~Detector();
  Detector(Detector&&) noexcept;
  Detector& operator=(Detector&&) noexcept;
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // Every detection, in text order; one per secret span (the first rule in file order wins).
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

// Shannon entropy of `text` in bits per byte.
[[nodiscard]] double shannon_entropy(std::string_view text);

}  // namespace hush
