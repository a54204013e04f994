// `hush audit verify`: flags in, hush::verify_audit_log() out.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/log/audit.hpp"

namespace hush::cli {
namespace {

struct AuditFlags {
  std::string log;  // default: --audit-log or HUSH_AUDIT_LOG
};

ExitStatus run_verify(const AuditFlags& flags, const Context& ctx) {
  const std::string path = !flags.log.empty() ? flags.log : ctx.session().audit_log_path();
  if (path.empty()) {
    throw Error(ErrorKind::usage, "no-audit-log",
                "name the log: hush audit verify FILE, --audit-log or HUSH_AUDIT_LOG");
  }
  const AuditVerification result = verify_audit_log(path, ctx.session().input_limit());
  if (result.broken_line != 0) {
    ctx.console().report({{Severity::error,
                           "audit-broken",
                           Location{path, static_cast<int>(result.broken_line), 0},
                           "audit chain broken: " + result.problem,
                           {}}});
    return ExitStatus::findings;
  }
  if (result.incomplete_line != 0) {
    ctx.console().report({{Severity::warning,
                           "audit-incomplete",
                           Location{path, static_cast<int>(result.incomplete_line), 0},
                           "the last line is an incomplete record (an append was cut short: hush "
                           "was killed or the machine stopped mid-write); it is not a record, and "
                           "the next append removes it",
                           {}}});
  }
  ctx.console().out(path + ": " + std::to_string(result.lines) + " records, chain intact\n");
  return ExitStatus::ok;
}

}  // namespace

Command add_audit_verify_command(CLI::App& audit, Context& ctx) {
  return make_command<AuditFlags>(
      audit, {"verify", "Verify the audit log's hash chain"}, ctx,
      [](CLI::App& app, AuditFlags& flags) {
        app.add_option("log", flags.log, "The audit log (default: --audit-log or HUSH_AUDIT_LOG)");
      },
      run_verify);
}

}  // namespace hush::cli
