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

namespace hush::cli {

enum class ColorMode { automatic, always, never };

class Console {
 public:
  Console() = default;
  void set_color(ColorMode mode, bool no_color_env);
  void set_quiet(bool quiet) { m_quiet = quiet; }
  void set_verbose(bool verbose) { m_verbose = verbose; }
  void set_redact_options(RedactOptions options);
  [[nodiscard]] const RedactOptions& redact_options() const { return m_options; }

  // Announces values to the reveal registry (hush/source.hpp), so they are masked from now on.
  void remember(const std::vector<NamedSecret>& secrets);
  // `text` with every remembered value (and its encodings) masked.
  [[nodiscard]] std::string redact(std::string_view text) const;
  // The redactor over every value in the reveal registry (rebuilt when new values arrived).
  [[nodiscard]] const Redactor& redactor() const;

  void out(std::string_view text) const;  // stdout, redacted
  // Writes the product the user asked for (a rendered config, a revealed value) to stdout
  // WITHOUT redaction. Only commands whose purpose is to output secrets call this; products that
  // carry secret values are SecretBuffers, written straight from secure memory.
  void deliver(const SecretBuffer& product) const { deliver(product.reveal()); }
  void deliver(std::string_view product) const;
  void err(std::string_view text) const;    // stderr, redacted
  void info(std::string_view text) const;   // stderr unless --quiet
  void debug(std::string_view text) const;  // stderr with --verbose
  void warn(std::string_view text) const;   // "hush: warning: ..." on stderr
  void error(const Error& error) const;
  // Prints each finding with its snippet; returns the worst severity.
  std::optional<Severity> report(const std::vector<Finding>& findings) const;

  // Every diagnostic printed so far (without colour), for --log-file; and the counts of error
  // and warning diagnostics.
  [[nodiscard]] const std::vector<std::string>& journal() const { return m_journal; }
  [[nodiscard]] std::size_t errors() const { return m_errors; }
  [[nodiscard]] std::size_t warnings() const { return m_warnings; }

 private:
  [[nodiscard]] std::string paint(std::string_view text, const char* code,
                                  bool stream_is_err) const;
  void write(int fd, std::string_view text) const;
  static void write_raw(int fd, std::string_view text);

  bool m_color_out = false;
  bool m_color_err = false;
  bool m_quiet = false;
  bool m_verbose = false;
  RedactOptions m_options;
  mutable std::vector<std::string> m_journal;
  mutable std::size_t m_errors = 0;
  mutable std::size_t m_warnings = 0;
  mutable std::size_t m_synced = 0;  // registry values the redactor covers
  mutable std::unique_ptr<Redactor> m_redactor;
};

}  // namespace hush::cli
