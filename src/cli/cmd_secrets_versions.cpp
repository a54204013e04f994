// `hush secrets versions`, `rollback` and `rotate`: a secret's history. Versions need no key;
// rollback and rotate need the private key.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"

namespace hush::cli {
namespace {

struct HistoryFlags {
  std::string name;
  std::string format = "table";
  std::uint64_t to = 0;
  ValueInput value;
};

ExitStatus run_versions(const HistoryFlags& flags, const Context& ctx) {
  const std::vector<SecretVersion> versions =
      secret_versions(ctx.session().open_store().sidecar(), flags.name);
  ctx.console().out(flags.format == "json" ? versions_json(versions) : versions_table(versions));
  return ExitStatus::ok;
}

ExitStatus run_rollback(const HistoryFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  rollback_secret_flow(store, flags.name, flags.to, system_clock()());
  return ExitStatus::ok;
}

ExitStatus run_rotate(const HistoryFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  rotate_secret_flow(store, flags.name, payload_reader(flags.value, ctx.session().notices()),
                     system_clock()());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_versions_command(CLI::App& secrets, Context& ctx) {
  return make_command<HistoryFlags>(
      secrets, {"versions", "A secret's versions, without values"}, ctx,
      [](CLI::App& app, HistoryFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        app.add_option("--format", flags.format, "table or json")
            ->check(CLI::IsMember({"table", "json"}));
      },
      run_versions);
}

Command add_secrets_rollback_command(CLI::App& secrets, Context& ctx) {
  return make_command<HistoryFlags>(
      secrets,
      {"rollback", "Make an earlier version's value current again (as a new version)",
       "secrets.rollback"},
      ctx,
      [](CLI::App& app, HistoryFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        app.add_option("--to", flags.to, "The version whose value to restore")->required();
      },
      run_rollback);
}

Command add_secrets_rotate_command(CLI::App& secrets, Context& ctx) {
  return make_command<HistoryFlags>(
      secrets,
      {"rotate", "Give a secret a new value as a new version (generated, stdin or prompt)",
       "secrets.rotate"},
      ctx,
      [](CLI::App& app, HistoryFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        add_value_options(app, flags.value);
      },
      run_rotate);
}

}  // namespace hush::cli
