#include "core/base/atomic_write.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <set>
#include <string>
#include <support/temp_dir.hpp>

#include "core/base/fsutil.hpp"

namespace {

std::set<std::string> entries(const std::filesystem::path& directory) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(directory)) {
    names.insert(e.path().filename().string());
  }
  return names;
}

// An open descriptor, closed at scope end (and with it any flock taken on it).
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) { REQUIRE(m_fd >= 0); }
  ~Descriptor() { ::close(m_fd); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int fd() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

TEST_CASE("atomic_write: a temporary whose writer is gone is removed by the next write",
          "[atomic_write]") {
  hush::test::TempDir dir;
  // What a writer killed between naming its temporary and the rename leaves: a named temporary
  // nobody holds (mkstemp's mixed case included, as an older hush named them).
  hush::write_file_atomic(dir / ".out.yaml.hush-ab12cd", "partial", hush::FileMode::owner_only);
  hush::write_file_atomic(dir / ".out.yaml.hush-XyZ789", "partial", hush::FileMode::owner_only);
  // Not temporaries of out.yaml: another target's, a longer suffix, a user's file.
  for (const char* other : {".other.yaml.hush-ab12cd", ".out.yaml.hush-ab12cde", "out.yaml.bak"}) {
    hush::write_file_atomic(dir / other, "keep", hush::FileMode::owner_only);
  }
  hush::write_file_atomic(dir / "out.yaml", "new", hush::FileMode::owner_only);
  CHECK(hush::read_file(dir / "out.yaml", hush::config_input_limit()) == "new");
  CHECK(entries(dir.path()) == std::set<std::string>{".other.yaml.hush-ab12cd",
                                                     ".out.yaml.hush-ab12cde", "out.yaml.bak",
                                                     "out.yaml"});
}

TEST_CASE("atomic_write: a temporary a live writer holds is never removed", "[atomic_write]") {
  hush::test::TempDir dir;
  const std::filesystem::path busy = dir / ".out.yaml.hush-busy01";
  hush::write_file_atomic(busy, "being written", hush::FileMode::owner_only);
  const Descriptor writer(::open(busy.c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(::flock(writer.fd(), LOCK_EX) == 0);  // what every writer holds on its temporary
  hush::write_file_atomic(dir / "out.yaml", "new", hush::FileMode::owner_only);
  CHECK(hush::read_file(busy, hush::config_input_limit()) == "being written");
  CHECK(entries(dir.path()) == std::set<std::string>{".out.yaml.hush-busy01", "out.yaml"});
}

TEST_CASE("atomic_write: an open directory's write removes stale temporaries too",
          "[atomic_write]") {
  hush::test::TempDir dir;
  hush::write_file_atomic(dir / ".TOKEN.hush-0a1b2c", "partial", hush::FileMode::owner_only);
  const hush::OpenDirectory open(dir.path());
  open.write_file_atomic("TOKEN", "value", hush::FileMode::owner_readonly);
  CHECK(entries(dir.path()) == std::set<std::string>{"TOKEN"});
  CHECK(hush::permission_bits(dir / "TOKEN") == 0400);
}

TEST_CASE("atomic_write: exclusive creation never replaces and leaves nothing else",
          "[atomic_write]") {
  hush::test::TempDir dir;
  const std::filesystem::path key = dir / "hk_1.key";
  CHECK(hush::create_file_exclusive(key, "first\n", hush::FileMode::owner_only));
  CHECK(hush::permission_bits(key) == 0600);
  CHECK_FALSE(hush::create_file_exclusive(key, "second\n", hush::FileMode::owner_only));
  CHECK(hush::read_file(key, hush::config_input_limit()) == "first\n");
  std::filesystem::create_symlink(dir / "elsewhere", dir / "linked.key");
  CHECK_FALSE(hush::create_file_exclusive(dir / "linked.key", "x", hush::FileMode::owner_only));
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere"));  // a link is a name: never followed
  CHECK(entries(dir.path()) == std::set<std::string>{"hk_1.key", "linked.key"});
  CHECK_THROWS_AS(
      (void)hush::create_file_exclusive(dir / "absent" / "k", "x", hush::FileMode::owner_only),
      hush::Error);
}

TEST_CASE("atomic_write: a failed write names the file and the reason", "[atomic_write]") {
  hush::test::TempDir dir;
  std::filesystem::create_directory(dir / "target");  // a directory cannot be replaced by a file
  const std::string shown = (dir / "target").string();
  try {
    hush::write_file_atomic(dir / "target", "x", hush::FileMode::owner_only);
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.id() == "write-failed");
    CHECK(std::string(e.what()) ==
          shown + ": error: cannot replace " + shown + ": Is a directory [write-failed]");
  }
  CHECK(entries(dir.path()) == std::set<std::string>{"target"});
}
