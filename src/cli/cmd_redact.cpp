// `hush redact`: stdin to stdout through a RedactStream loaded with the sidecar's values and the
// named environment variables.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <hush/redact.hpp>
#include <hush/source.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/runtime/inject.hpp"

namespace hush::cli {
namespace {

struct RedactFlags {
  std::vector<std::string> env_vars;
  std::string mask;
  std::size_t min_length = 0;
  const CLI::Option* mask_option = nullptr;
  const CLI::Option* min_length_option = nullptr;
  bool no_sidecar = false;
};

// --mask and --min-length win over .hush.yaml's redact settings, which win over the defaults.
RedactOptions redact_options(const RedactFlags& flags, const Context& ctx) {
  RedactOptions options = ctx.console().redact_options();
  if (flags.mask_option->count() > 0) options.mask = flags.mask;
  if (flags.min_length_option->count() > 0) options.min_length = flags.min_length;
  return options;
}

std::vector<NamedSecret> known_values(const RedactFlags& flags, const Context& ctx) {
  std::vector<NamedSecret> values;
  for (const std::string& name : flags.env_vars) {
    const SecretValue* value = ctx.environment().find(name);
    if (value == nullptr) value = ctx.environment().credential(name);
    if (value == nullptr) {
      ctx.console().warn("environment variable " + name + " is not set; nothing to mask for it");
      continue;
    }
    values.push_back({name, value->clone()});
  }
  if (!flags.no_sidecar) {
    const SidecarStore store = ctx.open_store();
    for (InjectedSecret& s : sidecar_secrets(store.sidecar(), store.unlock(), {})) {
      values.push_back({s.env_name(), s.value->clone()});
    }
  }
  // Whatever else this process holds (HUSH_KEY, a passphrase) is masked in the stream too.
  visit_revealed(0, [&](const std::string& name, const SecretValue& value) {
    values.push_back({name, value.clone()});
  });
  return values;
}

void write_all(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

ExitStatus run_redact(const RedactFlags& flags, const Context& ctx) {
  const std::vector<NamedSecret> values = known_values(flags, ctx);
  if (values.empty()) {
    throw Error(ErrorKind::usage, "usage", "nothing to mask: no sidecar values and no --env-var");
  }
  const RedactOptions options = redact_options(flags, ctx);
  const Redactor redactor(values, options);
  for (const std::string& name : redactor.too_short()) {
    ctx.console().warn("the value of " + name + " is shorter than " +
                       std::to_string(options.min_length) + " bytes and is not masked");
  }
  RedactStream stream(redactor, [](std::string_view piece) { write_all(piece); });
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    stream.write(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
  stream.finish();
  return ExitStatus::ok;
}

}  // namespace

Command add_redact_command(CLI::App& root, Context& ctx) {
  return make_command<RedactFlags>(
      root, {"redact", "Copy stdin to stdout masking every secret value and its encodings"}, ctx,
      [](CLI::App& app, RedactFlags& flags) {
        app.add_option("--env-var", flags.env_vars, "Also mask this environment variable's value");
        flags.mask_option = app.add_option(
            "--mask", flags.mask, "Replacement text; {name} is the secret's name (default ***)");
        flags.min_length_option = app.add_option("--min-length", flags.min_length,
                                                 "Shorter values are not masked (default 4)");
        app.add_flag("--no-sidecar", flags.no_sidecar, "Mask only the --env-var values");
      },
      run_redact);
}

}  // namespace hush::cli
