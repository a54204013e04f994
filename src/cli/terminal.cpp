#include "cli/terminal.hpp"

#include "core/base/text.hpp"

#include <cerrno>
#include <fcntl.h>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace hush::cli {
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

// Reads one line from `fd` into `line` (without the newline); false at end of input.
bool read_line(int fd, std::string& line) {
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return !line.empty();
    if (c == '\n') return true;
    if (c != '\r') line += c;
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
  std::string line;
  read_line(tty.fd(), line);
  if (can_hide) ::tcsetattr(tty.fd(), TCSAFLUSH, &saved);
  say(tty.fd(), "\n");
  SecretValue value(line);
  wipe(line);
  return value;
}

std::optional<std::string> prompt_visible(const std::string& prompt) {
  const Tty tty;
  if (tty.fd() < 0) return std::nullopt;
  say(tty.fd(), prompt);
  std::string line;
  read_line(tty.fd(), line);
  return line;
}

SecretValue read_stdin_secret() {
  std::string data;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  if (!data.empty() && data.back() == '\n') data.pop_back();
  if (!data.empty() && data.back() == '\r') data.pop_back();
  SecretValue value(data);
  wipe(data);
  std::fill(std::begin(buffer), std::end(buffer), '\0');
  return value;
}

}  // namespace hush::cli
