// What every command shares: the global options, and once settle() ran after parsing, the run's
// hush::Invocation (environment, project, sidecar, keys, sources, audit) and its Console.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/log/console.hpp"
#include "core/workflow/invocation.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

// The global options that shape output; InvocationOptions has the rest.
struct GlobalOptions {
  InvocationOptions invocation;
  bool quiet = false;
  bool verbose = false;
  std::string log_file;
  std::string log_format = "text";
  std::string color = "auto";
};

class Context {
 public:
  // Keeps `environ_block` (hush never calls setenv) to read it into the Environment in settle();
  // when it sets a credential variable, reads it at once, so the credential values are announced
  // (masked) before any option is parsed, and scrubs them from the block.
  Context(char** environ_block, Console& console, RunJournal& journal);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // Registers the global options on `app` (accepted before or after the command name).
  void add_global_options(CLI::App& app);
  // Once parsing is done: reads the environment (unless already read), starts the Invocation
  // (which loads the project file) and applies the options that affect output (color, quiet, the
  // project's redact settings).
  void settle();

  [[nodiscard]] Console& console() const { return *m_console; }
  [[nodiscard]] const GlobalOptions& options() const { return m_options; }
  // The run as the library sees it; only after settle().
  [[nodiscard]] const Invocation& session() const { return *m_session; }

  // The command `hush run` executes (what follows run's options; see main.cpp).
  void set_trailing_command(std::vector<std::string> command) { m_trailing = std::move(command); }
  [[nodiscard]] const std::vector<std::string>& trailing_command() const { return m_trailing; }
  // Appends the run's log (events, diagnostics, counts, timing) to --log-file when set.
  void write_log(const std::string& command, int exit_status, long long duration_ms) const;

 private:
  GlobalOptions m_options;
  std::vector<std::string> m_trailing;
  char** m_environ_block;
  std::shared_ptr<const Environment> m_env;  // read by settle(), or at once for credentials
  Console* m_console;
  RunJournal* m_journal;
  std::optional<Invocation> m_session;
};

// Maps a library error to DESIGN §5's exit statuses.
[[nodiscard]] ExitStatus exit_status_for(const Error& error);

}  // namespace hush::cli
