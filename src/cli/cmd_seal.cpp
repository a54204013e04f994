// `hush seal CONFIG`: flags in, hush::seal_config() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/workflow/seal_flow.hpp"

namespace hush::cli {
namespace {

ExitStatus run_seal(const std::string& path, const Context& ctx) {
  const YamlSource config = parse_yaml_source(path, read_file(path, ctx.session().input_limit()));
  ctx.session().audit_note({}, {path});
  SidecarStore store = ctx.session().open_store(path);
  const bool sealed = seal_config(store, path, config, ctx.session().syntax(), system_clock()(),
                                  ctx.session().touched());
  return sealed ? ExitStatus::ok : ExitStatus::findings;
}

}  // namespace

Command add_seal_command(CLI::App& root, Context& ctx) {
  return make_command<std::string>(
      root, {"seal", "Move a config's inline secrets: block into the encrypted sidecar", "seal"},
      ctx,
      [](CLI::App& app, std::string& config) {
        app.add_option("config", config, "The config to rewrite")->required();
      },
      run_seal);
}

}  // namespace hush::cli
