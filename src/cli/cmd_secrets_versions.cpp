// `hush secrets versions`, `rollback` and `rotate`: a secret's history. Versions need no key;
// rollback and rotate need the private key.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct HistoryFlags {
  std::string name;
  std::string format = "table";
  std::uint64_t to = 0;
  ValueFlags value;
};

ExitStatus run_versions(const HistoryFlags& flags, const Context& ctx) {
  const Sidecar sidecar = load_existing_sidecar(secrets_path(ctx));
  const std::vector<SecretVersion> versions = secret_versions(sidecar, flags.name);
  if (flags.format == "json") {
    ctx.console().out(versions_json(versions));
    return ExitStatus::ok;
  }
  std::vector<std::vector<std::string>> rows = {{"VERSION", "CREATED", ""}};
  for (const SecretVersion& v : versions) {
    rows.push_back({std::to_string(v.version), format_time(v.created), v.current ? "current" : ""});
  }
  ctx.console().out(format_table(rows));
  return ExitStatus::ok;
}

ExitStatus run_rollback(const HistoryFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  const Sidecar current = load_existing_sidecar(path);
  (void)find_secret(current, flags.name);
  ctx.audit_note({flags.name}, {path.string()});
  const Keypair keys = unlock_sidecar(current, key_inputs_with_prompt(ctx));
  std::uint64_t version = 0;
  write_sidecar(
      path,
      [&](Sidecar& sidecar) {
        version = rollback_secret(sidecar, flags.name, flags.to, system_clock()(), keys);
      },
      &keys, ctx);
  ctx.console().info("rolled " + flags.name + " back to the value of version " +
                     std::to_string(flags.to) + " as version " + std::to_string(version));
  return ExitStatus::ok;
}

ExitStatus run_rotate(const HistoryFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  const Sidecar current = load_existing_sidecar(path);
  const SidecarEntry& entry = find_secret(current, flags.name);
  ctx.audit_note({flags.name}, {path.string()});
  const Keypair keys = unlock_sidecar(current, key_inputs_with_prompt(ctx));
  SecretPayload payload =
      read_payload(flags.value, entry.type, ctx, true).value_or(SecretPayload{});
  std::uint64_t version = 0;
  write_sidecar(
      path,
      [&](Sidecar& sidecar) {
        version = rotate_secret(sidecar, flags.name, std::move(payload), system_clock()(), keys);
      },
      &keys, ctx);
  ctx.console().info("rotated " + flags.name + " (version " + std::to_string(version) + ")");
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_versions_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* app = secrets.add_subcommand("versions", "A secret's versions, without values");
  app->add_option("name", flags->name, "The secret")->required();
  app->add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  return {app, [flags, &ctx] { return run_versions(*flags, ctx); }};
}

Command add_secrets_rollback_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* app = secrets.add_subcommand(
      "rollback", "Make an earlier version's value current again (as a new version)");
  app->add_option("name", flags->name, "The secret")->required();
  app->add_option("--to", flags->to, "The version whose value to restore")->required();
  return {app, [flags, &ctx] { return run_rollback(*flags, ctx); }, "secrets.rollback"};
}

Command add_secrets_rotate_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* app = secrets.add_subcommand(
      "rotate", "Give a secret a new value as a new version (generated, stdin or prompt)");
  app->add_option("name", flags->name, "The secret")->required();
  add_value_options(*app, flags->value);
  return {app, [flags, &ctx] { return run_rotate(*flags, ctx); }, "secrets.rotate"};
}

}  // namespace hush::cli
