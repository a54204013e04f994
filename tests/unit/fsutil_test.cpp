#include "core/base/fsutil.hpp"

#include <hush/error.hpp>

#include <catch2/catch.hpp>
#include <support/heap_probe.hpp>
#include <support/temp_dir.hpp>

TEST_CASE("fsutil: atomic write replaces content with the requested mode", "[fsutil]") {
  hush::test::TempDir dir;
  const auto path = dir / "out.yaml";
  hush::write_file_atomic(path, "first", hush::FileMode::shared_readable);
  hush::write_file_atomic(path, "second", hush::FileMode::owner_only);
  CHECK(hush::read_file(path) == "second");
  CHECK(hush::permission_bits(path) == 0600);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
}

TEST_CASE("fsutil: failed write leaves the old file and reports io", "[fsutil]") {
  hush::test::TempDir dir;
  const auto missing = dir / "no-such-dir" / "out.yaml";
  try {
    hush::write_file_atomic(missing, "x", hush::FileMode::owner_only);
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::io);
    CHECK(e.id() == "write-failed");
  }
  CHECK_THROWS_AS(hush::read_file(dir / "absent"), hush::Error);
  CHECK_THROWS_AS(hush::read_file(dir.path()), hush::Error);
}

TEST_CASE("fsutil: a lock can be taken again after release", "[fsutil]") {
  hush::test::TempDir dir;
  { const hush::FileLock first(dir / "s.yaml"); }
  const hush::FileLock second(dir / "s.yaml");
  CHECK(std::filesystem::exists(dir / "s.yaml.lock"));
}

TEST_CASE("fsutil: a symlinked lock file is refused, never followed", "[fsutil]") {
  hush::test::TempDir dir;
  std::filesystem::create_symlink(dir / "elsewhere", dir / "s.yaml.lock");
  const std::string lock = (dir / "s.yaml.lock").string();
  try {
    const hush::FileLock lock_held(dir / "s.yaml");
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::io);
    CHECK(std::string(e.what()) ==
          lock + ": error: lock file " + lock +
              " is a symbolic link; hush does not follow it (remove it and retry) [lock-symlink]");
  }
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere"));  // the link's target was not created
}

TEST_CASE("fsutil: an open directory never follows a symbolic link", "[fsutil]") {
  hush::test::TempDir dir;
  std::filesystem::create_directories(dir / "real");
  std::filesystem::create_directory_symlink(dir / "real", dir / "linked");
  CHECK_THROWS_AS(hush::OpenDirectory(dir / "linked"), hush::Error);
  const hush::OpenDirectory open(dir / "real");
  hush::write_file_atomic(dir / "victim", "original", hush::FileMode::shared_readable);
  std::filesystem::create_symlink(dir / "victim", dir / "real/name");
  CHECK(open.entry_type("name") == hush::EntryType::symlink);
  CHECK(open.entry_type("absent") == hush::EntryType::missing);
  open.write_file_atomic("name", "new", hush::FileMode::owner_readonly);
  CHECK(hush::read_file(dir / "victim") == "original");  // the link was replaced, not followed
  CHECK(open.entry_type("name") == hush::EntryType::file);
  CHECK(hush::permission_bits(dir / "real/name") == 0400);
  std::filesystem::create_directory_symlink(dir / "real", dir / "real/sub");
  CHECK_THROWS_AS((void)open.subdirectory("sub"), hush::Error);
  const hush::OpenDirectory fresh = open.subdirectory("fresh");
  CHECK(fresh.permission_bits() == 0700);
  CHECK(open.entry_type("fresh") == hush::EntryType::directory);
}

TEST_CASE("fsutil: a secret file is read straight into secure memory", "[fsutil]") {
  hush::test::TempDir dir;
  const std::filesystem::path path = dir / "key";
  const std::string content(100000, 'k');
  hush::write_file_atomic(path, content, hush::FileMode::owner_only);
  const hush::test::HeapProbe probe;
  const hush::SecretBuffer read = hush::read_secret_file(path);
  CHECK(probe.bytes() == 0);  // read_file would allocate the whole content here
  CHECK(read.reveal() == content);
  CHECK_THROWS_AS(hush::read_secret_file(dir / "absent"), hush::Error);
  CHECK_THROWS_AS(hush::read_secret_file(dir.path()), hush::Error);
}
