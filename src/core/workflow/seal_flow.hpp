// `hush seal CONFIG`: the config's inline secrets: block into the sidecar (all or nothing), then
// the rewritten config, both atomically; a run interrupted between the two writes completes when
// run again.
#pragma once
#include <chrono>
#include <string>

#include "core/model/reference.hpp"
#include "core/workflow/sidecar_store.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {

// Plans the seal of `config` (file `config_path`) and reports its findings through the store's
// notices; with an error among them nothing is written and false is returned. Otherwise notes
// the moved names, writes the sidecar (the private key, when at hand without asking, tells a
// value an interrupted seal already moved from a name that is taken, and migrates enc:v1
// values), rewrites the config (keeping it private when it was) and says what moved.
[[nodiscard]] bool seal_config(SidecarStore& store, const std::string& config_path,
                               const YamlSource& config, Syntax syntax,
                               std::chrono::sys_seconds now, Touched& touched);

}  // namespace hush
