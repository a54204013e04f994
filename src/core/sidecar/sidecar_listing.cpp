// The JSON forms of `hush secrets list`, `due` and `versions`: names and metadata, never values.
#include "core/base/clock.hpp"
#include "core/base/json.hpp"
#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush {
namespace {

Json optional_time(const std::optional<std::chrono::sys_seconds>& when) {
  return when ? Json(format_time(*when)) : Json();
}

Json optional_duration(const std::optional<std::chrono::seconds>& duration) {
  return duration ? Json(format_duration(*duration)) : Json();
}

}  // namespace

std::string listings_json(const std::vector<SecretListing>& listings) {
  Json out = Json::array();
  for (const SecretListing& listing : listings) {
    const SidecarEntry& e = listing.entry;
    Json metadata = Json::object();
    for (const auto& [key, value] : e.metadata) metadata[key] = value;
    out.push_back({{"name", listing.name},
                   {"description", e.description},
                   {"type", std::string(to_string(e.type))},
                   {"scopes", e.scopes},
                   {"tags", e.tags},
                   {"metadata", std::move(metadata)},
                   {"fields", e.fields},
                   {"created", format_time(e.created)},
                   {"updated", format_time(e.updated)},
                   {"expires", optional_time(e.expires)},
                   {"rotate_every", optional_duration(e.rotate_every)},
                   {"notify_before", optional_duration(e.notify_before)},
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

std::string listings_table(const std::vector<SecretListing>& listings) {
  std::vector<std::vector<std::string>> rows = {{"KEY", "TYPE", "DESCRIPTION", "SCOPES", "TAGS",
                                                 "CREATED", "UPDATED", "EXPIRES", "STATUS",
                                                 "VERSION"}};
  for (const SecretListing& l : listings) {
    const SidecarEntry& e = l.entry;
    rows.push_back({l.name, std::string(to_string(e.type)), e.description, join(e.scopes, ","),
                    join(e.tags, ","), format_time(e.created), format_time(e.updated),
                    e.expires ? format_time(*e.expires) : "", std::string(to_string(l.status)),
                    std::to_string(e.version)});
  }
  return format_table(rows);
}

std::string versions_table(const std::vector<SecretVersion>& versions) {
  std::vector<std::vector<std::string>> rows = {{"VERSION", "CREATED", ""}};
  for (const SecretVersion& v : versions) {
    rows.push_back({std::to_string(v.version), format_time(v.created), v.current ? "current" : ""});
  }
  return format_table(rows);
}

}  // namespace hush
