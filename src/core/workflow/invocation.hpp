// One run of the hush binary as the library sees it: the settings every command shares (the
// global options that are not about output), the process environment, the project file, and the
// run journal that collects what the command touched. Every command asks it where the sidecar is,
// which keys to use, which sources to render from, and has it append the audit record, so those
// rules live in one place and not in each command.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/environment.hpp"
#include "core/base/fsutil.hpp"
#include "core/model/project.hpp"
#include "core/model/reference.hpp"
#include "core/resolve/resolver_setup.hpp"
#include "core/workflow/notices.hpp"
#include "core/workflow/run_journal.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace hush {

// The global options that shape what a command reads and where (not how it prints).
struct InvocationOptions {
  std::string project{};               // --project
  std::string secrets{};               // --secrets
  std::string environment{};           // --env
  std::string audit_log{};             // --audit-log
  std::string syntax{};                // empty: the project's, else both
  std::vector<std::string> sources{};  // --source, repeated
  bool no_env = false;
  std::string env_prefix{};
  bool allow_expired = false;
  std::uint64_t max_input_size = k_default_max_input_size;  // --max-input-size
};

// Immutable once constructed, except for the journal it writes to. Not thread-safe.
class Invocation {
 public:
  // Loads the project file: --project, else HUSH_PROJECT (both trusted, and must exist), else a
  // trusted .hush.yaml found upwards from the working directory (find_project_file; each ignored
  // one is a warning on `notices`). An error loading it is kept for project() to throw, so a
  // command that does not need the project still runs. `notices` and `journal` must outlive it.
  Invocation(InvocationOptions options, std::shared_ptr<const Environment> environment,
             Notices notices, RunJournal& journal);
  Invocation(const Invocation&) = delete;
  Invocation& operator=(const Invocation&) = delete;

  [[nodiscard]] const InvocationOptions& options() const { return m_options; }
  [[nodiscard]] const Environment& environment() const { return *m_environment; }
  [[nodiscard]] std::shared_ptr<const Environment> shared_environment() const {
    return m_environment;
  }
  // The value of an ordinary (non-credential) environment variable, or "" when unset.
  [[nodiscard]] std::string env(const std::string& name) const;
  // The project file; throws the error loading it met.
  [[nodiscard]] const ProjectFile& project() const;
  // The project file when it loaded, else nullptr (for settings that fall back to defaults).
  [[nodiscard]] const ProjectFile* loaded_project() const;
  // --env, else HUSH_ENV, else the project's environment, else "".
  [[nodiscard]] std::string environment_name() const;
  // The reference syntax: --syntax, else the project's, else both. Error(usage,
  // "invalid-option-value") for an unknown word.
  [[nodiscard]] Syntax syntax() const;
  // What locates the sidecar for `config`: --secrets, HUSH_SECRETS, the project, the environment.
  [[nodiscard]] SidecarQuery sidecar_query(
      const std::optional<std::filesystem::path>& config = std::nullopt) const;
  [[nodiscard]] SidecarLocation sidecar_location(
      const std::optional<std::filesystem::path>& config = std::nullopt) const;
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
  // The sidecar located for `config`, opened with the key inputs and the terminal's passphrase
  // prompt; its notices go to `notices()`, its path to the journal.
  [[nodiscard]] SidecarStore open_store(
      const std::optional<std::filesystem::path>& config = std::nullopt) const;
  [[nodiscard]] const Notices& notices() const { return m_notices; }
  [[nodiscard]] RunJournal& journal() const { return *m_journal; }
  [[nodiscard]] Touched& touched() const { return m_journal->touched(); }
  // Notes what the running command touches, for its audit record (names and paths only).
  void audit_note(const std::vector<std::string>& secrets,
                  const std::vector<std::string>& files = {}) const {
    m_journal->touched().note(secrets, files);
  }
  // The audit log: --audit-log, else HUSH_AUDIT_LOG, else "" (none).
  [[nodiscard]] std::string audit_log_path() const;
  // Appends the running command's audit record (user, host, the secrets and files touched) when
  // an audit log is set and `action` is not empty.
  void write_audit(const std::string& action, const std::string& outcome) const;

 private:
  void load_project();

  InvocationOptions m_options;
  std::shared_ptr<const Environment> m_environment;
  Notices m_notices;
  RunJournal* m_journal;
  std::optional<ProjectFile> m_project;
  std::optional<Error> m_project_error;
};

// Parses a --syntax word; throws Error(usage, "invalid-option-value") for an unknown one.
[[nodiscard]] Syntax syntax_from(const std::string& word);

}  // namespace hush
