#include "core/log/audit.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <hush/error.hpp>
#include <hush/secret.hpp>
#include <optional>

#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/base/json.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

// An open, exclusively locked log file, closed (and so unlocked) on destruction.
class LockedLog {
 public:
  explicit LockedLog(const std::filesystem::path& path)
      : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) {
    if (m_fd < 0) fail(path, errno);
    while (::flock(m_fd, LOCK_EX) != 0) {
      if (errno != EINTR) fail(path, errno);
    }
  }
  ~LockedLog() { ::close(m_fd); }
  LockedLog(const LockedLog&) = delete;
  LockedLog& operator=(const LockedLog&) = delete;
  [[nodiscard]] int fd() const { return m_fd; }

  [[noreturn]] static void fail(const std::filesystem::path& path, int error_number) {
    throw Error(ErrorKind::io, "audit-failed",
                "cannot write the audit log " + path.string() + ": " + std::strerror(error_number));
  }

 private:
  int m_fd;
};

// The end of the log open at `fd`: its size and its last line.
struct LogTail {
  off_t size = 0;
  off_t line_start = 0;    // where the last line starts
  std::string line;        // the last line without its newline; "" for an empty file
  bool terminated = true;  // the file is empty or ends with a newline
};

LogTail read_tail(int fd, const std::filesystem::path& path) {
  LogTail tail;
  tail.size = ::lseek(fd, 0, SEEK_END);
  if (tail.size < 0) LockedLog::fail(path, errno);
  std::string text;  // the file's last bytes, read backwards until the last line is whole
  off_t at = tail.size;
  std::size_t newline = std::string::npos;
  while (at > 0 && newline == std::string::npos) {
    const off_t step = std::min<off_t>(at, 4096);
    at -= step;
    std::string chunk(static_cast<std::size_t>(step), '\0');
    if (::pread(fd, chunk.data(), chunk.size(), at) != step) LockedLog::fail(path, EIO);
    text.insert(0, chunk);
    const std::size_t body_end = text.size() - (text.ends_with('\n') ? 1 : 0);
    if (body_end > 0) newline = text.rfind('\n', body_end - 1);
  }
  tail.terminated = text.empty() || text.ends_with('\n');
  const std::size_t start = newline == std::string::npos ? 0 : newline + 1;
  tail.line_start = at + static_cast<off_t>(start);
  tail.line = text.substr(start, text.size() - start - (tail.terminated && !text.empty() ? 1 : 0));
  return tail;
}

// The layout every hush has written, `{"time": …, "prev": "…"}` on one line with ", " and ": "
// between members: nlohmann's dump() has no such mode, so the framing is here and every value is
// nlohmann's. Readers parse records, so the chain does not depend on it; it is kept for hush
// binaries before this one, which recognise a record by its `, "prev": "…"}` end.
std::string one_line(const Json& value) {
  std::string out;
  if (value.is_object() || value.is_array()) {
    out += value.is_object() ? "{" : "[";
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it != value.begin()) out += ", ";
      if (value.is_object()) out += Json(it.key()).dump() + ": ";
      out += one_line(*it);
    }
    return out + (value.is_object() ? "}" : "]");
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A byte that is not UTF-8 is kept as the Latin-1 character of that value, as before nlohmann
// wrote records (never replaced by U+FFFD: a file name's bytes stay recoverable).
Json text(std::string_view value) { return Json(latin1_bytes_as_utf8(value)); }

Json texts(const std::vector<std::string>& values) {
  Json out = Json::array();
  for (const std::string& value : values) out.push_back(text(value));
  return out;
}

// The "prev" hash of `line` when it is a hush audit record: a JSON object whose first member is
// "time" and whose last is "prev", 64 lower-case hex digits.
std::optional<std::string> record_prev(std::string_view line) {
  const Json record = Json::parse(line.begin(), line.end(), nullptr, false);
  if (!record.is_object() || record.empty() || record.begin().key() != "time") return std::nullopt;
  auto last = record.end();
  --last;
  if (last.key() != "prev" || !last->is_string()) return std::nullopt;
  const auto& prev = last->get_ref<const std::string&>();
  const bool hex = prev.size() == 64 && std::all_of(prev.begin(), prev.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  return hex ? std::optional(prev) : std::nullopt;
}

bool is_record(std::string_view line) { return record_prev(line).has_value(); }

// An unterminated last line that begins as every record does (or is a beginning of that) is an
// append cut short: hush killed, or the machine stopped, between two parts of one write. It was
// never a record; anything else unterminated is left to the record check.
bool is_cut_short(std::string_view line) {
  constexpr std::string_view k_start = "{\"time\": \"";
  return line.size() < k_start.size() ? k_start.starts_with(line) : line.starts_with(k_start);
}

std::string format_record(const AuditRecord& record, const std::string& prev) {
  const Json line = {{"time", format_time(record.time)}, {"user", text(record.user)},
                     {"host", text(record.host)},        {"action", text(record.action)},
                     {"secrets", texts(record.secrets)}, {"files", texts(record.files)},
                     {"outcome", text(record.outcome)},  {"prev", prev}};
  return one_line(line) + "\n";
}

// Appends `text` at `size`, the end of the file, and syncs it; on failure (EFBIG beyond
// RLIMIT_FSIZE, ENOSPC) cuts the file back to `size`, so no partial line stays behind.
void write_at_end(int fd, off_t size, std::string_view text, const std::filesystem::path& path) {
  bool written = true;
  while (written && !text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;
    written = n > 0;
    if (written) text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (written && ::fsync(fd) == 0) return;
  const int saved = errno;
  [[maybe_unused]] const int ignored = ::ftruncate(fd, size);  // else the next append cuts it
  LockedLog::fail(path, saved);
}

}  // namespace

std::string audit_genesis() { return std::string(64, '0'); }

std::string audit_hash(std::string_view line) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(line.data()),
                     line.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

void append_audit_record(const std::filesystem::path& path, const AuditRecord& record) {
  const LockedLog log(path);
  LogTail tail = read_tail(log.fd(), path);
  if (!tail.terminated && !is_record(tail.line) && is_cut_short(tail.line)) {
    // The cut-short append never completed (its command reported no success through it):
    // remove it, so this record chains to the last whole one instead of gluing onto a fragment.
    if (::ftruncate(log.fd(), tail.line_start) != 0) LockedLog::fail(path, errno);
    tail = read_tail(log.fd(), path);
  }
  if (!tail.line.empty() && !is_record(tail.line)) {
    throw Error(ErrorKind::invalid_input, "audit-broken",
                "the last line of " + path.string() + " is not a hush audit record");
  }
  // An unterminated whole record lost only its newline: end it, and keep it in the chain.
  const std::string text =
      (tail.terminated ? "" : "\n") +
      format_record(record, tail.line.empty() ? audit_genesis() : audit_hash(tail.line));
  write_at_end(log.fd(), tail.size, text, path);
}

AuditVerification verify_audit_log(const std::filesystem::path& path, InputLimit limit) {
  const std::string text = read_file(path, limit);
  AuditVerification result;
  std::string expected = audit_genesis();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool terminated = end != std::string::npos;
    if (!terminated) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    if (!terminated && !is_record(line) && is_cut_short(line)) {
      result.incomplete_line = result.lines + 1;
      return result;
    }
    ++result.lines;
    const std::optional<std::string> prev = record_prev(line);
    if (!prev) {
      result.broken_line = result.lines;
      result.problem = "not a hush audit record";
      return result;
    }
    if (*prev != expected) {
      result.broken_line = result.lines;
      result.problem =
          result.lines == 1
              ? "the first record does not start the chain (lines before it were removed)"
              : "the previous line's hash does not match (line " +
                    std::to_string(result.lines - 1) +
                    " was edited, or lines were removed or reordered)";
      return result;
    }
    expected = audit_hash(line);
    start = end + 1;
  }
  return result;
}

}  // namespace hush
