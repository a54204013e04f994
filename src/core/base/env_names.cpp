#include "core/base/env_names.hpp"

#include <algorithm>
#include <array>
#include <hush/error.hpp>

namespace hush {
namespace {

enum class Match { exact, prefix };

struct DeniedName {
  std::string_view name;
  Match match;
  std::string_view reason;
};

constexpr std::string_view k_loader = "a dynamic loader variable: it loads code into the program";
constexpr std::string_view k_startup =
    "a shell start-up variable: the shell runs the file it names";
constexpr std::string_view k_shell_code = "a shell variable the shell expands or runs as code";
constexpr std::string_view k_shell_mode = "a shell variable that changes how every script runs";
constexpr std::string_view k_lookup =
    "a search path or home directory: it decides which programs and start-up files run";
constexpr std::string_view k_interpreter =
    "an interpreter start-up variable: it loads code or options into the interpreter";
constexpr std::string_view k_git = "a git variable: several make git run other programs";
constexpr std::string_view k_program = "a variable naming a program that other programs run";
constexpr std::string_view k_hush =
    "a hush variable: a hush in the child would take its key, passphrase or sidecar from it";

// Grouped by what reads them; a prefix entry covers a family that grows (LD_AUDIT,
// GIT_CONFIG_0…).
constexpr DeniedName k_denied[] = {
    {"LD_", Match::prefix, k_loader},
    {"DYLD_", Match::prefix, k_loader},
    {"GCONV_PATH", Match::exact, k_loader},
    {"BASH_ENV", Match::exact, k_startup},
    {"ENV", Match::exact, k_startup},
    {"ZDOTDIR", Match::exact, k_startup},
    {"BASH_FUNC_", Match::prefix, "an exported bash function: bash defines it as code"},
    {"PROMPT_COMMAND", Match::exact, k_shell_code},
    {"PS0", Match::exact, k_shell_code},
    {"PS1", Match::exact, k_shell_code},
    {"PS2", Match::exact, k_shell_code},
    {"PS3", Match::exact, k_shell_code},
    {"PS4", Match::exact, k_shell_code},
    {"SHELLOPTS", Match::exact, k_shell_mode},
    {"BASHOPTS", Match::exact, k_shell_mode},
    {"IFS", Match::exact, k_shell_mode},
    {"PATH", Match::exact, k_lookup},
    {"HOME", Match::exact, k_lookup},
    {"XDG_CONFIG_HOME", Match::exact, k_lookup},
    {"NODE_OPTIONS", Match::exact, k_interpreter},
    {"NODE_PATH", Match::exact, k_interpreter},
    {"PYTHONSTARTUP", Match::exact, k_interpreter},
    {"PYTHONPATH", Match::exact, k_interpreter},
    {"PYTHONHOME", Match::exact, k_interpreter},
    {"PYTHONUSERBASE", Match::exact, k_interpreter},
    {"PYTHONWARNINGS", Match::exact, k_interpreter},
    {"PYTHONBREAKPOINT", Match::exact, k_interpreter},
    {"PERL5OPT", Match::exact, k_interpreter},
    {"PERL5LIB", Match::exact, k_interpreter},
    {"PERLLIB", Match::exact, k_interpreter},
    {"PERL5DB", Match::exact, k_interpreter},
    {"RUBYOPT", Match::exact, k_interpreter},
    {"RUBYLIB", Match::exact, k_interpreter},
    {"JAVA_TOOL_OPTIONS", Match::exact, k_interpreter},
    {"_JAVA_OPTIONS", Match::exact, k_interpreter},
    {"JDK_JAVA_OPTIONS", Match::exact, k_interpreter},
    {"CLASSPATH", Match::exact, k_interpreter},
    {"PHPRC", Match::exact, k_interpreter},
    {"PHP_INI_SCAN_DIR", Match::exact, k_interpreter},
    {"LUA_", Match::prefix, k_interpreter},
    {"GIT_", Match::prefix, k_git},
    {"SSH_ASKPASS", Match::exact, k_program},
    {"EDITOR", Match::exact, k_program},
    {"VISUAL", Match::exact, k_program},
    {"PAGER", Match::exact, k_program},
    {"LESSOPEN", Match::exact, k_program},
    {"LESSCLOSE", Match::exact, k_program},
    {"MANPAGER", Match::exact, k_program},
    {"BROWSER", Match::exact, k_program},
    {"HUSH_", Match::prefix, k_hush},
};

constexpr std::array<std::string_view, 5> k_credential_words = {"KEY", "PASSPHRASE", "PASSWORD",
                                                                "TOKEN", "SECRET"};

}  // namespace

bool is_credential_variable(std::string_view name) {
  constexpr std::string_view prefix = "HUSH_";
  if (!name.starts_with(prefix)) return false;
  std::string_view rest = name.substr(prefix.size());
  while (!rest.empty()) {
    const std::size_t end = rest.find('_');
    const std::string_view word = rest.substr(0, end);
    if (std::find(k_credential_words.begin(), k_credential_words.end(), word) !=
        k_credential_words.end()) {
      return true;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

std::optional<std::string_view> dangerous_env_reason(std::string_view name) {
  for (const DeniedName& denied : k_denied) {
    const bool hit =
        denied.match == Match::exact ? name == denied.name : name.starts_with(denied.name);
    if (hit) return denied.reason;
  }
  return std::nullopt;
}

void refuse_dangerous_env_name(std::string_view variable, std::string_view what,
                               const std::vector<std::string>& allowed) {
  const std::optional<std::string_view> reason = dangerous_env_reason(variable);
  if (!reason) return;
  if (std::find(allowed.begin(), allowed.end(), variable) != allowed.end()) return;
  const std::string name(variable);
  throw Error(ErrorKind::invalid_input, "dangerous-env-name",
              std::string(what) + " would set " + name + ", " + std::string(*reason) +
                  "; hush refuses to inject it (pass --allow-env " + name +
                  " if the child should get it)");
}

std::optional<std::string> dangerous_name_warning(std::string_view name) {
  const std::optional<std::string_view> reason = dangerous_env_reason(name);
  if (!reason) return std::nullopt;
  const std::string text(name);
  return text + " is " + std::string(*reason) +
         "; hush run, hush materialize and hush render --format env refuse to inject it "
         "unless given --allow-env " +
         text;
}

}  // namespace hush
