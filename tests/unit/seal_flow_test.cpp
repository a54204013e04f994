#include "core/workflow/seal_flow.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/workflow_fixture.hpp"

TEST_CASE("seal_flow: inline secrets move into the sidecar and the config references them",
          "[seal_flow]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open(false);
  const std::string path = (f.dir / "app.yaml").string();
  const std::string text =
      "secrets:\n  DB_PASSWORD: pw-inline-1\nservices:\n  - name: db\n    env:\n      P: "
      "${DB_PASSWORD}\n";
  hush::write_file_atomic(path, text, hush::FileMode::owner_only);
  const hush::YamlSource config = hush::parse_yaml_source(path, text);
  REQUIRE(hush::seal_config(store, path, config, hush::Syntax::both, hush::test::test_now(),
                            f.touched));
  CHECK(hush::load_sidecar(f.path()).secrets.count("DB_PASSWORD") == 1);
  const std::string rewritten = hush::read_file(path, hush::config_input_limit());
  CHECK(rewritten.find("pw-inline-1") == std::string::npos);
  CHECK(hush::permission_bits(path) == 0600);  // a private config stays private
  CHECK(f.touched.secrets == std::vector<std::string>{"DB_PASSWORD"});
  CHECK(f.recorder.said.back() == "info: moved 1 inline secrets into " + f.path().string() + "; " +
                                      path + " now references them");
}

TEST_CASE("seal_flow: an error finding writes nothing", "[seal_flow]") {
  hush::test::StoreFixture f;
  hush::SidecarStore store = f.open(false);
  const std::string path = (f.dir / "app.yaml").string();
  const std::string text = "secrets:\n  DB_PASSWORD: [not, a, value]\n";
  hush::write_file_atomic(path, text, hush::FileMode::owner_only);
  CHECK_FALSE(hush::seal_config(store, path, hush::parse_yaml_source(path, text),
                                hush::Syntax::both, hush::test::test_now(), f.touched));
  CHECK(hush::read_file(path, hush::config_input_limit()) == text);
  CHECK(hush::load_sidecar(f.path()).secrets.empty());
  REQUIRE_FALSE(f.recorder.said.empty());
  CHECK(f.recorder.said[0].starts_with("finding: "));
}
