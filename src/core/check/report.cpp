#include "core/check/report.hpp"

#include "core/base/text.hpp"

#include <map>

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
      {"multi-field-secret", "A multi-field secret is referenced without a field"},
      {"unknown-field", "A reference names a field the secret does not have"},
      {"inline-secret", "A plaintext secrets: block in a config"},
      {"inline-secret-invalid", "A malformed entry of the inline secrets: block"},
      {"plaintext-secret", "A literal value under a secret-like key"},
      {"known-secret-value", "A sidecar secret's value written in plaintext"},
      {"unused-secret", "A sidecar secret no checked config references"},
      {"secret-name", "A secret name that is not UPPER_SNAKE_CASE"},
  };
  const auto found = k_descriptions.find(rule);
  if (found != k_descriptions.end()) return found->second;
  if (rule.starts_with("detected-secret/")) return "A credential matched detection rule " + rule.substr(16);
  return rule;
}

}  // namespace

std::string report_json(const CheckReport& report) {
  std::vector<std::string> items;
  for (const Finding& f : report.findings) {
    items.push_back("    {\"rule\": " + json_quote(f.rule) + ", \"severity\": " +
                    json_quote(to_string(f.severity)) + ", \"path\": " + json_quote(f.where.path) +
                    ", \"line\": " + std::to_string(f.where.line) + ", \"column\": " +
                    std::to_string(f.where.column) + ", \"message\": " + json_quote(f.message) +
                    ", \"snippet\": " + json_quote(f.snippet) + ", \"fingerprint\": " +
                    json_quote(f.fingerprint) + "}");
  }
  return "{\n  \"findings\": [\n" + join(items, ",\n") + (items.empty() ? "" : "\n") +
         "  ],\n  \"summary\": {\"files\": " + std::to_string(report.files_checked) +
         ", \"errors\": " + std::to_string(count(report, Severity::error)) + ", \"warnings\": " +
         std::to_string(count(report, Severity::warning)) + ", \"suppressed\": " +
         std::to_string(report.suppressed) + ", \"skipped_binary\": " +
         std::to_string(report.skipped_binary) + ", \"skipped_large\": " +
         std::to_string(report.skipped_large) + "}\n}\n";
}

std::string report_sarif(const CheckReport& report, std::string_view tool_version) {
  std::map<std::string, std::size_t> rule_index;
  std::vector<std::string> rules;
  std::vector<std::string> results;
  for (const Finding& f : report.findings) {
    if (rule_index.emplace(f.rule, rules.size()).second) {
      rules.push_back("{\"id\": " + json_quote(f.rule) + ", \"shortDescription\": {\"text\": " +
                      json_quote(rule_description(f.rule)) + "}}");
    }
    std::string region = "{\"startLine\": " + std::to_string(std::max(f.where.line, 1));
    if (f.where.column > 0) region += ", \"startColumn\": " + std::to_string(f.where.column);
    results.push_back(
        "{\"ruleId\": " + json_quote(f.rule) + ", \"ruleIndex\": " +
        std::to_string(rule_index[f.rule]) + ", \"level\": " +
        json_quote(f.severity == Severity::error ? "error" : "warning") +
        ", \"message\": {\"text\": " + json_quote(f.message) + "}, \"locations\": [{" +
        "\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + json_quote(f.where.path) +
        "}, \"region\": " + region + "}}}], \"partialFingerprints\": {\"hush/v1\": " +
        json_quote(f.fingerprint) + "}}");
  }
  return "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
         "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"hush\", "
         "\"version\": " + json_quote(tool_version) + ", \"rules\": [" + join(rules, ", ") + "]}},\n"
         "    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [\n      " +
         join(results, ",\n      ") + "\n    ]\n  }]\n}\n";
}

}  // namespace hush
