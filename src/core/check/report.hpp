// hush/report.hpp — machine-readable forms of a check: one JSON document (findings and a
// summary) and SARIF 2.1.0 for code-scanning services (rules, locations with code-point
// columns, partial fingerprints). Snippets in findings are already masked.
#pragma once
#include <string>
#include <string_view>

#include "core/check/check.hpp"

namespace hush {

[[nodiscard]] std::string report_json(const CheckReport& report);
[[nodiscard]] std::string report_sarif(const CheckReport& report, std::string_view tool_version);
// The one line the text format ends with: files checked, skipped, findings.
[[nodiscard]] std::string report_summary(const CheckReport& report);

}  // namespace hush
