// Writes the sidecar model as YAML. yaml-cpp's Emitter chooses quoting, so every string it writes
// reads back as the same string; hush fixes only the layout (key order, flow for short
// collections) so the output is deterministic and diffs stay small.
#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>

#include "core/sidecar/sidecar.hpp"

namespace hush {
namespace {

void emit_strings(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& item : items) out << item;
  out << YAML::EndSeq;
}

void emit_metadata(YAML::Emitter& out, const std::map<std::string, std::string>& metadata) {
  if (metadata.empty()) return;
  out << YAML::Key << "metadata" << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& [key, value] : metadata) out << YAML::Key << key << YAML::Value << value;
  out << YAML::EndMap;
}

void emit_history(YAML::Emitter& out, const std::vector<SealedVersion>& history) {
  if (history.empty()) return;
  out << YAML::Key << "history" << YAML::Value << YAML::BeginSeq;
  for (const SealedVersion& old : history) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << old.version;
    out << YAML::Key << "created" << YAML::Value << format_time(old.created);
    out << YAML::Key << "value" << YAML::Value << old.value;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emit_entry(YAML::Emitter& out, const std::string& name, const SidecarEntry& entry) {
  out << YAML::Key << name << YAML::Value << YAML::BeginMap;
  if (!entry.description.empty()) {
    out << YAML::Key << "description" << YAML::Value << entry.description;
  }
  out << YAML::Key << "type" << YAML::Value << std::string(to_string(entry.type));
  emit_strings(out, "scopes", entry.scopes);
  emit_strings(out, "tags", entry.tags);
  emit_metadata(out, entry.metadata);
  out << YAML::Key << "created" << YAML::Value << format_time(entry.created);
  out << YAML::Key << "updated" << YAML::Value << format_time(entry.updated);
  if (entry.expires) out << YAML::Key << "expires" << YAML::Value << format_time(*entry.expires);
  if (entry.rotate_every) {
    out << YAML::Key << "rotate_every" << YAML::Value << format_duration(*entry.rotate_every);
  }
  if (entry.notify_before) {
    out << YAML::Key << "notify_before" << YAML::Value << format_duration(*entry.notify_before);
  }
  out << YAML::Key << "version" << YAML::Value << entry.version;
  emit_strings(out, "fields", entry.fields);
  out << YAML::Key << "value" << YAML::Value << entry.value;
  emit_history(out, entry.history);
  out << YAML::EndMap;
}

void emit_kdf(YAML::Emitter& out, const KdfParams& kdf) {
  out << YAML::Key << "kdf" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "alg" << YAML::Value << std::string(k_kdf_algorithm);
  out << YAML::Key << "salt" << YAML::Value << to_base64(kdf.salt);
  out << YAML::Key << "opslimit" << YAML::Value << kdf.opslimit;
  out << YAML::Key << "memlimit" << YAML::Value << kdf.memlimit;
  out << YAML::EndMap;
}

}  // namespace

std::string emit_sidecar(const Sidecar& sidecar) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "hush" << YAML::Value << sidecar_format(sidecar);
  out << YAML::Key << "environment" << YAML::Value << sidecar.environment;
  out << YAML::Key << "key_id" << YAML::Value << sidecar.key_id;
  out << YAML::Key << "public_key" << YAML::Value << to_base64(sidecar.public_key);
  if (sidecar.kdf) emit_kdf(out, *sidecar.kdf);
  out << YAML::Key << "secrets" << YAML::Value;
  if (sidecar.secrets.empty()) {
    out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
  } else {
    out << YAML::BeginMap;
    for (const auto& [name, entry] : sidecar.secrets) emit_entry(out, name, entry);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  return std::string(k_sidecar_header) + "\n" + out.c_str() + "\n";
}

}  // namespace hush
