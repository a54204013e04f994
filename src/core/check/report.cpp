#include "core/check/report.hpp"

#include <map>

#include "core/base/json.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

std::size_t count(const CheckReport& report, Severity severity) {
  std::size_t n = 0;
  for (const Finding& f : report.findings) n += f.severity == severity ? 1 : 0;
  return n;
}

// What each rule means, for SARIF's rule table.
std::string rule_description(const std::string& rule) {
  static const std::map<std::string, std::string> k_descriptions = {
      {"yaml-syntax", "The file is not valid YAML"},
      {"duplicate-key", "A mapping repeats a key"},
      {"alias-budget", "YAML aliases expand past hush's budget"},
      {"nesting-limit", "Collections nest deeper than hush's limit"},
      {"schema", "The config does not match the OpsiMate schema"},
      {"unknown-type", "A provider, service or integration type hush does not know"},
      {"duplicate-name", "Two entries of one section share a name"},
      {"unresolved-reference", "A reference names no known secret"},
      {"unknown-source", "A reference names a source that is not configured"},
      {"invalid-reference", "A malformed ${...} or $<...> reference"},
      {"reference-in-key", "A reference in a mapping key"},
      {"scope-violation", "A secret is used outside its scopes"},
      {"expired-secret", "A referenced secret has expired"},
      {"expiring-secret", "A referenced secret expires soon"},
      {"rotation-due", "A referenced secret is due for rotation"},
      {"multi-field-secret", "A multi-field secret is referenced without a field"},
      {"unknown-field", "A reference names a field the secret does not have"},
      {"inline-secret", "A plaintext secrets: block in a config"},
      {"inline-secret-invalid", "A malformed entry of the inline secrets: block"},
      {"plaintext-secret", "A literal value under a secret-like key"},
      {"known-secret-value", "A sidecar secret's value written in plaintext"},
      {"unused-secret", "A sidecar secret no checked config references"},
      {"secret-name", "A secret name that is not UPPER_SNAKE_CASE"},
      {"not-checked", "A file, or a file's YAML rules, that hush could not check"},
  };
  const auto found = k_descriptions.find(rule);
  if (found != k_descriptions.end()) return found->second;
  if (rule.starts_with("detected-secret/"))
    return "A credential matched detection rule " + rule.substr(16);
  return rule;
}

}  // namespace

std::string report_json(const CheckReport& report) {
  Json findings = Json::array();
  for (const Finding& f : report.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", to_string(f.severity)},
                        {"path", f.where.path},
                        {"line", f.where.line},
                        {"column", f.where.column},
                        {"message", f.message},
                        {"snippet", f.snippet},
                        {"fingerprint", f.fingerprint}});
  }
  const Json summary = {{"files", report.files_checked},
                        {"errors", count(report, Severity::error)},
                        {"warnings", count(report, Severity::warning)},
                        {"suppressed", report.suppressed},
                        {"streamed", report.streamed},
                        {"not_checked", report.not_checked}};
  return json_text({{"findings", std::move(findings)}, {"summary", summary}});
}

std::string report_sarif(const CheckReport& report, std::string_view tool_version) {
  std::map<std::string, std::size_t> rule_index;
  Json rules = Json::array();
  Json results = Json::array();
  for (const Finding& f : report.findings) {
    if (rule_index.emplace(f.rule, rules.size()).second) {
      rules.push_back({{"id", f.rule}, {"shortDescription", {{"text", rule_description(f.rule)}}}});
    }
    Json region = {{"startLine", std::max(f.where.line, 1)}};
    if (f.where.column > 0) region["startColumn"] = f.where.column;
    results.push_back({{"ruleId", f.rule},
                       {"ruleIndex", rule_index[f.rule]},
                       {"level", f.severity == Severity::error ? "error" : "warning"},
                       {"message", {{"text", f.message}}},
                       {"locations", Json::array({{{"physicalLocation",
                                                    {{"artifactLocation", {{"uri", f.where.path}}},
                                                     {"region", std::move(region)}}}}})},
                       {"partialFingerprints", {{"hush/v2", f.fingerprint}}}});
  }
  const Json driver = {{"name", "hush"}, {"version", tool_version}, {"rules", std::move(rules)}};
  return json_text({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", Json::array({{{"tool", {{"driver", driver}}},
                                           {"columnKind", "unicodeCodePoints"},
                                           {"properties",
                                            {{"files", report.files_checked},
                                             {"streamed", report.streamed},
                                             {"not_checked", report.not_checked},
                                             {"suppressed", report.suppressed}}},
                                           {"results", std::move(results)}}})}});
}

std::string report_summary(const CheckReport& report) {
  std::string text = "checked " + std::to_string(report.files_checked) + " files";
  std::vector<std::string> notes;
  if (report.streamed != 0) notes.push_back(std::to_string(report.streamed) + " in windows");
  if (report.not_checked != 0) notes.push_back(std::to_string(report.not_checked) + " not checked");
  if (report.suppressed != 0) notes.push_back(std::to_string(report.suppressed) + " suppressed");
  if (!notes.empty()) text += " (" + join(notes, ", ") + ")";
  return text + ": " + std::to_string(report.findings.size()) + " findings";
}

}  // namespace hush
