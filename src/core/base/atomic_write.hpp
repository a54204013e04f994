// atomic_write.hpp — the machinery behind write_file_atomic and create_file_exclusive: content is
// written and synced in a temporary file beside its target, which then replaces (renameat) or
// creates (linkat) the target in one step. The temporary is unnamed (O_TMPFILE) while it is
// written where the filesystem allows it, so a process killed mid-write leaves nothing behind; it
// holds an exclusive flock from before it has any name, so a temporary without a lock belongs to
// a writer that is gone and the next write of the same target removes it.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/fsutil.hpp"

namespace hush {

// Replaces the entry `name` of the directory open at `dir_fd` with `content`, permissions `mode`;
// a symbolic link at `name` is replaced, never written through. Removes stale temporaries of
// `name` first. On failure the previous entry is untouched, no temporary is left, and
// Error(io, "write-failed") names `shown` (the path for messages) and the OS reason ("File too
// large" under RLIMIT_FSIZE, "No space left on device"…).
void replace_file_at(int dir_fd, const std::string& name, std::string_view content, FileMode mode,
                     const std::filesystem::path& shown);

// Creates the entry `name` with `content` and `mode` only if nothing has that name: returns
// false, writing nothing, when it exists. The name appears with the whole content or not at all.
// Error(io, "write-failed") as replace_file_at.
[[nodiscard]] bool create_file_at(int dir_fd, const std::string& name, std::string_view content,
                                  FileMode mode, const std::filesystem::path& shown);

// Removes every temporary `.<name>.hush-XXXXXX` in the directory open at `dir_fd` that no live
// writer holds (its flock is free): left by a process killed between naming its temporary and
// the rename, or by a hush before unnamed temporaries. Best effort, never throws.
void remove_stale_temporaries(int dir_fd, const std::string& name);

}  // namespace hush
