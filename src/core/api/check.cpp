#include "core/check/check.hpp"

#include <hush/check.hpp>
#include <hush/hush.hpp>

#include "core/api/api_access.hpp"
#include "core/base/fsutil.hpp"
#include "core/check/check_inputs.hpp"
#include "core/check/report.hpp"

namespace hush {

struct Checker::Impl {
  CheckOptions options;
};

namespace {

void add_rule_packs(CheckOptions& options, const CheckSettings& settings) {
  if (settings.detection == RulePack::builtin) options.detect = builtin_detection();
  if (settings.schema == RulePack::builtin) options.schema = builtin_schema();
}

CheckResult public_result(CheckReport report) {
  return {.findings = std::move(report.findings),
          .files_checked = report.files_checked,
          .streamed = report.streamed,
          .not_checked = report.not_checked,
          .suppressed = report.suppressed};
}

CheckReport internal_report(const CheckResult& result) {
  return {.findings = result.findings,
          .files_checked = result.files_checked,
          .streamed = result.streamed,
          .not_checked = result.not_checked,
          .suppressed = result.suppressed};
}

}  // namespace

bool CheckResult::ok() const { return worst(findings) != Severity::error; }

Checker::Checker(CheckSettings settings) : m_impl(std::make_unique<Impl>()) {
  CheckOptions& options = m_impl->options;
  options.syntax = detail::to_internal(settings.syntax);
  options.secret_keys_extra = std::move(settings.secret_keys_extra);
  if (settings.sidecar) {
    options.sidecars.push_back({load_sidecar(*settings.sidecar), settings.sidecar->string()});
  }
  options.known_values = std::move(settings.known_values);
  options.now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  options.max_file_size = settings.max_file_size;
  options.threads = settings.threads;
  add_rule_packs(options, settings);
}

Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;
Checker& Checker::operator=(Checker&&) noexcept = default;

CheckResult Checker::check(const std::vector<CheckSubject>& subjects) const {
  std::vector<CheckInput> inputs;
  inputs.reserve(subjects.size());
  const bool sidecar = !m_impl->options.sidecars.empty();
  for (const CheckSubject& s : subjects) {
    inputs.push_back({.path = s.path,
                      .content = s.content,
                      .sidecar = sidecar ? std::optional<std::size_t>(0) : std::nullopt});
  }
  return public_result(check_files(inputs, m_impl->options));
}

CheckResult Checker::check_text(std::string path, std::string content) const {
  std::vector<CheckInput> inputs;
  inputs.push_back({std::move(path), std::move(content)});
  return public_result(check_files(inputs, m_impl->options));
}

CheckResult Checker::check_paths(const std::vector<std::filesystem::path>& paths) const {
  std::vector<std::string> names;
  for (const std::filesystem::path& p : paths) names.push_back(p.string());
  const InputLimit limit{m_impl->options.max_file_size, "raise CheckSettings::max_file_size"};
  return public_result(check_files(
      working_tree_inputs(names, detail::read_process_environment(), limit), m_impl->options));
}

std::string to_json(const CheckResult& result) { return report_json(internal_report(result)); }

std::string to_sarif(const CheckResult& result, std::string_view tool_version) {
  return report_sarif(internal_report(result), tool_version.empty() ? version() : tool_version);
}

}  // namespace hush
