// Reads the sidecar's YAML into the model, with a located error for anything unexpected. Scalar
// contents are echoed in messages only for keys and fields that never hold a secret (a value
// pasted in by hand must not reach a terminal).
#include <algorithm>
#include <hush/error.hpp>
#include <initializer_list>

#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"
#include "core/sidecar/sidecar_impl.hpp"
#include "core/yaml/yaml_source.hpp"

namespace hush {
namespace {

using namespace sidecar_detail;

// One mapping entry with where its key sits (maps and nulls have no position of their own).
struct Item {
  std::string key;
  const YamlNode* value = nullptr;
  Location at;
};

class SidecarParser {
 public:
  SidecarParser(const std::string& path, const YamlDocument& document)
      : m_path(path), m_document(document) {}
  [[nodiscard]] Sidecar parse();

 private:
  [[noreturn]] void fail(const Location& at, const std::string& message) const {
    throw Error(ErrorKind::invalid_input, "sidecar-invalid", message, at);
  }
  [[nodiscard]] Location where(const YamlNode& node, const Location& fallback) const;
  [[nodiscard]] std::vector<Item> items(const YamlNode& map, const Location& at,
                                        const std::string& what,
                                        std::initializer_list<std::string_view> known) const;
  [[nodiscard]] std::string text(const Item& item) const;
  [[nodiscard]] std::uint64_t number(const Item& item, std::uint64_t minimum) const;
  [[nodiscard]] std::chrono::sys_seconds time(const Item& item) const;
  [[nodiscard]] std::vector<std::string> strings(const Item& item) const;
  [[nodiscard]] std::string base64(const Item& item, std::size_t size) const;
  [[nodiscard]] KdfParams kdf(const Item& item) const;
  [[nodiscard]] std::uint64_t kdf_limit(const Item& item, std::uint64_t minimum,
                                        std::uint64_t maximum, std::string_view unit) const;
  void check_seal_format(const Item& value, const std::string& what) const;
  [[nodiscard]] SidecarEntry entry(const Item& item) const;
  void entry_field(SidecarEntry& entry, const Item& item, const std::string& what) const;
  void notify_before(SidecarEntry& entry, const Item& item, const std::string& what) const;
  [[nodiscard]] std::vector<SealedVersion> history(const Item& item, const std::string& what) const;
  void check_entry(const Item& item, const SidecarEntry& entry,
                   const std::vector<Item>& fields) const;

  std::string m_path;
  const YamlDocument& m_document;
  std::uint64_t m_format = k_sidecar_format;  // the file's `hush:` number
};

const Item& required(const std::vector<Item>& items, std::string_view key, const Location& at,
                     const std::string& what) {
  const auto found =
      std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.key == key; });
  if (found != items.end()) return *found;
  throw Error(ErrorKind::invalid_input, "sidecar-invalid",
              "missing key '" + std::string(key) + "' in " + what, at);
}

const Item* optional_item(const std::vector<Item>& items, std::string_view key) {
  const auto found =
      std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.key == key; });
  return found == items.end() ? nullptr : &*found;
}

Location SidecarParser::where(const YamlNode& node, const Location& fallback) const {
  if (node.kind != NodeKind::scalar || node.scalar >= m_document.scalars.size()) return fallback;
  const LineColumn start = m_document.scalars[node.scalar].start;
  return Location{m_path, start.line, start.column};
}

std::vector<Item> SidecarParser::items(const YamlNode& map, const Location& at,
                                       const std::string& what,
                                       std::initializer_list<std::string_view> known) const {
  if (map.kind != NodeKind::map) fail(at, "expected a mapping for " + what);
  std::vector<Item> out;
  for (std::size_t i = 0; i < map.keys.size(); ++i) {
    const Location key_at = where(map.keys[i], at);
    if (map.keys[i].kind != NodeKind::scalar) fail(key_at, "expected a plain key in " + what);
    const std::string& key = map.keys[i].value;
    if (known.size() != 0 && std::find(known.begin(), known.end(), key) == known.end()) {
      std::vector<std::string> names(known.begin(), known.end());
      fail(key_at, "unknown key '" + key + "' in " + what + " (known: " + join(names, ", ") + ")");
    }
    out.push_back({key, &map.children[i], key_at});
  }
  return out;
}

std::string SidecarParser::text(const Item& item) const {
  if (item.value->kind == NodeKind::null) return {};
  if (item.value->kind != NodeKind::scalar) fail(item.at, "expected a string for " + item.key);
  return item.value->value;
}

std::uint64_t SidecarParser::number(const Item& item, std::uint64_t minimum) const {
  const std::string digits = text(item);
  const Location at = where(*item.value, item.at);
  std::uint64_t value = 0;
  const bool ok =
      !digits.empty() && digits.size() <= 19 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok) {
    for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok || value < minimum) {
    fail(at, "invalid " + item.key + " '" + digits + "': expected a whole number of at least " +
                 std::to_string(minimum));
  }
  return value;
}

std::chrono::sys_seconds SidecarParser::time(const Item& item) const {
  const std::string value = text(item);
  if (const std::optional<std::chrono::sys_seconds> parsed = try_parse_time(value)) return *parsed;
  fail(where(*item.value, item.at),
       "invalid " + item.key + " '" + value + "': expected a UTC time like 2026-11-22T23:00:00Z");
}

std::vector<std::string> SidecarParser::strings(const Item& item) const {
  std::vector<std::string> out;
  if (item.value->kind == NodeKind::null) return out;
  if (item.value->kind != NodeKind::sequence) fail(item.at, "expected a list for " + item.key);
  for (const YamlNode& child : item.value->children) {
    if (child.kind != NodeKind::scalar) fail(item.at, "expected strings in " + item.key);
    out.push_back(child.value);
  }
  return out;
}

std::string SidecarParser::base64(const Item& item, std::size_t size) const {
  const std::optional<std::string> raw = from_base64(text(item));
  if (!raw || raw->size() != size) {
    fail(where(*item.value, item.at),
         item.key + " must be base64 of " + std::to_string(size) + " bytes");
  }
  return *raw;
}

KdfParams SidecarParser::kdf(const Item& item) const {
  const std::vector<Item> fields =
      items(*item.value, item.at, "kdf", {"alg", "salt", "opslimit", "memlimit"});
  const Item& alg = required(fields, "alg", item.at, "kdf");
  if (text(alg) != k_kdf_algorithm) {
    fail(where(*alg.value, alg.at),
         "unsupported kdf alg; hush uses " + std::string(k_kdf_algorithm));
  }
  KdfParams params;
  params.salt = base64(required(fields, "salt", item.at, "kdf"), k_kdf_salt_bytes);
  params.opslimit = kdf_limit(required(fields, "opslimit", item.at, "kdf"), k_kdf_min_opslimit,
                              k_kdf_max_opslimit, "");
  params.memlimit = kdf_limit(required(fields, "memlimit", item.at, "kdf"), k_kdf_min_memlimit,
                              k_kdf_max_memlimit, " bytes");
  return params;
}

// A limit that anyone editing the file could set to hours of work or terabytes of memory: refused
// here, before any key is derived.
std::uint64_t SidecarParser::kdf_limit(const Item& item, std::uint64_t minimum,
                                       std::uint64_t maximum, std::string_view unit) const {
  const std::uint64_t value = number(item, 0);
  if (value >= minimum && value <= maximum) return value;
  throw Error(ErrorKind::invalid_input, "kdf-params",
              "kdf " + item.key + " " + std::to_string(value) + " is out of range " +
                  std::to_string(minimum) + " to " + std::to_string(maximum) + std::string(unit) +
                  " (libsodium's minimum to the most hush init --passphrase writes)",
              where(*item.value, item.at));
}

// An enc:v2 value needs format 2: a format-1 file is one an older hush may open.
void SidecarParser::check_seal_format(const Item& value, const std::string& what) const {
  if (m_format != 1 || seal_format_of(text(value)) != SealFormat::hush2) return;
  fail(where(*value.value, value.at),
       what + " is sealed as enc:v2, which needs sidecar format 2 (the file says hush: 1)");
}

std::vector<SealedVersion> SidecarParser::history(const Item& item, const std::string& what) const {
  std::vector<SealedVersion> out;
  if (item.value->kind == NodeKind::null) return out;
  if (item.value->kind != NodeKind::sequence) fail(item.at, "expected a list for history");
  for (const YamlNode& child : item.value->children) {
    const std::vector<Item> fields =
        items(child, item.at, "a history entry", {"version", "created", "value"});
    const Item& version = required(fields, "version", item.at, "a history entry");
    const Item& value = required(fields, "value", item.at, "a history entry");
    SealedVersion sealed{.version = number(version, 1),
                         .created = time(required(fields, "created", item.at, "a history entry")),
                         .value = text(value)};
    if (!out.empty() && sealed.version <= out.back().version) {
      fail(where(*version.value, version.at), "history versions must increase");
    }
    if (!seal_format_of(sealed.value)) {
      fail(where(*value.value, value.at), "history version " + std::to_string(sealed.version) +
                                              " of " + what + " is not encrypted");
    }
    check_seal_format(value, "history version " + std::to_string(sealed.version) + " of " + what);
    out.push_back(std::move(sealed));
  }
  return out;
}

// notify_before needs format 2 for the reason enc:v2 does: a hush that reads only format 1 would
// refuse the key.
void SidecarParser::notify_before(SidecarEntry& entry, const Item& item,
                                  const std::string& what) const {
  const Location at = where(*item.value, item.at);
  entry.notify_before = try_parse_duration(text(item));
  if (!entry.notify_before) {
    fail(at, "invalid notify_before '" + text(item) + "': expected a duration like 30d, 12h or 2w");
  }
  if (m_format == 1) {
    fail(at, "notify_before of " + what + " needs sidecar format 2 (the file says hush: 1)");
  }
}

void SidecarParser::entry_field(SidecarEntry& entry, const Item& item,
                                const std::string& what) const {
  const std::string& key = item.key;
  if (key == "description") entry.description = text(item);
  if (key == "scopes") entry.scopes = strings(item);
  if (key == "tags") entry.tags = strings(item);
  if (key == "fields") entry.fields = strings(item);
  if (key == "value") entry.value = text(item);
  if (key == "created") entry.created = time(item);
  if (key == "updated") entry.updated = time(item);
  if (key == "expires") entry.expires = time(item);
  if (key == "version") entry.version = number(item, 1);
  if (key == "history") entry.history = history(item, what);
  if (key == "type") {
    const std::optional<SecretType> type = parse_secret_type(text(item));
    if (!type) {
      fail(where(*item.value, item.at),
           "unknown type '" + text(item) +
               "' (known: generic, password, api-key, bearer, basic, client-credentials, "
               "certificate, kv)");
    }
    entry.type = *type;
  }
  if (key == "rotate_every") {
    entry.rotate_every = try_parse_duration(text(item));
    if (!entry.rotate_every) {
      fail(where(*item.value, item.at),
           "invalid rotate_every '" + text(item) + "': expected a duration like 90d, 12h or 2w");
    }
  }
  if (key == "notify_before") notify_before(entry, item, what);
  if (key == "metadata") {
    for (const Item& meta : items(*item.value, item.at, "metadata", {})) {
      entry.metadata[meta.key] = text(meta);
    }
  }
}

void SidecarParser::check_entry(const Item& item, const SidecarEntry& entry,
                                const std::vector<Item>& fields) const {
  const std::string what = "secret " + item.key;
  for (const char* key : {"created", "updated", "version", "value"}) {
    (void)required(fields, key, item.at, what);
  }
  const Item& value = required(fields, "value", item.at, what);
  if (!seal_format_of(entry.value)) {
    fail(where(*value.value, value.at), "value of " + what +
                                            " is not encrypted (expected enc:v2:…); set it with " +
                                            "hush secrets update " + item.key);
  }
  check_seal_format(value, "value of " + what);
  if (!entry.history.empty() && entry.history.back().version >= entry.version) {
    fail(where(*required(fields, "version", item.at, what).value, item.at),
         "version of " + what + " must be greater than every history version");
  }
  const auto at_key = [&](std::string_view key) {
    const Item* found = optional_item(fields, key);
    return found == nullptr ? item.at : found->at;
  };
  for (const std::string& scope : entry.scopes) {
    if (std::optional<std::string> problem = scope_problem(scope)) fail(at_key("scopes"), *problem);
  }
  if (std::optional<std::string> problem = field_set_problem(entry.type, entry.fields)) {
    fail(at_key("fields"), what + ": " + *problem);
  }
}

SidecarEntry SidecarParser::entry(const Item& item) const {
  if (std::optional<std::string> problem = secret_name_problem(item.key)) fail(item.at, *problem);
  const std::vector<Item> fields =
      items(*item.value, item.at, "secret " + item.key,
            {"description", "type", "scopes", "tags", "metadata", "created", "updated", "expires",
             "rotate_every", "notify_before", "version", "fields", "value", "history"});
  SidecarEntry entry;
  for (const Item& field : fields) entry_field(entry, field, "secret " + item.key);
  std::sort(entry.fields.begin(), entry.fields.end());
  check_entry(item, entry, fields);
  return entry;
}

Sidecar SidecarParser::parse() {
  const Location top{m_path, 1, 1};
  const std::vector<Item> header =
      items(m_document.root, top, "the sidecar",
            {"hush", "environment", "key_id", "public_key", "kdf", "secrets"});
  const Item& format = required(header, "hush", top, "the sidecar");
  m_format = number(format, 1);
  if (m_format > static_cast<std::uint64_t>(k_sidecar_format)) {
    fail(where(*format.value, format.at),
         "unsupported sidecar format " + text(format) + " (this hush reads formats 1 and 2)");
  }
  Sidecar sidecar;
  if (const Item* environment = optional_item(header, "environment")) {
    sidecar.environment = text(*environment);
  }
  sidecar.public_key = base64(required(header, "public_key", top, "the sidecar"), k_key_bytes);
  const Item& key_id = required(header, "key_id", top, "the sidecar");
  sidecar.key_id = text(key_id);
  if (sidecar.key_id != key_id_for(sidecar.public_key)) {
    fail(where(*key_id.value, key_id.at), "key_id " + sidecar.key_id +
                                              " does not match public_key (whose key id is " +
                                              key_id_for(sidecar.public_key) + ")");
  }
  if (const Item* kdf_item = optional_item(header, "kdf")) sidecar.kdf = kdf(*kdf_item);
  const Item* secrets = optional_item(header, "secrets");
  if (secrets != nullptr && secrets->value->kind != NodeKind::null) {
    for (const Item& item : items(*secrets->value, secrets->at, "secrets", {})) {
      sidecar.secrets.emplace(item.key, entry(item));
    }
  }
  return sidecar;
}

}  // namespace

Sidecar parse_sidecar(const std::string& path, std::string_view text) {
  return parse_sidecar(parse_yaml_source(path, std::string(text)));
}

Sidecar parse_sidecar(const YamlSource& source) {
  const std::string& path = source.path;
  if (source.documents.size() != 1) {
    throw Error(
        ErrorKind::invalid_input, "sidecar-invalid",
        "a sidecar holds exactly one YAML document, not " + std::to_string(source.documents.size()),
        Location{path, 1, 1});
  }
  return SidecarParser(path, source.documents.front()).parse();
}

}  // namespace hush
