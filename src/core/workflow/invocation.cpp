#include "core/workflow/invocation.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "core/base/clock.hpp"
#include "core/log/audit.hpp"
#include "core/runtime/terminal.hpp"

namespace hush {

Invocation::Invocation(InvocationOptions options, std::shared_ptr<const Environment> environment,
                       Notices notices, RunJournal& journal)
    : m_options(std::move(options)),
      m_environment(std::move(environment)),
      m_notices(std::move(notices)),
      m_journal(&journal) {
  load_project();
}

std::string Invocation::env(const std::string& name) const { return m_environment->text(name); }

void Invocation::load_project() {
  try {
    const std::string named = !m_options.project.empty() ? m_options.project : env("HUSH_PROJECT");
    if (!named.empty()) {
      m_project = load_project_file(named);  // named explicitly: trusted, and must exist
      return;
    }
    std::error_code ignored;
    const std::filesystem::path home =
        env("HOME").empty() ? std::filesystem::path()
                            : std::filesystem::weakly_canonical(env("HOME"), ignored);
    const ProjectSearch search = find_project_file(working_directory(), home);
    for (const std::string& warning : search.warnings) m_notices.caution(warning);
    m_project = search.found ? load_project_file(*search.found) : ProjectFile{};
  } catch (const Error& error) {
    m_project_error = error;
  }
}

const ProjectFile& Invocation::project() const {
  if (m_project_error) throw *m_project_error;
  return *m_project;
}

const ProjectFile* Invocation::loaded_project() const { return m_project ? &*m_project : nullptr; }

std::string Invocation::environment_name() const {
  if (!m_options.environment.empty()) return m_options.environment;
  if (!env("HUSH_ENV").empty()) return env("HUSH_ENV");
  return project().environment.value_or("");
}

Syntax Invocation::syntax() const {
  if (!m_options.syntax.empty()) return syntax_from(m_options.syntax);
  return syntax_from(project().syntax.value_or("both"));
}

SidecarQuery Invocation::sidecar_query(const std::optional<std::filesystem::path>& config) const {
  return {.explicit_path = m_options.secrets,
          .env_path = env("HUSH_SECRETS"),
          .project = &project(),
          .environment = environment_name(),
          .config = config};
}

SidecarLocation Invocation::sidecar_location(
    const std::optional<std::filesystem::path>& config) const {
  return locate_sidecar(sidecar_query(config));
}

KeyInputs Invocation::key_inputs() const { return key_inputs_from_environment(environment()); }

KeyInputs Invocation::key_inputs_with_prompt() const {
  KeyInputs inputs = key_inputs();
  if (!inputs.passphrase) inputs.passphrase = [] { return prompt_hidden("hush passphrase: "); };
  return inputs;
}

SidecarStore Invocation::open_store(const std::optional<std::filesystem::path>& config) const {
  return SidecarStore::open(
      sidecar_query(config),
      {.inputs = key_inputs(), .ask_passphrase = [] { return prompt_hidden("hush passphrase: "); }},
      m_notices, m_journal->touched());
}

SourceSettings Invocation::source_settings(const std::filesystem::path& config) const {
  SourceSettings settings;
  settings.order = m_options.sources.empty() ? project().source_order : m_options.sources;
  settings.use_environment = !m_options.no_env;
  settings.env_prefix =
      !m_options.env_prefix.empty() ? m_options.env_prefix : project().env_prefix.value_or("");
  settings.environment = m_environment;  // exec sources get it with --no-env too
  settings.sidecar = sidecar_location(config);
  settings.keys = key_inputs();
  settings.exec_sources = project().exec_sources;
  settings.resolver.allow_expired = m_options.allow_expired;
  settings.resolver.now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return settings;
}

std::string Invocation::audit_log_path() const {
  return !m_options.audit_log.empty() ? m_options.audit_log : env("HUSH_AUDIT_LOG");
}

void Invocation::write_audit(const std::string& action, const std::string& outcome) const {
  const std::string path = audit_log_path();
  if (path.empty() || action.empty()) return;
  AuditRecord record;
  record.time = system_clock()();
  const passwd* entry = ::getpwuid(::getuid());
  record.user = !env("USER").empty() ? env("USER") : entry != nullptr ? entry->pw_name : "";
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  record.host = host;
  record.action = action;
  record.secrets = m_journal->touched().secrets;
  std::sort(record.secrets.begin(), record.secrets.end());
  record.secrets.erase(std::unique(record.secrets.begin(), record.secrets.end()),
                       record.secrets.end());
  record.files = m_journal->touched().files;
  record.outcome = outcome;
  append_audit_record(path, record);
}

Syntax syntax_from(const std::string& word) {
  const std::optional<Syntax> syntax = parse_syntax(word);
  if (!syntax)
    throw Error(ErrorKind::usage, "invalid-option-value", "--syntax must be braces, angle or both");
  return *syntax;
}

}  // namespace hush
