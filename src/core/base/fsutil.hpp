// hush/fsutil.hpp — file input/output with the guarantees hush promises: bounded whole-file reads
// of regular files only, with located errors (a FIFO, a device or an endless file never hangs
// hush or exhausts its memory), atomic replacement (temporary file in the same directory, fsync,
// rename) so a reader never sees a partial file, and advisory exclusive locks for
// read-modify-write cycles.
#pragma once
#include <cstdint>
#include <filesystem>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <optional>
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

// The most bytes hush reads from one input of a kind (README "Limits"); a larger input is refused
// with Error(io, "input-too-large") rather than read into memory.
struct InputLimit {
  std::uint64_t bytes = 0;
  // Ends the input-too-large message: how to raise the limit, or that it is fixed.
  std::string_view remedy;
};

inline constexpr std::uint64_t k_mebibyte = std::uint64_t{1} << 20;
// Configs, the files `hush check` scans and audit logs: --max-input-size, 64 MiB by default.
inline constexpr std::uint64_t k_default_max_input_size = 64 * k_mebibyte;
[[nodiscard]] constexpr InputLimit config_input_limit(
    std::uint64_t bytes = k_default_max_input_size) {
  return {bytes, "raise it with --max-input-size"};
}
// The fixed limits: project files (.hush.yaml), sidecars, key files, import (dotenv) files, and
// the small files hush reads beside them (check baselines, an existing git hook).
inline constexpr InputLimit k_project_file_limit{k_mebibyte, "project files have a fixed limit"};
inline constexpr InputLimit k_sidecar_limit{16 * k_mebibyte, "sidecars have a fixed limit"};
inline constexpr InputLimit k_key_file_limit{k_mebibyte, "key files have a fixed limit"};
inline constexpr InputLimit k_import_file_limit{k_mebibyte, "import files have a fixed limit"};
inline constexpr InputLimit k_baseline_limit{16 * k_mebibyte, "baselines have a fixed limit"};
inline constexpr InputLimit k_hook_limit{k_mebibyte, "hook scripts have a fixed limit"};
// A secret value (or dotenv fields) piped to `hush secrets add/update --value-stdin`.
inline constexpr InputLimit k_stdin_value_limit{k_mebibyte, "secret values have a fixed limit"};

// Error(io, "input-too-large") for the input `name` (a path, or what names a blob), located at it:
// "NAME is larger than the 64 MiB limit; raise it with --max-input-size".
[[nodiscard]] Error input_too_large(const std::string& name, InputLimit limit);
// "64 MiB", "1 KiB", "1000 bytes": a limit as messages and the README state it.
[[nodiscard]] std::string format_byte_size(std::uint64_t bytes);
// Parses a size option: digits, optionally followed by K, M or G (powers of 1024, either case,
// optionally followed by "iB" or "B"). nullopt for anything else, zero, or more than 2^63 bytes.
[[nodiscard]] std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// Reads the whole regular file `path`, at most `limit.bytes` bytes. The file is opened without
// blocking (O_NONBLOCK, so a FIFO without a writer cannot hang the read) and checked on its
// descriptor. Throws Error(io) located at `path`: "not-a-regular-file" for a directory, FIFO,
// device or socket (the message says which); "input-too-large" when the file is (or grows while
// being read) larger than the limit, after reading at most `limit.bytes` + 1 bytes;
// "unreadable-file" with the OS reason otherwise.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, InputLimit limit);
// As read_file, for files that hold secrets (keys, dotenv values): the bytes go straight into
// secure memory and never pass through an ordinary buffer.
[[nodiscard]] SecretBuffer read_secret_file(const std::filesystem::path& path, InputLimit limit);

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
// The process's working directory; throws Error(io, "cwd-unavailable") with the OS reason when
// it cannot be read (it was deleted, or a parent is not searchable).
[[nodiscard]] std::filesystem::path working_directory();

}  // namespace hush
