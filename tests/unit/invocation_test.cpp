#include "core/workflow/invocation.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "core/base/fsutil.hpp"
#include "core/log/audit.hpp"
#include "core/workflow/session_flows.hpp"
#include "support/environment.hpp"
#include "support/workflow_fixture.hpp"

using hush::test::environment_of;
using hush::test::Recorder;

namespace {

// A project file in `dir` naming a staging sidecar in angle syntax.
std::string write_project(const hush::test::TempDir& dir) {
  const std::string path = (dir / "hush.yaml").string();
  hush::write_file_atomic(path,
                          "sidecar: s.{env}.yaml\nenvironment: staging\nsyntax: angle\n"
                          "configs: [\"*.tmpl\"]\n",
                          hush::FileMode::shared_readable);
  return path;
}

}  // namespace

TEST_CASE("invocation: options win over the environment, which wins over the project",
          "[invocation]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::RunJournal journal;
  const std::string project = write_project(dir);
  {
    const hush::Invocation run({.project = project}, environment_of({}), recorder.notices, journal);
    CHECK(run.environment_name() == "staging");
    CHECK(run.syntax() == hush::Syntax::angle);
    CHECK(run.sidecar_location().path == dir / "s.staging.yaml");
    CHECK(run.audit_log_path().empty());
  }
  {
    const hush::Invocation run({.project = project, .audit_log = "a.log", .syntax = "braces"},
                               environment_of({{"HUSH_ENV", "prod"}, {"HUSH_AUDIT_LOG", "b.log"}}),
                               recorder.notices, journal);
    CHECK(run.environment_name() == "prod");
    CHECK(run.syntax() == hush::Syntax::braces);
    CHECK(run.sidecar_location().path == dir / "s.prod.yaml");
    CHECK(run.audit_log_path() == "a.log");
  }
  {
    const hush::Invocation run({.project = project, .secrets = "x.yaml", .environment = "dev"},
                               environment_of({{"HUSH_SECRETS", "y.yaml"}}), recorder.notices,
                               journal);
    CHECK(run.environment_name() == "dev");
    CHECK(run.sidecar_location().path == "x.yaml");
  }
  CHECK(recorder.said.empty());
}

TEST_CASE("invocation: a project that cannot be read is an error only where it is needed",
          "[invocation]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::RunJournal journal;
  const hush::Invocation run({.project = (dir / "missing.yaml").string(), .syntax = "both"},
                             environment_of({}), recorder.notices, journal);
  CHECK(run.loaded_project() == nullptr);
  CHECK(run.syntax() == hush::Syntax::both);  // given: the project is not asked
  CHECK_THROWS_AS(run.project(), hush::Error);
  CHECK_THROWS_AS(run.environment_name(), hush::Error);
  CHECK_THROWS_WITH(hush::syntax_from("curly"), Catch::Contains("braces, angle or both"));
}

TEST_CASE("invocation: the audit record names what the run touched, sorted and once",
          "[invocation]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::RunJournal journal;
  const std::string log = (dir / "audit.log").string();
  const hush::Invocation run({.project = write_project(dir), .audit_log = log},
                             environment_of({{"USER", "alice"}}), recorder.notices, journal);
  run.audit_note({"B", "A", "B"}, {"c.yaml"});
  run.write_audit("", "ok");  // no action: nothing is written
  CHECK_FALSE(std::filesystem::exists(log));
  run.write_audit("secrets.get", "ok");
  const std::string text = hush::read_file(log, hush::config_input_limit());
  CHECK_THAT(text, Catch::Contains("\"user\": \"alice\""));
  CHECK_THAT(text, Catch::Contains("\"secrets\": [\"A\", \"B\"]"));
  CHECK_THAT(text, Catch::Contains("\"files\": [\"c.yaml\"]"));
  CHECK_THAT(text, Catch::Contains("\"action\": \"secrets.get\""));
}

TEST_CASE("session_flows: init with HUSH_PASSPHRASE, then select what run injects",
          "[session_flows]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::RunJournal journal;
  const std::string sidecar = (dir / "s.yaml").string();
  const auto env = environment_of({{"HUSH_PASSPHRASE", "correct horse battery staple"}});
  const hush::Invocation run({.secrets = sidecar}, env, recorder.notices, journal);
  const hush::InitResult made = hush::init_flow(run, std::nullopt, true, "minimum");
  CHECK(made.key_file.empty());
  REQUIRE(recorder.said.size() == 2);
  CHECK(recorder.said[0] == "info: created " + sidecar + " (key " + made.key_id + ")");
  CHECK(recorder.said[1] == "info: the key is derived from your passphrase; nothing was stored");
  CHECK_THROWS_WITH(hush::init_flow(run, std::nullopt, true, "minimum"),
                    Catch::Contains("[sidecar-exists]"));

  hush::Sidecar loaded = hush::load_sidecar(sidecar);
  hush::add_secret(loaded, hush::test::simple_secret("API_TOKEN", "tok-123456789"),
                   hush::test::test_now());
  hush::add_secret(loaded, hush::test::simple_secret("PIN", "42"), hush::test::test_now());
  hush::save_sidecar(sidecar, loaded);
  recorder.said.clear();
  const std::vector<hush::InjectedSecret> all = hush::select_secrets(run, {}, 4);
  REQUIRE(all.size() == 2);
  CHECK(recorder.said ==
        std::vector<std::string>{
            "warning: the value of PIN is shorter than 4 bytes and cannot be masked"});
  const std::vector<hush::InjectedSecret> one =
      hush::select_secrets(run, {.only = {"API_TOKEN"}}, 4);
  REQUIRE(one.size() == 1);
  CHECK(one[0].value->reveal() == "tok-123456789");
  CHECK(run.touched().secrets == std::vector<std::string>{"API_TOKEN", "PIN", "API_TOKEN"});
  CHECK_THROWS_WITH(hush::select_secrets(run, {.only = {"A"}, .config = "c.yaml"}, 4),
                    Catch::Contains("[conflicting-options]"));
  CHECK_THROWS_WITH(hush::select_secrets(run, {.only = {"NOPE"}}, 4),
                    Catch::Contains("[unknown-secret]"));
}

TEST_CASE("session_flows: rm shows each reference, then the count", "[session_flows]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::RunJournal journal;
  hush::write_file_atomic(dir / "a.tmpl", "x: ${API_TOKEN}\ny: \"$<API_TOKEN>\"\nz: ${OTHER}\n",
                          hush::FileMode::shared_readable);
  const hush::Invocation run({.project = write_project(dir), .syntax = "both"}, environment_of({}),
                             recorder.notices, journal);
  std::vector<std::string> shown;
  const auto show = [&](const std::string& line) { shown.push_back(line); };
  CHECK(hush::show_references_flow(run, "API_TOKEN", {}, show) == 2);
  REQUIRE(shown.size() == 3);
  CHECK_THAT(shown[0], Catch::StartsWith((dir / "a.tmpl").string() + ":1:"));
  CHECK(shown[2] == "API_TOKEN is referenced 2 times");
  CHECK(recorder.said.empty());
  shown.clear();
  const hush::Invocation bare({.project = (dir / "none.yaml").string()}, environment_of({}),
                              recorder.notices, journal);
  CHECK_THROWS_AS(hush::show_references_flow(bare, "API_TOKEN", {}, show), hush::Error);
}
