// `hush init`: flags in, hush::init_flow() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/workflow/session_flows.hpp"

namespace hush::cli {
namespace {

struct InitFlags {
  std::string config;  // optional: put the sidecar beside this config
  bool passphrase = false;
  std::string kdf = "moderate";
};

ExitStatus run_init(const InitFlags& flags, const Context& ctx) {
  (void)init_flow(
      ctx.session(),
      flags.config.empty() ? std::nullopt : std::optional<std::filesystem::path>(flags.config),
      flags.passphrase, flags.kdf);
  return ExitStatus::ok;
}

}  // namespace

Command add_init_command(CLI::App& root, Context& ctx) {
  return make_command<InitFlags>(
      root, {"init", "Create a keypair and an empty encrypted sidecar", "init"}, ctx,
      [](CLI::App& app, InitFlags& flags) {
        app.add_option("config", flags.config, "Create the sidecar beside this config");
        app.add_flag(
            "--passphrase", flags.passphrase,
            "Derive the key from a passphrase (HUSH_PASSPHRASE or a prompt) with Argon2id");
        app.add_option("--kdf", flags.kdf, "Argon2id strength: minimum, interactive, moderate")
            ->check(CLI::IsMember({"minimum", "interactive", "moderate"}));
      },
      run_init);
}

}  // namespace hush::cli
