#include "core/workflow/secret_flows.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/workflow_fixture.hpp"

using hush::test::test_now;

namespace {

hush::PayloadReader reads(std::string value, int& calls) {
  return [value, &calls](hush::SecretType, bool) {
    ++calls;
    return std::optional<hush::SecretPayload>(hush::test::value_payload(value));
  };
}

}  // namespace

TEST_CASE("secret_flows: add checks the name before it reads the value", "[secret_flows]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open(false);
  int calls = 0;
  CHECK_THROWS_WITH(hush::add_secret_flow(store, "db-password", {}, reads("v", calls), test_now()),
                    Catch::Contains("[invalid-name]"));
  CHECK(calls == 0);
  hush::add_secret_flow(store, "DB_PASSWORD", {.type = "password"}, reads("pw-1", calls),
                        test_now());
  CHECK(calls == 1);
  CHECK(hush::load_sidecar(f.path()).secrets.at("DB_PASSWORD").type == hush::SecretType::password);
  CHECK(f.recorder.said ==
        std::vector<std::string>{"info: added DB_PASSWORD (version 1) to " + f.path().string()});
}

TEST_CASE("secret_flows: update, rotate, rollback, get and rm through one store",
          "[secret_flows]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open();
  int calls = 0;
  hush::add_secret_flow(store, "API_TOKEN", {}, reads("token-1", calls), test_now());
  hush::update_secret_flow(store, "API_TOKEN", {.description = "the api"}, {},
                           reads("token-2", calls), test_now());
  hush::rotate_secret_flow(store, "API_TOKEN", reads("token-3", calls), test_now());
  CHECK(hush::reveal_secret_flow(store, "API_TOKEN", 0, "").reveal() == "token-3");
  CHECK(hush::reveal_secret_flow(store, "API_TOKEN", 1, "").reveal() == "token-1");
  hush::rollback_secret_flow(store, "API_TOKEN", 1, test_now());
  CHECK(hush::reveal_secret_flow(store, "API_TOKEN", 0, "").reveal() == "token-1");
  CHECK(f.recorder.said.back() ==
        "info: rolled API_TOKEN back to the value of version 1 as version 4");
  CHECK_THROWS_WITH(hush::reveal_secret_flow(store, "API_TOKN", 0, ""),
                    Catch::Contains("[unknown-secret]"));
  hush::remove_secret_flow(store, "API_TOKEN");
  CHECK(hush::load_sidecar(f.path()).secrets.empty());
  CHECK(hush::migrate_secrets_flow(store).empty());
  CHECK(f.recorder.said.back() ==
        "info: nothing to migrate: every value in " + f.path().string() + " is sealed in format 2");
}

TEST_CASE("secret_flows: get and rotate need the private key; add does not", "[secret_flows]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open(false);
  int calls = 0;
  hush::add_secret_flow(store, "A_KEY", {}, reads("value-1", calls), test_now());
  CHECK_THROWS_WITH(hush::reveal_secret_flow(store, "A_KEY", 0, ""),
                    Catch::Contains("[missing-key]"));
  CHECK_THROWS_WITH(hush::rotate_secret_flow(store, "A_KEY", reads("value-2", calls), test_now()),
                    Catch::Contains("[missing-key]"));
  CHECK(calls == 1);  // rotate asks for the key before the value
}

TEST_CASE("secret_flows: references are listed config by config", "[secret_flows]") {
  hush::test::TempDir dir;
  hush::write_file_atomic(dir / "a.yaml", "services:\n  - name: x\n    env:\n      A: ${DB}\n",
                          hush::FileMode::owner_only);
  std::vector<std::string> seen;
  const std::size_t count = hush::for_each_reference(
      {"*.yaml"}, dir.path(), "DB", hush::Syntax::both, hush::config_input_limit(),
      [&](const hush::TemplateReference& ref) { seen.push_back(hush::to_string(ref.where)); });
  CHECK(count == 1);
  CHECK(seen == std::vector<std::string>{(dir / "a.yaml").string() + ":4:10"});
}
