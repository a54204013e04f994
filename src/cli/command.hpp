// The command table's element type: every src/cli/cmd_*.cpp adds one subcommand and returns how
// to run it.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

namespace hush::cli {

// hush's exit statuses (DESIGN §5); `run` returns the child's own status instead.
enum class ExitStatus : int { ok = 0, findings = 1, usage = 2, key = 3 };

struct Command {
  CLI::App* app = nullptr;
  std::function<ExitStatus()> run;
  std::string audit_action{};  // non-empty: every run appends an audit record (DESIGN §8)
};

class Context;

// A subcommand's name, its help line and, when every run is audited, its audit action.
struct CommandSpec {
  const char* name;
  const char* help;
  std::string audit_action{};
};

// The one registration block: adds `spec.name` to `parent`, lets `declare(app, flags)` declare
// its flags and arguments into a Flags of its own, and runs `run(flags, ctx)` when chosen. `ctx`
// must outlive the command.
template <typename Flags, typename Declare, typename Run>
Command make_command(CLI::App& parent, const CommandSpec& spec, Context& ctx, Declare declare,
                     Run run) {
  auto flags = std::make_shared<Flags>();
  CLI::App* app = parent.add_subcommand(spec.name, spec.help);
  declare(*app, *flags);
  return {app, [flags, &ctx, run] { return run(*flags, ctx); }, spec.audit_action};
}

}  // namespace hush::cli
