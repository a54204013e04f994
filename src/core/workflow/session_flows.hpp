// The flows of commands that need the whole Invocation (project, environment, sidecar location,
// keys): `hush init`, what `hush secrets rm` shows and asks before deleting, and which secrets
// `hush run` and `hush materialize` inject. They talk back through the invocation's Notices.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/inject.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/workflow/check_setup.hpp"
#include "core/workflow/invocation.hpp"

namespace hush {

// `hush init`: a sidecar where the invocation locates it (beside `config` when given), its key
// stored in the default keys directory or, with `passphrase`, derived from HUSH_PASSPHRASE or a
// new passphrase typed twice on the terminal. `kdf` is minimum, interactive or moderate. The
// result is said on the notices. Error(usage, "no-passphrase" | "passphrase-mismatch"), and
// init_sidecar's errors.
InitResult init_flow(const Invocation& invocation,
                     const std::optional<std::filesystem::path>& config, bool passphrase,
                     const std::string& kdf);

// `hush check`: run_check of `request`, filled in with the invocation's project, sidecar query,
// keys, environment, syntax, input limit and notices, at the current time.
[[nodiscard]] CheckOutcome check_flow(const Invocation& invocation, CheckRequest& request);

// `hush secrets rm` before it deletes: shows (one line each, then the count) every reference
// to `name` in `configs` (globs from the working directory) or, when empty, in the project's
// `configs:` (from the project's directory), warns when there was nothing to scan, and returns
// the count. `show` gets lines without their line break.
std::size_t show_references_flow(const Invocation& invocation, const std::string& name,
                                 const std::vector<std::string>& configs,
                                 const std::function<void(const std::string&)>& show);
// Whether the user typed `name` on the terminal when asked; Error(usage,
// "confirmation-required") without a terminal.
[[nodiscard]] bool confirm_by_name(const std::string& name);

// Which secrets `hush run` and `hush materialize` use: the sidecar's (all, or `only`), or exactly
// those `config` references (through the full source chain). Findings of `config` (unresolved
// references) go to the notices; an error among them throws Error(invalid_input, "unresolved").
// Every secret is logged to the journal and noted for the audit record; one shorter than
// `min_length` (the redactor's) is warned about, since messages cannot mask it.
struct SecretSelection {
  std::vector<std::string> only{};
  std::string config{};
};
[[nodiscard]] std::vector<InjectedSecret> select_secrets(const Invocation& invocation,
                                                         const SecretSelection& selection,
                                                         std::size_t min_length);

}  // namespace hush
