#include "core/workflow/import_flow.hpp"

#include <hush/source.hpp>

#include "core/base/fsutil.hpp"
#include "core/sidecar/dotenv.hpp"

namespace hush {
namespace {

// Adds (or, with `update`, updates) every entry in `sidecar`; all or nothing with the store.
ImportCounts import_entries(Sidecar& sidecar, const std::vector<DotenvEntry>& entries,
                            const ImportRequest& request) {
  ImportCounts counts;
  for (const DotenvEntry& entry : entries) {
    if (sidecar.secrets.count(entry.name) != 0 && request.update) {
      SecretChanges changes;
      changes.payload = SecretPayload{entry.value.clone(), {}};
      update_secret(sidecar, entry.name, std::move(changes), request.now);
      ++counts.updated;
      continue;
    }
    NewSecret secret =
        new_secret_from(entry.name, request.metadata, {entry.value.clone(), {}}, request.now);
    try {
      add_secret(sidecar, std::move(secret), request.now);
    } catch (const Error& e) {
      throw Error(e.kind(), e.id(),
                  e.message() + " (" + request.file + " entry " + entry.name + ")", entry.where);
    }
    ++counts.added;
  }
  return counts;
}

}  // namespace

ImportCounts import_dotenv(SidecarStore& store, const ImportRequest& request, Touched& touched) {
  // Read into secure memory; each value is copied from there into its own SecretValue.
  const std::vector<DotenvEntry> entries =
      parse_dotenv(read_secret_file(request.file, k_import_file_limit).reveal(), request.file);
  std::vector<std::string> names;
  for (const DotenvEntry& e : entries) {
    announce_revealed(e.name, e.value);
    names.push_back(e.name);
  }
  touched.note(names, {});
  ImportCounts counts;
  store.write([&](Sidecar& sidecar) { counts = import_entries(sidecar, entries, request); });
  store.notices().say("imported " + std::to_string(counts.added) + " new and " +
                      std::to_string(counts.updated) + " updated secrets into " +
                      store.path().string());
  return counts;
}

}  // namespace hush
