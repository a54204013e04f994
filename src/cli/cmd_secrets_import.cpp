// `hush secrets import FILE.env`: flags in, hush::import_dotenv() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/base/clock.hpp"
#include "core/workflow/import_flow.hpp"

namespace hush::cli {
namespace {

ExitStatus run_import(ImportRequest& request, const Context& ctx) {
  ctx.session().audit_note({}, {request.file});
  SidecarStore store = ctx.session().open_store();
  request.now = system_clock()();
  (void)import_dotenv(store, request, ctx.session().touched());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_import_command(CLI::App& secrets, Context& ctx) {
  return make_command<ImportRequest>(
      secrets, {"import", "Import every variable of a dotenv file", "secrets.import"}, ctx,
      [](CLI::App& app, ImportRequest& r) {
        app.add_option("file", r.file, "The .env file")->required();
        app.add_flag("--update", r.update, "Give existing secrets a new version");
        app.add_option("--description", r.metadata.description, "Description for new secrets");
        app.add_option("--type", r.metadata.type, "Type for new secrets");
        app.add_option("--scope", r.metadata.scopes, "Scope for new secrets (repeatable)");
        app.add_option("--tag", r.metadata.tags, "Tag for new secrets (repeatable)");
        app.add_option("--meta", r.metadata.meta, "KEY=VALUE metadata for new secrets");
        app.add_option("--expires-in", r.metadata.expires_in, "Expiry for new secrets");
      },
      run_import);
}

}  // namespace hush::cli
