// hush/check_inputs.hpp — what `hush check` reads: files and directories from the working tree
// (directories recursed; inside a git repository, git's view with .gitignore respected), or the
// staged blobs of the index (`--staged`: what will be committed, not the working tree), or one file
// as a commit has it (`--base`). git runs with `environment`'s variables, never hush's credential
// variables.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/environment.hpp"
#include "core/base/fsutil.hpp"
#include "core/check/check.hpp"

namespace hush {

// The files under `paths` (files as given, directories recursed). Inside a git work tree the
// listing comes from `git ls-files --cached --others --exclude-standard`, so ignored files are
// skipped; elsewhere every regular file is taken (except .git directories). Recursion follows no
// symbolic link, to a file or a directory, nor a listed path through a directory since replaced
// by one (a target in the tree is taken at its own path, one outside is never read); links that
// lead to no file are passed over as well. A path in `paths` that resolves through a link (itself
// or a directory on its way) is followed only to a target inside the top level of the current
// directory's git work tree (outside git, the current directory); else it is returned with
// `unreadable` set to Error(io, "link-outside-root"), whose message does not name the target.
// Each file is read with read_file and `limit` (one over it is returned with `stream` set, to be
// read in windows); a file that is not a regular file or cannot be read is returned with
// `unreadable` set, so it is reported without stopping the others. Throws
// Error(io, "unreadable-file") at a path in `paths` that does not exist (or is a link loop),
// Error(io, "unreadable-directory") at a directory that cannot be listed.
[[nodiscard]] std::vector<CheckInput> working_tree_inputs(const std::vector<std::string>& paths,
                                                          const Environment& environment,
                                                          InputLimit limit);

// The staged content of every added, copied, modified, renamed or type-changed file (`git diff
// --cached`, `git show :path`), with paths relative to the repository root; a staged symbolic
// link is its blob, the link text, never its target's content. A blob over `limit` is
// returned with `unreadable` set to Error(io, "input-too-large"). Throws Error(usage,
// "not-a-repository") outside a git repository.
[[nodiscard]] std::vector<CheckInput> staged_inputs(const Environment& environment,
                                                    InputLimit limit);

// The top-level directory of the git work tree holding `dir` (git rev-parse --show-toplevel).
// Throws Error(usage, "not-a-repository") outside one, saying that `option` needs a repository.
[[nodiscard]] std::filesystem::path repository_root(const std::filesystem::path& dir,
                                                    std::string_view option,
                                                    const Environment& environment);

// The full hash of the commit `revision` names in the repository at `root` (a branch, tag, hash,
// `origin/main`, `HEAD~1`). Throws Error(usage, "unknown-revision") naming `revision` when it names
// no commit there (also when it is empty or starts with '-').
[[nodiscard]] std::string commit_of(const std::filesystem::path& root, const std::string& revision,
                                    const Environment& environment);

// The content of the regular file `path` (relative to `root`, '/'-separated) in `commit`'s tree,
// or nullopt when the tree holds no regular file there (none, a directory, a symbolic link).
// Throws Error(io, "input-too-large") at `commit:path` for a file over `limit`, Error(usage,
// "git-failed") when git fails.
[[nodiscard]] std::optional<std::string> file_at_commit(const std::filesystem::path& root,
                                                        const std::string& commit,
                                                        const std::string& path,
                                                        const Environment& environment,
                                                        InputLimit limit);

}  // namespace hush
