#include "core/workflow/check_trust.hpp"

#include <hush/error.hpp>
#include <system_error>
#include <utility>
#include <vector>

#include "core/check/check.hpp"
#include "core/check/check_inputs.hpp"

namespace hush {
namespace {

constexpr const char* k_project_name = ".hush.yaml";

// `path` relative to `root`, '/'-separated ("" for `root` itself), or nullopt when it lies
// outside. Lexical, never canonical: a symbolic link the working tree holds must not choose which
// file of the revision is read.
std::optional<std::string> inside(const std::filesystem::path& root,
                                  const std::filesystem::path& path) {
  const std::filesystem::path relative =
      path.lexically_normal().lexically_relative(root.lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative == "." ? std::string() : relative.generic_string();
}

// Where the revision's project file may be, nearest first: where the working tree has one
// (found or named), then `.hush.yaml` from the working directory up to the root, as discovery
// would look in the revision's tree.
std::vector<std::string> project_candidates(const ProjectFile& working_tree,
                                            const std::filesystem::path& root) {
  std::vector<std::string> out;
  if (!working_tree.path.empty()) {
    std::error_code ignored;
    if (auto own = inside(root, std::filesystem::absolute(working_tree.path, ignored))) {
      out.push_back(*own);
    }
  }
  const std::optional<std::string> start = inside(root, working_directory());
  for (std::filesystem::path dir = start.value_or(""); true; dir = dir.parent_path()) {
    out.push_back((dir / k_project_name).generic_string());
    if (dir.empty()) break;
  }
  return out;
}

std::string distrust_note(const ProjectFile& working_tree, ProjectTrust trust) {
  const std::string file =
      working_tree.path.empty() ? std::string(k_project_name) : working_tree.path.string();
  return "not trusting the working tree's " + file + " (" +
         (trust == ProjectTrust::no ? "--trust-project=no"
                                    : "CI is set; --trust-project=yes trusts it") +
         "): ";
}

}  // namespace

ProjectTrust project_trust_from(const std::string& word) {
  if (word.empty()) return ProjectTrust::automatic;
  if (word == "yes") return ProjectTrust::yes;
  if (word == "no") return ProjectTrust::no;
  throw Error(ErrorKind::usage, "invalid-option-value", "--trust-project must be yes or no");
}

bool trusts_project(ProjectTrust trust, const Environment& environment) {
  if (trust == ProjectTrust::automatic) return environment.text("CI").empty();
  return trust == ProjectTrust::yes;
}

CheckProjectSettings check_project_settings(const ProjectFile& working_tree,
                                            const ProjectTrustQuery& query,
                                            const Environment& environment, InputLimit limit) {
  if (trusts_project(query.trust, environment)) return {.project = working_tree};
  const std::string note = distrust_note(working_tree, query.trust);
  CheckProjectSettings out;
  if (!query.base_revision) {
    if (!working_tree.path.empty()) {
      out.note = note +
                 "ignoring its configs: and check: settings; pass --base REV to use a base "
                 "revision's, or give them on the command line";
    }
    return out;
  }
  out.root = repository_root(".", "--base", environment);
  out.revision = *query.base_revision;
  out.commit = commit_of(out.root, out.revision, environment);
  for (const std::string& candidate : project_candidates(working_tree, out.root)) {
    std::optional<std::string> text =
        file_at_commit(out.root, *out.commit, candidate, environment, limit);
    if (!text) continue;
    out.project = parse_project_file(out.revision + ":" + candidate, std::move(*text));
    out.project.path = out.root / candidate;
    out.note = note + "using the configs: and check: settings of " + out.revision + ":" + candidate;
    return out;
  }
  out.note = note + out.revision + " has no " + k_project_name + "; checking with the defaults";
  return out;
}

std::optional<std::set<std::string>> project_baseline(const CheckProjectSettings& settings,
                                                      const Environment& environment) {
  const ProjectFile& project = settings.project;
  if (!project.check_baseline) return std::nullopt;
  const std::filesystem::path path = project.resolve(*project.check_baseline);
  const std::optional<std::string> committed =
      settings.commit ? inside(settings.root, path) : std::nullopt;
  if (!committed) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) return std::nullopt;
    return read_baseline(path.string());
  }
  const std::optional<std::string> text =
      file_at_commit(settings.root, *settings.commit, *committed, environment, k_baseline_limit);
  if (!text) return std::nullopt;
  return parse_baseline(settings.revision + ":" + *committed, *text);
}

}  // namespace hush
