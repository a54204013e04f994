// The only writer to stdout and stderr. Everything passes the redactor, loaded with every secret
// value this process has seen; findings and errors are printed compiler-style with snippets.
#pragma once
#include <hush/error.hpp>
#include <hush/redact.hpp>
#include <hush/secret.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

enum class ColorMode { automatic, always, never };

// Writing methods are non-const: they keep the journal, the counts and the redactor's cache.
// Not copied (one per process); not thread-safe.
class Console {
 public:
  Console() = default;
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;
  void set_color(ColorMode mode, bool no_color_env);
  void set_quiet(bool quiet) { m_quiet = quiet; }
  void set_verbose(bool verbose) { m_verbose = verbose; }
  void set_redact_options(RedactOptions options);
  [[nodiscard]] const RedactOptions& redact_options() const { return m_options; }

  // Announces values to the reveal registry (hush/source.hpp), so they are masked from now on.
  void remember(const std::vector<NamedSecret>& secrets);
  // `text` with every remembered value (and its encodings) masked.
  [[nodiscard]] std::string redact(std::string_view text);
  // The redactor over every value in the reveal registry (rebuilt when new values arrived).
  [[nodiscard]] const Redactor& redactor();

  void out(std::string_view text);  // stdout, redacted
  // Writes the product the user asked for (a rendered config, a revealed value) to stdout
  // WITHOUT redaction. Only commands whose purpose is to output secrets call this; products that
  // carry secret values are SecretBuffers, written straight from secure memory.
  void deliver(const SecretBuffer& product) { deliver(product.reveal()); }
  void deliver(std::string_view product);
  void err(std::string_view text);    // stderr, redacted
  void info(std::string_view text);   // stderr unless --quiet
  void debug(std::string_view text);  // stderr with --verbose
  void warn(std::string_view text);   // "hush: warning: ..." on stderr
  // "hush: note: ..." on stderr, also with --quiet: a decision the user did not ask for by name
  // (such as not trusting the project file), said once, that is not a problem.
  void note(std::string_view text);
  void error(const Error& error);
  // Prints each finding with its snippet; returns the worst severity.
  std::optional<Severity> report(const std::vector<Finding>& findings);

  // Every diagnostic printed so far (without colour), for --log-file; and the counts of error
  // and warning diagnostics.
  [[nodiscard]] const std::vector<std::string>& journal() const { return m_journal; }
  [[nodiscard]] std::size_t errors() const { return m_errors; }
  [[nodiscard]] std::size_t warnings() const { return m_warnings; }

 private:
  [[nodiscard]] std::string paint(std::string_view text, const char* code,
                                  bool stream_is_err) const;
  void write(int fd, std::string_view text);
  static void write_raw(int fd, std::string_view text);

  bool m_color_out = false;
  bool m_color_err = false;
  bool m_quiet = false;
  bool m_verbose = false;
  RedactOptions m_options;
  std::vector<std::string> m_journal;
  std::size_t m_errors = 0;
  std::size_t m_warnings = 0;
  std::size_t m_synced = 0;  // registry values the redactor covers
  std::unique_ptr<Redactor> m_redactor;
};

}  // namespace hush
