// posix_spawnp rather than fork + exec: glibc runs the child on a separate stack with the parent
// suspended (CLONE_VFORK) and performs only the file actions before exec, so the child never
// allocates, never takes a lock another thread held at fork time, and never runs our destructors.
#include "core/base/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <hush/error.hpp>

#include "core/base/fdio.hpp"

namespace hush {
namespace {

constexpr std::size_t k_max_stderr = 65536;

// Owns a spawn's file actions and attributes, so every exit path destroys them.
class SpawnSetup {
 public:
  explicit SpawnSetup(const ChildStreams& streams) {
    ::posix_spawn_file_actions_init(&m_actions);
    ::posix_spawnattr_init(&m_attributes);
    if (streams.stdin_from_null) {
      ::posix_spawn_file_actions_addopen(&m_actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    if (streams.out >= 0) {
      ::posix_spawn_file_actions_adddup2(&m_actions, streams.out, STDOUT_FILENO);
    }
    if (streams.err >= 0) {
      ::posix_spawn_file_actions_adddup2(&m_actions, streams.err, STDERR_FILENO);
    }
    sigset_t defaults;
    sigemptyset(&defaults);
    // SIGXFSZ: hush ignores it (a write beyond RLIMIT_FSIZE is an error there), and an ignored
    // signal would survive exec.
    for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ}) {
      sigaddset(&defaults, signal);
    }
    ::posix_spawnattr_setsigdefault(&m_attributes, &defaults);
    ::posix_spawnattr_setflags(&m_attributes, POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&m_actions);
    ::posix_spawnattr_destroy(&m_attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  [[nodiscard]] const posix_spawn_file_actions_t* actions() const { return &m_actions; }
  [[nodiscard]] const posix_spawnattr_t* attributes() const { return &m_attributes; }

 private:
  posix_spawn_file_actions_t m_actions{};
  posix_spawnattr_t m_attributes{};
};

struct Pipe {
  int read = -1;
  int write = -1;
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Two close-on-exec pipes (the child gets its ends through dup2 only), or Error(io).
std::pair<Pipe, Pipe> make_pipes() {
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::io, "pipe-failed",
                std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(out[0]);
    ::close(out[1]);
    throw Error(ErrorKind::io, "pipe-failed",
                std::string("cannot create a pipe: ") + std::strerror(error));
  }
  return {Pipe{out[0], out[1]}, Pipe{err[0], err[1]}};
}

// The child's stdout and stderr, read until both close, the deadline passes or stdout outgrows
// `max_output`.
class Collector {
 public:
  Collector(Pipe out, Pipe err, std::size_t max_output)
      : m_fds{{out.read, POLLIN, 0}, {err.read, POLLIN, 0}}, m_max_output(max_output) {}
  ~Collector() {
    for (pollfd& p : m_fds) close_fd(p.fd);
    sodium_memzero(m_buffer, sizeof m_buffer);
  }
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // Reads until both streams are closed (true) or the deadline passed / output is too large.
  bool collect(std::chrono::steady_clock::time_point deadline, CaptureResult& result);
  [[nodiscard]] SecretValue take_out() const { return m_out.to_value(); }

 private:
  void read_one(pollfd& p, CaptureResult& result);
  pollfd m_fds[2];
  std::size_t m_max_output;
  SecretBuffer m_out;
  char m_buffer[8192] = {};
};

std::chrono::milliseconds time_left(std::chrono::steady_clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now()));
}

bool Collector::collect(std::chrono::steady_clock::time_point deadline, CaptureResult& result) {
  while (m_fds[0].fd >= 0 || m_fds[1].fd >= 0) {
    const std::chrono::milliseconds left = time_left(deadline);
    if (left.count() == 0) {
      result.timed_out = true;
      return false;
    }
    if (::poll(m_fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    for (pollfd& p : m_fds) read_one(p, result);
    if (m_out.size() > m_max_output) {
      result.too_large = true;
      return false;
    }
  }
  return true;
}

void Collector::read_one(pollfd& p, CaptureResult& result) {
  if (p.fd < 0 || (p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) return;
  const ssize_t n = read_some(p.fd, m_buffer);
  if (n <= 0) {
    close_fd(p.fd);
    return;
  }
  const std::string_view bytes(m_buffer, static_cast<std::size_t>(n));
  if (&p == &m_fds[0]) {
    m_out.append(bytes);
  } else if (result.err.size() < k_max_stderr) {
    result.err.append(bytes);
  }
}

// Waits for `pid` until `deadline`; kills it when the deadline passes first (a child that closed
// its streams early must not outlive its timeout). Polls with a growing pause, capped at 50 ms.
int wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline, CaptureResult& result) {
  int pause_ms = 1;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    if (done < 0 && errno != EINTR) return -1;
    const std::chrono::milliseconds left = time_left(deadline);
    if (left.count() == 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      return wait_for_exit(pid);
    }
    ::poll(nullptr, 0, static_cast<int>(std::min<long long>(pause_ms, left.count())));
    pause_ms = std::min(pause_ms * 2, 50);
  }
}

}  // namespace

Spawned spawn_process(const std::vector<std::string>& argv, EnvironmentBlock& environment,
                      const ChildStreams& streams) {
  if (argv.empty()) throw Error(ErrorKind::usage, "empty-command", "empty command");
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  // posix_spawnp takes char* const[] for C compatibility; it never writes through them.
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  char* const* envp = environment.envp();
  const SpawnSetup setup(streams);
  Spawned spawned;
  spawned.error =
      ::posix_spawnp(&spawned.pid, args[0], setup.actions(), setup.attributes(), args.data(), envp);
  if (spawned.error != 0) spawned.pid = -1;
  return spawned;
}

int wait_for_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int start_failure_status(int error) { return error == ENOENT ? 127 : 126; }

std::string start_failure_message(const std::string& program, int error) {
  return "hush: cannot run " + program + ": " + std::strerror(error) + "\n";
}

CaptureResult run_capture(const std::vector<std::string>& argv, const Environment& environment,
                          std::chrono::milliseconds timeout, std::size_t max_output) {
  if (argv.empty()) throw Error(ErrorKind::usage, "empty-command", "empty command");
  EnvironmentBlock block = environment.block();
  auto [out, err] = make_pipes();
  Collector collector(out, err, max_output);  // owns the read ends from here on
  const Spawned child =
      spawn_process(argv, block, {.stdin_from_null = true, .out = out.write, .err = err.write});
  close_fd(out.write);
  close_fd(err.write);
  CaptureResult result;
  if (child.pid < 0) {
    result.exit_status = start_failure_status(child.error);
    result.err = start_failure_message(argv[0], child.error);
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!collector.collect(deadline, result)) ::kill(child.pid, SIGKILL);
  result.exit_status = wait_until(child.pid, deadline, result);
  result.out = collector.take_out();
  return result;
}

}  // namespace hush
