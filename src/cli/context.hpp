// What every command shares: the global options, the process environment (read once into one
// hush::Environment: credential variables apart and announced) and the project file, immutable
// once settle() ran after parsing; plus the run's Console and RunJournal, which it only points to
// (main owns them), so a const Context still writes through them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/base/environment.hpp"
#include "core/base/fsutil.hpp"
#include "core/log/console.hpp"
#include "core/resolve/resolver_setup.hpp"
#include "core/workflow/notices.hpp"
#include "core/workflow/run_journal.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace CLI {
class App;
}

namespace hush::cli {

struct GlobalOptions {
  std::string project;      // --project
  std::string secrets;      // --secrets
  std::string environment;  // --env
  bool quiet = false;
  bool verbose = false;
  std::string log_file;
  std::string log_format = "text";
  std::string color = "auto";
  std::string audit_log;
  std::string syntax;                // empty: the project's, else both
  std::vector<std::string> sources;  // --source, repeated
  bool no_env = false;
  std::string env_prefix;
  bool allow_expired = false;
  std::uint64_t max_input_size = k_default_max_input_size;  // --max-input-size
};

class Context {
 public:
  // Keeps `environ_block` (hush never calls setenv) to read it into the Environment on first
  // use; when it sets a credential variable, reads it at once, so the credential values are
  // announced (masked) before any option is parsed, and scrubs them from the block.
  Context(char** environ_block, Console& console, RunJournal& journal);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // Registers the global options on `app` (accepted before or after the command name).
  void add_global_options(CLI::App& app);
  // Once parsing is done: reads the environment (unless already read) and the project file (an
  // error is kept for project() to throw), and applies the options that affect output (color,
  // quiet, the project's redact settings).
  void settle();

  [[nodiscard]] GlobalOptions& options() { return m_options; }
  [[nodiscard]] const GlobalOptions& options() const { return m_options; }
  [[nodiscard]] Console& console() const { return *m_console; }
  [[nodiscard]] RunJournal& journal() const { return *m_journal; }
  [[nodiscard]] const Environment& environment() const { return *m_env; }
  [[nodiscard]] std::shared_ptr<const Environment> shared_environment() const { return m_env; }
  // The value of an ordinary (non-credential) environment variable, or "" when unset.
  [[nodiscard]] std::string env(const std::string& name) const;
  // The project file (--project, else HUSH_PROJECT, else a trusted .hush.yaml found upwards from
  // the working directory, each ignored one warned about); loaded by settle(). Throws the error
  // loading it met (Error(io) when --project or HUSH_PROJECT names a missing file).
  [[nodiscard]] const ProjectFile& project() const;
  // --env, else HUSH_ENV, else the project's environment, else "".
  [[nodiscard]] std::string environment_name() const;
  // The reference syntax: --syntax, else the project's, else both.
  [[nodiscard]] Syntax syntax() const;
  // What locates the sidecar for `config`: --secrets, HUSH_SECRETS, the project, the environment.
  [[nodiscard]] SidecarQuery sidecar_query(
      const std::optional<std::filesystem::path>& config = std::nullopt) const;
  // Where the sidecar is for `config` (or, without one, as named by options or project).
  [[nodiscard]] SidecarLocation sidecar_location(
      const std::optional<std::filesystem::path>& config) const;
  // Source settings for rendering `config`: options, project file and environment combined.
  [[nodiscard]] SourceSettings source_settings(const std::filesystem::path& config) const;
  // The limit for configs, checked files and audit logs (--max-input-size, default 64 MiB).
  [[nodiscard]] InputLimit input_limit() const {
    return config_input_limit(m_options.max_input_size);
  }
  // Where private keys come from (HUSH_KEY, HUSH_KEY_FILE, the keys directory, passphrase).
  [[nodiscard]] KeyInputs key_inputs() const;
  // key_inputs() plus a no-echo passphrase prompt on the terminal.
  [[nodiscard]] KeyInputs key_inputs_with_prompt() const;
  // The sidecar located for `config` (see sidecar_query), opened with the key inputs and the
  // terminal's passphrase prompt; its notices go to the console, its path to the audit record.
  [[nodiscard]] SidecarStore open_store(
      const std::optional<std::filesystem::path>& config = std::nullopt) const;
  // What workflows say goes to the console.
  [[nodiscard]] const Notices& notices() const { return m_notices; }
  // What the running command touched, for its audit record.
  [[nodiscard]] Touched& touched() const { return m_journal->touched(); }

  // The command `hush run` executes (what follows run's options; see main.cpp).
  void set_trailing_command(std::vector<std::string> command) { m_trailing = std::move(command); }
  [[nodiscard]] const std::vector<std::string>& trailing_command() const { return m_trailing; }

  // Notes what the running command touches, for its audit record (names and paths only).
  void audit_note(std::vector<std::string> secrets, std::vector<std::string> files) const;
  // A structured event for --log-file (names and locations only, never values).
  void log_event(std::string event, std::vector<std::pair<std::string, std::string>> fields) const {
    m_journal->log_event(std::move(event), std::move(fields));
  }
  // Appends the run's log (events, diagnostics, counts, timing) to --log-file when set.
  void write_log(const std::string& command, int exit_status, long long duration_ms) const {
    m_journal->write_log(m_options.log_file, m_options.log_format, command, exit_status,
                         duration_ms, *m_console);
  }

  // Appends the running command's audit record when --audit-log or HUSH_AUDIT_LOG is set.
  void write_audit(const std::string& action, const std::string& outcome) const;

 private:
  void load_project();
  void apply_redact_settings();

  GlobalOptions m_options;
  std::vector<std::string> m_trailing;
  char** m_environ_block;
  std::shared_ptr<const Environment> m_env;  // read by settle(), or at once for credentials
  Console* m_console;
  RunJournal* m_journal;
  std::optional<ProjectFile> m_project;
  std::optional<Error> m_project_error;
  Notices m_notices;
};

// Maps a library error to DESIGN §5's exit statuses.
[[nodiscard]] ExitStatus exit_status_for(const Error& error);
// The process's working directory; throws Error(io, "cwd-unavailable") with the OS reason when
// it cannot be read (it was deleted, or a parent is not searchable).
[[nodiscard]] std::filesystem::path working_directory();
// Parses --syntax; throws Error(usage) for an unknown word.
[[nodiscard]] Syntax syntax_from(const std::string& word);

}  // namespace hush::cli
