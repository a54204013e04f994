#include "core/workflow/check_trust.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <hush/error.hpp>

#include "support/environment.hpp"
#include "support/temp_dir.hpp"

namespace {

using hush::test::in_directory;

std::shared_ptr<const hush::Environment> environment_with_ci(const std::string& ci) {
  const char* path = std::getenv("PATH");
  return hush::test::environment_of(
      {{"PATH", path != nullptr ? path : "/usr/bin:/bin"}, {"CI", ci}});
}

void write(const std::filesystem::path& path, const std::string& text) {
  hush::write_file_atomic(path, text, hush::FileMode::shared_readable);
}

void git(const std::string& command) {
  const std::string line =
      "git -c user.name=t -c user.email=t@example.com " + command + " >/dev/null 2>&1";
  REQUIRE(std::system(line.c_str()) == 0);
}

constexpr const char* k_fingerprint = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("check_trust: automatic trusts the project file unless CI is set and not empty",
          "[check_trust]") {
  struct Case {
    hush::ProjectTrust trust;
    const char* ci;
    bool trusted;
  };
  const Case cases[] = {{hush::ProjectTrust::automatic, "", true},
                        {hush::ProjectTrust::automatic, "true", false},
                        {hush::ProjectTrust::automatic, "1", false},
                        {hush::ProjectTrust::yes, "true", true},
                        {hush::ProjectTrust::no, "", false}};
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.trust), c.ci);
    CHECK(hush::trusts_project(c.trust, *environment_with_ci(c.ci)) == c.trusted);
  }
  CHECK(hush::trusts_project(hush::ProjectTrust::automatic, hush::Environment()));
}

TEST_CASE("check_trust: --trust-project takes yes or no", "[check_trust]") {
  CHECK(hush::project_trust_from("") == hush::ProjectTrust::automatic);
  CHECK(hush::project_trust_from("yes") == hush::ProjectTrust::yes);
  CHECK(hush::project_trust_from("no") == hush::ProjectTrust::no);
  for (const char* word : {"maybe", "1", "YES"}) {
    CAPTURE(word);
    CHECK_THROWS_WITH(hush::project_trust_from(word),
                      "error: --trust-project must be yes or no [invalid-option-value]");
  }
}

TEST_CASE("check_trust: untrusted without a base revision, the project file's settings are unused",
          "[check_trust]") {
  hush::test::TempDir dir;
  hush::ProjectFile project;
  project.path = dir / ".hush.yaml";
  project.configs = {"a.yaml"};
  project.check_baseline = "b.json";
  project.check_severity = "error";
  project.secret_keys_extra = {"seed"};
  write(dir / "b.json",
        std::string("{\"hush_baseline\": 2, \"fingerprints\": [\"") + k_fingerprint + "\"]}");
  const auto ci = environment_with_ci("true");

  const hush::CheckProjectSettings trusted = hush::check_project_settings(
      project, {.trust = hush::ProjectTrust::yes}, *ci, hush::config_input_limit());
  CHECK(trusted.project.configs == project.configs);
  CHECK_FALSE(trusted.note.has_value());
  CHECK(hush::project_baseline(trusted, *ci) == std::set<std::string>{k_fingerprint});

  const hush::CheckProjectSettings ignored =
      hush::check_project_settings(project, {}, *ci, hush::config_input_limit());
  CHECK(ignored.project.configs.empty());
  CHECK_FALSE(ignored.project.check_baseline.has_value());
  CHECK_FALSE(ignored.project.check_severity.has_value());
  CHECK(ignored.project.secret_keys_extra.empty());
  CHECK_FALSE(hush::project_baseline(ignored, *ci).has_value());
  CHECK(ignored.note == "not trusting the working tree's " + project.path.string() +
                            " (CI is set; --trust-project=yes trusts it): ignoring its configs: "
                            "and check: settings; pass --base REV to use a base revision's, or "
                            "give them on the command line");
  // Nothing to distrust, nothing to say.
  CHECK_FALSE(hush::check_project_settings({}, {}, *ci, hush::config_input_limit()).note);
}

TEST_CASE("check_trust: with a base revision, its project file and baseline apply",
          "[check_trust]") {
  hush::test::TempDir temp;
  const std::filesystem::path dir = std::filesystem::canonical(temp.path());
  const auto ci = environment_with_ci("");
  in_directory(dir, [&] {
    git("init -q -b main .");
    write(dir / "other.yaml", "x: 1\n");
    git("add .");
    git("commit -qm bare");
    git("tag bare");
    write(dir / ".hush.yaml",
          "configs: [a.yaml]\ncheck: {baseline: b.json, secret_keys_extra: [seed]}\n");
    write(dir / "b.json", "{\"hush_baseline\": 2, \"fingerprints\": []}\n");
    git("add .");
    git("commit -qm base");
    // The working tree changes both.
    write(dir / ".hush.yaml", "configs: [other.yaml]\ncheck: {baseline: b.json}\n");
    write(dir / "b.json",
          std::string("{\"hush_baseline\": 2, \"fingerprints\": [\"") + k_fingerprint + "\"]}");
    hush::ProjectFile working_tree = hush::load_project_file(dir / ".hush.yaml");
    const hush::ProjectTrustQuery query{.trust = hush::ProjectTrust::no, .base_revision = "main"};

    const hush::CheckProjectSettings base =
        hush::check_project_settings(working_tree, query, *ci, hush::config_input_limit());
    CHECK(base.project.configs == std::vector<std::string>{"a.yaml"});
    CHECK(base.project.secret_keys_extra == std::vector<std::string>{"seed"});
    CHECK(base.project.path == dir / ".hush.yaml");
    CHECK(base.note == "not trusting the working tree's " + working_tree.path.string() +
                           " (--trust-project=no): using the configs: and check: settings of "
                           "main:.hush.yaml");
    CHECK(hush::project_baseline(base, *ci) == std::set<std::string>{});

    const hush::CheckProjectSettings bare = hush::check_project_settings(
        working_tree, {.trust = hush::ProjectTrust::no, .base_revision = "bare"}, *ci,
        hush::config_input_limit());
    CHECK(bare.project.configs.empty());
    CHECK(bare.note->ends_with("bare has no .hush.yaml; checking with the defaults"));

    for (const char* revision : {"nosuchrev", "-x", ""}) {
      CAPTURE(revision);
      CHECK_THROWS_WITH(
          hush::check_project_settings(working_tree,
                                       {.trust = hush::ProjectTrust::no, .base_revision = revision},
                                       *ci, hush::config_input_limit()),
          Catch::Contains("no commit " + std::string(revision) + " in " + dir.string()) &&
              Catch::Contains("[unknown-revision]"));
    }
    // Trusted, the revision is not read at all.
    CHECK(hush::check_project_settings(working_tree, {.base_revision = "nosuchrev"}, *ci,
                                       hush::config_input_limit())
              .project.configs == std::vector<std::string>{"other.yaml"});
  });
}

TEST_CASE("check_trust: a broken project file at the revision is located there", "[check_trust]") {
  hush::test::TempDir temp;
  const std::filesystem::path dir = std::filesystem::canonical(temp.path());
  const auto ci = environment_with_ci("1");
  in_directory(dir, [&] {
    git("init -q -b main .");
    write(dir / ".hush.yaml", "check: {severty: error}\n");
    git("add .");
    git("commit -qm base");
    CHECK_THROWS_WITH(
        hush::check_project_settings({}, {.base_revision = "main"}, *ci,
                                     hush::config_input_limit()),
        Catch::StartsWith("main:.hush.yaml:1:") && Catch::Contains("unknown key 'severty'"));
  });
}
