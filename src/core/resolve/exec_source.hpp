// hush/exec_source.hpp — an external secret manager as a source (`pass show {key}`, `vault kv get
// -field=value {key}`, `aws secretsmanager get-secret-value …`): the configured argv with {key}
// replaced is run without a shell, and its stdout is the value. The command gets hush's
// environment without its credential variables (also with --no-env, which drops only the env
// source), so `pass`, `vault` or `aws` find their PATH, HOME, GNUPGHOME, VAULT_ADDR….
#pragma once
#include <hush/source.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/base/environment.hpp"
#include "core/model/project.hpp"

namespace hush {

// Runs the command once per key and caches the value for the rest of the run. Not thread-safe.
class ExecSource : public SecretSource {
 public:
  // `environment` may be null (the command then gets an empty environment).
  ExecSource(ExecSourceSpec spec, std::shared_ptr<const Environment> environment);
  [[nodiscard]] std::string name() const override { return m_spec.name; }
  [[nodiscard]] bool qualified_only() const override { return m_spec.qualified_only; }
  // Runs the command for `key`. A non-zero exit, a timeout or empty output throws
  // Error(invalid_input, "exec-failed" | "exec-timeout" | "exec-empty") naming the source, the key
  // and (for a failure) the command's stderr, which the CLI prints through its redactor. A key
  // that starts with "-" is refused (it would read as an option): "exec-invalid-key".
  [[nodiscard]] std::optional<SecretInfo> lookup(std::string_view key) override;
  // An exec source cannot list its keys.
  [[nodiscard]] std::vector<std::string> names() const override { return {}; }

 private:
  [[nodiscard]] SecretValue fetch_value(std::string_view key, std::string_view field) override;
  ExecSourceSpec m_spec;
  std::shared_ptr<const Environment> m_environment;
  std::map<std::string, SecretValue, std::less<>> m_cache;
};

}  // namespace hush
