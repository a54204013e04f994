#include "core/base/fsutil.hpp"

#include <fcntl.h>
#include <glob.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <functional>
#include <hush/error.hpp>
#include <utility>

#include "core/base/atomic_write.hpp"
#include "core/base/fdio.hpp"

namespace hush {
namespace {

[[noreturn]] void fail_io(const std::string& id, const std::string& what,
                          const std::filesystem::path& path, int error_number) {
  throw Error(ErrorKind::io, id, what + " " + path.string() + ": " + std::strerror(error_number),
              Location{path.string(), 0, 0});
}

// Why a non-regular file is refused, for the not-a-regular-file message.
std::string refusal(mode_t mode) {
  const char* type = S_ISDIR(mode)    ? "a directory"
                     : S_ISFIFO(mode) ? "a FIFO (named pipe)"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : nullptr;
  return type != nullptr ? std::string("it is ") + type + ", not a regular file"
                         : std::string("it is not a regular file");
}

[[noreturn]] void fail_too_large(const std::filesystem::path& path, InputLimit limit) {
  throw input_too_large(path.string(), limit);
}

// Owns a file descriptor; closes it on every way out. Movable, not copyable.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Descriptor(Descriptor&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  Descriptor& operator=(Descriptor&&) = delete;
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const { return m_fd; }

 private:
  int m_fd;
};

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, before fstat could refuse
// it. It changes nothing for the regular files that pass the checks, so it is not cleared.
Descriptor open_regular_file(const std::filesystem::path& path, InputLimit limit) {
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) fail_io("unreadable-file", "cannot read", path, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail_io("unreadable-file", "cannot read", path, errno);
  if (!S_ISREG(info.st_mode)) {
    throw Error(ErrorKind::io, "not-a-regular-file",
                "cannot read " + path.string() + ": " + refusal(info.st_mode),
                Location{path.string(), 0, 0});
  }
  if (static_cast<std::uint64_t>(info.st_size) > limit.bytes) fail_too_large(path, limit);
  return fd;
}

// Reads `path` through `buffer` (`size` bytes), handing each filled prefix length to `take`.
// Asks for at most `limit.bytes` + 1 bytes in all: a file can grow after fstat, and /proc-style
// files report size 0, so only the byte past the limit proves it too large.
void read_whole_file(const std::filesystem::path& path, InputLimit limit, char* buffer,
                     std::size_t size, const std::function<void(std::size_t)>& take) {
  const Descriptor fd = open_regular_file(path, limit);
  std::uint64_t total = 0;
  for (;;) {
    const std::uint64_t wanted = std::min<std::uint64_t>(size, limit.bytes + 1 - total);
    const ssize_t n = read_some(fd.get(), std::span(buffer, static_cast<std::size_t>(wanted)));
    if (n < 0) fail_io("unreadable-file", "cannot read", path, errno);
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > limit.bytes) fail_too_large(path, limit);
    take(static_cast<std::size_t>(n));
  }
}

// The directory that holds `path` ("." for a bare name), opened following links: the caller
// named it, and only the final component is replaced.
class ParentDirectory {
 public:
  explicit ParentDirectory(const std::filesystem::path& path) {
    const std::filesystem::path directory = path.parent_path();
    m_fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_fd < 0) fail_io("write-failed", "cannot create a temporary file for", path, errno);
  }
  ~ParentDirectory() { ::close(m_fd); }
  ParentDirectory(const ParentDirectory&) = delete;
  ParentDirectory& operator=(const ParentDirectory&) = delete;
  [[nodiscard]] int fd() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

Error input_too_large(const std::string& name, InputLimit limit) {
  return Error(ErrorKind::io, "input-too-large",
               name + " is larger than the " + format_byte_size(limit.bytes) + " limit; " +
                   std::string(limit.remedy),
               Location{name, 0, 0});
}

std::string format_byte_size(std::uint64_t bytes) {
  const char* const units[] = {"GiB", "MiB", "KiB"};
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t unit = std::uint64_t{1} << (10 * (3 - i));
    if (bytes >= unit && bytes % unit == 0) return std::to_string(bytes / unit) + " " + units[i];
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t value = std::stoull(std::string(text.substr(0, digits)));
  std::string_view suffix = text.substr(digits);
  int shift = 0;
  if (!suffix.empty()) {
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(suffix[0])));
    shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : -1;
    suffix.remove_prefix(1);
    if (shift < 0 || !(suffix.empty() || suffix == "B" || suffix == "iB")) return std::nullopt;
  }
  constexpr std::uint64_t k_most = std::uint64_t{1} << 63;
  if (value == 0 || value > (k_most >> shift)) return std::nullopt;
  return value << shift;
}

std::string read_file(const std::filesystem::path& path, InputLimit limit) {
  std::string content;
  char buffer[65536];
  read_whole_file(path, limit, buffer, sizeof buffer,
                  [&](std::size_t n) { content.append(buffer, n); });
  return content;
}

SecretBuffer read_secret_file(const std::filesystem::path& path, InputLimit limit) {
  SecretBuffer content;
  // The read lands in a secure scratch block, never on the stack or in the ordinary heap.
  SecretValue scratch = SecretValue::with_size(16384);
  read_whole_file(path, limit, scratch.data(), scratch.size(),
                  [&](std::size_t n) { content.append(scratch.reveal().substr(0, n)); });
  return content;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content, FileMode mode) {
  const ParentDirectory directory(path);
  replace_file_at(directory.fd(), path.filename().string(), content, mode, path);
}

bool create_file_exclusive(const std::filesystem::path& path, std::string_view content,
                           FileMode mode) {
  const ParentDirectory directory(path);
  return create_file_at(directory.fd(), path.filename().string(), content, mode, path);
}

FileLock::FileLock(const std::filesystem::path& path) {
  const std::string lock_path = path.string() + ".lock";
  // O_NOFOLLOW: a planted link would make hush create or lock a file of the attacker's choosing.
  m_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (m_fd < 0 && errno == ELOOP) {
    throw Error(ErrorKind::io, "lock-symlink",
                "lock file " + lock_path +
                    " is a symbolic link; hush does not follow it (remove it and retry)",
                Location{lock_path, 0, 0});
  }
  if (m_fd < 0) fail_io("lock-failed", "cannot create lock file", lock_path, errno);
  while (::flock(m_fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int saved = errno;
    ::close(m_fd);
    m_fd = -1;
    fail_io("lock-failed", "cannot lock", lock_path, saved);
  }
}

FileLock::~FileLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

FileLock::FileLock(FileLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

OpenDirectory::OpenDirectory(const std::filesystem::path& path) : m_path(path) {
  m_fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (m_fd < 0) fail_io("unreadable-file", "cannot open directory", path, errno);
}

OpenDirectory::~OpenDirectory() {
  if (m_fd >= 0) ::close(m_fd);
}

OpenDirectory::OpenDirectory(OpenDirectory&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

OpenDirectory& OpenDirectory::operator=(OpenDirectory&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
  }
  return *this;
}

unsigned OpenDirectory::permission_bits() const {
  struct stat info {};
  if (::fstat(m_fd, &info) != 0) fail_io("unreadable-file", "cannot stat", m_path, errno);
  return static_cast<unsigned>(info.st_mode & 07777);
}

EntryType OpenDirectory::entry_type(const std::string& name) const {
  struct stat info {};
  if (::fstatat(m_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return EntryType::missing;
    fail_io("unreadable-file", "cannot stat", m_path / name, errno);
  }
  if (S_ISLNK(info.st_mode)) return EntryType::symlink;
  if (S_ISDIR(info.st_mode)) return EntryType::directory;
  return S_ISREG(info.st_mode) ? EntryType::file : EntryType::other;
}

OpenDirectory OpenDirectory::subdirectory(const std::string& name) const {
  const std::filesystem::path path = m_path / name;
  if (::mkdirat(m_fd, name.c_str(), 0700) != 0 && errno != EEXIST) {
    fail_io("write-failed", "cannot create directory", path, errno);
  }
  const int fd = ::openat(m_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail_io("write-failed", "cannot open directory", path, errno);
  return OpenDirectory(fd, path);
}

void OpenDirectory::write_file_atomic(const std::string& name, std::string_view content,
                                      FileMode mode) const {
  replace_file_at(m_fd, name, content, mode, m_path / name);
}

std::vector<std::filesystem::path> expand_globs(const std::vector<std::string>& patterns,
                                                const std::filesystem::path& base) {
  std::vector<std::filesystem::path> out;
  for (const std::string& pattern : patterns) {
    const std::filesystem::path full = std::filesystem::path(pattern).is_absolute()
                                           ? std::filesystem::path(pattern)
                                           : base / pattern;
    glob_t matches{};
    if (::glob(full.c_str(), 0, nullptr, &matches) == 0) {
      for (std::size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
    }
    ::globfree(&matches);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

unsigned permission_bits(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail_io("unreadable-file", "cannot stat", path, errno);
  return static_cast<unsigned>(info.st_mode & 07777);
}

std::filesystem::path working_directory() {
  std::error_code error;
  std::filesystem::path path = std::filesystem::current_path(error);
  if (error) {
    throw Error(ErrorKind::io, "cwd-unavailable",
                "cannot read the working directory: " + error.message());
  }
  return path;
}

}  // namespace hush
