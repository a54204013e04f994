// hush/project.hpp — the optional project file `.hush.yaml`: sidecar location, default
// environment, reference syntax, source order with exec sources, env prefix, the configs `check`
// and `secrets rm` scan, and check/redact settings. Unknown keys are errors naming the key and
// its location, so a typo never silently turns a protection off.
#pragma once
#include <hush/error.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
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
  std::filesystem::path path;  // empty when there is no project file
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

// `.hush.yaml` in `start` or its parents, stopping at the first directory that holds `.git`
// (the repository root) or at the filesystem root.
[[nodiscard]] std::optional<std::filesystem::path> find_project_file(
    const std::filesystem::path& start);

// Parses a project file. Throws Error(syntax, "yaml-syntax") for broken YAML and
// Error(invalid_input, "project-invalid") at path:line:column for unknown keys, wrong kinds,
// bad durations, duplicate or reserved exec source names.
[[nodiscard]] ProjectFile load_project_file(const std::filesystem::path& path);

}  // namespace hush
