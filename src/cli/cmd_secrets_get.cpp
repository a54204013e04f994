// `hush secrets get`: flags in, hush::reveal_secret_flow() out. The one way to see a value.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/secret_flows.hpp"

namespace hush::cli {
namespace {

struct GetFlags {
  std::string name;
  std::uint64_t version = 0;  // 0: current
  std::string field;
};

ExitStatus run_get(const GetFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  SecretBuffer text = reveal_secret_flow(store, flags.name, flags.version, flags.field);
  // A terminal gets a final newline; a pipe gets the exact bytes.
  if (::isatty(STDOUT_FILENO) == 1 && (text.empty() || text.reveal().back() != '\n')) {
    text.push_back('\n');
  }
  ctx.console().deliver(text);
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_get_command(CLI::App& secrets, Context& ctx) {
  return make_command<GetFlags>(
      secrets, {"get", "Reveal one value (needs the private key)", "secrets.get"}, ctx,
      [](CLI::App& app, GetFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        app.add_option("--version", flags.version, "An earlier version");
        app.add_option("--field", flags.field, "One field of a multi-field secret");
      },
      run_get);
}

}  // namespace hush::cli
