#include "core/log/console.hpp"

#include <unistd.h>

#include <hush/source.hpp>
#include <limits>

#include "core/base/fdio.hpp"

namespace hush {

void Console::set_color(ColorMode mode, bool no_color_env) {
  const auto decide = [&](int fd) {
    if (mode == ColorMode::always) return true;
    if (mode == ColorMode::never || no_color_env) return false;
    return ::isatty(fd) == 1;
  };
  m_color_out = decide(STDOUT_FILENO);
  m_color_err = decide(STDERR_FILENO);
}

void Console::remember(const std::vector<NamedSecret>& secrets) {
  for (const NamedSecret& secret : secrets) announce_revealed(secret.name, secret.value);
}

void Console::set_redact_options(RedactOptions options) {
  m_options = std::move(options);
  m_synced = std::numeric_limits<std::size_t>::max();  // rebuild with the new options
}

const Redactor& Console::redactor() {
  const std::size_t count = revealed_count();
  if (m_redactor && count == m_synced) return *m_redactor;
  // Rebuilt only when values arrived since the last message: one build per burst of reveals.
  std::vector<NamedSecret> secrets;
  visit_revealed(0, [&](const std::string& name, const SecretValue& value) {
    secrets.push_back({name, value.clone()});
  });
  m_redactor = std::make_unique<Redactor>(secrets, m_options);
  m_synced = count;
  return *m_redactor;
}

std::string Console::redact(std::string_view text) { return redactor().redact(text); }

// A failure (a closed pipe) is ignored: nothing more can be said on that stream.
void Console::write_raw(int fd, std::string_view text) { (void)write_all(fd, text); }

// The masked copy is not wiped: it holds exactly the bytes the stream receives.
void Console::write(int fd, std::string_view text) { write_raw(fd, redact(text)); }

void Console::deliver(std::string_view product) { write_raw(STDOUT_FILENO, product); }

std::string Console::paint(std::string_view text, const char* code, bool stream_is_err) const {
  if (!(stream_is_err ? m_color_err : m_color_out)) return std::string(text);
  return std::string("\033[") + code + "m" + std::string(text) + "\033[0m";
}

void Console::out(std::string_view text) { write(STDOUT_FILENO, text); }
void Console::err(std::string_view text) { write(STDERR_FILENO, text); }

void Console::info(std::string_view text) {
  m_journal.emplace_back(text);
  if (!m_quiet) err(std::string(text) + "\n");
}

void Console::debug(std::string_view text) {
  if (m_verbose) err(std::string(text) + "\n");
}

void Console::warn(std::string_view text) {
  m_journal.push_back("warning: " + std::string(text));
  ++m_warnings;
  err(paint("hush: warning: ", "1;35", true) + std::string(text) + "\n");
}

void Console::note(std::string_view text) {
  m_journal.push_back("note: " + std::string(text));
  err(paint("hush: note: ", "1;36", true) + std::string(text) + "\n");
}

void Console::error(const Error& error) {
  std::string line;
  if (error.where() && !error.where()->path.empty()) line = to_string(*error.where()) + ": ";
  line += paint("error: ", "1;31", true) + error.message() + " [" + error.id() + "]\n";
  m_journal.push_back(error.what());
  ++m_errors;
  if (!error.detail().empty()) line += error.detail() + "\n";
  err(line);
}

std::optional<Severity> Console::report(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    std::string line;
    if (!f.where.path.empty()) line = to_string(f.where) + ": ";
    line += f.severity == Severity::error ? paint("error: ", "1;31", true)
                                          : paint("warning: ", "1;35", true);
    line += f.message + " [" + f.rule + "]\n";
    m_journal.push_back(to_string(f));
    ++(f.severity == Severity::error ? m_errors : m_warnings);
    if (!f.snippet.empty()) line += f.snippet + "\n";
    err(line);
  }
  return worst(findings);
}

}  // namespace hush
