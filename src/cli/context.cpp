#include "cli/context.hpp"

#include <CLI/CLI.hpp>

namespace hush::cli {

// Reading the environment into secure memory maps and locks the secure pool's first chunk; --help
// and --version must not pay for that (STYLE: startup), so it waits for settle() unless a
// credential must be announced before parsing (a usage error may echo an argument).
Context::Context(char** environ_block, Console& console, RunJournal& journal)
    : m_environ_block(environ_block), m_console(&console), m_journal(&journal) {
  if (has_credential_variable(environ_block)) {
    m_env = std::make_shared<const Environment>(Environment::from_block(environ_block));
    scrub_credentials(environ_block);
  }
}

void Context::add_global_options(CLI::App& app) {
  GlobalOptions& o = m_options;
  InvocationOptions& i = m_options.invocation;
  app.add_option("--project", i.project,
                 "Project file (default: HUSH_PROJECT, else a trusted .hush.yaml found upwards)");
  app.add_option("--secrets", i.secrets, "Sidecar file (default: beside the config)");
  app.add_option("--env", i.environment, "Environment: production, staging, ...");
  app.add_flag("-q,--quiet", o.quiet, "Print only errors");
  app.add_flag("-v,--verbose", o.verbose, "Explain what is done");
  app.add_option("--log-file", o.log_file, "Write a structured log of the run to this file");
  app.add_option("--log-format", o.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--color", o.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--audit-log", i.audit_log, "Append audit records to this file");
  app.add_option("--syntax", i.syntax, "Reference syntax: braces, angle or both")
      ->check(CLI::IsMember({"braces", "angle", "both"}));
  app.add_option("--source", i.sources, "Source order (repeat): sidecar, env, inline, exec names");
  app.add_flag("--no-env", i.no_env, "Never read secrets from the environment");
  app.add_option("--env-prefix", i.env_prefix, "Read NAME from the variable <prefix>NAME");
  app.add_flag("--allow-expired", i.allow_expired, "Use expired secrets with a warning");
  app.add_option_function<std::string>(
         "--max-input-size",
         [&i](const std::string& size) { i.max_input_size = *parse_byte_size(size); },
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

// The project file is loaded here, before any command runs, so every message is masked with its
// redact settings. One that cannot be read leaves the defaults: the command reports the error
// itself when it needs the project (a failure here would have no command to report it).
void Context::settle() {
  if (!m_env) {
    m_env = std::make_shared<const Environment>(Environment::from_block(m_environ_block));
    scrub_credentials(m_environ_block);
  }
  const ColorMode mode = m_options.color == "always"  ? ColorMode::always
                         : m_options.color == "never" ? ColorMode::never
                                                      : ColorMode::automatic;
  m_console->set_color(mode, !m_env->text("NO_COLOR").empty());
  m_console->set_quiet(m_options.quiet);
  m_console->set_verbose(m_options.verbose);
  Console& console = *m_console;
  m_session.emplace(
      m_options.invocation, m_env,
      Notices{.info = [&console](std::string_view text) { console.info(text); },
              .warn = [&console](std::string_view text) { console.warn(text); },
              .note = [&console](std::string_view text) { console.note(text); },
              .report = [&console](const std::vector<Finding>& all) { console.report(all); }},
      *m_journal);
  if (const ProjectFile* project = m_session->loaded_project()) {
    RedactOptions options;
    options.mask = project->redact_mask.value_or(options.mask);
    options.min_length = project->redact_min_length.value_or(options.min_length);
    m_console->set_redact_options(std::move(options));
  }
}

void Context::write_log(const std::string& command, int exit_status, long long duration_ms) const {
  m_journal->write_log(m_options.log_file, m_options.log_format, command, exit_status, duration_ms,
                       *m_console);
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

}  // namespace hush::cli
