#include <hush/error.hpp>
#include <utility>

namespace hush {
namespace {

std::string compose(const std::string& id, const std::string& message,
                    const std::optional<Location>& where) {
  std::string out;
  if (where && !where->path.empty()) out = to_string(*where) + ": ";
  return out + "error: " + message + " [" + id + "]";
}

}  // namespace

Error::Error(ErrorKind kind, std::string id, std::string message, std::optional<Location> where,
             std::string detail)
    : std::runtime_error(compose(id, message, where)),
      m_kind(kind),
      m_id(std::move(id)),
      m_message(std::move(message)),
      m_where(std::move(where)),
      m_detail(std::move(detail)) {}

std::string to_string(const Location& where) {
  std::string out = where.path;
  // Appended piecewise: `":" + std::to_string(n)` trips GCC 12's -Wrestrict false positive at -O3.
  if (where.line > 0) {
    out += ':';
    out += std::to_string(where.line);
    if (where.column > 0) {
      out += ':';
      out += std::to_string(where.column);
    }
  }
  return out;
}

std::string to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::string to_string(const Finding& finding) {
  std::string out;
  if (!finding.where.path.empty()) out = to_string(finding.where) + ": ";
  return out + to_string(finding.severity) + ": " + finding.message + " [" + finding.rule + "]";
}

std::optional<Severity> worst(const std::vector<Finding>& findings) {
  std::optional<Severity> result;
  for (const Finding& f : findings) {
    if (f.severity == Severity::error) return Severity::error;
    result = Severity::warning;
  }
  return result;
}

}  // namespace hush
