// hush/env_names.hpp — what an environment variable's name means to hush: hush's own credential
// variables (never passed to a child, never a source), and the deny-list of loader, shell and
// interpreter start-up variables that `hush run`, `hush materialize` and `hush render --format
// env` refuse to set from a secret unless the user allows the name (--allow-env NAME).
//
// The deny-list lives in base, not runtime, because render (a layer above runtime) checks the
// names of --format env output too.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// True for a hush credential variable: a name starting with "HUSH_" in which one of the
// "_"-separated words after HUSH is KEY, PASSPHRASE, PASSWORD, TOKEN or SECRET (HUSH_KEY,
// HUSH_KEY_FILE, HUSH_PASSPHRASE, HUSH_STAGING_KEY, HUSH_CI_TOKEN…). HUSH_SECRETS (a path),
// HUSH_ENV and HUSH_AUDIT_LOG are not credentials. Case-sensitive, as the environment is.
[[nodiscard]] bool is_credential_variable(std::string_view name);

// Why `name` must not be set in a child's environment from a secret (e.g. "a shell start-up
// variable: the shell runs the file it names"), or nullopt when it is not on the deny-list.
// The list: LD_*, DYLD_*, GCONV_PATH; BASH_ENV, ENV, BASH_FUNC_*, PROMPT_COMMAND, PS0-PS4,
// SHELLOPTS, BASHOPTS, IFS, ZDOTDIR; PATH, HOME, XDG_CONFIG_HOME; NODE_OPTIONS, NODE_PATH,
// PYTHONSTARTUP, PYTHONPATH, PYTHONHOME, PYTHONUSERBASE, PYTHONWARNINGS, PYTHONBREAKPOINT,
// PERL5OPT, PERL5LIB, PERLLIB, PERL5DB, RUBYOPT, RUBYLIB, JAVA_TOOL_OPTIONS, _JAVA_OPTIONS,
// JDK_JAVA_OPTIONS, CLASSPATH, PHPRC, PHP_INI_SCAN_DIR, LUA_*; GIT_* (every git variable:
// GIT_SSH_COMMAND, GIT_CONFIG_*, GIT_DIR, GIT_EXEC_PATH … make git run other programs);
// SSH_ASKPASS, EDITOR, VISUAL, PAGER, LESSOPEN, LESSCLOSE, MANPAGER, BROWSER; HUSH_* (a child hush
// would take its key, passphrase or sidecar from it). Case-sensitive. O(list size).
[[nodiscard]] std::optional<std::string_view> dangerous_env_reason(std::string_view name);

// Throws Error(invalid_input, "dangerous-env-name") when `variable` is on the deny-list and not
// in `allowed`, naming `what` (e.g. "secret BASH_ENV"), the variable, the reason and the option
// that allows it (--allow-env VARIABLE). Never mentions a value.
void refuse_dangerous_env_name(std::string_view variable, std::string_view what,
                               const std::vector<std::string>& allowed);

// The warning `hush secrets add` prints for a name on the deny-list, or nullopt.
[[nodiscard]] std::optional<std::string> dangerous_name_warning(std::string_view name);

}  // namespace hush
