// `hush redact`: which values to mask (named environment variables, the sidecar's values,
// whatever else this process revealed) and the copy from one descriptor to a sink through a
// RedactStream.
#pragma once
#include <functional>
#include <hush/redact.hpp>
#include <hush/secret.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/environment.hpp"
#include "core/workflow/notices.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace hush {

// The values of the variables `names` in `environment` (ordinary or credential; an unset one is
// warned about through `notices` and skipped), then every value of the sidecar `open_store`
// opens (empty: none; unlocked by the store's policy), then every value in the reveal registry
// (HUSH_KEY, a passphrase).
[[nodiscard]] std::vector<NamedSecret> values_to_mask(
    const std::vector<std::string>& names, const Environment& environment,
    const std::function<SidecarStore()>& open_store, const Notices& notices);

// Reads `in_fd` to its end (EINTR retried) and hands `sink` the text with every value `redactor`
// knows masked, across chunk boundaries too. Returns when the input ends or fails.
void copy_redacted(int in_fd, const Redactor& redactor,
                   const std::function<void(std::string_view)>& sink);

// copy_redacted into `out_fd`. Throws Error(io, "write-failed") with the OS reason on the first
// write that fails (a full device, a closed pipe); what was written before it stays written.
void copy_redacted_to(int in_fd, int out_fd, const Redactor& redactor);

}  // namespace hush
