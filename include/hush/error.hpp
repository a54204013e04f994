// hush/error.hpp — the one exception type and the one finding type. Every error and finding
// carries a stable id and, when known, a 1-based location; messages never contain secret values.
// Throwing is for work that cannot go on; findings are for problems the user should see all at
// once (a pass collects them and the caller fails at the end).
//
//   try {
//     hush::Template config = hush::Template::load("config.yaml");
//   } catch (const hush::Error& e) {
//     std::cerr << e.what() << "\n" << e.detail();  // "config.yaml:3:7: error: … [yaml-syntax]"
//     if (e.kind() == hush::ErrorKind::key) { /* no or wrong private key */ }
//   }
//   if (hush::worst(findings) == hush::Severity::error) return 1;
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hush {

// 1-based line and column (columns count Unicode code points); 0 means unknown.
struct Location {
  std::string path;
  int line = 0;
  int column = 0;
};

enum class ErrorKind { invalid_input, usage, io, syntax, key, tampered };

// Thrown when work cannot go on. what() is "path:line:col: error: message [id]" (location parts
// omitted when unknown). `detail` is optional extra text (a source line with a caret) that the
// CLI prints below the message.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string id, std::string message, std::optional<Location> where = {},
        std::string detail = {});
  [[nodiscard]] ErrorKind kind() const { return m_kind; }
  [[nodiscard]] const std::string& id() const { return m_id; }
  [[nodiscard]] const std::string& message() const { return m_message; }
  [[nodiscard]] const std::optional<Location>& where() const { return m_where; }
  [[nodiscard]] const std::string& detail() const { return m_detail; }

 private:
  ErrorKind m_kind;
  std::string m_id;
  std::string m_message;
  std::optional<Location> m_where;
  std::string m_detail;
};

enum class Severity { warning, error };

// One problem the user should see; passes collect all findings and the caller fails once.
// `snippet` is the masked source line with a caret (may be empty).
struct Finding {
  Severity severity = Severity::error;
  std::string rule{};
  Location where{};
  std::string message{};
  std::string snippet{};
  // Stable identity for baselines: a keyed hash of rule, path, the masked source line (else the
  // message) and its ordinal among identical findings; never of a value or a line number.
  std::string fingerprint{};
};

// "path:line:col: severity: message [rule]"; unknown location parts are omitted.
[[nodiscard]] std::string to_string(const Finding& finding);
[[nodiscard]] std::string to_string(Severity severity);
// "path:line:col" with unknown parts omitted ("path" alone when line is 0).
[[nodiscard]] std::string to_string(const Location& where);
// The highest severity among `findings`, or nullopt when empty.
[[nodiscard]] std::optional<Severity> worst(const std::vector<Finding>& findings);

}  // namespace hush
