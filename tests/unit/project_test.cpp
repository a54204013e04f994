#include "core/model/project.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <map>
#include <support/temp_dir.hpp>

#include "core/base/fsutil.hpp"

TEST_CASE("project: every documented key is read", "[project]") {
  hush::test::TempDir dir;
  hush::write_file_atomic(
      dir / ".hush.yaml",
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
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"sidcar: x\n",
       "p.yaml:1:1: error: unknown key 'sidcar' in the project file (known: "
       "sidecar, environment, syntax, sources, env_prefix, configs, check, "
       "redact) [project-invalid]"},
      {"check:\n  baseline: b\n  severty: error\n",
       "p.yaml:3:3: error: unknown key 'severty' in check (known: severity, baseline, "
       "secret_keys_extra) [project-invalid]"},
      {"syntax: curly\n",
       "p.yaml:1:9: error: syntax must be braces, angle or both [project-invalid]"},
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

TEST_CASE("project: parse_project_file reads text without touching the disk", "[project]") {
  const hush::ProjectFile p =
      hush::parse_project_file("/nowhere/.hush.yaml", "environment: prod\nsources: [env]\n");
  CHECK(p.path == "/nowhere/.hush.yaml");
  CHECK(p.resolve("x.yaml") == "/nowhere/x.yaml");
  CHECK(*p.environment == "prod");
  CHECK(p.source_order == std::vector<std::string>{"env"});
  CHECK_FALSE(hush::parse_project_file("/nowhere/.hush.yaml", "").sidecar);
  try {
    (void)hush::parse_project_file("/nowhere/.hush.yaml", "env_prefix: A\nsyntax: curly\n");
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(std::string(e.what()) ==
          "/nowhere/.hush.yaml:2:9: error: syntax must be braces, angle or both [project-invalid]");
  }
}

namespace {

using hush::PathStatus;
using hush::PathType;

// An in-memory disk for the discovery walk: entries as lstat sees them, symlinks by target.
class FakeDisk final : public hush::PathProbe {
 public:
  FakeDisk() {
    dir("/", 0);
    dir("/home", 0);
    dir("/home/u");
    dir("/tmp", 0, 01777);
  }
  void dir(const std::string& path, unsigned owner = 1000, unsigned mode = 0755) {
    m_entries[path] = {PathType::directory, owner, mode};
  }
  void file(const std::string& path, unsigned owner = 1000, unsigned mode = 0644) {
    m_entries[path] = {PathType::regular, owner, mode};
  }
  void link(const std::string& path, const std::string& target) {
    m_entries[path] = {PathType::symlink, 1000, 0777};
    m_links[path] = target;
  }
  PathStatus lstat(const std::filesystem::path& path) const override {
    const auto found = m_entries.find(path.string());
    return found == m_entries.end() ? PathStatus{} : found->second;
  }
  PathStatus stat(const std::filesystem::path& path) const override {
    const std::filesystem::path target = resolve(path);
    return target.empty() ? PathStatus{} : lstat(target);
  }
  std::filesystem::path resolve(const std::filesystem::path& path) const override {
    std::string at = path.string();
    for (int hops = 0; hops < 8 && m_links.count(at) > 0; ++hops) at = m_links.at(at);
    return m_entries.count(at) > 0 && m_links.count(at) == 0 ? std::filesystem::path(at)
                                                             : std::filesystem::path();
  }
  unsigned user() const override { return 1000; }

 private:
  std::map<std::string, PathStatus> m_entries;
  std::map<std::string, std::string> m_links;
};

std::string found_in(const hush::ProjectSearch& search) {
  return search.found ? search.found->string() : "(none)";
}

}  // namespace

TEST_CASE("project: a project file must be owned by the user or root, writable only by them",
          "[project]") {
  struct Case {
    unsigned owner;
    unsigned mode;
    const char* reason;
  };
  const Case cases[] = {
      {1000, 0644, ""},
      {1000, 0600, ""},
      {0, 0644, ""},
      {1001, 0644, "owned by uid 1001, not by you or root"},
      {1001, 0666, "owned by uid 1001, not by you or root"},
      {1000, 0664, "writable by group or others (chmod go-w /p/.hush.yaml)"},
      {0, 0646, "writable by group or others (chmod go-w /p/.hush.yaml)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.owner, c.mode);
    const auto reason =
        hush::project_file_distrust("/p/.hush.yaml", {PathType::regular, c.owner, c.mode}, 1000);
    CHECK(reason.value_or("") == c.reason);
  }
}

TEST_CASE("project: a directory writable by others is trusted only when sticky and ours or root's",
          "[project]") {
  struct Case {
    PathType type;
    unsigned owner;
    unsigned mode;
    const char* reason;
  };
  const Case cases[] = {
      {PathType::directory, 1000, 0755, ""},
      {PathType::directory, 1001, 0755, ""},  // others' directories are fine while not writable
      {PathType::directory, 1000, 0775, ""},
      {PathType::directory, 1000, 01777, ""},
      {PathType::directory, 0, 01777, ""},
      {PathType::directory, 1000, 0777, "the directory /d is writable by others (chmod o-w /d)"},
      {PathType::directory, 0, 0757, "the directory /d is writable by others (chmod o-w /d)"},
      {PathType::directory, 1001, 01777,
       "the directory /d is writable by others and owned by uid 1001"},
      {PathType::missing, 0, 0, "the directory /d cannot be inspected"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.owner, c.mode);
    const auto reason = hush::project_directory_distrust("/d", {c.type, c.owner, c.mode}, 1000);
    CHECK(reason.value_or("") == c.reason);
  }
}

TEST_CASE("project: the walk stops at the git work-tree root, else at home, else at /",
          "[project]") {
  FakeDisk disk;
  disk.dir("/home/u/repo");
  disk.dir("/home/u/repo/a");
  disk.dir("/home/u/plain");
  disk.dir("/srv");
  disk.dir("/srv/app");
  disk.file("/home/u/.hush.yaml");
  disk.file("/.hush.yaml", 0);
  SECTION("a .git directory or file ends the walk at its directory") {
    disk.dir("/home/u/repo/.git");
    CHECK(found_in(hush::find_project_file("/home/u/repo/a", "/home/u", disk)) == "(none)");
    disk.file("/home/u/repo/.git");
    CHECK(found_in(hush::find_project_file("/home/u/repo/a", "/home/u", disk)) == "(none)");
    disk.file("/home/u/repo/.hush.yaml");
    CHECK(found_in(hush::find_project_file("/home/u/repo/a/", "/home/u", disk)) ==
          "/home/u/repo/.hush.yaml");
  }
  SECTION("without a repository, home is the last directory looked at") {
    CHECK(found_in(hush::find_project_file("/home/u/plain", "/home/u/", disk)) ==
          "/home/u/.hush.yaml");
    disk.file("/home/u/.hush.yaml", 1000, 0666);
    const hush::ProjectSearch search = hush::find_project_file("/home/u/plain", "/home/u", disk);
    CHECK(found_in(search) == "(none)");
    CHECK(search.warnings.size() == 1);
  }
  SECTION("outside home and any repository, the walk reaches /") {
    CHECK(found_in(hush::find_project_file("/srv/app", "/home/u", disk)) == "/.hush.yaml");
    CHECK(found_in(hush::find_project_file("/srv/app", "", disk)) == "/.hush.yaml");
  }
}

TEST_CASE("project: an untrusted candidate is ignored with a warning and the walk goes on",
          "[project]") {
  FakeDisk disk;
  disk.dir("/home/u/p");
  disk.dir("/home/u/p/q");
  disk.file("/home/u/p/q/.hush.yaml", 1001);
  disk.file("/home/u/.hush.yaml");
  const hush::ProjectSearch search = hush::find_project_file("/home/u/p/q", "/home/u", disk);
  CHECK(found_in(search) == "/home/u/.hush.yaml");
  REQUIRE(search.warnings.size() == 1);
  CHECK(search.warnings[0] ==
        "ignoring /home/u/p/q/.hush.yaml: owned by uid 1001, not by you or root; name it with "
        "--project or HUSH_PROJECT to use it anyway [project-untrusted]");
}

TEST_CASE("project: every directory from the candidate up to the stop point is checked",
          "[project]") {
  struct Case {
    const char* dir;
    unsigned owner;
    unsigned mode;
    const char* found;
  };
  const Case cases[] = {
      {"/tmp/w", 1000, 0700, "/tmp/w/x/.hush.yaml"},   // /tmp: sticky, root's
      {"/tmp/w", 1000, 0777, "(none)"},                // between the candidate and the stop
      {"/tmp/w", 1000, 01777, "/tmp/w/x/.hush.yaml"},  // sticky and ours
      {"/tmp/w", 1001, 01777, "(none)"},               // sticky but another user's
      {"/tmp/w/x", 1000, 0777, "(none)"},              // the candidate's own directory
  };
  for (const Case& c : cases) {
    CAPTURE(c.dir, c.owner, c.mode);
    FakeDisk disk;
    disk.dir("/tmp/w");
    disk.dir("/tmp/w/x");
    disk.dir("/tmp/w/x/y");
    disk.dir(c.dir, c.owner, c.mode);
    disk.file("/tmp/w/x/.hush.yaml");
    CHECK(found_in(hush::find_project_file("/tmp/w/x/y", "/home/u", disk)) == c.found);
  }
  SECTION("directories above the stop point do not matter") {
    FakeDisk disk;
    disk.dir("/tmp/w", 1000, 0777);
    disk.dir("/tmp/w/repo");
    disk.dir("/tmp/w/repo/.git");
    disk.file("/tmp/w/repo/.hush.yaml");
    CHECK(found_in(hush::find_project_file("/tmp/w/repo", "", disk)) == "/tmp/w/repo/.hush.yaml");
  }
}

TEST_CASE("project: a symlinked project file is judged by its target", "[project]") {
  FakeDisk disk;
  disk.dir("/home/u/p");
  disk.dir("/home/u/p/.git");
  disk.dir("/srv", 0);
  disk.dir("/srv/open", 0, 0777);
  disk.file("/home/u/mine.yaml");
  disk.file("/home/u/theirs.yaml", 1001);
  disk.file("/srv/open/ours.yaml");
  struct Case {
    const char* target;
    const char* found;
    const char* warning;
  };
  const Case cases[] = {
      {"/home/u/mine.yaml", "/home/u/p/.hush.yaml", ""},
      {"/home/u/theirs.yaml", "(none)",
       "ignoring /home/u/p/.hush.yaml: it links to /home/u/theirs.yaml, owned by uid 1001, not by "
       "you or root; name it with --project or HUSH_PROJECT to use it anyway [project-untrusted]"},
      {"/srv/open/ours.yaml", "(none)",
       "ignoring /home/u/p/.hush.yaml: the directory /srv/open is writable by others (chmod o-w "
       "/srv/open); name it with --project or HUSH_PROJECT to use it anyway [project-untrusted]"},
      {"/home/u/absent.yaml", "(none)", ""},  // dangling: as if there were no file
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    disk.link("/home/u/p/.hush.yaml", c.target);
    const hush::ProjectSearch search = hush::find_project_file("/home/u/p", "/home/u", disk);
    CHECK(found_in(search) == c.found);
    CHECK((search.warnings.empty() ? std::string() : search.warnings[0]) == c.warning);
  }
}

TEST_CASE("project: the real disk is walked up to the repository root", "[project]") {
  hush::test::TempDir dir;
  std::filesystem::create_directories(dir / "repo/.git");
  std::filesystem::create_directories(dir / "repo/a/b");
  const std::filesystem::path repo = std::filesystem::canonical(dir / "repo");
  hush::write_file_atomic(dir / ".hush.yaml", "", hush::FileMode::shared_readable);
  CHECK_FALSE(hush::find_project_file(repo / "a/b", "").found.has_value());
  hush::write_file_atomic(repo / ".hush.yaml", "", hush::FileMode::shared_readable);
  CHECK(*hush::find_project_file(repo / "a/b", "").found == repo / ".hush.yaml");
  CHECK(hush::load_project_file(repo / ".hush.yaml").source_order.empty());
  std::filesystem::permissions(repo / ".hush.yaml", std::filesystem::perms::others_write,
                               std::filesystem::perm_options::add);
  const hush::ProjectSearch search = hush::find_project_file(repo / "a/b", "");
  CHECK_FALSE(search.found.has_value());
  REQUIRE(search.warnings.size() == 1);
  CHECK(search.warnings[0].find("writable by group or others") != std::string::npos);
}
