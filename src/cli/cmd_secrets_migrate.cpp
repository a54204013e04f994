// `hush secrets migrate`: re-seal every value still sealed as enc:v1 (hush1, which binds no type
// or field names) as enc:v2, with the private key (hush::migrate_secrets_flow).
#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/secret_flows.hpp"

namespace hush::cli {
namespace {

ExitStatus run_migrate(const Context& ctx) {
  SidecarStore store = ctx.session().open_store();
  const std::vector<Error> failed = migrate_secrets_flow(store);
  for (const Error& error : failed) ctx.console().error(error);
  return failed.empty() ? ExitStatus::ok : ExitStatus::key;
}

}  // namespace

Command add_secrets_migrate_command(CLI::App& secrets, Context& ctx) {
  CLI::App* app = secrets.add_subcommand(
      "migrate", "Re-seal values sealed by an older hush so their type and fields are bound");
  return {app, [&ctx] { return run_migrate(ctx); }, "secrets.migrate"};
}

}  // namespace hush::cli
