// `hush seal CONFIG`: hush::plan_seal(), then the secrets into the sidecar (all or nothing), then
// the rewritten config, both atomically.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/render/seal.hpp"

namespace hush::cli {
namespace {

struct SealFlags {
  std::string config;
};

ExitStatus run_seal(const SealFlags& flags, const Context& ctx) {
  const YamlSource config =
      parse_yaml_source(flags.config, read_file(flags.config, ctx.input_limit()));
  const std::filesystem::path path = ctx.sidecar_location(flags.config).path;
  ctx.audit_note({}, {flags.config, path.string()});
  const Sidecar current = load_existing_sidecar(path);
  SealPlan plan = plan_seal(config, ctx.syntax());
  if (ctx.console().report(plan.findings) == Severity::error) return ExitStatus::findings;
  for (const NewSecret& secret : plan.secrets) ctx.audit_note({secret.name}, {});
  // A key is looked for only when needed: to migrate, or to tell a value an interrupted seal
  // already moved (kill -9 between the two writes) from a name that is taken.
  const std::optional<Keypair> keys =
      !names_already_in(current, plan.secrets).empty()
          ? keys_at_hand(current, ctx, "cannot compare with the sidecar's values")
          : migration_keys(current, ctx);
  SealApplied applied;
  write_sidecar(
      path,
      [&](Sidecar& sidecar) {
        applied = apply_seal(sidecar, plan.secrets, system_clock()(), keys ? &*keys : nullptr);
      },
      keys ? &*keys : nullptr, ctx);
  const bool private_file = (permission_bits(flags.config) & 0077) == 0;
  write_file_atomic(flags.config, plan.config_text,
                    private_file ? FileMode::owner_only : FileMode::shared_readable);
  const std::size_t moved = applied.added.size() + applied.already.size();
  ctx.console().info("moved " + std::to_string(moved) + " inline secrets into " + path.string() +
                     "; " + flags.config + " now references them" +
                     (applied.already.empty() ? ""
                                              : " (" + std::to_string(applied.already.size()) +
                                                    " were there already from an interrupted "
                                                    "seal)"));
  return ExitStatus::ok;
}

}  // namespace

Command add_seal_command(CLI::App& root, Context& ctx) {
  auto flags = std::make_shared<SealFlags>();
  CLI::App* app = root.add_subcommand(
      "seal", "Move a config's inline secrets: block into the encrypted sidecar");
  app->add_option("config", flags->config, "The config to rewrite")->required();
  return {app, [flags, &ctx] { return run_seal(*flags, ctx); }, "seal"};
}

}  // namespace hush::cli
