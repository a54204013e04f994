// Unnamed first, named as the fallback: a named temporary from the start (mkstemp, as hush did
// before) is left in the directory by every kill -9 during the write, while an O_TMPFILE one is
// reclaimed by the kernel and has a name only between linkat and renameat.
#include "core/base/atomic_write.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <hush/error.hpp>

#include "core/base/fdio.hpp"

namespace hush {
namespace {

constexpr int k_name_attempts = 100;
constexpr std::size_t k_suffix_length = 6;

[[noreturn]] void fail_write(const std::string& what, const std::filesystem::path& shown,
                             int error_number) {
  throw Error(ErrorKind::io, "write-failed",
              what + " " + shown.string() + ": " + std::strerror(error_number),
              Location{shown.string(), 0, 0});
}

mode_t mode_bits(FileMode mode) {
  switch (mode) {
    case FileMode::owner_only:
      return 0600;
    case FileMode::owner_readonly:
      return 0400;
    case FileMode::shared_readable:
      return 0644;
  }
  return 0600;
}

std::string temporary_prefix(const std::string& name) { return "." + name + ".hush-"; }

// `.<name>.hush-` and six letters or digits: hush's temporaries (mkstemp's too, mixed case).
bool is_temporary_of(std::string_view entry, const std::string& prefix) {
  return entry.size() == prefix.size() + k_suffix_length && entry.starts_with(prefix) &&
         std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(prefix.size()), entry.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// A fresh temporary name for `name`, or "" (errno set) when the system gives no randomness.
std::string random_temporary_name(const std::string& name) {
  static constexpr char k_letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char random[k_suffix_length] = {};
  if (::getrandom(random, sizeof random, 0) != sizeof random) return {};
  std::string temp = temporary_prefix(name);
  for (unsigned char byte : random) temp += k_letters[byte % (sizeof k_letters - 1)];
  return temp;
}

// Links the unnamed file open at `fd` as `target` in `dir_fd`; false with errno (EEXIST when the
// name is taken). Through /proc first: linkat's AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH.
bool link_unnamed(int fd, int dir_fd, const std::string& target) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  if (::linkat(AT_FDCWD, proc.c_str(), dir_fd, target.c_str(), AT_SYMLINK_FOLLOW) == 0) return true;
  if (errno == EEXIST) return false;
  return ::linkat(fd, "", dir_fd, target.c_str(), AT_EMPTY_PATH) == 0;
}

void lock_exclusive(int fd) {
  // A filesystem without flock gives no lock here and none to a sweeper either, which then
  // leaves the temporary alone: nothing to handle.
  while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
  }
}

// One temporary file beside the entry `m_target` of `m_dir_fd`, locked from its creation. Closed
// on destruction; a name it still has then is removed.
class Temporary {
 public:
  Temporary(int dir_fd, std::string target) : m_dir_fd(dir_fd), m_target(std::move(target)) {}
  ~Temporary() {
    if (!m_name.empty()) ::unlinkat(m_dir_fd, m_name.c_str(), 0);
    if (m_fd >= 0) ::close(m_fd);
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  [[nodiscard]] int fd() const { return m_fd; }
  [[nodiscard]] const std::string& name() const { return m_name; }
  [[nodiscard]] bool is_unnamed() const { return m_name.empty(); }
  // After a rename or link made the name the target's: nothing left to remove.
  void forget_name() { m_name.clear(); }

  // False (errno set) when the file cannot be created.
  bool create(bool unnamed) {
    if (unnamed) {
      m_fd = ::openat(m_dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
      if (m_fd >= 0) lock_exclusive(m_fd);
      return m_fd >= 0;
    }
    for (int attempt = 0; attempt < k_name_attempts; ++attempt) {
      if (!open_named()) return false;
      if (m_fd >= 0) return true;
    }
    errno = EEXIST;
    return false;
  }

  // Sets `mode`, writes `content`, syncs: false with errno on failure.
  bool fill(std::string_view content, FileMode mode) const {
    return ::fchmod(m_fd, mode_bits(mode)) == 0 && write_all(m_fd, content) && ::fsync(m_fd) == 0;
  }

  // Gives an unnamed file a fresh temporary name (a named one has it already).
  bool name_it() {
    for (int attempt = 0; attempt < k_name_attempts && is_unnamed(); ++attempt) {
      std::string name = random_temporary_name(m_target);
      if (name.empty()) return false;
      if (link_unnamed(m_fd, m_dir_fd, name)) {
        m_name = std::move(name);
        return true;
      }
      if (errno != EEXIST) return false;
    }
    return !is_unnamed();
  }

 private:
  // One try at a named temporary: false on a hard error; true with m_fd -1 to try another name.
  bool open_named() {
    std::string name = random_temporary_name(m_target);
    if (name.empty()) return false;
    // O_EXCL, O_NOFOLLOW: an entry planted under a guessed name is never opened.
    const int fd = ::openat(m_dir_fd, name.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return errno == EEXIST;
    lock_exclusive(fd);
    struct stat info {};
    // Between openat and flock a sweeper may have taken it for stale and removed it.
    if (::fstat(fd, &info) != 0 || info.st_nlink == 0) {
      ::close(fd);
      return true;
    }
    m_fd = fd;
    m_name = std::move(name);
    return true;
  }

  int m_dir_fd;
  std::string m_target;
  int m_fd = -1;
  std::string m_name;
};

// Removes the temporary `entry` if no writer holds its lock and it is still the file we locked.
void remove_if_stale(int dir_fd, const char* entry) {
  const int fd = ::openat(dir_fd, entry, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  struct stat held {};
  struct stat named {};
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &held) == 0 && S_ISREG(held.st_mode) &&
      held.st_uid == ::geteuid() && ::fstatat(dir_fd, entry, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
      named.st_ino == held.st_ino && named.st_dev == held.st_dev) {
    ::unlinkat(dir_fd, entry, 0);
  }
  ::close(fd);
}

// Creates the temporary for `name` and fills it; false (nothing thrown, nothing left) when an
// unnamed file is not available, so the caller retries named.
bool prepare(Temporary& temp, bool unnamed, std::string_view content, FileMode mode,
             const std::filesystem::path& shown) {
  if (!temp.create(unnamed)) {
    if (unnamed) return false;
    fail_write("cannot create a temporary file for", shown, errno);
  }
  if (!temp.fill(content, mode)) fail_write("cannot write", shown, errno);
  return true;
}

}  // namespace

void replace_file_at(int dir_fd, const std::string& name, std::string_view content, FileMode mode,
                     const std::filesystem::path& shown) {
  remove_stale_temporaries(dir_fd, name);
  for (const bool unnamed : {true, false}) {
    Temporary temp(dir_fd, name);
    if (!prepare(temp, unnamed, content, mode, shown)) continue;
    if (!temp.name_it()) {
      if (unnamed) continue;  // linking is refused here: write it again under a name
      fail_write("cannot create a temporary file for", shown, errno);
    }
    if (::renameat(dir_fd, temp.name().c_str(), dir_fd, name.c_str()) != 0) {
      fail_write("cannot replace", shown, errno);
    }
    temp.forget_name();
    ::fsync(dir_fd);  // best effort: the rename itself already happened
    return;
  }
}

bool create_file_at(int dir_fd, const std::string& name, std::string_view content, FileMode mode,
                    const std::filesystem::path& shown) {
  for (const bool unnamed : {true, false}) {
    Temporary temp(dir_fd, name);
    if (!prepare(temp, unnamed, content, mode, shown)) continue;
    // linkat never replaces: checking that `name` is free and creating it are one step.
    const bool linked = temp.is_unnamed()
                            ? link_unnamed(temp.fd(), dir_fd, name)
                            : ::linkat(dir_fd, temp.name().c_str(), dir_fd, name.c_str(), 0) == 0;
    if (linked) {
      ::fsync(dir_fd);
      return true;
    }
    if (errno == EEXIST) return false;
    if (!unnamed) fail_write("cannot create", shown, errno);
  }
  return false;
}

void remove_stale_temporaries(int dir_fd, const std::string& name) {
  const int scan_fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (scan_fd < 0) return;
  DIR* dir = ::fdopendir(scan_fd);
  if (dir == nullptr) {
    ::close(scan_fd);
    return;
  }
  const std::string prefix = temporary_prefix(name);
  while (const dirent* entry = ::readdir(dir)) {
    if (is_temporary_of(entry->d_name, prefix)) remove_if_stale(dir_fd, entry->d_name);
  }
  ::closedir(dir);
}

}  // namespace hush
