// `hush init`: flags in, hush::init_sidecar() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/crypto/keystore.hpp"
#include "core/runtime/terminal.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct InitFlags {
  std::string config;  // optional: put the sidecar beside this config
  bool passphrase = false;
  std::string kdf = "moderate";
};

std::optional<SecretValue> passphrase_for(const Context& ctx) {
  if (const SecretValue* phrase = ctx.session().environment().credential("HUSH_PASSPHRASE")) {
    return phrase->clone();
  }
  std::optional<SecretValue> first = prompt_hidden("new passphrase: ");
  if (!first) {
    throw Error(ErrorKind::usage, "no-passphrase",
                "--passphrase needs HUSH_PASSPHRASE or a terminal to ask on");
  }
  const std::optional<SecretValue> again = prompt_hidden("repeat passphrase: ");
  if (!again || again->reveal() != first->reveal()) {
    throw Error(ErrorKind::usage, "passphrase-mismatch", "the passphrases do not match");
  }
  return first;
}

ExitStatus run_init(const InitFlags& flags, const Context& ctx) {
  const std::optional<std::filesystem::path> config =
      flags.config.empty() ? std::nullopt : std::optional<std::filesystem::path>(flags.config);
  InitOptions options;
  options.sidecar_path = ctx.session().sidecar_location(config).path;
  ctx.session().audit_note({}, {options.sidecar_path.string()});
  options.environment = ctx.session().environment_name();
  options.keys_dir = default_keys_dir(ctx.session().environment());
  if (flags.passphrase) options.passphrase = passphrase_for(ctx);
  options.kdf_strength = flags.kdf == "minimum"       ? KdfStrength::minimum
                         : flags.kdf == "interactive" ? KdfStrength::interactive
                                                      : KdfStrength::moderate;
  const InitResult result = init_sidecar(options);
  ctx.console().info("created " + options.sidecar_path.string() + " (key " + result.key_id + ")");
  if (!result.key_file.empty()) {
    ctx.console().info("private key: " + result.key_file.string() +
                       " (mode 0600); back it up, without it the values cannot be decrypted");
  } else {
    ctx.console().info("the key is derived from your passphrase; nothing was stored");
  }
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
