#include "core/model/project.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <initializer_list>
#include <span>

#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/base/names.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {
namespace {

class ProjectReader {
 public:
  explicit ProjectReader(const YamlSource& source) : m_source(source) {}

  [[noreturn]] void fail(const YamlNode& node, const std::string& message) const {
    Location where{m_source.path, 0, 0};
    if (node.scalar != k_no_scalar) {
      const ScalarSite& site = m_source.documents[0].scalars[node.scalar];
      where.line = site.start.line;
      where.column = site.start.column;
    }
    throw Error(ErrorKind::invalid_input, "project-invalid", message, where);
  }

  void expect_keys(const YamlNode& map, std::initializer_list<std::string_view> known,
                   const std::string& where) const {
    if (map.kind != NodeKind::map) fail(map, where + " must be a mapping");
    for (const YamlNode& key : map.keys) {
      if (std::find(known.begin(), known.end(), key.value) == known.end()) {
        fail(key,
             "unknown key '" + key.value + "' in " + where + " (known: " + join_words(known) + ")");
      }
    }
  }

  std::string text(const YamlNode& node, const std::string& what) const {
    if (node.kind != NodeKind::scalar) fail(node, what + " must be a string");
    return node.value;
  }

  std::vector<std::string> texts(const YamlNode& node, const std::string& what) const {
    if (node.kind != NodeKind::sequence) fail(node, what + " must be a list of strings");
    std::vector<std::string> out;
    for (const YamlNode& item : node.children) out.push_back(text(item, what + " items"));
    return out;
  }

  bool flag(const YamlNode& node, const std::string& what) const {
    const std::string value = text(node, what);
    if (value == "true") return true;
    if (value == "false") return false;
    fail(node, what + " must be true or false");
  }

  // The scalar key node that names `value`'s entry, for locating messages about missing values.
  ExecSourceSpec exec_source(const YamlNode& entry) const;
  void read(const YamlNode& root, ProjectFile& out) const;

 private:
  static std::string join_words(std::initializer_list<std::string_view> words) {
    std::string out;
    for (std::string_view word : words) out += (out.empty() ? "" : ", ") + std::string(word);
    return out;
  }
  const YamlSource& m_source;
};

ExecSourceSpec ProjectReader::exec_source(const YamlNode& entry) const {
  expect_keys(entry, {"name", "exec", "timeout", "trim", "qualified_only"}, "a source entry");
  const YamlNode* name = entry.find("name");
  const YamlNode* argv = entry.find("exec");
  if (name == nullptr || argv == nullptr) {
    fail(entry.keys.empty() ? entry : entry.keys[0], "an exec source needs name and exec");
  }
  ExecSourceSpec spec;
  spec.name = text(*name, "name");
  for (const char* reserved : {"sidecar", "env", "inline"}) {
    if (spec.name == reserved) fail(*name, "exec source name '" + spec.name + "' is reserved");
  }
  if (const std::optional<std::string> problem = source_name_problem(spec.name)) {
    fail(*name, *problem);
  }
  spec.argv = texts(*argv, "exec");
  if (spec.argv.empty()) fail(*argv, "exec needs at least the program to run");
  if (const YamlNode* timeout = entry.find("timeout")) {
    const auto seconds = try_parse_duration(text(*timeout, "timeout"));
    if (!seconds) fail(*timeout, "timeout must be a duration such as 10s or 2m");
    spec.timeout = *seconds;
  }
  if (const YamlNode* trim = entry.find("trim")) spec.trim = flag(*trim, "trim");
  if (const YamlNode* only = entry.find("qualified_only")) {
    spec.qualified_only = flag(*only, "qualified_only");
  }
  const ScalarSite& site = m_source.documents[0].scalars[name->scalar];
  spec.where = {m_source.path, site.start.line, site.start.column};
  return spec;
}

void ProjectReader::read(const YamlNode& root, ProjectFile& out) const {
  expect_keys(
      root,
      {"sidecar", "environment", "syntax", "sources", "env_prefix", "configs", "check", "redact"},
      "the project file");
  if (const YamlNode* n = root.find("sidecar")) out.sidecar = text(*n, "sidecar");
  if (const YamlNode* n = root.find("environment")) out.environment = text(*n, "environment");
  if (const YamlNode* n = root.find("syntax")) {
    out.syntax = text(*n, "syntax");
    if (*out.syntax != "braces" && *out.syntax != "angle" && *out.syntax != "both") {
      fail(*n, "syntax must be braces, angle or both");
    }
  }
  if (const YamlNode* n = root.find("env_prefix")) out.env_prefix = text(*n, "env_prefix");
  if (const YamlNode* n = root.find("configs")) out.configs = texts(*n, "configs");
  if (const YamlNode* sources = root.find("sources")) {
    if (sources->kind != NodeKind::sequence) fail(*sources, "sources must be a list");
    for (const YamlNode& entry : sources->children) {
      if (entry.kind == NodeKind::scalar) {
        out.source_order.push_back(entry.value);
        continue;
      }
      ExecSourceSpec spec = exec_source(entry);
      for (const ExecSourceSpec& other : out.exec_sources) {
        if (other.name == spec.name) fail(*entry.find("name"), "duplicate source " + spec.name);
      }
      out.source_order.push_back(spec.name);
      out.exec_sources.push_back(std::move(spec));
    }
  }
  if (const YamlNode* check = root.find("check")) {
    expect_keys(*check, {"severity", "baseline", "secret_keys_extra"}, "check");
    if (const YamlNode* n = check->find("severity")) out.check_severity = text(*n, "severity");
    if (const YamlNode* n = check->find("baseline")) out.check_baseline = text(*n, "baseline");
    if (const YamlNode* n = check->find("secret_keys_extra")) {
      out.secret_keys_extra = texts(*n, "secret_keys_extra");
    }
  }
  if (const YamlNode* redact = root.find("redact")) {
    expect_keys(*redact, {"mask", "min_length"}, "redact");
    if (const YamlNode* n = redact->find("mask")) out.redact_mask = text(*n, "mask");
    if (const YamlNode* n = redact->find("min_length")) {
      const std::string value = text(*n, "min_length");
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
          value.size() > 6) {
        fail(*n, "min_length must be a whole number");
      }
      out.redact_min_length = std::stoul(value);
    }
  }
}

}  // namespace

namespace {

class SystemPathProbe final : public PathProbe {
 public:
  PathStatus lstat(const std::filesystem::path& path) const override {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 ? status_from(info) : PathStatus{};
  }
  PathStatus stat(const std::filesystem::path& path) const override {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? status_from(info) : PathStatus{};
  }
  std::filesystem::path resolve(const std::filesystem::path& path) const override {
    std::error_code error;
    std::filesystem::path out = std::filesystem::canonical(path, error);
    return error ? std::filesystem::path() : out;
  }
  unsigned user() const override { return ::geteuid(); }

 private:
  static PathStatus status_from(const struct stat& info) {
    const PathType type = S_ISREG(info.st_mode)   ? PathType::regular
                          : S_ISDIR(info.st_mode) ? PathType::directory
                          : S_ISLNK(info.st_mode) ? PathType::symlink
                                                  : PathType::other;
    return {type, static_cast<unsigned>(info.st_uid), static_cast<unsigned>(info.st_mode & 07777)};
  }
};

// "/a/b/" and "/a/./b" as "/a/b", so the walk can compare directories with $HOME.
std::filesystem::path normalized(const std::filesystem::path& path) {
  std::filesystem::path out = path.lexically_normal();
  if (out.has_relative_path() && out.filename().empty()) out = out.parent_path();
  return out;
}

// The directories the walk visits, from `start` up to and including the stop point.
std::vector<std::filesystem::path> walk_directories(const std::filesystem::path& start,
                                                    const std::filesystem::path& home,
                                                    const PathProbe& probe) {
  std::vector<std::filesystem::path> out;
  for (std::filesystem::path dir = start;; dir = dir.parent_path()) {
    out.push_back(dir);
    if (probe.lstat(dir / ".git").type != PathType::missing) break;
    if ((!home.empty() && dir == home) || dir.parent_path() == dir || dir.empty()) break;
  }
  return out;
}

// `file`'s directory and every one above it, up to the filesystem root.
std::vector<std::filesystem::path> ancestors(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> out;
  for (std::filesystem::path dir = file.parent_path();; dir = dir.parent_path()) {
    out.push_back(dir);
    if (dir.parent_path() == dir || dir.empty()) break;
  }
  return out;
}

std::optional<std::string> directories_distrust(std::span<const std::filesystem::path> dirs,
                                                const PathProbe& probe) {
  for (const std::filesystem::path& dir : dirs) {
    if (auto reason = project_directory_distrust(dir, probe.stat(dir), probe.user())) {
      return reason;
    }
  }
  return std::nullopt;
}

enum class VerdictKind { absent, trusted, untrusted };
struct Verdict {
  VerdictKind kind = VerdictKind::absent;
  std::string reason;
};

// `candidate`, found in the first of `up_to_stop`: absent (also when it is a dangling symlink or
// not a regular file), trusted, or untrusted with the reason.
Verdict judge_candidate(const std::filesystem::path& candidate,
                        std::span<const std::filesystem::path> up_to_stop, const PathProbe& probe) {
  const PathStatus link = probe.lstat(candidate);
  if (link.type == PathType::missing) return {};
  const bool symlinked = link.type == PathType::symlink;
  const std::filesystem::path target = symlinked ? probe.resolve(candidate) : candidate;
  const PathStatus file = symlinked && !target.empty() ? probe.stat(target) : link;
  if (file.type != PathType::regular) return {};
  std::optional<std::string> reason = project_file_distrust(target, file, probe.user());
  if (reason && symlinked) reason = "it links to " + target.string() + ", " + *reason;
  if (!reason) reason = directories_distrust(up_to_stop, probe);
  if (!reason && symlinked) reason = directories_distrust(ancestors(target), probe);
  if (!reason) return {VerdictKind::trusted, ""};
  return {VerdictKind::untrusted, *reason};
}

}  // namespace

std::filesystem::path ProjectFile::resolve(const std::filesystem::path& relative) const {
  if (path.empty() || relative.is_absolute()) return relative;
  return path.parent_path() / relative;
}

std::optional<std::string> project_file_distrust(const std::filesystem::path& path,
                                                 const PathStatus& file, unsigned user) {
  if (file.owner != user && file.owner != 0) {
    return "owned by uid " + std::to_string(file.owner) + ", not by you or root";
  }
  if ((file.mode & 0022) != 0) {
    return "writable by group or others (chmod go-w " + path.string() + ")";
  }
  return std::nullopt;
}

std::optional<std::string> project_directory_distrust(const std::filesystem::path& path,
                                                      const PathStatus& dir, unsigned user) {
  const std::string what = "the directory " + path.string();
  if (dir.type != PathType::directory) return what + " cannot be inspected";
  if ((dir.mode & 0002) == 0) return std::nullopt;
  if ((dir.mode & S_ISVTX) == 0) {
    return what + " is writable by others (chmod o-w " + path.string() + ")";
  }
  if (dir.owner != user && dir.owner != 0) {
    return what + " is writable by others and owned by uid " + std::to_string(dir.owner);
  }
  return std::nullopt;
}

const PathProbe& system_path_probe() {
  static const SystemPathProbe probe;
  return probe;
}

ProjectSearch find_project_file(const std::filesystem::path& start,
                                const std::filesystem::path& home, const PathProbe& probe) {
  std::error_code ignored;
  const std::vector<std::filesystem::path> directories = walk_directories(
      normalized(std::filesystem::absolute(start, ignored)), normalized(home), probe);
  ProjectSearch out;
  for (std::size_t i = 0; i < directories.size(); ++i) {
    const std::filesystem::path candidate = directories[i] / ".hush.yaml";
    const Verdict verdict = judge_candidate(candidate, std::span(directories).subspan(i), probe);
    if (verdict.kind == VerdictKind::trusted) {
      out.found = candidate;
      break;
    }
    if (verdict.kind == VerdictKind::untrusted) {
      out.warnings.push_back("ignoring " + candidate.string() + ": " + verdict.reason +
                             "; name it with --project or HUSH_PROJECT to use it anyway "
                             "[project-untrusted]");
    }
  }
  return out;
}

ProjectFile parse_project_file(const std::filesystem::path& path, std::string text) {
  const YamlSource source = parse_yaml_source(path.string(), std::move(text));
  ProjectFile out;
  out.path = path;
  if (source.documents.empty() || source.documents[0].root.kind == NodeKind::null) return out;
  ProjectReader(source).read(source.documents[0].root, out);
  return out;
}

ProjectFile load_project_file(const std::filesystem::path& path) {
  return parse_project_file(path, read_file(path, k_project_file_limit));
}

}  // namespace hush
