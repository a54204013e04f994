// `hush secrets add`: flags in, hush::add_secret_flow() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"

namespace hush::cli {
namespace {

struct AddFlags {
  std::string name;
  ValueInput value;
  MetadataText meta;
};

ExitStatus run_add(const AddFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  add_secret_flow(store, flags.name, flags.meta,
                  payload_reader(flags.value, ctx.session().notices()), system_clock()());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_add_command(CLI::App& secrets, Context& ctx) {
  return make_command<AddFlags>(
      secrets, {"add", "Add a secret (the public key is enough)", "secrets.add"}, ctx,
      [](CLI::App& app, AddFlags& flags) {
        app.add_option("name", flags.name, "UPPER_SNAKE_CASE name; immutable once added");
        add_value_options(app, flags.value);
        add_metadata_options(app, flags.meta);
      },
      run_add);
}

}  // namespace hush::cli
