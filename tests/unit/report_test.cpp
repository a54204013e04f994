#include "core/check/report.hpp"

#include <catch2/catch.hpp>

#include "core/base/json.hpp"
#include "core/base/text.hpp"
#include "core/check/check.hpp"
#include "core/check/detect.hpp"

namespace {

// Values are built at run time and split at their prefixes, so this file holds no token-shaped
// literal. Each tail is chosen so that no two adjacent characters are both hex digits (every
// fingerprint is hex) and no pair occurs in the fixed text of a report.
const std::string k_password = "Zq8Wv3Lp";
const std::string k_aws_tail = "ZQ8WV3LPXJ7QZ4VW";
const std::string k_github_tail = "Zq8Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7Nu";
const std::string k_pem_line_1 =
    "Zq8Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7NuQz4VwJq2Zx9Wv5Tm6Ys1Rk7NuXj7Q";
const std::string k_pem_line_2 = "Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7Nu==";

hush::CheckReport check(const std::string& path, const std::string& content) {
  static const hush::Detector detector = hush::Detector::builtin();
  hush::CheckOptions options;
  options.threads = 1;
  options.detect = [](std::string_view text) {
    std::vector<hush::DetectedSecret> out;
    for (const hush::Detection& d : detector.scan(text)) {
      out.push_back({d.rule, d.offset, d.length, d.description, d.prefix});
    }
    return out;
  };
  // The YAML cases are hush configs (their syntax errors are findings).
  return hush::check_files({{path, content, {}, path.ends_with(".yaml")}}, options);
}

// What `hush check` prints for a finding in text form (the console adds only colour).
std::string text_of(const hush::Finding& f) {
  return hush::to_string(f) + (f.snippet.empty() ? "" : "\n" + f.snippet);
}

struct Case {
  std::string path;
  std::string content;
  std::string text;                 // the whole text form of the one finding
  std::vector<std::string> values;  // secret parts beyond the rule's prefix
};

std::vector<Case> cases() {
  const std::string pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + k_pem_line_1 + "\n" +
                          k_pem_line_2 + "\n-----END OPENSSH PRIVATE KEY-----\n";
  const std::string json_pem =
      "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE "
      "KEY-----\\n" +
      k_pem_line_1 + "\\n" + k_pem_line_2 + "\\n-----END PRIVATE KEY-----\\n\"}\n";
  return {
      {"c.yaml",
       "password: " + k_password + "\n",
       "c.yaml:1:11: error: literal value under secret-like key password; store it with `hush "
       "secrets add` and reference it as ${NAME} [plaintext-secret]\n"
       "    1 | password: \u2026(8 chars)\n"
       "      |           ^~~~~~~~~~",
       {k_password}},
      {"run.sh",
       "export AWS_ACCESS_KEY_ID=AK"
       "IA" +
           k_aws_tail + "\n",
       "run.sh:1:26: error: AWS access key ID: AKIA\u2026(20 chars) "
       "[detected-secret/aws-access-key-id]\n"
       "    1 | export AWS_ACCESS_KEY_ID=AKIA\u2026(20 chars)\n"
       "      |                          ^~~~~~~~~~~~~~~",
       {k_aws_tail}},
      {"deploy.sh",
       "curl -H \"Authorization: token gh"
       "p_" +
           k_github_tail + "\" https://api.example.invalid\n",
       "deploy.sh:1:31: error: GitHub personal access token: ghp_\u2026(40 chars) "
       "[detected-secret/github-pat]\n"
       "    1 | curl -H \"Authorization: token ghp_\u2026(40 chars)\" https://api.example.invalid\n"
       "      |                               ^~~~~~~~~~~~~~~",
       {k_github_tail}},
      {"key.pem",
       pem,
       "key.pem:1:1: error: Private key block: -----BEGIN\u2026(171 chars) "
       "[detected-secret/private-key]\n"
       "    1 | -----BEGIN\u2026(171 chars)\n"
       "      | ^~~~~~~~~~~~~~~~~~~~~~",
       {k_pem_line_1, k_pem_line_2}},
      {"sa.json",
       json_pem,
       "sa.json:1:45: error: Private key block: -----BEGIN\u2026(158 chars) "
       "[detected-secret/private-key]\n"
       "    1 | {\"type\": \"service_account\", \"private_key\": \"-----BEGIN\u2026(160 chars)\"}\n"
       "      |                                             ^~~~~~~~~~~~~~~~~~~~~~",
       {k_pem_line_1, k_pem_line_2}},
      {"bad.yaml",
       "password: \"hunter2x\n",
       "bad.yaml:1:11: error: unterminated double-quoted scalar [yaml-syntax]\n"
       "    1 | password: \"\u2026(8 chars)\n"
       "      |           ^",
       {"hunter2x"}},
  };
}

// Every run of two characters of `value`; a longer run contains one of them.
std::vector<std::string> pairs_of(const std::string& value) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 2 <= value.size(); ++i) out.push_back(value.substr(i, 2));
  return out;
}

}  // namespace

TEST_CASE("report: no format shows a character of a secret beyond its rule's prefix", "[report]") {
  for (const Case& c : cases()) {
    CAPTURE(c.path);
    const hush::CheckReport report = check(c.path, c.content);
    REQUIRE(report.findings.size() == 1);
    const hush::Finding& f = report.findings[0];
    CHECK(text_of(f) == c.text);
    const std::string json = hush::report_json(report);
    const std::string sarif = hush::report_sarif(report, "0.1.0");
    const hush::Json json_finding = hush::Json::parse(json)["findings"][0];
    CHECK(json_finding["message"] == f.message);
    CHECK(json_finding["snippet"] == f.snippet);
    CHECK(hush::Json::parse(sarif)["runs"][0]["results"][0]["message"]["text"] == f.message);
    for (const std::string& value : c.values) {
      const bool common_word = value == "hunter2x";  // "er", "un": the whole text is asserted above
      for (const std::string& pair :
           common_word ? std::vector<std::string>{value} : pairs_of(value)) {
        CAPTURE(pair);
        CHECK(text_of(f).find(pair) == std::string::npos);
        CHECK(json.find(pair) == std::string::npos);
        CHECK(sarif.find(pair) == std::string::npos);
      }
    }
  }
}

TEST_CASE("report: whole JSON and SARIF documents for a short password", "[report]") {
  const hush::CheckReport report = check("c.yaml", "password: " + k_password + "\n");
  REQUIRE(report.findings.size() == 1);
  const std::string fp = report.findings[0].fingerprint;
  const std::string message =
      "literal value under secret-like key password; store it with `hush secrets add` and "
      "reference it as ${NAME}";
  const hush::Json expected_json = {
      {"findings",
       hush::Json::array(
           {{{"rule", "plaintext-secret"},
             {"severity", "error"},
             {"path", "c.yaml"},
             {"line", 1},
             {"column", 11},
             {"message", message},
             {"snippet", "    1 | password: \u2026(8 chars)\n      |           ^~~~~~~~~~"},
             {"fingerprint", fp}}})},
      {"summary",
       {{"files", 1},
        {"errors", 1},
        {"warnings", 0},
        {"suppressed", 0},
        {"streamed", 0},
        {"not_checked", 0}}}};
  const std::string json = hush::report_json(report);
  CHECK(hush::Json::parse(json) == expected_json);
  CHECK(json == hush::json_text(expected_json));  // key order kept, one final newline
  const hush::Json region = {{"startLine", 1}, {"startColumn", 11}};
  const hush::Json result = {
      {"ruleId", "plaintext-secret"},
      {"ruleIndex", 0},
      {"level", "error"},
      {"message", {{"text", message}}},
      {"locations",
       hush::Json::array({{{"physicalLocation",
                            {{"artifactLocation", {{"uri", "c.yaml"}}}, {"region", region}}}}})},
      {"partialFingerprints", {{"hush/v2", fp}}}};
  const hush::Json rule = {
      {"id", "plaintext-secret"},
      {"shortDescription", {{"text", "A literal value under a secret-like key"}}}};
  const hush::Json expected_sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       hush::Json::array(
           {{{"tool",
              {{"driver",
                {{"name", "hush"}, {"version", "0.1.0"}, {"rules", hush::Json::array({rule})}}}}},
             {"columnKind", "unicodeCodePoints"},
             {"properties", {{"files", 1}, {"streamed", 0}, {"not_checked", 0}, {"suppressed", 0}}},
             {"results", hush::Json::array({result})}}})}};
  CHECK(hush::Json::parse(hush::report_sarif(report, "0.1.0")) == expected_sarif);
}
