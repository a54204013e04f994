#include "core/resolve/exec_source.hpp"

#include <hush/error.hpp>

#include "core/base/process.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

std::string first_lines(std::string text, std::size_t lines) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < lines && at != std::string::npos; ++i) {
    at = text.find('\n', at == 0 ? 0 : at + 1);
  }
  if (at != std::string::npos) text.resize(at);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

ExecSource::ExecSource(ExecSourceSpec spec, std::shared_ptr<const Environment> environment)
    : m_spec(std::move(spec)), m_environment(std::move(environment)) {}

std::optional<SecretInfo> ExecSource::lookup(std::string_view key) {
  if (m_cache.find(key) != m_cache.end()) return SecretInfo{std::string(key)};
  const std::string what = "exec source " + m_spec.name + " for key " + std::string(key);
  if (key.empty() || key.front() == '-') {
    throw Error(ErrorKind::invalid_input, "exec-invalid-key",
                what + ": a key may not start with '-'");
  }
  std::vector<std::string> argv = m_spec.argv;
  for (std::string& arg : argv) {
    for (std::size_t at = arg.find("{key}"); at != std::string::npos;
         at = arg.find("{key}", at + key.size())) {
      arg.replace(at, 5, key);
    }
  }
  const Environment empty;
  CaptureResult result = run_capture(argv, m_environment ? *m_environment : empty, m_spec.timeout);
  if (result.timed_out) {
    throw Error(ErrorKind::invalid_input, "exec-timeout",
                what + ": " + argv[0] + " did not finish within " +
                    std::to_string(m_spec.timeout.count()) + " ms",
                m_spec.where);
  }
  if (result.too_large || result.exit_status != 0) {
    const std::string reason = result.too_large
                                   ? "printed more than 1 MiB"
                                   : "exited with status " + std::to_string(result.exit_status);
    const std::string err = first_lines(result.err, 3);
    throw Error(ErrorKind::invalid_input, "exec-failed",
                what + ": " + argv[0] + " " + reason + (err.empty() ? "" : ": " + err),
                m_spec.where);
  }
  std::string_view value = result.out.reveal();
  if (m_spec.trim && value.ends_with('\n')) value.remove_suffix(1);
  if (m_spec.trim && value.ends_with('\r')) value.remove_suffix(1);
  if (value.empty()) {
    throw Error(ErrorKind::invalid_input, "exec-empty", what + ": " + argv[0] + " printed nothing",
                m_spec.where);
  }
  m_cache.emplace(std::string(key), SecretValue(value));
  return SecretInfo{std::string(key)};
}

SecretValue ExecSource::fetch_value(std::string_view key, std::string_view field) {
  if (!field.empty()) {
    throw Error(ErrorKind::invalid_input, "unknown-field",
                "exec source " + m_spec.name + " values have no fields");
  }
  const auto found = m_cache.find(key);
  if (found == m_cache.end()) (void)lookup(key);
  return m_cache.find(key)->second.clone();
}

}  // namespace hush
