#include "core/runtime/run.hpp"

#include <hush/error.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hush {
namespace {

// The one piece of process-wide state a signal handler needs.
volatile sig_atomic_t g_child = 0;

void forward_signal(int signal, siginfo_t* info, void*) {
  // Terminal-generated signals (SI_KERNEL) already went to the whole foreground process group.
  if (g_child > 0 && info != nullptr && info->si_code != SI_KERNEL) ::kill(g_child, signal);
}

class SignalForwarding {
 public:
  SignalForwarding() {
    struct sigaction action {};
    action.sa_sigaction = forward_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; ++i) ::sigaction(k_signals[i], &action, &m_saved[i]);
  }
  ~SignalForwarding() {
    for (int i = 0; i < 3; ++i) ::sigaction(k_signals[i], &m_saved[i], nullptr);
    g_child = 0;
  }
  SignalForwarding(const SignalForwarding&) = delete;
  SignalForwarding& operator=(const SignalForwarding&) = delete;

 private:
  static constexpr int k_signals[3] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction m_saved[3] {};
};

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

[[noreturn]] void exec_child(const RunRequest& request, const std::vector<InjectedSecret>& secrets,
                             int out, int err) {
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  std::map<std::string, std::string> environment = request.environment;
  for (const InjectedSecret& secret : secrets) {
    const std::string name = secret.env_name();
    if (request.override_existing || environment.count(name) == 0) {
      environment[name] = std::string(secret.value->reveal());
    }
  }
  std::vector<std::string> strings;
  for (const auto& [k, v] : environment) strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (std::string& s : strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (const std::string& a : request.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execvpe(argv[0], argv.data(), envp.data());
  const std::string message = "hush: cannot run " + request.argv[0] + ": " + std::strerror(errno) + "\n";
  write_all(STDERR_FILENO, message);
  ::_exit(errno == ENOENT ? 127 : 126);  // the child must not run the parent's destructors
}

}  // namespace

int run_redacted(const RunRequest& request, const std::vector<InjectedSecret>& secrets,
                 const Redactor& redactor, std::vector<std::string>& skipped) {
  if (request.argv.empty()) throw Error(ErrorKind::usage, "usage", "no command to run");
  for (const InjectedSecret& secret : secrets) {
    if (!request.override_existing && request.environment.count(secret.env_name()) != 0) {
      skipped.push_back(secret.env_name());
    }
  }
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::io, "exec-failed", std::string("cannot create pipes: ") + std::strerror(errno));
  }
  const SignalForwarding forwarding;
  const pid_t pid = ::fork();
  if (pid < 0) throw Error(ErrorKind::io, "exec-failed", std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(request, secrets, out_pipe[1], err_pipe[1]);
  g_child = pid;
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  RedactStream out(redactor, [](std::string_view s) { write_all(STDOUT_FILENO, s); });
  RedactStream err(redactor, [](std::string_view s) { write_all(STDERR_FILENO, s); });
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  RedactStream* streams[2] = {&out, &err};
  char buffer[65536];
  for (int open = 2; open > 0;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
        streams[i]->finish();
        continue;
      }
      streams[i]->write(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
  }
  std::memset(buffer, 0, sizeof buffer);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace hush
