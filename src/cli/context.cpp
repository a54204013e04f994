#include "cli/context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>

#include "core/base/clock.hpp"
#include "core/log/audit.hpp"
#include "core/model/reference.hpp"
#include "core/runtime/terminal.hpp"

namespace hush::cli {

// Reading the environment into secure memory maps and locks the secure pool's first chunk; --help
// and --version must not pay for that (STYLE: startup), so it waits for first use unless a
// credential must be announced before parsing (a usage error may echo an argument).
Context::Context(char** environ_block, Console& console, RunJournal& journal)
    : m_environ_block(environ_block),
      m_console(&console),
      m_journal(&journal),
      m_notices{.info = [&console](std::string_view text) { console.info(text); },
                .warn = [&console](std::string_view text) { console.warn(text); },
                .report = [&console](const std::vector<Finding>& all) { console.report(all); }} {
  if (has_credential_variable(environ_block)) {
    m_env = std::make_shared<const Environment>(Environment::from_block(environ_block));
    scrub_credentials(environ_block);
  }
}

void Context::add_global_options(CLI::App& app) {
  GlobalOptions& o = m_options;
  app.add_option("--project", o.project,
                 "Project file (default: HUSH_PROJECT, else a trusted .hush.yaml found upwards)");
  app.add_option("--secrets", o.secrets, "Sidecar file (default: beside the config)");
  app.add_option("--env", o.environment, "Environment: production, staging, ...");
  app.add_flag("-q,--quiet", o.quiet, "Print only errors");
  app.add_flag("-v,--verbose", o.verbose, "Explain what is done");
  app.add_option("--log-file", o.log_file, "Write a structured log of the run to this file");
  app.add_option("--log-format", o.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--color", o.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--audit-log", o.audit_log, "Append audit records to this file");
  app.add_option("--syntax", o.syntax, "Reference syntax: braces, angle or both")
      ->check(CLI::IsMember({"braces", "angle", "both"}));
  app.add_option("--source", o.sources, "Source order (repeat): sidecar, env, inline, exec names");
  app.add_flag("--no-env", o.no_env, "Never read secrets from the environment");
  app.add_option("--env-prefix", o.env_prefix, "Read NAME from the variable <prefix>NAME");
  app.add_flag("--allow-expired", o.allow_expired, "Use expired secrets with a warning");
  app.add_option_function<std::string>(
         "--max-input-size",
         [&o](const std::string& size) { o.max_input_size = *parse_byte_size(size); },
         "Largest config, checked file or audit log to read: bytes, or K, M, G (default 64M)")
      ->type_name("SIZE")
      ->check(
          [](const std::string& size) {
            if (parse_byte_size(size)) return std::string();
            return "expected a size such as 65536, 512K or 64M (K, M, G: powers of 1024), got " +
                   size;
          },
          "SIZE");
}

void Context::settle() {
  if (!m_env) {
    m_env = std::make_shared<const Environment>(Environment::from_block(m_environ_block));
    scrub_credentials(m_environ_block);
  }
  const ColorMode mode = m_options.color == "always"  ? ColorMode::always
                         : m_options.color == "never" ? ColorMode::never
                                                      : ColorMode::automatic;
  m_console->set_color(mode, !env("NO_COLOR").empty());
  m_console->set_quiet(m_options.quiet);
  m_console->set_verbose(m_options.verbose);
  apply_redact_settings();
}

// Loaded here, before any command runs, so every message is masked with the project's settings. A
// project file that cannot be read leaves the defaults: the command reports the error itself when
// it needs the project (a failure here would have no command to report it).
void Context::apply_redact_settings() {
  load_project();
  if (!m_project) return;
  RedactOptions options;
  options.mask = m_project->redact_mask.value_or(options.mask);
  options.min_length = m_project->redact_min_length.value_or(options.min_length);
  m_console->set_redact_options(std::move(options));
}

std::string Context::env(const std::string& name) const { return environment().text(name); }

void Context::load_project() {
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
    for (const std::string& warning : search.warnings) m_console->warn(warning);
    m_project = search.found ? load_project_file(*search.found) : ProjectFile{};
  } catch (const Error& error) {
    m_project_error = error;
  }
}

const ProjectFile& Context::project() const {
  if (m_project_error) throw *m_project_error;
  return *m_project;
}

std::string Context::environment_name() const {
  if (!m_options.environment.empty()) return m_options.environment;
  if (!env("HUSH_ENV").empty()) return env("HUSH_ENV");
  return project().environment.value_or("");
}

Syntax Context::syntax() const {
  if (!m_options.syntax.empty()) return syntax_from(m_options.syntax);
  return syntax_from(project().syntax.value_or("both"));
}

SidecarQuery Context::sidecar_query(const std::optional<std::filesystem::path>& config) const {
  return {.explicit_path = m_options.secrets,
          .env_path = env("HUSH_SECRETS"),
          .project = &project(),
          .environment = environment_name(),
          .config = config};
}

SidecarLocation Context::sidecar_location(
    const std::optional<std::filesystem::path>& config) const {
  return locate_sidecar(sidecar_query(config));
}

KeyInputs Context::key_inputs() const { return key_inputs_from_environment(environment()); }

KeyInputs Context::key_inputs_with_prompt() const {
  KeyInputs inputs = key_inputs();
  if (!inputs.passphrase) inputs.passphrase = [] { return prompt_hidden("hush passphrase: "); };
  return inputs;
}

SidecarStore Context::open_store(const std::optional<std::filesystem::path>& config) const {
  return SidecarStore::open(
      sidecar_query(config),
      {.inputs = key_inputs(), .ask_passphrase = [] { return prompt_hidden("hush passphrase: "); }},
      m_notices, m_journal->touched());
}

SourceSettings Context::source_settings(const std::filesystem::path& config) const {
  SourceSettings settings;
  settings.order = m_options.sources.empty() ? project().source_order : m_options.sources;
  settings.use_environment = !m_options.no_env;
  settings.env_prefix =
      !m_options.env_prefix.empty() ? m_options.env_prefix : project().env_prefix.value_or("");
  settings.environment = shared_environment();  // exec sources get it with --no-env too
  settings.sidecar = sidecar_location(config);
  settings.keys = key_inputs();
  settings.exec_sources = project().exec_sources;
  settings.resolver.allow_expired = m_options.allow_expired;
  settings.resolver.now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return settings;
}

void Context::audit_note(std::vector<std::string> secrets, std::vector<std::string> files) const {
  m_journal->touched().note(secrets, files);
}

void Context::write_audit(const std::string& action, const std::string& outcome) const {
  const std::string path =
      !m_options.audit_log.empty() ? m_options.audit_log : env("HUSH_AUDIT_LOG");
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

ExitStatus exit_status_for(const Error& error) {
  switch (error.kind()) {
    case ErrorKind::invalid_input:
      return ExitStatus::findings;
    case ErrorKind::usage:
    case ErrorKind::io:
    case ErrorKind::syntax:
      return ExitStatus::usage;
    case ErrorKind::key:
    case ErrorKind::tampered:
      return ExitStatus::key;
  }
  return ExitStatus::usage;
}

std::filesystem::path working_directory() {
  std::error_code error;
  std::filesystem::path path = std::filesystem::current_path(error);
  if (error) {
    throw Error(ErrorKind::io, "cwd-unavailable",
                "cannot read the working directory: " + error.message());
  }
  return path;
}

Syntax syntax_from(const std::string& word) {
  const std::optional<Syntax> syntax = parse_syntax(word);
  if (!syntax)
    throw Error(ErrorKind::usage, "invalid-option-value", "--syntax must be braces, angle or both");
  return *syntax;
}

}  // namespace hush::cli
