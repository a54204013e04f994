#include "core/workflow/import_flow.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/workflow_fixture.hpp"

TEST_CASE("import_flow: every entry or none, with --update giving new versions", "[import_flow]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open(false);
  const std::string env = (f.dir / "app.env").string();
  hush::write_file_atomic(env, "DB_PASSWORD=pw-one\nAPI_TOKEN=tok-one\n",
                          hush::FileMode::owner_only);
  const hush::ImportRequest request{
      .file = env, .metadata = {.tags = {"imported"}}, .now = hush::test::test_now()};
  const hush::ImportCounts first = hush::import_dotenv(store, request, f.touched);
  CHECK(first.added == 2);
  CHECK(f.touched.secrets == std::vector<std::string>{"DB_PASSWORD", "API_TOKEN"});
  CHECK(hush::load_sidecar(f.path()).secrets.at("API_TOKEN").tags ==
        std::vector<std::string>{"imported"});
  hush::write_file_atomic(env, "DB_PASSWORD=pw-two\nNEW_ONE=x-value\n", hush::FileMode::owner_only);
  CHECK_THROWS_WITH(
      hush::import_dotenv(store, request, f.touched),
      Catch::Contains("(" + env + " entry DB_PASSWORD)") && Catch::Contains("[secret-exists]"));
  CHECK(hush::load_sidecar(f.path()).secrets.count("NEW_ONE") == 0);  // nothing written
  hush::ImportRequest update = request;
  update.update = true;
  const hush::ImportCounts second = hush::import_dotenv(store, update, f.touched);
  CHECK(second.added == 1);
  CHECK(second.updated == 1);
  CHECK(hush::load_sidecar(f.path()).secrets.at("DB_PASSWORD").version == 2);
  CHECK(f.recorder.said.back() ==
        "info: imported 1 new and 1 updated secrets into " + f.path().string());
}
