// `hush secrets rm`: shows where the secret is referenced, asks for the name to be typed (or
// --yes), then hush::remove_secret_flow().
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/runtime/terminal.hpp"
#include "core/workflow/secret_flows.hpp"

namespace hush::cli {
namespace {

struct RmFlags {
  std::string name;
  std::vector<std::string> configs;  // globs; default: .hush.yaml configs
  bool yes = false;
};

std::size_t show_references(const RmFlags& flags, const Context& ctx) {
  const ProjectFile& project = ctx.session().project();
  const bool own = flags.configs.empty();
  const std::size_t count = for_each_reference(
      own ? project.configs : flags.configs,
      own && !project.path.empty() ? project.path.parent_path() : working_directory(), flags.name,
      ctx.session().syntax(), ctx.session().input_limit(), [&](const TemplateReference& ref) {
        ctx.console().err(to_string(ref.where) + ": " + ref.reference.display() + " in scope " +
                          to_string(ref.scope) + "\n");
      });
  if ((own ? project.configs : flags.configs).empty()) {
    ctx.console().warn(
        "no configs scanned for references (pass --config GLOB or set configs: in .hush.yaml)");
  }
  return count;
}

ExitStatus run_rm(const RmFlags& flags, const Context& ctx) {
  ctx.session().audit_note({flags.name}, {});
  SidecarStore store = ctx.session().open_store();
  (void)store.entry(flags.name);
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
  remove_secret_flow(store, flags.name);
  return ExitStatus::ok;
}

}  // namespace

Command add_secrets_rm_command(CLI::App& secrets, Context& ctx) {
  return make_command<RmFlags>(
      secrets,
      {"rm", "Delete a secret after showing where it is referenced and a typed confirmation",
       "secrets.rm"},
      ctx,
      [](CLI::App& app, RmFlags& flags) {
        app.add_option("name", flags.name, "The secret")->required();
        app.add_option("--config", flags.configs,
                       "Configs to scan for references (glob, repeatable)");
        app.add_flag("-y,--yes", flags.yes, "Do not ask (for scripts)");
      },
      run_rm);
}

}  // namespace hush::cli
