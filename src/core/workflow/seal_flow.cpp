#include "core/workflow/seal_flow.hpp"

#include "core/base/fsutil.hpp"
#include "core/render/seal.hpp"

namespace hush {

bool seal_config(SidecarStore& store, const std::string& config_path, const YamlSource& config,
                 Syntax syntax, std::chrono::sys_seconds now, Touched& touched) {
  SealPlan plan = plan_seal(config, syntax);
  store.notices().findings(plan.findings);
  if (worst(plan.findings) == Severity::error) return false;
  for (const NewSecret& secret : plan.secrets) touched.note({secret.name}, {});
  // A key is looked for only when needed: to migrate, or to tell a value an interrupted seal
  // already moved (kill -9 between the two writes) from a name that is taken.
  const std::optional<Keypair> keys =
      !names_already_in(store.sidecar(), plan.secrets).empty()
          ? store.keys_at_hand("cannot compare with the sidecar's values")
          : store.migration_keys();
  SealApplied applied;
  store.write(
      [&](Sidecar& sidecar) {
        applied = apply_seal(sidecar, plan.secrets, now, keys ? &*keys : nullptr);
      },
      keys ? &*keys : nullptr);
  const bool private_file = (permission_bits(config_path) & 0077) == 0;
  write_file_atomic(config_path, plan.config_text,
                    private_file ? FileMode::owner_only : FileMode::shared_readable);
  const std::size_t moved = applied.added.size() + applied.already.size();
  store.notices().say("moved " + std::to_string(moved) + " inline secrets into " +
                      store.path().string() + "; " + config_path + " now references them" +
                      (applied.already.empty()
                           ? ""
                           : " (" + std::to_string(applied.already.size()) +
                                 " were there already from an interrupted seal)"));
  return true;
}

}  // namespace hush
