// `hush check`: flags in, hush::check_flow() out, then the chosen report format.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/check/report.hpp"
#include "core/workflow/session_flows.hpp"

namespace hush::cli {
namespace {

struct CheckFlags {
  CheckRequest request;
  std::string format = "text";
  std::string trust_project;  // empty: automatic
};

ExitStatus run_check(CheckFlags& flags, const Context& ctx) {
  flags.request.trust_project = project_trust_from(flags.trust_project);
  const CheckOutcome outcome = check_flow(ctx.session(), flags.request);
  const CheckReport& report = outcome.report;
  if (outcome.wrote_baseline) {
    ctx.console().info("wrote " + std::to_string(report.findings.size()) + " findings to " +
                       flags.request.write_baseline);
    return ExitStatus::ok;
  }
  if (flags.format == "json") ctx.console().out(report_json(report));
  if (flags.format == "sarif") ctx.console().out(report_sarif(report, HUSH_VERSION));
  if (flags.format == "text") {
    ctx.console().report(report.findings);
    ctx.console().info(report_summary(report));
  }
  return outcome.failing ? ExitStatus::findings : ExitStatus::ok;
}

}  // namespace

Command add_check_command(CLI::App& root, Context& ctx) {
  return make_command<CheckFlags>(
      root, {"check", "Check configs and files before a commit or deploy (no key needed)"}, ctx,
      [](CLI::App& app, CheckFlags& flags) {
        CheckRequest& r = flags.request;
        app.add_option("paths", r.paths,
                       "Files and directories (default: configs of .hush.yaml, else .)");
        app.add_option("--config", r.configs,
                       "A hush config among the paths, whatever its shape (repeatable)");
        app.add_flag("--staged", r.staged, "Check the staged blobs, not the working tree");
        app.add_option("--format", flags.format, "text, json or sarif")
            ->check(CLI::IsMember({"text", "json", "sarif"}));
        app.add_option("--baseline", r.baseline, "Ignore findings recorded in this baseline");
        app.add_option("--write-baseline", r.write_baseline,
                       "Record the current findings as a baseline");
        app.add_option("--severity", r.severity, "Fail on: error (default) or warning")
            ->check(CLI::IsMember({"error", "warning"}));
        app.add_flag("--env-source", r.env_source,
                     "Also accept references the environment resolves");
        app.add_option("--trust-project", flags.trust_project,
                       "Use .hush.yaml's configs: and check: (default: no when CI is set)")
            ->check(CLI::IsMember({"yes", "no"}))
            ->option_text("yes|no");
        app.add_option("--base", r.base_revision,
                       "Untrusted: take .hush.yaml's check settings from this git revision")
            ->option_text("REV");
      },
      run_check);
}

}  // namespace hush::cli
