#include "core/workflow/check_setup.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/sidecar_fixture.hpp"
#include "support/temp_dir.hpp"

namespace {

hush::SidecarQuery named(std::string path) {
  hush::SidecarQuery query;
  query.explicit_path = std::move(path);
  return query;
}

hush::SidecarQuery project_query(const hush::ProjectFile& project) {
  hush::SidecarQuery query;
  query.project = &project;
  return query;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const hush::Error& error) {
    return error.what();
  }
  return "no error";
}

const std::vector<hush::CheckInput> k_inputs = {
    {"app.secrets.yaml", "hush: 2\nkey_id: hk_x\n"},
    {"notes.txt", "text"},
    {"deploy/app.yaml", "services: []\n"},
};

}  // namespace

TEST_CASE("check_setup: the sidecar beside the first config, sidecars themselves skipped",
          "[check_setup]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  hush::save_sidecar(dir / "app.secrets.yaml", hush::test::empty_sidecar(keys));
  const std::vector<hush::CheckInput> inputs = {
      {(dir / "app.secrets.yaml").string(),
       hush::read_file(dir / "app.secrets.yaml", hush::config_input_limit())},
      {(dir / "app.yaml").string(), "services: []\n"}};
  hush::CheckOptions options;
  hush::add_check_sidecar(options, inputs, hush::SidecarQuery{}, {});
  REQUIRE(options.sidecar.has_value());
  CHECK(options.sidecar_path == (dir / "app.secrets.yaml").string());
  CHECK(options.known_values.empty());  // no key at hand
}

TEST_CASE("check_setup: an unusable named sidecar is its own error", "[check_setup]") {
  hush::test::TempDir dir;
  hush::CheckOptions options;
  const std::string missing = (dir / "gone.yaml").string();
  CHECK(error_of([&] { hush::add_check_sidecar(options, k_inputs, named(missing), {}); }) ==
        missing + ": error: sidecar " + missing +
            " does not exist; create it with `hush init` [missing-sidecar]");
  std::filesystem::create_directory(dir / "store");
  CHECK_THAT(error_of([&] {
               hush::add_check_sidecar(options, k_inputs, named((dir / "store").string()), {});
             }),
             Catch::Contains("[not-a-regular-file]"));
  hush::ProjectFile project;
  project.sidecar = "app.secrets.{env}.yaml";
  CHECK_THAT(
      error_of([&] { hush::add_check_sidecar(options, k_inputs, project_query(project), {}); }),
      Catch::Contains("[no-environment]"));
  CHECK_FALSE(options.sidecar.has_value());
}

TEST_CASE("check_setup: nothing named and nothing beside the config is no sidecar",
          "[check_setup]") {
  hush::test::TempDir dir;
  hush::CheckOptions options;
  hush::add_check_sidecar(options, {{(dir / "app.yaml").string(), "services: []\n"}}, {}, {});
  CHECK_FALSE(options.sidecar.has_value());
  hush::add_check_sidecar(options, {{"notes.txt", "text"}}, {}, {});  // no config at all
  CHECK_FALSE(options.sidecar.has_value());
}

TEST_CASE("check_setup: baseline and threshold from flags, else the project", "[check_setup]") {
  hush::test::TempDir dir;
  hush::write_file_atomic(dir / "app.yaml", "password: hunter2-plain\n",
                          hush::FileMode::owner_only);
  hush::ProjectFile project;
  project.path = dir / ".hush.yaml";
  hush::CheckRequest request{.paths = {(dir / "app.yaml").string()},
                             .project = &project,
                             .environment = std::make_shared<const hush::Environment>(),
                             .limit = hush::config_input_limit(),
                             .now = hush::test::test_now()};
  const hush::CheckOutcome first = hush::run_check(request);
  REQUIRE_FALSE(first.report.findings.empty());
  CHECK(first.failing);
  request.write_baseline = (dir / "baseline.json").string();
  CHECK(hush::run_check(request).wrote_baseline);
  request.write_baseline.clear();
  project.check_baseline = "baseline.json";  // the project's, relative to its file
  const hush::CheckOutcome accepted = hush::run_check(request);
  CHECK(accepted.report.findings.empty());
  CHECK_FALSE(accepted.failing);
  project.check_baseline = "absent.json";  // the project's baseline is optional
  CHECK(hush::run_check(request).failing);
  request.baseline = (dir / "absent.json").string();  // --baseline is not
  CHECK_THROWS_AS(hush::run_check(request), hush::Error);
}
