#include "core/model/schema.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

const hush::SchemaValidator& builtin() {
  static const hush::SchemaValidator validator = hush::SchemaValidator::builtin();
  return validator;
}

std::vector<std::string> findings(const hush::SchemaValidator& validator, const std::string& text) {
  std::vector<std::string> out;
  for (const hush::Finding& f : validator.validate(hush::parse_yaml_source("c.yaml", text))) {
    out.push_back(hush::to_string(f));
  }
  return out;
}

std::vector<std::string> findings(const std::string& text) { return findings(builtin(), text); }

using Lines = std::vector<std::string>;

const char* const k_full_config =
    R"(# yaml-language-server: $schema=schemas/opsimate-config.schema.json
server: {host: 0.0.0.0, port: 3001, public_url: "https://ops.${env:DOMAIN}"}
database: {path: /var/lib/opsimate/opsimate.db}
security:
  jwt_secret: ${JWT_SECRET}
mailer: {host: smtp.example.com, port: "${SMTP_PORT}", password: $<SMTP.password>}
client: {title: Ops}
vm: {try_with_sudo: true}
unknown_section: [1, 2]
secrets:
  GRAFANA_API_KEY: "grafana-xyz-123"
  PIN: 1234
  SLACK_TOKEN:
    value: xoxb-1
    description: Slack bot token
    scopes: [integration:slack, service:db-*]
  ONE_SCOPE: {value: v, scopes: global}
providers:
  - {name: srv, type: server, host: 10.0.0.5, port: 22, username: ops}
  - {name: k8s-a, type: kubernetes, kubeconfig_path: /etc/kube}
  - {name: k8s-b, type: kubernetes, api_server: "https://k8s", token: $<K8S_TOKEN>}
  - name: aws-prod
    type: aws
    region: eu-west-1
    credentials:
      api_key: ${AWS_API_KEY}
  - {name: ec2, type: aws-ec2, region: us-east-1}
  - {name: eks, type: aws-eks, region: $<AWS_REGION>}
  - {name: gce, type: gcp-compute, project_id: p}
  - {name: gke, type: gcp-gke, project_id: p}
  - {name: avm, type: azure-vm, subscription_id: s}
  - {name: aks, type: azure-aks, subscription_id: s}
services:
  - name: database
    type: postgres
    host: db.internal
    port: ${DB_PORT}
    env:
      DB_PASSWORD: ${DB_PASSWORD}
      DATABASE_URL: "postgres://app:${DB_PASSWORD}@db:5432/app"
      POOL: 10
  - {name: mysql, type: mysql, port: 3306}
  - {name: cache, type: redis, port: "$<REDIS_PORT>", env: {}}
  - {name: web, type: docker, image: nginx:1.25}
  - {name: worker, type: systemd, provider: srv}
  - {name: manual, type: manual}
integrations:
  - {name: grafana, type: grafana, url: https://grafana, api_key: $<GRAFANA_API_KEY>}
  - {name: kibana, type: kibana, url: https://kibana}
  - {name: datadog, type: datadog, api_key: "${DD_API_KEY}"}
  - {name: slack, type: slack, token: $<SLACK_TOKEN>}
  - {name: hooks, type: slack, webhook_url: "${SLACK_WEBHOOK_URL}"}
  - name: pagerduty
    type: pagerduty
    routing_key: ${PD_KEY}
  - {name: prometheus, type: prometheus, url: http://prom:9090}
  - {name: zabbix, type: zabbix, url: http://zabbix}
  - {name: kuma, type: uptime-kuma, url: http://kuma}
)";

}  // namespace

TEST_CASE("schema: a complete OpsiMate config has no findings", "[schema]") {
  CHECK(findings(k_full_config) == Lines{});
  CHECK(findings("") == Lines{});
  CHECK(findings("providers:\nservices: []\nintegrations:\nsecrets:\n") == Lines{});
}

TEST_CASE("schema: a missing name or type is located at the entry's first key", "[schema]") {
  CHECK(findings("services:\n  - name: db\n  - type: redis\n    port: 6379\n") ==
        Lines{"c.yaml:2:5: error: services[0]: missing required property \"type\" [schema]",
              "c.yaml:3:5: error: services[1]: missing required property \"name\" [schema]"});
  CHECK(findings("integrations:\n  - {}\n") ==
        Lines{"c.yaml:1:1: error: integrations[0]: missing required property \"name\" [schema]",
              "c.yaml:1:1: error: integrations[0]: missing required property \"type\" [schema]"});
}

TEST_CASE("schema: a value of the wrong kind names the kinds allowed there", "[schema]") {
  struct Case {
    const char* text;
    const char* finding;
  };
  const Case cases[] = {
      {"services:\n  db: {type: postgres}\n",
       "c.yaml:2:3: error: services: expected a list, found a mapping [schema]"},
      {"providers:\n  - aws-prod\n",
       "c.yaml:2:5: error: providers[0]: expected a mapping, found a string [schema]"},
      {"integrations: slack\n",
       "c.yaml:1:15: error: integrations: expected a list, found a string [schema]"},
      {"- name: x\n", "c.yaml:1:3: error: document: expected a mapping, found a list [schema]"},
      {"secrets:\n  A: [1, 2]\n",
       "c.yaml:2:7: error: secrets.A: expected a string, a number, a boolean or a mapping, found a "
       "list [schema]"},
      {"services:\n  - {name: db, type: redis, port: 63.5}\n",
       "c.yaml:2:35: error: services[0].port: expected an integer or a string, found a number "
       "[schema]"},
      {"providers:\n  - {name: 42, type: server, host: h}\n",
       "c.yaml:2:12: error: providers[0].name: expected a string, found an integer [schema]"},
      {"services:\n  - {name: x, type: redis, env: {A: [1]}}\n",
       "c.yaml:2:38: error: services[0].env.A: expected a string, a number or a boolean, found a "
       "list [schema]"},
      {"server:\n  port: true\n",
       "c.yaml:2:9: error: server.port: expected an integer or a string, found a boolean [schema]"},
      {"providers:\n  - {name: \"\", type: server, host: h}\n",
       "c.yaml:2:12: error: providers[0].name: must not be empty [schema]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(findings(c.text) == Lines{c.finding});
  }
}

TEST_CASE("schema: known types require their own fields", "[schema]") {
  struct Case {
    const char* text;
    const char* finding;
  };
  const Case cases[] = {
      {"providers:\n  - name: k\n    type: kubernetes\n",
       "c.yaml:2:5: error: providers[0]: missing required property \"kubeconfig_path\", or "
       "\"api_server\" and \"token\" [schema]"},
      {"providers:\n  - {name: k, type: kubernetes, api_server: https://k}\n",
       "c.yaml:2:6: error: providers[0]: missing required property \"kubeconfig_path\" or "
       "\"token\" [schema]"},
      {"providers:\n  - {name: a, type: aws}\n",
       "c.yaml:2:6: error: providers[0]: missing required property \"region\" [schema]"},
      {"providers:\n  - {name: s, type: server}\n",
       "c.yaml:2:6: error: providers[0]: missing required property \"host\" [schema]"},
      {"integrations:\n  - name: g\n    type: grafana\n",
       "c.yaml:2:5: error: integrations[0]: missing required property \"url\" [schema]"},
      {"integrations:\n  - {name: s, type: slack, url: https://x}\n",
       "c.yaml:2:6: error: integrations[0]: missing required property \"webhook_url\" or \"token\" "
       "[schema]"},
      {"integrations:\n  - {name: p, type: pagerduty}\n",
       "c.yaml:2:6: error: integrations[0]: missing required property \"routing_key\" or "
       "\"api_key\" [schema]"},
      {"services:\n  - {name: d, type: docker}\n",
       "c.yaml:2:6: error: services[0]: missing required property \"image\", \"container_name\" or "
       "\"provider\" [schema]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(findings(c.text) == Lines{c.finding});
  }
}

TEST_CASE("schema: references are accepted where numbers are expected", "[schema]") {
  for (const char* port : {"${PORT}", "\"${PORT}\"", "$<PORT>", "'$<PORT>'", "5432", "0x1F"}) {
    CAPTURE(port);
    const std::string text = std::string("server:\n  port: ") + port +
                             "\nservices:\n  - name: db\n    type: postgres\n    port: " + port +
                             "\n";
    CHECK(findings(text) == Lines{});
  }
}

TEST_CASE("schema: an unknown type is only a warning, at the type value", "[schema]") {
  CHECK(findings("providers:\n  - name: p\n    type: kubernets\n    kubeconfig_path: /k\n") ==
        Lines{"c.yaml:3:11: warning: providers[0].type: unknown provider type (known: server, "
              "kubernetes, aws, aws-ec2, aws-eks, gcp-compute, gcp-gke, azure-vm, azure-aks); "
              "did you mean kubernetes? [unknown-type]"});
  const Lines found = findings("integrations:\n  - {name: x, type: carrier-pigeon}\n");
  REQUIRE(found.size() == 1);
  CHECK(
      found[0].starts_with("c.yaml:2:21: warning: integrations[0].type: unknown integration "
                           "type (known: grafana, "));
  CHECK(found[0].ends_with(") [unknown-type]"));
  CHECK(findings("services:\n  - {name: x, type: \"${SERVICE_TYPE}\"}\n") == Lines{});
}

TEST_CASE("schema: unexpected properties of an inline secret are located at the key", "[schema]") {
  CHECK(findings("secrets:\n  A:\n    value: v\n    scope: [global]\n") ==
        Lines{"c.yaml:4:5: error: secrets.A: unexpected property \"scope\" [schema]"});
  CHECK(findings("secrets:\n  A: {description: d}\n") ==
        Lines{"c.yaml:2:7: error: secrets.A: missing required property \"value\" [schema]"});
}

TEST_CASE("schema: every document is checked at its own lines", "[schema]") {
  CHECK(findings("services: []\n---\nservices:\n  - {name: a}\n") ==
        Lines{"c.yaml:4:6: error: services[0]: missing required property \"type\" [schema]"});
}

TEST_CASE("schema: no finding contains a scalar's value", "[schema]") {
  const std::string text =
      "providers: Canary-Value-1\n"
      "services:\n"
      "  - name: [Canary-Value-2]\n"
      "    type: {Canary: Canary-Value-3}\n"
      "    port: [Canary-Value-4]\n"
      "    env: {PASSWORD: [Canary-Value-5]}\n"
      "  - {name: x, type: Canary-Value-6}\n"
      "integrations:\n"
      "  - {name: g, type: grafana, url: [Canary-Value-7], extra: Canary-Value-8}\n"
      "secrets:\n"
      "  DB_PASSWORD: [Canary-Value-9]\n"
      "  API_KEY: {value: Canary-Value-10, scopes: [global], note: Canary-Value-11}\n";
  const Lines found = findings(text);
  CHECK(found.size() >= 8);
  for (const std::string& f : found) {
    CAPTURE(f);
    CHECK(f.find("Canary-Value") == std::string::npos);
  }
}

TEST_CASE("schema: a custom schema applies its own rules and knows no types", "[schema]") {
  const hush::SchemaValidator custom = hush::SchemaValidator::from_json(
      R"({"type": "object", "required": ["version"],
          "properties": {"version": {"type": "integer", "minimum": 1}}})",
      "custom.json");
  CHECK(findings(custom, "version: 2\nproviders:\n  - {name: p, type: weird}\n") == Lines{});
  CHECK(findings(custom, "name: x\n") ==
        Lines{"c.yaml:1:1: error: document: missing required property \"version\" [schema]"});
  CHECK(findings(custom, "version: \"2\"\n") ==
        Lines{"c.yaml:1:10: error: version: expected an integer, found a string [schema]"});
  CHECK(findings(custom, "version: 0\n") ==
        Lines{"c.yaml:1:10: error: version: expected number greater than or equal to 1.000000 "
              "[schema]"});
}

TEST_CASE("schema: a schema that does not load is an invalid-input error", "[schema]") {
  for (const char* text :
       {"{not json", "[1, 2]", R"({"type": 5})", R"({"$ref": "https://example.invalid/s.json"})"}) {
    CAPTURE(text);
    try {
      (void)hush::SchemaValidator::from_json(text, "bad.json");
      FAIL("no error");
    } catch (const hush::Error& e) {
      CHECK(e.kind() == hush::ErrorKind::invalid_input);
      CHECK(e.id() == "schema-invalid");
      REQUIRE(e.where().has_value());
      CHECK(e.where()->path == "bad.json");
    }
  }
}

TEST_CASE("schema: one validator is shared safely between threads", "[schema]") {
  const std::string text = "providers:\n  - {name: k, type: kubernetes}\n";
  const Lines expected = findings(text);
  REQUIRE(expected.size() == 1);
  std::vector<Lines> results(4);
  std::vector<std::thread> threads;
  for (Lines& result : results) {
    threads.emplace_back([&result, &text] {
      for (int i = 0; i < 20; ++i) result = findings(text);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Lines& result : results) CHECK(result == expected);
}

TEST_CASE("schema: a validator moves", "[schema]") {
  hush::SchemaValidator first = hush::SchemaValidator::builtin();
  hush::SchemaValidator second = std::move(first);
  CHECK(findings(second, "services: 1\n") ==
        Lines{"c.yaml:1:11: error: services: expected a list, found an integer [schema]"});
}
