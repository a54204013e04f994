// The JSON forms of `hush secrets list`, `due` and `versions`: names and metadata, never values.
#include "core/base/clock.hpp"
#include "core/base/json.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush {
namespace {

Json optional_time(const std::optional<std::chrono::sys_seconds>& when) {
  return when ? Json(format_time(*when)) : Json();
}

}  // namespace

std::string listings_json(const std::vector<SecretListing>& listings) {
  Json out = Json::array();
  for (const SecretListing& listing : listings) {
    const SidecarEntry& e = listing.entry;
    Json metadata = Json::object();
    for (const auto& [key, value] : e.metadata) metadata[key] = value;
    out.push_back(
        {{"name", listing.name},
         {"description", e.description},
         {"type", std::string(to_string(e.type))},
         {"scopes", e.scopes},
         {"tags", e.tags},
         {"metadata", std::move(metadata)},
         {"fields", e.fields},
         {"created", format_time(e.created)},
         {"updated", format_time(e.updated)},
         {"expires", optional_time(e.expires)},
         {"rotate_every", e.rotate_every ? Json(format_duration(*e.rotate_every)) : Json()},
         {"status", std::string(to_string(listing.status))},
         {"version", e.version}});
  }
  return json_text(out);
}

std::string versions_json(const std::vector<SecretVersion>& versions) {
  Json out = Json::array();
  for (const SecretVersion& v : versions) {
    out.push_back(
        {{"version", v.version}, {"created", format_time(v.created)}, {"current", v.current}});
  }
  return json_text(out);
}

}  // namespace hush
