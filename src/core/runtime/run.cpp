#include "core/runtime/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <hush/error.hpp>

#include "core/base/env_names.hpp"
#include "core/base/fdio.hpp"
#include "core/base/process.hpp"

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
  struct sigaction m_saved[3]{};
};

// A child's output goes on even when hush's own stdout or stderr is gone (a closed pipe): the
// child's exit status is what the caller waits for.
void forward(int fd, std::string_view text) { (void)write_all(fd, text); }

EnvironmentBlock child_environment(const RunRequest& request,
                                   const std::vector<InjectedSecret>& secrets,
                                   std::vector<std::string>& skipped) {
  EnvironmentBlock block =
      request.environment != nullptr ? request.environment->block() : EnvironmentBlock();
  const Existing existing = request.override_existing ? Existing::replace : Existing::keep;
  for (const InjectedSecret& secret : secrets) {
    const std::string name = secret.env_name();
    if (!block.set(name, secret.value->reveal(), existing)) skipped.push_back(name);
  }
  return block;
}

// Copies the child's stdout and stderr through the redactor until both close.
void pump(int out_fd, int err_fd, const Redactor& redactor) {
  RedactStream out(redactor, [](std::string_view s) { forward(STDOUT_FILENO, s); });
  RedactStream err(redactor, [](std::string_view s) { forward(STDERR_FILENO, s); });
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  RedactStream* streams[2] = {&out, &err};
  char buffer[65536];
  for (int open = 2; open > 0;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = read_some(fds[i].fd, buffer);
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
  for (pollfd& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  sodium_memzero(buffer, sizeof buffer);
}

}  // namespace

void refuse_dangerous_injections(const std::vector<InjectedSecret>& secrets,
                                 const std::vector<std::string>& allowed) {
  for (const InjectedSecret& secret : secrets) {
    const std::string what =
        "secret " + secret.secret + (secret.field.empty() ? "" : " (field " + secret.field + ")");
    refuse_dangerous_env_name(secret.env_name(), what, allowed);
  }
}

int run_redacted(const RunRequest& request, const std::vector<InjectedSecret>& secrets,
                 const Redactor& redactor, std::vector<std::string>& skipped) {
  if (request.argv.empty()) throw Error(ErrorKind::usage, "no-command", "no command to run");
  refuse_dangerous_injections(secrets, request.allow_env);
  EnvironmentBlock environment = child_environment(request, secrets, skipped);
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::io, "pipe-failed",
                std::string("cannot create pipes: ") + std::strerror(errno));
  }
  const SignalForwarding forwarding;
  const Spawned child =
      spawn_process(request.argv, environment, {.out = out_pipe[1], .err = err_pipe[1]});
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (child.pid < 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    RedactStream err(redactor, [](std::string_view s) { forward(STDERR_FILENO, s); });
    err.write(start_failure_message(request.argv[0], child.error));
    err.finish();
    return start_failure_status(child.error);
  }
  g_child = child.pid;
  pump(out_pipe[0], err_pipe[0], redactor);
  return wait_for_exit(child.pid);
}

}  // namespace hush
