// `hush check`: inputs (working tree or staged blobs) and options in, hush::check_files() out,
// then baseline, threshold and the chosen report format.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/fsutil.hpp"
#include "core/check/check.hpp"
#include "core/check/check_inputs.hpp"
#include "core/check/detect.hpp"
#include "core/check/report.hpp"
#include "core/model/schema.hpp"
#include "core/runtime/inject.hpp"

namespace hush::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  bool staged = false;
  std::string format = "text";
  std::string baseline;
  std::string write_baseline;
  std::string severity;
  bool env_source = false;
};

std::vector<CheckInput> inputs_for(const CheckFlags& flags, const Context& ctx) {
  if (flags.staged) return staged_inputs(ctx.environment(), ctx.input_limit());
  std::vector<std::string> paths = flags.paths;
  const ProjectFile& project = ctx.project();
  if (paths.empty() && !project.configs.empty()) {
    for (const auto& p : expand_globs(project.configs, project.path.parent_path()))
      paths.push_back(p.string());
  }
  if (paths.empty()) paths.push_back(".");
  return working_tree_inputs(paths, ctx.environment(), ctx.input_limit());
}

// The sidecar whose names references are checked against: the named one, else the one beside
// the first config checked. Values are decrypted only when a key is at hand.
void add_sidecar(CheckOptions& options, const std::vector<CheckInput>& inputs, Context& ctx) {
  std::optional<std::filesystem::path> first_config;
  for (const CheckInput& input : inputs) {
    const bool sidecar = input.content.find("\nkey_id: ") != std::string::npos &&
                         input.content.find("hush: ") != std::string::npos;  // any format
    if ((input.path.ends_with(".yaml") || input.path.ends_with(".yml")) && !sidecar &&
        !input.path.ends_with(".hush.yaml")) {
      first_config = input.path;
      break;
    }
  }
  std::optional<SidecarLocation> where;
  try {
    where = ctx.sidecar_location(first_config);
  } catch (const Error&) {
    return;  // no sidecar is named and there is no config to look beside
  }
  std::error_code ignored;
  if (!std::filesystem::exists(where->path, ignored)) return;
  options.sidecar = load_sidecar(where->path);
  options.sidecar_path = where->path.string();
  if (const auto keys =
          find_keypair(ctx.key_inputs(), options.sidecar->key_id, options.sidecar->kdf)) {
    for (InjectedSecret& s : sidecar_secrets(*options.sidecar, *keys, {})) {
      options.known_values.push_back({s.env_name(), s.value->clone()});
    }
    ctx.console().remember(options.known_values);
  }
}

ExitStatus run_check(const CheckFlags& flags, Context& ctx) {
  const std::vector<CheckInput> inputs = inputs_for(flags, ctx);
  CheckOptions options;
  options.syntax = ctx.syntax();
  options.secret_keys_extra = ctx.project().secret_keys_extra;
  options.now = system_clock()();
  if (flags.env_source) options.environment = ctx.shared_environment();
  add_sidecar(options, inputs, ctx);
  const auto detector = std::make_shared<const Detector>(Detector::builtin());
  options.detect = [detector](std::string_view text) {
    std::vector<DetectedSecret> out;
    for (const Detection& d : detector->scan(text)) {
      out.push_back({d.rule, d.offset, d.length, d.description, d.prefix});
    }
    return out;
  };
  const auto schema = std::make_shared<const SchemaValidator>(SchemaValidator::builtin());
  options.schema = [schema](const YamlSource& source) { return schema->validate(source); };
  CheckReport report = check_files(inputs, options);
  if (!flags.write_baseline.empty()) {
    write_file_atomic(flags.write_baseline, baseline_text(report.findings),
                      FileMode::shared_readable);
    ctx.console().info("wrote " + std::to_string(report.findings.size()) + " findings to " +
                       flags.write_baseline);
    return ExitStatus::ok;
  }
  const std::string baseline =
      !flags.baseline.empty() ? flags.baseline : ctx.project().check_baseline.value_or("");
  std::error_code ignored;
  if (!baseline.empty() && (!flags.baseline.empty() ||
                            std::filesystem::exists(ctx.project().resolve(baseline), ignored))) {
    apply_baseline(report.findings,
                   read_baseline(flags.baseline.empty() ? ctx.project().resolve(baseline).string()
                                                        : baseline));
  }
  const std::string threshold =
      !flags.severity.empty() ? flags.severity : ctx.project().check_severity.value_or("error");
  if (flags.format == "json") ctx.console().out(report_json(report));
  if (flags.format == "sarif") ctx.console().out(report_sarif(report, HUSH_VERSION));
  if (flags.format == "text") {
    ctx.console().report(report.findings);
    ctx.console().info("checked " + std::to_string(report.files_checked) + " files (" +
                       std::to_string(report.skipped_binary) + " binary and " +
                       std::to_string(report.skipped_large) +
                       " large skipped): " + std::to_string(report.findings.size()) + " findings");
  }
  const bool failing = std::any_of(
      report.findings.begin(), report.findings.end(),
      [&](const Finding& f) { return f.severity == Severity::error || threshold == "warning"; });
  return failing ? ExitStatus::findings : ExitStatus::ok;
}

}  // namespace

Command add_check_command(CLI::App& root, Context& ctx) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* app = root.add_subcommand(
      "check", "Check configs and files before a commit or deploy (no key needed)");
  app->add_option("paths", flags->paths,
                  "Files and directories (default: configs of .hush.yaml, else .)");
  app->add_flag("--staged", flags->staged, "Check the staged blobs, not the working tree");
  app->add_option("--format", flags->format, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  app->add_option("--baseline", flags->baseline, "Ignore findings recorded in this baseline");
  app->add_option("--write-baseline", flags->write_baseline,
                  "Record the current findings as a baseline");
  app->add_option("--severity", flags->severity, "Fail on: error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  app->add_flag("--env-source", flags->env_source,
                "Also accept references the environment resolves");
  return {app, [flags, &ctx] { return run_check(*flags, ctx); }};
}

}  // namespace hush::cli
