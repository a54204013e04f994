#include "core/model/config_model.hpp"

#include <catch2/catch.hpp>

#include "core/base/names.hpp"

TEST_CASE("config_model: scopes follow the OpsiMate sections", "[config_model]") {
  const hush::YamlSource source =
      hush::parse_yaml_source("t.yaml",
                              "server: {host: a}\n"
                              "providers:\n  - name: aws-prod\n    key: v\n"
                              "services:\n  - type: postgres\n    env: {A: v}\n"
                              "integrations:\n  - name: slack\n    url: v\n");
  const hush::YamlDocument& doc = source.documents[0];
  struct Case {
    const char* value_path;
    const char* scope;
  };
  const Case cases[] = {{"server.host", "global"},
                        {"providers[0].key", "provider:aws-prod"},
                        {"services[0].env.A", "service:#0"},
                        {"integrations[0].url", "integration:slack"}};
  for (const Case& c : cases) {
    CAPTURE(c.value_path);
    bool found = false;
    for (const hush::ScalarSite& site : doc.scalars) {
      if (site.is_key || hush::to_string(site.path) != c.value_path) continue;
      CHECK(hush::to_string(hush::scope_of(doc, site.path)) == c.scope);
      found = true;
    }
    CHECK(found);
  }
}

TEST_CASE("config_model: scope patterns with name globs", "[config_model]") {
  const hush::Scope db{hush::ScopeKind::service, "db-main"};
  const hush::Scope global{};
  struct Case {
    std::vector<std::string> patterns;
    bool db;
    bool global;
  };
  const Case cases[] = {{{}, true, true},
                        {{"service"}, true, false},
                        {{"service:db-*"}, true, false},
                        {{"service:web"}, false, false},
                        {{"integration", "global"}, false, true}};
  for (const Case& c : cases) {
    CAPTURE(c.patterns);
    CHECK(hush::scope_allows(c.patterns, db) == c.db);
    CHECK(hush::scope_allows(c.patterns, global) == c.global);
  }
  CHECK_FALSE(hush::scope_problem("integration:slack"));
  CHECK_FALSE(hush::scope_problem("global"));
  CHECK(hush::scope_problem("global:x"));
  CHECK(hush::scope_problem("servise"));
  CHECK(hush::scope_problem("service:"));
}

TEST_CASE("config_model: inline secrets in string and map form", "[config_model]") {
  const hush::YamlSource source =
      hush::parse_yaml_source("t.yaml",
                              "secrets:\n"
                              "  A: plain-a\n"
                              "  B: {value: b-value, description: the b, scopes: [service:db]}\n"
                              "  C: {description: no value}\n"
                              "  D: {value: d, scopes: [nowhere]}\n");
  const hush::InlineSecrets inline_secrets = hush::read_inline_secrets(source);
  REQUIRE(inline_secrets.secrets.size() == 3);
  CHECK(inline_secrets.secrets[0].name == "A");
  CHECK(inline_secrets.secrets[0].value.reveal() == "plain-a");
  CHECK(inline_secrets.secrets[0].where.line == 2);
  CHECK(inline_secrets.secrets[1].description == "the b");
  CHECK(inline_secrets.secrets[1].scopes == std::vector<std::string>{"service:db"});
  REQUIRE(inline_secrets.findings.size() == 2);
  CHECK(hush::to_string(inline_secrets.findings[0]) ==
        "t.yaml:4:3: error: inline secret C needs a string value (NAME: value, or NAME: "
        "{value: ...}) [inline-secret-invalid]");
  CHECK(inline_secrets.findings[1].where.line == 5);
}

TEST_CASE("config_model: references are located exactly, secrets block skipped", "[config_model]") {
  const hush::YamlSource source = hush::parse_yaml_source("t.yaml",
                                                          "secrets: {A: \"${NOT_A_TEMPLATE}\"}\n"
                                                          "a: 'it''s ${X} and ${Y.f}'\n"
                                                          "b: |\n  line\n  ${Z}\n");
  const hush::TemplateReferences refs = hush::find_template_references(source, hush::Syntax::both);
  REQUIRE(refs.references.size() == 3);
  struct Case {
    const char* name;
    int line;
    int column;
  };
  const Case cases[] = {{"X", 2, 11}, {"Y", 2, 20}, {"Z", 5, 3}};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(refs.references[i].reference.name == cases[i].name);
    CHECK(refs.references[i].where.line == cases[i].line);
    CHECK(refs.references[i].where.column == cases[i].column);
  }
  CHECK(refs.references[1].reference.field == "f");
  CHECK(refs.findings.empty());
}
