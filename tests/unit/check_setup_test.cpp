#include "core/workflow/check_setup.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/sidecar_fixture.hpp"
#include "support/temp_dir.hpp"

namespace {

hush::CheckRequest request_with(const hush::ProjectFile& project, hush::SidecarQuery query) {
  return {.project = &project,
          .sidecar = std::move(query),
          .environment = std::make_shared<const hush::Environment>()};
}

hush::SidecarQuery named(std::string path) {
  hush::SidecarQuery query;
  query.explicit_path = std::move(path);
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

const hush::ProjectFile k_no_project{};

}  // namespace

TEST_CASE("check_setup: each config gets the sidecar beside it, sidecars themselves skipped",
          "[check_setup]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  hush::save_sidecar(dir / "a.secrets.yaml", hush::test::empty_sidecar(keys));
  hush::save_sidecar(dir / "b.secrets.yaml", hush::test::empty_sidecar(keys));
  std::vector<hush::CheckInput> inputs = {
      {(dir / "a.secrets.yaml").string(),
       hush::read_file(dir / "a.secrets.yaml", hush::config_input_limit())},
      {(dir / "a.yaml").string(), "x: 1\n"},
      {(dir / "b.yaml").string(), "y: 2\n"},
      {(dir / "c.yaml").string(), "z: 3\n"},
      {(dir / "notes.txt").string(), "text"}};
  hush::CheckOptions options;
  hush::assign_check_sidecars(options, inputs, request_with(k_no_project, {}));
  REQUIRE(options.sidecars.size() == 2);
  REQUIRE(inputs[1].sidecar.has_value());
  REQUIRE(inputs[2].sidecar.has_value());
  CHECK(options.sidecars[*inputs[1].sidecar].path == (dir / "a.secrets.yaml").string());
  CHECK(options.sidecars[*inputs[2].sidecar].path == (dir / "b.secrets.yaml").string());
  // A sidecar beside a file makes it a config; nothing beside c.yaml leaves it to its shape.
  CHECK(inputs[1].config);
  CHECK(inputs[2].config);
  CHECK_FALSE(inputs[3].config);
  CHECK_FALSE(inputs[3].sidecar.has_value());
  CHECK_FALSE(inputs[4].sidecar.has_value());
  CHECK(options.known_values.empty());  // no key at hand
}

TEST_CASE("check_setup: --config and the project's configs are configs whatever their shape",
          "[check_setup]") {
  hush::test::TempDir dir;
  hush::ProjectFile project;
  project.path = dir / ".hush.yaml";
  project.configs = {"deploy/*.yaml"};
  std::filesystem::create_directories(dir / "deploy");
  hush::write_file_atomic(dir / "deploy/app.yaml", "x: 1\n", hush::FileMode::owner_only);
  std::vector<hush::CheckInput> inputs = {{(dir / "deploy/app.yaml").string(), "x: 1\n"},
                                          {(dir / "other.yaml").string(), "x: 1\n"},
                                          {(dir / "named.yml").string(), "x: 1\n"}};
  hush::CheckRequest request = request_with(project, {});
  request.configs = {(dir / "named.yml").string()};
  hush::CheckOptions options;
  hush::assign_check_sidecars(options, inputs, request);
  CHECK(inputs[0].config);
  CHECK_FALSE(inputs[1].config);
  CHECK(inputs[2].config);
}

TEST_CASE("check_setup: an unusable named sidecar is its own error", "[check_setup]") {
  hush::test::TempDir dir;
  std::vector<hush::CheckInput> inputs = {{"deploy/app.yaml", "services: []\n"}};
  hush::CheckOptions options;
  const std::string missing = (dir / "gone.yaml").string();
  CHECK(error_of([&] {
          hush::assign_check_sidecars(options, inputs, request_with(k_no_project, named(missing)));
        }) == missing + ": error: sidecar " + missing +
                  " does not exist; create it with `hush init` [missing-sidecar]");
  std::filesystem::create_directory(dir / "store");
  CHECK_THAT(error_of([&] {
               hush::assign_check_sidecars(
                   options, inputs, request_with(k_no_project, named((dir / "store").string())));
             }),
             Catch::Contains("[not-a-regular-file]"));
  hush::ProjectFile project;
  project.sidecar = "app.secrets.{env}.yaml";
  hush::SidecarQuery query;
  query.project = &project;
  CHECK_THAT(error_of([&] {
               hush::assign_check_sidecars(options, inputs, request_with(k_no_project, query));
             }),
             Catch::Contains("[no-environment]"));
  CHECK(options.sidecars.empty());
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
