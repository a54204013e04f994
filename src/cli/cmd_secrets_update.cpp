// `hush secrets update`: flags in, hush::update_secret_flow() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"

namespace hush::cli {
namespace {

struct UpdateFlags {
  std::string name;
  ValueInput value;
  MetadataText meta;
  ClearFlags clear;
};

ExitStatus run_update(const UpdateFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  update_secret_flow(store, flags.name, flags.meta, flags.clear,
                     payload_reader(flags.value, ctx.session().notices()), system_clock()());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_update_command(CLI::App& secrets, Context& ctx) {
  return make_command<UpdateFlags>(
      secrets,
      {"update", "Change a secret's value (a new version) or metadata; the name never changes",
       "secrets.update"},
      ctx,
      [](CLI::App& app, UpdateFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        add_value_options(app, flags.value);
        add_metadata_options(app, flags.meta);
        app.add_flag("--clear-expiry", flags.clear.expiry, "Remove the expiry date");
        app.add_flag("--clear-rotation", flags.clear.rotation, "Remove the rotation period");
        app.add_flag("--clear-notify-before", flags.clear.notify_before,
                     "Remove the notice window (back to the default)");
      },
      run_update);
}

}  // namespace hush::cli
