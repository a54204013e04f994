#include "core/log/audit.hpp"

#include "core/base/clock.hpp"
#include <hush/error.hpp>
#include "core/base/fsutil.hpp"
#include <hush/secret.hpp>
#include "core/base/text.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <re2/re2.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

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

// The last complete line of the file open at `fd` (without its newline), or "" when empty.
std::string last_line(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  std::string tail;
  off_t at = size;
  while (at > 0) {
    const off_t step = std::min<off_t>(at, 4096);
    at -= step;
    std::string chunk(static_cast<std::size_t>(step), '\0');
    if (::pread(fd, chunk.data(), chunk.size(), at) != step) return {};
    tail.insert(0, chunk);
    const std::size_t body_end = tail.size() - (tail.ends_with('\n') ? 1 : 0);
    const std::size_t newline = tail.rfind('\n', body_end == 0 ? 0 : body_end - 1);
    if (newline != std::string::npos && newline < body_end) return tail.substr(newline + 1, body_end - newline - 1);
  }
  return tail.ends_with('\n') ? tail.substr(0, tail.size() - 1) : tail;
}

std::string json_array(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(json_quote(item));
  return "[" + join(quoted, ", ") + "]";
}

const RE2& prev_pattern() {
  static const RE2 pattern(R"re(, "prev": "([0-9a-f]{64})"\}$)re");
  return pattern;
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
  const std::string previous = last_line(log.fd());
  if (!previous.empty() && !RE2::PartialMatch(previous, prev_pattern())) {
    throw Error(ErrorKind::invalid_input, "audit-broken",
                "the last line of " + path.string() + " is not a hush audit record");
  }
  const std::string line =
      "{\"time\": " + json_quote(format_time(record.time)) + ", \"user\": " +
      json_quote(record.user) + ", \"host\": " + json_quote(record.host) + ", \"action\": " +
      json_quote(record.action) + ", \"secrets\": " + json_array(record.secrets) +
      ", \"files\": " + json_array(record.files) + ", \"outcome\": " + json_quote(record.outcome) +
      ", \"prev\": \"" + (previous.empty() ? audit_genesis() : audit_hash(previous)) + "\"}\n";
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(log.fd(), rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) LockedLog::fail(path, errno);
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(log.fd()) != 0) LockedLog::fail(path, errno);
}

AuditVerification verify_audit_log(const std::filesystem::path& path, InputLimit limit) {
  const std::string text = read_file(path, limit);
  AuditVerification result;
  std::string expected = audit_genesis();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    ++result.lines;
    std::string prev;
    if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), prev_pattern(), &prev)) {
      result.broken_line = result.lines;
      result.problem = "not a hush audit record";
      return result;
    }
    if (prev != expected) {
      result.broken_line = result.lines;
      result.problem = result.lines == 1
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
