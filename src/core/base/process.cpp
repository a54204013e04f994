#include "core/base/process.hpp"

#include <hush/error.hpp>
#include "core/base/text.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hush {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::io, "exec-failed", std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  return {fds[0], fds[1]};
}

[[noreturn]] void exec_child(const std::vector<std::string>& argv,
                             const std::map<std::string, std::string>& environment, Pipe out,
                             Pipe err) {
  const int null_fd = ::open("/dev/null", O_RDONLY);
  ::dup2(null_fd, STDIN_FILENO);
  ::dup2(out.write, STDOUT_FILENO);
  ::dup2(err.write, STDERR_FILENO);
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> args;
  std::vector<char*> envp;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  for (std::string& e : env_strings) envp.push_back(e.data());
  args.push_back(nullptr);
  envp.push_back(nullptr);
  ::execvpe(args[0], args.data(), envp.data());
  const std::string message = "hush: cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
  [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, message.data(), message.size());
  ::_exit(127);  // the child must not run the parent's destructors
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

CaptureResult run_capture(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment,
                          std::chrono::milliseconds timeout, std::size_t max_output) {
  if (argv.empty()) throw Error(ErrorKind::usage, "exec-failed", "empty command");
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw Error(ErrorKind::io, "exec-failed", "cannot start " + argv[0] + ": " + std::strerror(errno));
  }
  if (pid == 0) exec_child(argv, environment, out, err);
  ::close(out.write);
  ::close(err.write);
  CaptureResult result;
  std::string captured;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
  int open_fds = 2;
  char buffer[8192];
  while (open_fds > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    for (pollfd& p : fds) {
      if (p.fd < 0 || (p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        ::close(p.fd);
        p.fd = -1;
        --open_fds;
        continue;
      }
      std::string& sink = p.fd == out.read ? captured : result.err;
      if (p.fd == err.read && result.err.size() >= 65536) continue;
      sink.append(buffer, static_cast<std::size_t>(n));
    }
    if (captured.size() > max_output) {
      result.too_large = true;
      break;
    }
  }
  if (result.timed_out || result.too_large) ::kill(pid, SIGKILL);
  for (pollfd& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  result.exit_status = wait_status(pid);
  result.out = SecretValue(captured);
  wipe(captured);
  std::memset(buffer, 0, sizeof buffer);
  return result;
}

}  // namespace hush
