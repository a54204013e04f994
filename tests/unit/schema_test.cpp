#include <hush/schema.hpp>

#include <catch2/catch.hpp>

namespace {

std::vector<std::string> messages(const std::string& text) {
  static const hush::SchemaValidator validator = hush::SchemaValidator::builtin();
  std::vector<std::string> out;
  for (const hush::Finding& f : validator.validate(hush::parse_yaml_source("c.yaml", text))) {
    out.push_back(hush::to_string(f));
  }
  return out;
}

}  // namespace

TEST_CASE("schema: a complete valid config has no findings", "[schema]") {
  CHECK(messages("server: {port: 3001}\n"
                 "secrets:\n  A: x\n  B: {value: y, scopes: [service:db-*]}\n"
                 "providers:\n  - {name: p, type: aws, region: eu-west-1}\n"
                 "  - {name: k, type: kubernetes, kubeconfig_path: /k}\n"
                 "services:\n  - name: db\n    type: postgres\n    port: \"${PORT}\"\n"
                 "    env: {PW: $<PW>}\n"
                 "integrations:\n  - {name: g, type: grafana, url: 'https://g'}\n"
                 "  - {name: s, type: slack, webhook_url: x}\n")
            .empty());
}

TEST_CASE("schema: violations are located at the offending node", "[schema]") {
  CHECK(messages("services:\n  - name: db\n  - type: redis\n") ==
        std::vector<std::string>{
            "c.yaml:2:5: error: services[0]: Missing required property \"type\" [schema]",
            "c.yaml:3:5: error: services[1]: Missing required property \"name\" [schema]"});
  CHECK(messages("providers: just-a-string\n") ==
        std::vector<std::string>{
            "c.yaml:1:12: error: providers: Value type not permitted by \"type\" constraint [schema]"});
  CHECK(messages("integrations:\n  - name: g\n    type: grafana\n") ==
        std::vector<std::string>{
            "c.yaml:2:5: error: integrations[0]: Missing required property \"url\" [schema]"});
  const std::vector<std::string> scopes = messages("secrets:\n  A: {value: v, scopes: [nowhere]}\n");
  REQUIRE_FALSE(scopes.empty());
  CHECK(scopes[0].find("c.yaml:2:") == 0);
}

TEST_CASE("schema: unknown types are warnings, values never appear", "[schema]") {
  const std::vector<std::string> found =
      messages("providers:\n  - name: p\n    type: weird\n    password: Canary-Value-123\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].find("warning: unknown provider type weird") != std::string::npos);
  const std::vector<std::string> with_value =
      messages("services:\n  - name: Canary-Value-456\n    type: [1, 2]\n");
  REQUIRE_FALSE(with_value.empty());
  for (const std::string& m : with_value) CHECK(m.find("Canary-Value-456") == std::string::npos);
}

TEST_CASE("schema: a broken schema is a clear error", "[schema]") {
  CHECK_THROWS_AS(hush::SchemaValidator::from_json("{not json", "s.json"), hush::Error);
}
