// hush/project.hpp — the optional project file `.hush.yaml`: sidecar location, default
// environment, reference syntax, source order with exec sources, env prefix, the configs `check`
// and `secrets rm` scan, and check/redact settings. Unknown keys are errors naming the key and
// its location, so a typo never silently turns a protection off.
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <hush/error.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hush {

// An external secret manager run as a command: argv with "{key}" replaced by the reference's
// key, run without a shell; its stdout is the value.
struct ExecSourceSpec {
  std::string name;
  std::vector<std::string> argv;
  std::chrono::milliseconds timeout{10000};
  bool trim = true;             // drop one trailing newline
  bool qualified_only = false;  // only ${name:KEY} reads it
  Location where;
};

struct ProjectFile {
  std::filesystem::path path;          // empty when there is no project file
  std::optional<std::string> sidecar;  // may contain {env}; relative to the project directory
  std::optional<std::string> environment;
  std::optional<std::string> syntax;
  std::vector<std::string> source_order;  // names; exec sources appear by name
  std::vector<ExecSourceSpec> exec_sources;
  std::optional<std::string> env_prefix;
  std::vector<std::string> configs;  // globs, relative to the project directory
  std::optional<std::string> check_severity;
  std::optional<std::string> check_baseline;
  std::vector<std::string> secret_keys_extra;
  std::optional<std::string> redact_mask;
  std::optional<std::size_t> redact_min_length;

  // `relative` resolved against the project file's directory (unchanged when absolute or when
  // there is no project file).
  [[nodiscard]] std::filesystem::path resolve(const std::filesystem::path& relative) const;
};

// What project discovery needs to know about one path, as lstat(2)/stat(2) report it.
enum class PathType { missing, regular, directory, symlink, other };
struct PathStatus {
  PathType type = PathType::missing;
  unsigned owner = 0;  // uid
  unsigned mode = 0;   // permission bits with setuid, setgid and sticky (07777)
};

// The file-system questions discovery asks, injected so tests can describe any disk in memory.
// Implementations answer for absolute paths and never throw.
class PathProbe {
 public:
  virtual ~PathProbe() = default;
  [[nodiscard]] virtual PathStatus lstat(const std::filesystem::path& path) const = 0;
  [[nodiscard]] virtual PathStatus stat(const std::filesystem::path& path) const = 0;
  // `path` with every symbolic link resolved (absolute), or empty when it does not resolve.
  [[nodiscard]] virtual std::filesystem::path resolve(const std::filesystem::path& path) const = 0;
  // The user the checks are made for (the effective uid).
  [[nodiscard]] virtual unsigned user() const = 0;
};

// The real file system, for the calling process's effective user. Thread-safe.
[[nodiscard]] const PathProbe& system_path_probe();

// Why a project file with status `file` (its symlink target's, when it is one) cannot be trusted
// by `user`, or nullopt: it must be owned by `user` or root and not writable by group or others.
[[nodiscard]] std::optional<std::string> project_file_distrust(const std::filesystem::path& path,
                                                               const PathStatus& file,
                                                               unsigned user);
// Why directory `path` with status `dir` makes the project files below it untrusted, or nullopt:
// writable by others is allowed only with the sticky bit on a directory owned by `user` or root.
[[nodiscard]] std::optional<std::string> project_directory_distrust(
    const std::filesystem::path& path, const PathStatus& dir, unsigned user);

struct ProjectSearch {
  std::optional<std::filesystem::path> found;
  // One per candidate ignored as untrusted: "ignoring PATH: reason; ... [project-untrusted]".
  std::vector<std::string> warnings;
};

// `.hush.yaml` in `start` or its parents, stopping at the first directory that holds `.git`
// (file or directory: the git work-tree root), else at `home` (empty: none), else at the
// filesystem root. A candidate is used when project_file_distrust accepts it (a symlink: its
// target), and project_directory_distrust accepts every directory from its own up to the stop
// point (a symlink: also every directory above its resolved target); otherwise it is ignored with
// a warning and the walk goes on. Never throws; costs a few stat calls per directory.
[[nodiscard]] ProjectSearch find_project_file(const std::filesystem::path& start,
                                              const std::filesystem::path& home,
                                              const PathProbe& probe = system_path_probe());

// Parses the text of a project file named `path` (messages and ProjectFile::path; nothing is
// read). Throws Error(syntax, "yaml-syntax") for broken YAML and Error(invalid_input,
// "project-invalid") at path:line:column for unknown keys, wrong kinds, bad durations, duplicate
// or reserved exec source names. An empty file or a null document is an empty project file.
[[nodiscard]] ProjectFile parse_project_file(const std::filesystem::path& path, std::string text);
// read_file + parse_project_file; also throws read_file's Error(io, …).
[[nodiscard]] ProjectFile load_project_file(const std::filesystem::path& path);

}  // namespace hush
