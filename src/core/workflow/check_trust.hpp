// Which project-file settings `hush check` trusts. In CI the working tree is a pull request's, so
// its `.hush.yaml` could choose what is checked (`configs:`) and what is accepted (`check:`
// baseline, severity, secret_keys_extra); untrusted, those settings come from a base revision
// (`git show REV:.hush.yaml`, its baseline from REV too) or are not used at all.
#pragma once
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "core/base/environment.hpp"
#include "core/base/fsutil.hpp"
#include "core/model/project.hpp"

namespace hush {

// `hush check --trust-project`: automatic is no when the variable CI is set and not empty (as
// GitHub Actions, GitLab CI and most other CI systems set it), else yes.
enum class ProjectTrust { automatic, yes, no };

// A --trust-project word: yes, no, or "" (automatic). Error(usage, "invalid-option-value") for
// any other.
[[nodiscard]] ProjectTrust project_trust_from(const std::string& word);

struct ProjectTrustQuery {
  ProjectTrust trust = ProjectTrust::automatic;
  std::optional<std::string> base_revision{};  // --base: where untrusted settings come from
};

// The project settings a check applies.
struct CheckProjectSettings {
  // The project file whose configs: and check: apply: the working tree's, the revision's (its
  // path where the working tree has that file, since the configs are checked as the working tree
  // has them), or ProjectFile{} (no settings).
  ProjectFile project{};
  // Set when the settings come from a revision: its full commit hash, its name as given, and the
  // repository root; the project's baseline is then read from that commit, not the working tree.
  std::optional<std::string> commit{};
  std::string revision{};
  std::filesystem::path root{};
  // What to tell the user, once, when the working tree's settings are not used.
  std::optional<std::string> note{};
};

// Whether `trust` (automatic resolved with `environment`'s CI) trusts the working tree.
[[nodiscard]] bool trusts_project(ProjectTrust trust, const Environment& environment);

// The settings of `working_tree` (the project file found or named, ProjectFile{} when none) as
// `query` trusts them. Trusted: its own. Untrusted without a base revision: none (and a note, when
// there is a project file). Untrusted with one: those of the project file the revision has where
// `working_tree` lies (else the nearest `.hush.yaml` from the working directory up to the
// repository root), read with `limit`; none when it has none. Throws Error(usage,
// "not-a-repository" | "unknown-revision" | "git-failed") for a revision that cannot be read,
// parse_project_file's errors (located at `REV:path`) for a broken one.
[[nodiscard]] CheckProjectSettings check_project_settings(const ProjectFile& working_tree,
                                                          const ProjectTrustQuery& query,
                                                          const Environment& environment,
                                                          InputLimit limit);

// The fingerprints of the baseline `settings` names (check.baseline), or nullopt when it names
// none or the file is absent (in the working tree, or in its commit when it has one). A baseline
// outside the repository is read from the file system, which a pull request does not change.
// Throws parse_baseline's and read_file's errors.
[[nodiscard]] std::optional<std::set<std::string>> project_baseline(
    const CheckProjectSettings& settings, const Environment& environment);

}  // namespace hush
