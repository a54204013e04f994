#include "core/runtime/terminal.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <hush/error.hpp>
#include <string>

#include "core/base/fsutil.hpp"

namespace hush {
namespace {

// An open /dev/tty, closed on destruction.
class Tty {
 public:
  Tty() : m_fd(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)) {}
  ~Tty() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Tty(const Tty&) = delete;
  Tty& operator=(const Tty&) = delete;
  [[nodiscard]] int fd() const { return m_fd; }

 private:
  int m_fd;
};

void say(int fd, const std::string& text) {
  [[maybe_unused]] const ssize_t ignored = ::write(fd, text.data(), text.size());
}

// Reads one line from `fd` into `line` (without the newline) a byte at a time, so nothing past the
// line is consumed; each byte lands in secure memory. False at end of input.
bool read_line(int fd, SecretBuffer& line) {
  SecretValue byte = SecretValue::with_size(1);
  for (;;) {
    const ssize_t n = ::read(fd, byte.data(), 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return !line.empty();
    if (byte.reveal()[0] == '\n') return true;
    if (byte.reveal()[0] != '\r') line.append(byte.reveal());
  }
}

}  // namespace

bool has_terminal() {
  const Tty tty;
  return tty.fd() >= 0;
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

std::optional<SecretValue> prompt_hidden(const std::string& prompt) {
  const Tty tty;
  if (tty.fd() < 0) return std::nullopt;
  termios saved{};
  const bool can_hide = ::tcgetattr(tty.fd(), &saved) == 0;
  if (can_hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty.fd(), TCSAFLUSH, &quiet);
  }
  say(tty.fd(), prompt);
  SecretBuffer line;
  read_line(tty.fd(), line);
  if (can_hide) ::tcsetattr(tty.fd(), TCSAFLUSH, &saved);
  say(tty.fd(), "\n");
  return line.to_value();
}

std::optional<std::string> prompt_visible(const std::string& prompt) {
  const Tty tty;
  if (tty.fd() < 0) return std::nullopt;
  say(tty.fd(), prompt);
  SecretBuffer line;  // a confirmation, not a secret: read like any line, then handed back
  read_line(tty.fd(), line);
  return std::string(line.reveal());
}

SecretBuffer read_stdin_secret_text() {
  SecretBuffer data;
  // Chunks land in a secure scratch block, never on the stack: a byte-wise read of a large
  // certificate would cost a system call per byte for no gain.
  SecretValue chunk = SecretValue::with_size(4096);
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(chunk.reveal().substr(0, static_cast<std::size_t>(n)));
    if (data.size() > k_stdin_value_limit.bytes) {
      throw Error(ErrorKind::io, "input-too-large",
                  "the value on standard input is larger than the " +
                      format_byte_size(k_stdin_value_limit.bytes) + " limit; " +
                      std::string(k_stdin_value_limit.remedy));
    }
  }
  if (!data.empty() && data.reveal().back() == '\n') data.truncate(data.size() - 1);
  if (!data.empty() && data.reveal().back() == '\r') data.truncate(data.size() - 1);
  return data;
}

SecretValue read_stdin_secret() { return read_stdin_secret_text().to_value(); }

}  // namespace hush
