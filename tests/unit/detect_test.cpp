#include "core/check/detect.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <set>

namespace {

// Fake credentials built at run time, so this file itself holds no token-shaped literal.
std::string chars(const char* alphabet, std::size_t n, unsigned seed = 7) {
  const std::string a(alphabet);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    out += a[(seed >> 16) % a.size()];
  }
  return out;
}
const char* const k_alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const char* const k_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const char* const k_hex = "0123456789abcdef";

const hush::Detector& detector() {
  static const hush::Detector d = hush::Detector::builtin();
  return d;
}

}  // namespace

TEST_CASE("detect: every rule has a true positive and a true negative", "[detect]") {
  struct Case {
    std::string rule;
    std::string hit;
    std::string miss;
  };
  const std::string p = "pa";  // split prefixes keep scanners of this repository quiet
  const Case cases[] = {
      {"aws-access-key-id", "id=AKIA" + chars(k_upper, 16),
       "id=AKIA" + chars(k_upper, 9) + "EXAMPLE"},
      {"aws-secret-access-key", "aws_secret_access_key = " + chars(k_alnum, 40),
       "aws_secret_access_key = short"},
      {"github-pat", "t=ghp_" + chars(k_alnum, 36), "t=ghp_" + chars(k_alnum, 20)},
      {"github-oauth-token", "gho_" + chars(k_alnum, 36), "gho_short"},
      {"github-app-token", "ghs_" + chars(k_alnum, 36), "ghx_" + chars(k_alnum, 36)},
      {"github-refresh-token", "ghr_" + chars(k_alnum, 40), "ghr_" + chars(k_alnum, 10)},
      {"github-fine-grained-pat", "github_pat_" + chars(k_alnum, 82),
       "github_pat_" + chars(k_alnum, 20)},
      {"gitlab-pat", "glpat-" + chars(k_alnum, 20), "glpat-" + chars(k_alnum, 8)},
      {"slack-token", "xoxb-" + chars(k_hex, 12) + "-" + chars(k_alnum, 24),
       "xoxz-" + chars(k_alnum, 24)},
      {"slack-webhook-url",
       "https://hooks.slack.com/services/T" + chars(k_upper, 9) + "/B" + chars(k_upper, 9) + "/" +
           chars(k_alnum, 24),
       "https://hooks.slack.com/services/"},
      {"discord-webhook-url", "https://discord.com/api/webhooks/123456789/" + chars(k_alnum, 64),
       "https://discord.com/channels/1/2"},
      {"stripe-secret-key", "sk_live_" + chars(k_alnum, 30), "sk_test_" + chars(k_alnum, 30)},
      {"twilio-api-key", "twilio key SK" + chars(k_hex, 32), "twilio key SK" + chars(k_hex, 10)},
      {"sendgrid-api-key", "SG." + chars(k_alnum, 22) + "." + chars(k_alnum, 43), "SG.short.short"},
      {"mailgun-api-key", "key-" + chars(k_hex, 32), "key-" + chars(k_hex, 12)},
      {"mailchimp-api-key", chars(k_hex, 32) + "-us14", chars(k_hex, 12) + "-us14"},
      {"npm-token", "npm_" + chars(k_alnum, 36), "npm_" + chars(k_alnum, 10)},
      {"pypi-token", "pypi-AgEIcHlwaS5vcmc" + chars(k_alnum, 60), "pypi-token-here"},
      {"dockerhub-pat", "dckr_pat_" + chars(k_alnum, 27), "dckr_pat_" + chars(k_alnum, 5)},
      {"digitalocean-token", "dop_v1_" + chars(k_hex, 64), "dop_v1_" + chars(k_hex, 10)},
      {"shopify-access-token", "shpat_" + chars(k_hex, 32), "shpat_" + chars(k_hex, 8)},
      {"atlassian-api-token", "ATATT3" + chars(k_alnum, 186), "ATATT3" + chars(k_alnum, 20)},
      {"google-api-key", "AIza" + chars(k_alnum, 35), "AIza" + chars(k_alnum, 10)},
      {"gcp-service-account-key", "\"private_key_id\": \"" + chars(k_hex, 40) + "\"",
       "\"private_key_id\": \"\""},
      {"azure-storage-account-key",
       "AccountKey=" + chars(k_alnum, 86) + "==", "AccountKey=short=="},
      {"grafana-service-account-token", "glsa_" + chars(k_alnum, 32) + "_" + chars(k_hex, 8),
       "glsa_" + chars(k_alnum, 10)},
      {"grafana-cloud-token", "glc_" + chars(k_alnum, 60), "glc_" + chars(k_alnum, 10)},
      {"datadog-api-key", "DD_API_KEY=" + chars(k_hex, 32), "DD_API_KEY=" + chars(k_hex, 8)},
      {"pagerduty-key", "pagerduty_routing_key: " + chars(k_alnum, 32),
       "pagerduty_routing_key: ${PD_KEY}"},
      {"heroku-api-key",
       "HEROKU_API_KEY=" + chars(k_hex, 8) + "-" + chars(k_hex, 4) + "-" + chars(k_hex, 4) + "-" +
           chars(k_hex, 4) + "-" + chars(k_hex, 12),
       "HEROKU_APP=myapp"},
      {"url-with-password", "postgres://app:" + chars(k_alnum, 12) + "@db:5432/app",
       "postgres://app:${DB_PASSWORD}@db:5432/app"},
      {"private-key", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----"},
      {"jwt", "eyJ" + chars(k_alnum, 20) + ".eyJ" + chars(k_alnum, 30) + "." + chars(k_alnum, 40),
       "eyJ" + chars(k_alnum, 20)},
      {"password-assignment", p + "ssword=" + chars(k_alnum, 20), p + "ssword=changeme-changeme"},
  };
  std::set<std::string> covered;
  for (const Case& c : cases) {
    CAPTURE(c.rule, c.hit, c.miss);
    const auto hits = detector().scan("x " + c.hit + " y");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].rule == c.rule);
    for (const hush::Detection& d : detector().scan(c.miss)) CHECK(d.rule != c.rule);
    covered.insert(c.rule);
  }
  CHECK(covered.size() == std::size(cases));  // every rule's own examples: detect_rules_test.cpp
  CHECK(detector().rules().size() >= 150);
}

TEST_CASE("detect: offsets, entropy and several detections", "[detect]") {
  const std::string key = "AKIA" + chars(k_upper, 16);
  const std::string text = "a=" + key + "\npassword=aaaaaaaaaaaaaaaa\nb=ghp_" + chars(k_alnum, 36);
  const auto hits = detector().scan(text);
  REQUIRE(hits.size() == 2);  // the low-entropy password is not reported
  CHECK(hits[0].offset == 2);
  CHECK(hits[0].length == 20);
  CHECK(hits[1].rule == "github-pat");
  CHECK(hush::shannon_entropy("aaaa") == 0.0);
  CHECK(hush::shannon_entropy("abcd") == Approx(2.0));
  CHECK(detector().scan("password: ${DB_PASSWORD}").empty());
  CHECK(detector().scan("nothing to see").empty());
}

TEST_CASE("detect: bad rule files are located errors", "[detect]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"rules:\n  - id: a\n    regex: '(unclosed'\n", "r.yaml:3:12: error: invalid RE2 pattern"},
      {"rules:\n  - id: a\n    regex: x\n    color: red\n",
       "r.yaml:4:5: error: unknown key 'color' in a rule"},
      {"rules:\n  - id: a\n    regex: x\n  - id: a\n    regex: y\n",
       "r.yaml:4:9: error: duplicate rule id a"},
      {"rules:\n  - description: no id\n", "r.yaml:2:5: error: a rule needs an id and a regex"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    try {
      (void)hush::Detector::from_yaml(c.text, "r.yaml");
      FAIL("expected an error");
    } catch (const hush::Error& e) {
      CHECK_THAT(e.what(), Catch::StartsWith(c.message));
      CHECK(e.id() == "detect-rules-invalid");
    }
  }
}

TEST_CASE("detect: a prefix must be a literal every match of the secret part starts with",
          "[detect]") {
  struct Case {
    const char* regex;
    const char* prefix;
    const char* message;
  };
  const Case cases[] = {
      {"'\\b(ab_[a-z]{8})'", "'a b'",
       "r.yaml:4:13: error: prefix 'a b' is not a literal (printable ASCII, no spaces)"},
      {"'\\b(ab_[a-z]{8})'", "xy_",
       "r.yaml:4:13: error: prefix 'xy_' is not a literal that every match starts with"},
      {"'\\b(ab_?[a-z]{8})'", "ab_",
       "r.yaml:4:13: error: prefix 'ab_' is not a literal that every match starts with"},
      {"'(?i)\\b(ab_[a-z]{8})'", "ab_",
       "r.yaml:4:13: error: prefix 'ab_' is not a literal that every match starts with"},
      {"'\\b(ab_x|cd_x)'", "ab_",
       "r.yaml:4:13: error: prefix 'ab_' is not a literal that every match starts with"},
      {"'x(ab_y)?z'", "ab_",
       "r.yaml:4:13: error: prefix 'ab_' is not a literal that every match starts with"},
      {"'\\b((?:ab|cd)_[a-z]{8})'", "ab_",
       "r.yaml:4:13: error: a match can start with 'cd_', which starts with none of the rule's "
       "prefixes"},
      {"'\\b(ab_[a-z]{8})'", "[ab_, '']",
       "r.yaml:4:19: error: prefix '' is not a literal (printable ASCII, no spaces)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.regex, c.prefix);
    const std::string text = std::string("rules:\n  - id: a\n    regex: ") + c.regex +
                             "\n    prefix: " + c.prefix + "\n";
    try {
      (void)hush::Detector::from_yaml(text, "r.yaml");
      FAIL("expected an error");
    } catch (const hush::Error& e) {
      CHECK(std::string(e.what()) == std::string(c.message) + " [detect-rules-invalid]");
    }
  }
}

TEST_CASE("detect: a detection carries the longest of its rule's prefixes it starts with",
          "[detect]") {
  struct Case {
    std::string text;
    const char* rule;
    const char* prefix;
  };
  const Case cases[] = {
      {"AK"
       "IA" +
           chars(k_upper, 16),
       "aws-access-key-id", "AKIA"},
      {"AS"
       "IA" +
           chars(k_upper, 16),
       "aws-access-key-id", "ASIA"},
      {"gh"
       "s_" +
           chars(k_alnum, 36),
       "github-app-token", "ghs_"},
      {"xo"
       "xp-" +
           chars(k_alnum, 24),
       "slack-token", "xoxp-"},
      {"rk"
       "_live_" +
           chars(k_alnum, 30),
       "stripe-secret-key", "rk_live_"},
      {"-----BEGIN RSA PRIVATE KEY-----\n" + chars(k_alnum, 64) + "\n-----END RSA PRIVATE KEY-----",
       "private-key", "-----BEGIN"},
      {"pa"
       "ssword=" +
           chars(k_alnum, 20),
       "password-assignment", ""},
      {"postgres://app:" + chars(k_alnum, 12) + "@db/app", "url-with-password", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto hits = detector().scan(c.text);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].rule == c.rule);
    CHECK(hits[0].prefix == c.prefix);
  }
  std::size_t with_prefix = 0;
  for (const hush::DetectionRule& rule : detector().rules())
    with_prefix += rule.prefixes.empty() ? 0 : 1;
  CHECK(with_prefix >= 24);
}

TEST_CASE("detect: a private key block is one detection, in a file or in one JSON string",
          "[detect]") {
  const std::string body = chars(k_alnum, 64) + "\n" + chars(k_alnum, 30) + "==";
  const std::string pem =
      "-----BEGIN EC PRIVATE KEY-----\n" + body + "\n-----END EC PRIVATE KEY-----";
  const std::string file = "key: |\n  " + pem + "\nnext: 1\n";
  auto hits = detector().scan(file);
  REQUIRE(hits.size() == 1);
  CHECK(file.substr(hits[0].offset, hits[0].length) == pem);
  std::string escaped = pem;
  for (std::size_t at = escaped.find('\n'); at != std::string::npos; at = escaped.find('\n', at)) {
    escaped.replace(at, 1, "\\n");
  }
  const std::string json = "{\"private_key\": \"" + escaped + "\\n\"}";
  hits = detector().scan(json);
  REQUIRE(hits.size() == 1);
  CHECK(json.substr(hits[0].offset, hits[0].length) == escaped);
}

// builtin() compiles each rule on first use and skips the load-time checks of its patterns, so
// the embedded rules are checked here as a rules file would be: every regex and allow pattern
// compiles and every prefix is a literal each match starts with.
TEST_CASE("detect: the embedded rules pass every load-time check", "[detect]") {
  const hush::Detector checked =
      hush::Detector::from_yaml(hush::detail::builtin_rules_text(), "schemas/detect-rules.yaml");
  CHECK(checked.rules().size() == hush::Detector::builtin().rules().size());
  for (std::size_t i = 0; i < checked.rules().size(); ++i) {
    CHECK(checked.rules()[i].prefixes == hush::Detector::builtin().rules()[i].prefixes);
  }
}
