// `hush render`: flags in, hush::render() out. No other logic belongs here.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "core/base/fsutil.hpp"
#include "core/render/render.hpp"
#include "core/resolve/resolver_setup.hpp"

namespace hush::cli {
namespace {

struct RenderFlags {
  std::string config;
  std::string output;  // empty: stdout
  std::string format = "yaml";
  bool keep_secrets = false;
  std::vector<std::string> allow_env;
};

ExitStatus run_render(const RenderFlags& flags, Context& ctx) {
  const YamlSource source =
      parse_yaml_source(flags.config, read_file(flags.config, ctx.session().input_limit()));
  std::vector<Finding> findings;
  Resolver resolver = make_resolver(ctx.session().source_settings(flags.config), &source, findings);
  RenderResult result = render(source, resolver,
                               {.syntax = ctx.session().syntax(),
                                .format = *parse_output_format(flags.format),
                                .strip_secrets = !flags.keep_secrets,
                                .allow_env = flags.allow_env});
  std::vector<std::string> names;
  for (const ResolvedReference& r : result.resolved) {
    names.push_back(r.secret);
    ctx.session().journal().log_event("resolved", {{"reference", r.reference},
                                                   {"secret", r.secret},
                                                   {"source", r.source},
                                                   {"at", to_string(r.where)}});
  }
  ctx.session().audit_note(names, {flags.config});
  if (!flags.output.empty()) ctx.session().audit_note({}, {flags.output});
  findings.insert(findings.end(), result.findings.begin(), result.findings.end());
  if (ctx.console().report(findings) == Severity::error) return ExitStatus::findings;
  write_output(ctx.console(), flags.output, result.text);
  ctx.console().debug("rendered " + std::to_string(result.resolved.size()) + " references");
  return ExitStatus::ok;
}

}  // namespace

Command add_render_command(CLI::App& root, Context& ctx) {
  return make_command<RenderFlags>(
      root, {"render", "Substitute every reference in CONFIG", "render"}, ctx,
      [](CLI::App& app, RenderFlags& flags) {
        app.add_option("config", flags.config, "Template to render")->required();
        app.add_option("-o,--output", flags.output,
                       "Output file (atomic, mode 0600); default stdout");
        app.add_option("--format", flags.format, "yaml, json or env")
            ->check(CLI::IsMember({"yaml", "json", "env"}));
        app.add_flag("--keep-secrets,!--strip-secrets", flags.keep_secrets,
                     "Keep the inline secrets: block in the output (default: strip it)");
        add_allow_env_option(app, flags.allow_env);
      },
      run_render);
}

}  // namespace hush::cli
