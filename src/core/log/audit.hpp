// hush/audit.hpp — the audit log: one JSON line per security-relevant action (init, add, update,
// rm, get, rollback, rotate, import, seal, render, run, materialize) with time, user, host,
// action, secret names, files and outcome — never a value. Each line carries the BLAKE2b hash of
// the previous line, so an edited, removed or reordered line breaks the chain. Appends hold an
// exclusive lock, so concurrent hush processes never interleave or lose lines.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/fsutil.hpp"

namespace hush {

struct AuditRecord {
  std::chrono::sys_seconds time{};
  std::string user{};
  std::string host{};
  std::string action{};                // "render", "secrets.get", ...
  std::vector<std::string> secrets{};  // names only
  std::vector<std::string> files{};
  std::string outcome{};  // "ok", or "error:<id>"
};

// Appends `record` to the log at `path` (created with mode 0600), chained to the last line, in
// one write followed by fsync. A write that fails (EFBIG beyond RLIMIT_FSIZE, ENOSPC) is cut off
// again, so the log keeps only whole lines. An incomplete last line that an append killed
// mid-write left (no newline, the beginning of a record) is removed first, and the record chains
// to the last whole one; a whole last record without its newline gets one. Throws
// Error(io, "audit-failed") naming the OS reason when the log cannot be read or written;
// Error(invalid_input, "audit-broken") when its last line is not a hush audit record.
void append_audit_record(const std::filesystem::path& path, const AuditRecord& record);

struct AuditVerification {
  std::size_t lines = 0;        // records checked
  std::size_t broken_line = 0;  // 1-based first line whose chain does not hold; 0 when intact
  std::string problem{};        // what is wrong there
  // 1-based number of an incomplete last line (no newline, the beginning of a record: an append
  // cut short by kill -9 or a crash). Not a record and not counted; the next append removes it.
  // 0 when there is none.
  std::size_t incomplete_line = 0;
};
// Recomputes the chain of the log at `path`, read whole (read_file with `limit`). Throws
// Error(io, "unreadable-file") when missing, and read_file's other errors.
[[nodiscard]] AuditVerification verify_audit_log(const std::filesystem::path& path,
                                                 InputLimit limit);

// The first line's "prev" value: 64 zeros.
[[nodiscard]] std::string audit_genesis();
// BLAKE2b-256 of `line` (without its newline), in hex.
[[nodiscard]] std::string audit_hash(std::string_view line);

}  // namespace hush
