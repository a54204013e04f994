#include "core/model/project.hpp"

#include <hush/error.hpp>
#include "core/base/fsutil.hpp"

#include <catch2/catch.hpp>
#include <support/temp_dir.hpp>

TEST_CASE("project: every documented key is read", "[project]") {
  hush::test::TempDir dir;
  hush::write_file_atomic(dir / ".hush.yaml",
                          "sidecar: deploy/opsimate.secrets.{env}.yaml\n"
                          "environment: staging\n"
                          "syntax: angle\n"
                          "sources:\n"
                          "  - sidecar\n"
                          "  - name: pass\n"
                          "    exec: [pass, show, \"{key}\"]\n"
                          "    timeout: 2m\n"
                          "    trim: false\n"
                          "    qualified_only: true\n"
                          "  - env\n"
                          "env_prefix: OPSIMATE_\n"
                          "configs: [\"deploy/*.yaml\"]\n"
                          "check: {severity: warning, baseline: .b.json, secret_keys_extra: [dsn]}\n"
                          "redact: {mask: \"[{name}]\", min_length: 6}\n",
                          hush::FileMode::shared_readable);
  const hush::ProjectFile p = hush::load_project_file(dir / ".hush.yaml");
  CHECK(*p.sidecar == "deploy/opsimate.secrets.{env}.yaml");
  CHECK(p.resolve("deploy/x.yaml") == dir.path() / "deploy/x.yaml");
  CHECK(*p.environment == "staging");
  CHECK(*p.syntax == "angle");
  CHECK(p.source_order == std::vector<std::string>{"sidecar", "pass", "env"});
  REQUIRE(p.exec_sources.size() == 1);
  CHECK(p.exec_sources[0].argv == std::vector<std::string>{"pass", "show", "{key}"});
  CHECK(p.exec_sources[0].timeout == std::chrono::minutes(2));
  CHECK_FALSE(p.exec_sources[0].trim);
  CHECK(p.exec_sources[0].qualified_only);
  CHECK(p.exec_sources[0].where.line == 6);
  CHECK(*p.env_prefix == "OPSIMATE_");
  CHECK(p.configs == std::vector<std::string>{"deploy/*.yaml"});
  CHECK(*p.check_severity == "warning");
  CHECK(p.secret_keys_extra == std::vector<std::string>{"dsn"});
  CHECK(*p.redact_mask == "[{name}]");
  CHECK(*p.redact_min_length == 6);
}

TEST_CASE("project: unknown keys and bad values are located errors", "[project]") {
  struct Case { const char* text; const char* message; };
  const Case cases[] = {
      {"sidcar: x\n", "p.yaml:1:1: error: unknown key 'sidcar' in the project file (known: "
                      "sidecar, environment, syntax, sources, env_prefix, configs, check, "
                      "redact) [project-invalid]"},
      {"check:\n  baseline: b\n  severty: error\n",
       "p.yaml:3:3: error: unknown key 'severty' in check (known: severity, baseline, "
       "secret_keys_extra) [project-invalid]"},
      {"syntax: curly\n", "p.yaml:1:9: error: syntax must be braces, angle or both [project-invalid]"},
      {"sources:\n  - {name: env, exec: [x]}\n",
       "p.yaml:2:12: error: exec source name 'env' is reserved [project-invalid]"},
      {"sources:\n  - {name: p, exec: [x], timeout: soon}\n",
       "p.yaml:2:35: error: timeout must be a duration such as 10s or 2m [project-invalid]"},
  };
  hush::test::TempDir dir;
  for (const Case& c : cases) {
    CAPTURE(c.text);
    hush::write_file_atomic(dir / "p.yaml", c.text, hush::FileMode::shared_readable);
    const std::string path = (dir / "p.yaml").string();
    try {
      (void)hush::load_project_file(path);
      FAIL("expected an error");
    } catch (const hush::Error& e) {
      CHECK(std::string(e.what()) == path.substr(0, path.size() - 6) + c.message);
    }
  }
}

TEST_CASE("project: found upwards, stopping at the repository root", "[project]") {
  hush::test::TempDir dir;
  std::filesystem::create_directories(dir / "repo/.git");
  std::filesystem::create_directories(dir / "repo/a/b");
  hush::write_file_atomic(dir / ".hush.yaml", "", hush::FileMode::shared_readable);
  CHECK_FALSE(hush::find_project_file(dir / "repo/a/b").has_value());
  hush::write_file_atomic(dir / "repo/.hush.yaml", "", hush::FileMode::shared_readable);
  CHECK(*hush::find_project_file(dir / "repo/a/b") == dir / "repo/.hush.yaml");
  CHECK(hush::load_project_file(dir / "repo/.hush.yaml").source_order.empty());
}
