// The embedded detection rules, checked against their own `examples:` (schemas/detect-rules.yaml).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <hush/error.hpp>
#include <set>
#include <string>

#include "core/check/detect.hpp"

namespace {

const hush::Detector& detector() {
  static const hush::Detector d = hush::Detector::builtin();
  return d;
}

bool has_keyword(const hush::DetectionRule& rule, const std::string& text) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& k : rule.keywords) {
    if (lower.find(k) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("detect rules: every match example is a detection by its own rule", "[detect_rules]") {
  std::size_t examples = 0;
  for (const hush::DetectionRule& rule : detector().rules()) {
    CAPTURE(rule.id);
    CHECK(!rule.examples.match.empty());
    for (const std::string& text : rule.examples.match) {
      CAPTURE(text);
      const auto hits = detector().scan(text);
      const auto own = std::find_if(hits.begin(), hits.end(),
                                    [&](const hush::Detection& d) { return d.rule == rule.id; });
      if (own == hits.end()) {
        FAIL_CHECK("no detection by " << rule.id);
        continue;
      }
      CHECK(own->length > 0);
      CHECK(own->offset + own->length <= text.size());
      CHECK(own->description == rule.description);
      CHECK(text.substr(own->offset, own->prefix.size()) == own->prefix);
      ++examples;
    }
  }
  CHECK(examples >= detector().rules().size());
}

// An ignore example holds one of its rule's keywords, so it reaches the rule's regex and filters
// instead of being skipped by the prefilter; no rule at all may report it.
TEST_CASE("detect rules: every ignore example is no detection at all", "[detect_rules]") {
  for (const hush::DetectionRule& rule : detector().rules()) {
    CAPTURE(rule.id);
    CHECK(!rule.examples.ignore.empty());
    for (const std::string& text : rule.examples.ignore) {
      CAPTURE(text);
      CHECK(has_keyword(rule, text));
      for (const hush::Detection& d : detector().scan(text)) {
        FAIL_CHECK("detected by " << d.rule << ": " << text.substr(d.offset, d.length));
      }
    }
  }
}

TEST_CASE("detect rules: every rule has lower-case keywords and a description", "[detect_rules]") {
  for (const hush::DetectionRule& rule : detector().rules()) {
    CAPTURE(rule.id);
    CHECK(!rule.description.empty());
    REQUIRE(!rule.keywords.empty());
    for (const std::string& k : rule.keywords) {
      CAPTURE(k);
      CHECK(!k.empty());
      CHECK(std::none_of(k.begin(), k.end(), [](char c) { return std::isupper(c) != 0; }));
    }
  }
}

TEST_CASE("detect rules: the families the scanners cover are present", "[detect_rules]") {
  const char* const families[] = {"sentry-org-token",
                                  "snyk-api-token",
                                  "sonar-token",
                                  "slack-config-token",
                                  "slack-config-refresh-token",
                                  "cloudflare-api-token",
                                  "age-secret-key",
                                  "amazon-bedrock-api-key",
                                  "openai-api-key",
                                  "anthropic-api-key",
                                  "huggingface-token",
                                  "azure-ad-client-secret",
                                  "1password-service-account-token",
                                  "1password-secret-key",
                                  "vault-service-token",
                                  "vault-batch-token",
                                  "terraform-cloud-token",
                                  "okta-api-token",
                                  "sendgrid-api-key",
                                  "datadog-api-key",
                                  "databricks-token",
                                  "sumo-logic-access-key",
                                  "fly-io-token",
                                  "fly-io-macaroon",
                                  "messagebird-api-key",
                                  "maxmind-license-key",
                                  "perplexity-api-key",
                                  "facebook-access-token",
                                  "notion-token",
                                  "curl-basic-auth",
                                  "curl-auth-header",
                                  "kubernetes-secret-data",
                                  "gitlab-pat",
                                  "bitbucket-app-password",
                                  "linear-api-key",
                                  "postman-api-key",
                                  "pulumi-token",
                                  "doppler-token",
                                  "shopify-access-token",
                                  "square-access-token",
                                  "braintree-access-token",
                                  "adyen-api-key",
                                  "twitch-token",
                                  "twitter-bearer-token",
                                  "telegram-bot-token",
                                  "discord-bot-token",
                                  "mapbox-secret-token",
                                  "algolia-admin-key",
                                  "asana-token",
                                  "airtable-pat",
                                  "contentful-token",
                                  "dropbox-short-lived-token",
                                  "figma-pat",
                                  "heroku-api-key",
                                  "netlify-token",
                                  "new-relic-user-api-key",
                                  "planetscale-token",
                                  "prefect-api-key",
                                  "readme-api-key",
                                  "rubygems-api-key",
                                  "nuget-api-key",
                                  "clojars-token",
                                  "alibaba-access-key-id",
                                  "tencent-secret-id",
                                  "yandex-api-key",
                                  "ibm-cloud-api-key",
                                  "oracle-cloud-auth-token",
                                  "azure-storage-account-key",
                                  "azure-sas-token",
                                  "azure-devops-pat",
                                  "gcp-oauth-client-secret",
                                  "mailgun-api-key",
                                  "mailchimp-api-key",
                                  "postmark-token",
                                  "twilio-api-key",
                                  "vonage-api-secret",
                                  "zendesk-api-token",
                                  "intercom-access-token",
                                  "launchdarkly-key",
                                  "grafana-cloud-token",
                                  "honeycomb-api-key",
                                  "lob-api-key",
                                  "easypost-api-key",
                                  "shippo-api-token",
                                  "duffel-api-token",
                                  "frameio-token",
                                  "freshbooks-token",
                                  "gocardless-token",
                                  "plaid-access-token",
                                  "coinbase-api-secret",
                                  "etsy-api-key",
                                  "typeform-pat",
                                  "url-with-password",
                                  "password-assignment",
                                  "hush-private-key",
                                  "hush-passphrase",
                                  "private-key",
                                  "putty-private-key"};
  std::set<std::string> ids;
  for (const hush::DetectionRule& rule : detector().rules()) ids.insert(rule.id);
  for (const char* id : families) {
    CAPTURE(id);
    CHECK(ids.count(id) == 1);
  }
  CHECK(ids.size() >= 150);
}

// The checked load (as `from_yaml` does for a rules file) runs the same examples: the loader keeps
// them, and they come out the same as the lazily compiled builtin() rules.
TEST_CASE("detect rules: the checked load keeps every rule's examples", "[detect_rules]") {
  const hush::Detector checked =
      hush::Detector::from_yaml(hush::detail::builtin_rules_text(), "schemas/detect-rules.yaml");
  REQUIRE(checked.rules().size() == detector().rules().size());
  for (std::size_t i = 0; i < checked.rules().size(); ++i) {
    const hush::DetectionRule& rule = checked.rules()[i];
    CAPTURE(rule.id);
    CHECK(rule.examples.match == detector().rules()[i].examples.match);
    CHECK(rule.examples.ignore == detector().rules()[i].examples.ignore);
    CHECK(rule.filters == detector().rules()[i].filters);
    for (const std::string& text : rule.examples.match) {
      const auto hits = checked.scan(text);
      CHECK(std::any_of(hits.begin(), hits.end(),
                        [&](const hush::Detection& d) { return d.rule == rule.id; }));
    }
  }
}
