// The command table's element type: every src/cli/cmd_*.cpp adds one subcommand and returns how
// to run it.
#pragma once
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace hush::cli {

// hush's exit statuses (DESIGN §5); `run` returns the child's own status instead.
enum class ExitStatus : int { ok = 0, findings = 1, usage = 2, key = 3 };

struct Command {
  CLI::App* app = nullptr;
  std::function<ExitStatus()> run;
  std::string audit_action{};  // non-empty: every run appends an audit record (DESIGN §8)
};

class Context;

}  // namespace hush::cli
