#include "core/base/fsutil.hpp"

#include "core/base/atomic_write.hpp"

#include <hush/error.hpp>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <functional>
#include <glob.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hush {
namespace {

[[noreturn]] void fail_io(const std::string& id, const std::string& what,
                          const std::filesystem::path& path, int error_number) {
  throw Error(ErrorKind::io, id, what + " " + path.string() + ": " + std::strerror(error_number),
              Location{path.string(), 0, 0});
}

// Reads `path` through `buffer` (`size` bytes), handing each filled prefix length to `take`.
void read_whole_file(const std::filesystem::path& path, char* buffer, std::size_t size,
                     const std::function<void(std::size_t)>& take) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail_io("unreadable-file", "cannot read", path, errno);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    fail_io("unreadable-file", "cannot read", path, EISDIR);
  }
  for (;;) {
    const ssize_t n = ::read(fd, buffer, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      fail_io("unreadable-file", "cannot read", path, saved);
    }
    if (n == 0) break;
    take(static_cast<std::size_t>(n));
  }
  ::close(fd);
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

std::string read_file(const std::filesystem::path& path) {
  std::string content;
  char buffer[65536];
  read_whole_file(path, buffer, sizeof buffer, [&](std::size_t n) { content.append(buffer, n); });
  return content;
}

SecretBuffer read_secret_file(const std::filesystem::path& path) {
  SecretBuffer content;
  // The read lands in a secure scratch block, never on the stack or in the ordinary heap.
  SecretValue scratch = SecretValue::with_size(16384);
  read_whole_file(path, scratch.data(), scratch.size(),
                  [&](std::size_t n) { content.append(scratch.reveal().substr(0, n)); });
  return content;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       FileMode mode) {
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
    const std::filesystem::path full =
        std::filesystem::path(pattern).is_absolute() ? std::filesystem::path(pattern) : base / pattern;
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

}  // namespace hush
