#include "core/base/fsutil.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <hush/error.hpp>
#include <mutex>
#include <optional>
#include <support/heap_probe.hpp>
#include <support/temp_dir.hpp>
#include <thread>

TEST_CASE("fsutil: atomic write replaces content with the requested mode", "[fsutil]") {
  hush::test::TempDir dir;
  const auto path = dir / "out.yaml";
  hush::write_file_atomic(path, "first", hush::FileMode::shared_readable);
  hush::write_file_atomic(path, "second", hush::FileMode::owner_only);
  CHECK(hush::read_file(path, hush::config_input_limit()) == "second");
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
  CHECK_THROWS_AS(hush::read_file(dir / "absent", hush::config_input_limit()), hush::Error);
  CHECK_THROWS_AS(hush::read_file(dir.path(), hush::config_input_limit()), hush::Error);
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
  // The link was replaced, not followed.
  CHECK(hush::read_file(dir / "victim", hush::config_input_limit()) == "original");
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
  const hush::SecretBuffer read = hush::read_secret_file(path, hush::config_input_limit());
  CHECK(probe.bytes() == 0);  // read_file would allocate the whole content here
  CHECK(read.reveal() == content);
  CHECK_THROWS_AS(hush::read_secret_file(dir / "absent", hush::config_input_limit()), hush::Error);
  CHECK_THROWS_AS(hush::read_secret_file(dir.path(), hush::config_input_limit()), hush::Error);
}

namespace {

// The error read_file throws for `path` with `limit`, or nullopt when it reads.
std::optional<hush::Error> read_error(const std::filesystem::path& path, hush::InputLimit limit) {
  try {
    (void)hush::read_file(path, limit);
  } catch (const hush::Error& e) {
    return e;
  }
  return std::nullopt;
}

std::string refusal(const std::string& path, const std::string& type) {
  return path + ": error: cannot read " + path + ": it is " + type +
         ", not a regular file [not-a-regular-file]";
}

}  // namespace

TEST_CASE("fsutil: a FIFO is refused at once, never waited on", "[fsutil]") {
  hush::test::TempDir dir;
  const std::filesystem::path fifo = dir / "config.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Without O_NONBLOCK the open waits for a writer: this one appears after 10 s, so a blocking
  // read_file returns (and the test fails) instead of hanging the suite.
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false;
  bool had_to_unblock = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mutex);
    if (done.wait_for(lock, std::chrono::seconds(10), [&] { return finished; })) return;
    had_to_unblock = true;
    const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0) ::close(writer);
  });
  const std::optional<hush::Error> error = read_error(fifo, hush::config_input_limit());
  {
    const std::lock_guard<std::mutex> lock(mutex);
    finished = true;
  }
  done.notify_one();
  watchdog.join();
  CHECK_FALSE(had_to_unblock);
  REQUIRE(error);
  CHECK(error->kind() == hush::ErrorKind::io);
  CHECK(std::string(error->what()) == refusal(fifo.string(), "a FIFO (named pipe)"));
  CHECK_THROWS_WITH(hush::read_secret_file(fifo, hush::k_key_file_limit),
                    refusal(fifo.string(), "a FIFO (named pipe)"));
}

TEST_CASE("fsutil: directories and devices are not regular files", "[fsutil]") {
  hush::test::TempDir dir;
  struct Case {
    std::string path;
    const char* type;
  };
  const Case cases[] = {{dir.path().string(), "a directory"},
                        {"/dev/zero", "a character device"},
                        {"/dev/null", "a character device"}};
  for (const Case& c : cases) {
    CAPTURE(c.path);
    const std::optional<hush::Error> error = read_error(c.path, hush::config_input_limit());
    REQUIRE(error);
    CHECK(error->id() == "not-a-regular-file");
    CHECK(error->where()->path == c.path);
    CHECK(std::string(error->what()) == refusal(c.path, c.type));
    CHECK_THROWS_WITH(hush::read_secret_file(c.path, hush::k_key_file_limit),
                      refusal(c.path, c.type));
  }
}

TEST_CASE("fsutil: a file over the limit is refused, one at the limit is read", "[fsutil]") {
  hush::test::TempDir dir;
  const std::filesystem::path path = dir / "big.yaml";
  hush::write_file_atomic(path, std::string(1024, 'a'), hush::FileMode::owner_only);
  CHECK(hush::read_file(path, hush::config_input_limit(1024)).size() == 1024);
  CHECK(hush::read_secret_file(path, {1024, "fixed"}).size() == 1024);
  const std::optional<hush::Error> error = read_error(path, hush::config_input_limit(1023));
  REQUIRE(error);
  CHECK(error->kind() == hush::ErrorKind::io);
  CHECK(std::string(error->what()) ==
        path.string() + ": error: " + path.string() +
            " is larger than the 1023 bytes limit; raise it with --max-input-size "
            "[input-too-large]");
  CHECK_THROWS_WITH(hush::read_secret_file(path, {1000, "key files have a fixed limit"}),
                    Catch::EndsWith("is larger than the 1000 bytes limit; key files have a fixed "
                                    "limit [input-too-large]"));
}

TEST_CASE("fsutil: a file that reports size 0 is read no further than the limit", "[fsutil]") {
  // /proc files report st_size 0 whatever they hold: only the byte past the limit tells.
  const std::filesystem::path status = "/proc/self/status";
  REQUIRE(std::filesystem::exists(status));
  CHECK(hush::read_file(status, hush::config_input_limit()).find("Name:") == 0);
  const std::optional<hush::Error> error = read_error(status, hush::config_input_limit(16));
  REQUIRE(error);
  CHECK(error->id() == "input-too-large");
  CHECK_THROWS_WITH(hush::read_secret_file(status, {16, "fixed"}),
                    Catch::Contains("[input-too-large]"));
}

TEST_CASE("fsutil: sizes parse with K, M and G suffixes and print as stated", "[fsutil]") {
  struct Case {
    const char* text;
    std::uint64_t bytes;
  };
  const Case good[] = {{"1", 1},
                       {"65536", 65536},
                       {"1K", 1024},
                       {"1k", 1024},
                       {"512KiB", 512 << 10},
                       {"64M", 64 << 20},
                       {"64MB", 64 << 20},
                       {"2G", std::uint64_t{2} << 30},
                       {"8589934592G", std::uint64_t{1} << 63}};
  for (const Case& c : good) {
    CAPTURE(c.text);
    CHECK(hush::parse_byte_size(c.text) == c.bytes);
  }
  for (const char* bad : {"", "0", "0K", "K", "-1", "1.5M", "1T", "1 K", "1KB2", "1Mi",
                          "99999999999999999999", "8589934593G"}) {
    CAPTURE(bad);
    CHECK_FALSE(hush::parse_byte_size(bad));
  }
  CHECK(hush::format_byte_size(64 * hush::k_mebibyte) == "64 MiB");
  CHECK(hush::format_byte_size(1024) == "1 KiB");
  CHECK(hush::format_byte_size(std::uint64_t{3} << 30) == "3 GiB");
  CHECK(hush::format_byte_size(1536) == "1536 bytes");
  CHECK(hush::format_byte_size(1) == "1 byte");
}
