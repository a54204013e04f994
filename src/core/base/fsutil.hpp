// hush/fsutil.hpp — file input/output with the guarantees hush promises: whole-file reads with
// located errors, atomic replacement (temporary file in the same directory, fsync, rename) so a
// reader never sees a partial file, and advisory exclusive locks for read-modify-write cycles.
#pragma once
#include <hush/secret.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hush {

enum class FileMode {
  owner_only,      // 0600: rendered configs, sidecars, keys
  owner_readonly,  // 0400: materialized secrets
  shared_readable  // 0644: ordinary files (baselines, rewritten configs)
};

// Reads the whole file. Throws Error(io, "unreadable-file") naming `path` and the OS reason.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);
// As read_file, for files that hold secrets (keys, dotenv values): the bytes go straight into
// secure memory and never pass through an ordinary buffer.
[[nodiscard]] SecretBuffer read_secret_file(const std::filesystem::path& path);

// Replaces `path` with `content` atomically with permissions `mode`: a reader sees the old file
// or the whole new one, also when the process is killed (kill -9) or the disk fills meanwhile.
// On any failure the previous file is untouched, no temporary file is left, and
// Error(io, "write-failed") names `path` and the OS reason ("File too large" beyond RLIMIT_FSIZE,
// "No space left on device"…). A temporary `.<name>.hush-XXXXXX` left by a killed writer is
// removed by the next write of `path`.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, FileMode mode);

// Creates `path` with `content` and permissions `mode` unless something already has that name:
// returns false, writing nothing, when it exists. The name appears with the whole content or not
// at all. Throws Error(io, "write-failed") as write_file_atomic.
[[nodiscard]] bool create_file_exclusive(const std::filesystem::path& path,
                                         std::string_view content, FileMode mode);

// An exclusive advisory lock (flock) on `<path>.lock`, held until destruction. Blocks until the
// lock is free. Movable, not copyable. Throws Error(io, "lock-symlink") when `<path>.lock` is a
// symbolic link (never followed) and Error(io, "lock-failed") when the lock file cannot be
// created.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path);
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int m_fd = -1;
};

enum class EntryType { missing, file, directory, symlink, other };

// An open directory: opened without following a final symbolic link, with its entries reached
// relative to it (openat), so replacing a parent by a link after opening cannot redirect writes.
// Movable, not copyable; closes the descriptor on destruction.
class OpenDirectory {
 public:
  // Opens the directory `path`. Throws Error(io, "unreadable-file") when it cannot be opened,
  // including when `path` is a symbolic link.
  explicit OpenDirectory(const std::filesystem::path& path);
  ~OpenDirectory();
  OpenDirectory(OpenDirectory&& other) noexcept;
  OpenDirectory& operator=(OpenDirectory&& other) noexcept;
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;

  // The path it was opened by (for messages).
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  // The permission bits of the opened directory itself (fstat, not the path).
  [[nodiscard]] unsigned permission_bits() const;
  // What the entry `name` (one path component) is, symbolic links not followed.
  [[nodiscard]] EntryType entry_type(const std::string& name) const;
  // Opens the subdirectory `name`, creating it with mode 0700 when missing; a symbolic link is
  // never followed. Throws Error(io, "write-failed") when it cannot be created or opened.
  [[nodiscard]] OpenDirectory subdirectory(const std::string& name) const;
  // Replaces `name` with `content` atomically with permissions `mode` (temporary file in this
  // directory, fsync, renameat), with write_file_atomic's guarantees: a symbolic link at `name` is
  // replaced, never written through. Throws Error(io, "write-failed"), leaving the previous entry
  // untouched.
  void write_file_atomic(const std::string& name, std::string_view content, FileMode mode) const;

 private:
  OpenDirectory(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::filesystem::path m_path;
};

// Files matching shell glob `patterns` (relative patterns are taken from `base`), sorted, without
// duplicates; a pattern that matches nothing contributes nothing.
[[nodiscard]] std::vector<std::filesystem::path> expand_globs(
    const std::vector<std::string>& patterns, const std::filesystem::path& base);

// The permission bits of an existing file (e.g. to refuse group/other-readable keys).
[[nodiscard]] unsigned permission_bits(const std::filesystem::path& path);

}  // namespace hush
