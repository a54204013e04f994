// `hush redact`: stdin to stdout through a RedactStream loaded with the sidecar's values and the
// named environment variables.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <hush/redact.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/redact_flow.hpp"

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

ExitStatus run_redact(const RedactFlags& flags, const Context& ctx) {
  std::function<SidecarStore()> open;
  if (!flags.no_sidecar) open = [&ctx] { return ctx.session().open_store(); };
  const std::vector<NamedSecret> values =
      values_to_mask(flags.env_vars, ctx.session().environment(), open, ctx.session().notices());
  if (values.empty()) {
    throw Error(ErrorKind::usage, "nothing-to-mask",
                "nothing to mask: no sidecar values and no --env-var");
  }
  const RedactOptions options = redact_options(flags, ctx);
  const Redactor redactor(values, options);
  for (const std::string& name : redactor.too_short()) {
    ctx.console().warn("the value of " + name + " is shorter than " +
                       std::to_string(options.min_length) + " bytes and is not masked");
  }
  copy_redacted_to(STDIN_FILENO, STDOUT_FILENO, redactor);
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
