// `hush secrets rm`: shows where the secret is referenced, asks for the name to be typed (or
// --yes), then hush::remove_secret() under update_sidecar().
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "cli/terminal.hpp"
#include "core/base/fsutil.hpp"
#include "core/model/config_model.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct RmFlags {
  std::string name;
  std::vector<std::string> configs;  // globs; default: .hush.yaml configs
  bool yes = false;
};

std::size_t show_references(const RmFlags& flags, const Context& ctx) {
  const ProjectFile& project = ctx.project();
  const std::vector<std::string>& patterns =
      flags.configs.empty() ? project.configs : flags.configs;
  const std::filesystem::path base = flags.configs.empty() && !project.path.empty()
                                         ? project.path.parent_path()
                                         : std::filesystem::current_path();
  std::size_t count = 0;
  for (const std::filesystem::path& config : expand_globs(patterns, base)) {
    const YamlSource source =
        parse_yaml_source(config.string(), read_file(config, ctx.input_limit()));
    for (const TemplateReference& ref : references_to(source, flags.name, ctx.syntax())) {
      ctx.console().err(to_string(ref.where) + ": " + ref.reference.display() + " in scope " +
                        to_string(ref.scope) + "\n");
      ++count;
    }
  }
  if (patterns.empty()) {
    ctx.console().warn(
        "no configs scanned for references (pass --config GLOB or set configs: "
        "in .hush.yaml)");
  }
  return count;
}

ExitStatus run_rm(const RmFlags& flags, const Context& ctx) {
  const std::filesystem::path path = secrets_path(ctx);
  ctx.audit_note({flags.name}, {path.string()});
  const Sidecar current = load_existing_sidecar(path);
  (void)find_secret(current, flags.name);
  const std::size_t references = show_references(flags, ctx);
  ctx.console().err(flags.name + " is referenced " + std::to_string(references) +
                    (references == 1 ? " time\n" : " times\n"));
  if (!flags.yes) {
    const std::optional<std::string> typed =
        prompt_visible("type " + flags.name + " to delete it: ");
    if (!typed) {
      throw Error(ErrorKind::usage, "confirmation-required",
                  "deleting " + flags.name + " needs a typed confirmation; pass --yes in scripts");
    }
    if (*typed != flags.name) {
      ctx.console().err("the name did not match; nothing was deleted\n");
      return ExitStatus::findings;
    }
  }
  const std::optional<Keypair> keys = migration_keys(current, ctx);
  write_sidecar(
      path, [&](Sidecar& sidecar) { remove_secret(sidecar, flags.name); }, keys ? &*keys : nullptr,
      ctx);
  ctx.console().info("deleted " + flags.name + " and its history from " + path.string());
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_rm_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<RmFlags>();
  CLI::App* app = secrets.add_subcommand(
      "rm", "Delete a secret after showing where it is referenced and a typed confirmation");
  app->add_option("name", flags->name, "The secret")->required();
  app->add_option("--config", flags->configs, "Configs to scan for references (glob, repeatable)");
  app->add_flag("-y,--yes", flags->yes, "Do not ask (for scripts)");
  return {app, [flags, &ctx] { return run_rm(*flags, ctx); }, "secrets.rm"};
}

}  // namespace hush::cli
