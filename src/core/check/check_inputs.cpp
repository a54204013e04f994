#include "core/check/check_inputs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <hush/error.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

#include "core/base/fsutil.hpp"
#include "core/base/process.hpp"

namespace hush {
namespace {

constexpr std::chrono::milliseconds k_git_timeout{60000};

// Runs git (stdout up to `max_output` bytes); Error(usage) with git's message when it fails for
// any reason but too much output, which the caller decides about.
CaptureResult run_git(const std::vector<std::string>& args, const Environment& environment,
                      const char* id, std::size_t max_output) {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  CaptureResult result = run_capture(argv, environment, k_git_timeout, max_output);
  if (result.exit_status != 0 && !result.too_large) {
    std::string err = result.err.substr(0, result.err.find('\n'));
    throw Error(ErrorKind::usage, id, "git " + args.front() + " failed: " + err);
  }
  return result;
}

// Runs git and returns its stdout; Error(usage) with git's message when it fails.
std::string git(const std::vector<std::string>& args, const Environment& environment,
                const char* id) {
  const CaptureResult result = run_git(args, environment, id, std::size_t{256} << 20);
  if (result.too_large) {
    throw Error(ErrorKind::usage, id, "git " + args.front() + " printed more than 256 MiB");
  }
  return std::string(result.out.reveal());
}

// A file whose content cannot be checked as text; check_files reports it in place of the file,
// so one unreadable file (permissions, gone since it was listed) does not stop the others.
bool is_per_file_problem(const Error& e) {
  return e.id() == "not-a-regular-file" || e.id() == "input-too-large" ||
         e.id() == "unreadable-file";
}

std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end = text.find('\0'); end != std::string::npos; end = text.find('\0', start)) {
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool inside_git(const std::filesystem::path& dir, const Environment& environment) {
  const CaptureResult result =
      run_capture({"git", "-C", dir.string(), "rev-parse", "--is-inside-work-tree"}, environment,
                  k_git_timeout);
  return result.exit_status == 0 && result.out.reveal().starts_with("true");
}

[[noreturn]] void unreadable_directory(const std::filesystem::path& dir,
                                       const std::error_code& error) {
  throw Error(ErrorKind::io, "unreadable-directory",
              "cannot read directory " + dir.string() + ": " + error.message(),
              Location{dir.string(), 0, 0});
}

// Whether `path` itself is a regular file, not a link to one: a walk follows no link, since one to
// a file of the tree would check that file twice and one out of the tree would read what is not
// the tree's. A path gone since it was listed (or whose directory no longer is one) is passed over
// as FIFOs are; any other failure is Error(io, "unreadable-file"). The error_code overloads
// throughout: std::filesystem's throwing ones escape as "internal error".
bool is_file_to_check(const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::symlink_status(path, error);
  if (error && error != std::errc::no_such_file_or_directory &&
      error != std::errc::not_a_directory && error != std::errc::too_many_symbolic_link_levels) {
    throw Error(ErrorKind::io, "unreadable-file",
                "cannot read " + path.string() + ": " + error.message(),
                Location{path.string(), 0, 0});
  }
  return std::filesystem::is_regular_file(status);
}

// Whether a directory on the way from `dir` to the listed `file` is a symbolic link: git lists
// the index, and a directory of it may have been replaced by a link since. `plain` remembers the
// directories already found not to be links.
bool through_link(const std::filesystem::path& dir, const std::filesystem::path& file,
                  std::set<std::filesystem::path>& plain) {
  std::filesystem::path prefix = dir;
  for (const std::filesystem::path& part : file.parent_path()) {
    prefix /= part;
    if (plain.contains(prefix)) continue;
    std::error_code ignored;  // a directory gone since leaves no file to check either
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(prefix, ignored))) return true;
    plain.insert(prefix);
  }
  return false;
}

// The recursion never enters a link to a directory: the iterator follows none unless told to.
void walk_directory(const std::filesystem::path& dir, std::vector<std::string>& files) {
  std::error_code error;
  std::filesystem::recursive_directory_iterator it(dir, error);
  if (error) unreadable_directory(dir, error);
  for (const std::filesystem::recursive_directory_iterator end; it != end;) {
    const std::filesystem::path entry = it->path();
    std::error_code ignored;  // an entry gone since it was listed is no directory
    const bool directory = std::filesystem::is_directory(it->symlink_status(ignored));
    if (directory && entry.filename() == ".git") {
      it.disable_recursion_pending();
    } else if (!directory && is_file_to_check(entry)) {
      files.push_back(entry.lexically_normal().string());
    }
    it.increment(error);  // enters `entry` when it is a directory
    if (error) unreadable_directory(directory ? entry : dir, error);
  }
}

void add_directory(const std::filesystem::path& dir, const Environment& environment,
                   std::vector<std::string>& files) {
  if (!inside_git(dir, environment)) return walk_directory(dir, files);
  std::set<std::filesystem::path> plain;
  for (const std::string& f : split_nul(
           git({"-C", dir.string(), "ls-files", "-z", "--cached", "--others", "--exclude-standard"},
               environment, "git-failed"))) {
    if (is_file_to_check(dir / f) && !through_link(dir, f, plain)) {
      files.push_back((dir / f).lexically_normal().string());
    }
  }
}

std::string reported_path(const std::string& file) {
  return file.starts_with("./") ? file.substr(2) : file;
}

// Where a path named on the command line may lead through a symbolic link: the top level of the
// git work tree the current directory is in, else the current directory; canonical. An empty
// `path` (the current directory is gone) holds nothing.
struct ScanRoot {
  std::filesystem::path path;
  std::string name;  // as messages say it
};

ScanRoot scan_root(const Environment& environment) {
  const CaptureResult result =
      run_capture({"git", "rev-parse", "--show-toplevel"}, environment, k_git_timeout);
  const std::string out(result.out.reveal());
  const std::string top = out.substr(0, out.find('\n'));
  std::error_code error;
  if (result.exit_status == 0 && !top.empty()) {
    return {std::filesystem::weakly_canonical(top, error), "the repository"};
  }
  return {std::filesystem::current_path(error), "the current directory"};
}

bool is_within(const std::filesystem::path& path, const std::filesystem::path& root) {
  if (root.empty()) return false;
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

// Decides whether a path named on the command line may be read. One that resolves through a
// symbolic link (itself or a directory on its way) is followed only to a target inside the scan
// root: a link planted in a repository must not make hush print what lies outside it. A path
// that names a place outside by itself, through no link, is read: the user chose it. The root
// costs a git call, made on the first path that resolves through a link.
class LinkGuard {
 public:
  explicit LinkGuard(const Environment& environment) : m_environment(environment) {}

  // nullopt when the existing path `named` may be read, else why not (a not-checked reason).
  std::optional<std::string> refusal(const std::string& named) {
    std::error_code absolute_error;
    std::error_code error;
    std::filesystem::path written =
        std::filesystem::absolute(named, absolute_error).lexically_normal();
    if (written.filename().empty()) written = written.parent_path();  // "dir/", "."
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(named, error);
    if (absolute_error || error) {  // unresolved, it might lead anywhere
      return named + " cannot be resolved: " + (error ? error : absolute_error).message();
    }
    if (written == resolved) return std::nullopt;
    if (!m_root) m_root = scan_root(m_environment);
    if (is_within(resolved, m_root->path)) return std::nullopt;
    const bool link = std::filesystem::is_symlink(std::filesystem::symlink_status(named, error));
    return reported_path(named) + (link ? " is a" : " passes through a") +
           " symbolic link to a target outside " + m_root->name + " (not followed)";
  }

 private:
  const Environment& m_environment;
  std::optional<ScanRoot> m_root;
};

// A staged blob too large to hold, written by `git show` into an unnamed temporary file (mode
// 0600, gone when the last reference closes it) for the check to read in windows.
std::shared_ptr<StreamSource> extract_blob(const std::string& root, const std::string& path,
                                           const Environment& environment) {
  const std::string dir = environment.text("TMPDIR");
  const std::string tmp = dir.empty() ? "/tmp" : dir;
  auto stream = std::make_shared<StreamSource>();
  stream->fd = ::open(tmp.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (stream->fd < 0) {
    throw Error(ErrorKind::io, "unreadable-file",
                "cannot make a temporary file in " + tmp + " for the staged " + path + ": " +
                    std::strerror(errno));
  }
  EnvironmentBlock block = environment.block();
  const Spawned child = spawn_process({"git", "-C", root, "show", ":" + path}, block,
                                      {.stdin_from_null = true, .out = stream->fd, .err = -1});
  if (child.pid < 0) {
    throw Error(ErrorKind::usage, "git-failed", start_failure_message("git", child.error));
  }
  if (wait_for_exit(child.pid) != 0) {
    throw Error(ErrorKind::usage, "git-failed", "git show :" + path + " failed");
  }
  return stream;
}

// Each file read whole, or left to be read in windows when over `limit`; one that cannot be read
// carries why, so it is reported without stopping the others.
std::vector<CheckInput> read_inputs(const std::vector<std::string>& files, InputLimit limit) {
  std::vector<CheckInput> out;
  for (const std::string& file : files) {
    CheckInput input{reported_path(file), {}};
    try {
      input.content = read_file(file, limit);
    } catch (const Error& e) {
      if (!is_per_file_problem(e)) throw;
      if (e.id() == "input-too-large") {
        auto stream = std::make_shared<StreamSource>();
        stream->path = file;
        input.stream = std::move(stream);
      } else {
        input.unreadable = e;
      }
    }
    out.push_back(std::move(input));
  }
  return out;
}

}  // namespace

std::vector<CheckInput> working_tree_inputs(const std::vector<std::string>& paths,
                                            const Environment& environment, InputLimit limit) {
  std::vector<std::string> files;
  std::map<std::string, std::string> refused;  // reported path: why it is not read
  LinkGuard guard(environment);
  for (const std::string& path : paths) {
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) {
      const std::string why = error ? error.message() : "No such file or directory";
      throw Error(ErrorKind::io, "unreadable-file", "cannot read " + path + ": " + why,
                  Location{path, 0, 0});
    }
    if (std::optional<std::string> why = guard.refusal(path)) {
      refused.emplace(reported_path(path), std::move(*why));
    } else if (std::filesystem::is_directory(status)) {
      add_directory(path, environment, files);
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::vector<CheckInput> out = read_inputs(files, limit);
  for (const auto& [path, why] : refused) {
    CheckInput input{path, {}};
    input.unreadable = Error(ErrorKind::io, "link-outside-root", why, Location{path, 0, 0});
    out.push_back(std::move(input));
  }
  return out;
}

std::vector<CheckInput> staged_inputs(const Environment& environment, InputLimit limit) {
  const std::string root = repository_root(".", "--staged", environment).string();
  std::vector<CheckInput> out;
  for (const std::string& path :
       split_nul(git({"-C", root, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMRT"},
                     environment, "git-failed"))) {
    const CaptureResult blob = run_git({"-C", root, "show", ":" + path}, environment, "git-failed",
                                       static_cast<std::size_t>(limit.bytes));
    if (blob.too_large) {
      CheckInput input{path, {}};
      input.stream = extract_blob(root, path, environment);
      out.push_back(std::move(input));
    } else {
      out.push_back({path, std::string(blob.out.reveal())});
    }
  }
  return out;
}

std::filesystem::path repository_root(const std::filesystem::path& dir, std::string_view option,
                                      const Environment& environment) {
  const std::string where = dir.empty() ? "." : dir.string();
  if (!inside_git(where, environment)) {
    throw Error(ErrorKind::usage, "not-a-repository",
                std::string(option) + " needs a git repository");
  }
  const std::string top =
      git({"-C", where, "rev-parse", "--show-toplevel"}, environment, "git-failed");
  return top.substr(0, top.find('\n'));
}

std::string commit_of(const std::filesystem::path& root, const std::string& revision,
                      const Environment& environment) {
  const auto unknown = [&] {
    return Error(ErrorKind::usage, "unknown-revision",
                 "no commit " + revision + " in " + root.string() +
                     "; fetch it first (a CI checkout often has only the pull request's commit: "
                     "git fetch origin BRANCH)");
  };
  // A leading '-' would be an option to git; --end-of-options guards what follows it.
  if (revision.empty() || revision.starts_with('-')) throw unknown();
  const CaptureResult result = run_capture({"git", "-C", root.string(), "rev-parse", "--verify",
                                            "--quiet", "--end-of-options", revision + "^{commit}"},
                                           environment, k_git_timeout);
  if (result.timed_out) throw Error(ErrorKind::usage, "git-failed", "git rev-parse timed out");
  const std::string out(result.out.reveal());
  if (result.exit_status != 0 || out.empty()) throw unknown();
  return out.substr(0, out.find('\n'));
}

std::optional<std::string> file_at_commit(const std::filesystem::path& root,
                                          const std::string& commit, const std::string& path,
                                          const Environment& environment, InputLimit limit) {
  if (path.empty()) return std::nullopt;  // the root itself: no file
  // ls-tree first, so that "not in this commit" is told apart from git failing; literal
  // pathspecs, so that a '*' in the name matches only itself. One entry, "MODE TYPE HASH\tPATH".
  const std::string entry = git({"-C", root.string(), "--literal-pathspecs", "ls-tree", "-z",
                                 "--full-tree", commit, "--", path},
                                environment, "git-failed");
  const std::size_t tab = entry.find('\t');
  const bool regular = entry.starts_with("100644 blob ") || entry.starts_with("100755 blob ");
  if (!regular || tab == std::string::npos || entry.substr(tab + 1) != path + '\0') {
    return std::nullopt;
  }
  // --no-textconv: the bytes as committed, never a filter's rendering of them.
  const CaptureResult blob =
      run_git({"-C", root.string(), "show", "--no-textconv", commit + ":" + path}, environment,
              "git-failed", static_cast<std::size_t>(limit.bytes));
  if (blob.too_large) throw input_too_large(commit + ":" + path, limit);
  return std::string(blob.out.reveal());
}

}  // namespace hush
