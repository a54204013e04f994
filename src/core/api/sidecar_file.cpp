#include <functional>
#include <hush/sidecar.hpp>

#include "core/api/api_access.hpp"

namespace hush {
namespace {

SecretType type_named(const std::string& word) {
  const std::optional<SecretType> type = parse_secret_type(word);
  if (!type) {
    throw Error(ErrorKind::usage, "unknown-secret-type",
                "unknown secret type " + word +
                    " (generic, password, api-key, bearer, basic, client-credentials, "
                    "certificate, kv)");
  }
  return *type;
}

StoredSecret stored(const SecretListing& listing) {
  const SidecarEntry& e = listing.entry;
  return {.name = listing.name,
          .type = std::string(to_string(e.type)),
          .description = e.description,
          .scopes = e.scopes,
          .tags = e.tags,
          .labels = e.metadata,
          .fields = e.fields,
          .created = e.created,
          .updated = e.updated,
          .expires = e.expires,
          .rotate_every = e.rotate_every,
          .version = e.version,
          .status = std::string(to_string(listing.status)),
          .notify_before = e.notify_before};
}

std::chrono::sys_seconds now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

SecretPayload payload_of(SecretValue value, std::vector<NamedSecret> fields) {
  return {.value = std::move(value), .fields = std::move(fields)};
}

// A file-backed sidecar changes under the file's lock, on the file's current content (another
// process may have written since open()); an in-memory one on a copy, so a throwing change
// leaves it as it was. `apply` runs once.
void change(const std::filesystem::path& path, Sidecar& model,
            const std::function<void(Sidecar&)>& apply) {
  if (path.empty()) {
    Sidecar copy = model;
    apply(copy);
    model = std::move(copy);
    return;
  }
  Sidecar result;
  update_sidecar(path, [&](Sidecar& current) {
    apply(current);
    result = current;
  });
  model = std::move(result);
}

}  // namespace

SidecarFile::SidecarFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SidecarFile::~SidecarFile() = default;
SidecarFile::SidecarFile(SidecarFile&&) noexcept = default;
SidecarFile& SidecarFile::operator=(SidecarFile&&) noexcept = default;

SidecarFile SidecarFile::create(const std::filesystem::path& path,
                                const SidecarCreateOptions& options) {
  InitOptions init{.sidecar_path = path,
                   .environment = options.environment,
                   .keys_dir = options.keys_dir.empty() ? keys_directory() : options.keys_dir};
  if (options.passphrase) init.passphrase = options.passphrase->clone();
  (void)init_sidecar(init);
  return open(path);
}

SidecarFile SidecarFile::open(const std::filesystem::path& path) {
  return SidecarFile(std::make_unique<Impl>(Impl{path, load_sidecar(path)}));
}

SidecarFile SidecarFile::parse(std::string path, std::string_view text) {
  return SidecarFile(std::make_unique<Impl>(Impl{{}, parse_sidecar(path, text)}));
}

SidecarFile SidecarFile::in_memory(const SidecarKey& key, std::string environment) {
  Sidecar model;
  model.environment = std::move(environment);
  model.public_key = detail::ApiAccess::of(key).public_key;
  model.key_id = key_id_for(model.public_key);
  return SidecarFile(std::make_unique<Impl>(Impl{{}, std::move(model)}));
}

const std::filesystem::path& SidecarFile::path() const { return m_impl->path; }
std::string SidecarFile::environment() const { return m_impl->model.environment; }
std::string SidecarFile::key_id() const { return m_impl->model.key_id; }
bool SidecarFile::passphrase_protected() const { return m_impl->model.kdf.has_value(); }

std::vector<std::string> SidecarFile::names() const {
  std::vector<std::string> out;
  for (const auto& [name, entry] : m_impl->model.secrets) out.push_back(name);
  return out;
}

std::vector<StoredSecret> SidecarFile::list() const {
  std::vector<StoredSecret> out;
  for (const SecretListing& listing : list_secrets(m_impl->model, {.now = now()})) {
    out.push_back(stored(listing));
  }
  return out;
}

std::optional<StoredSecret> SidecarFile::find(std::string_view name) const {
  const auto it = m_impl->model.secrets.find(name);
  if (it == m_impl->model.secrets.end()) return std::nullopt;
  return stored({.name = it->first,
                 .entry = it->second,
                 .status = status_of(it->second, now(), k_default_expiring_window)});
}

void SidecarFile::add(SecretDraft draft) {
  NewSecret secret{.name = std::move(draft.name),
                   .type = type_named(draft.type),
                   .payload = payload_of(std::move(draft.value), std::move(draft.fields)),
                   .description = std::move(draft.description),
                   .scopes = std::move(draft.scopes),
                   .tags = std::move(draft.tags),
                   .metadata = std::move(draft.labels),
                   .expires = draft.expires,
                   .rotate_every = draft.rotate_every,
                   .notify_before = draft.notify_before};
  change(m_impl->path, m_impl->model,
         [&](Sidecar& model) { add_secret(model, std::move(secret), now()); });
}

void SidecarFile::update(std::string_view name, SecretEdit edit, const SidecarKey* key) {
  const Keypair* keys = key != nullptr ? &detail::ApiAccess::of(*key) : nullptr;
  change(m_impl->path, m_impl->model, [&](Sidecar& model) {
    SecretChanges changes;
    if (edit.value || !edit.fields.empty()) {
      changes.payload =
          payload_of(edit.value ? std::move(*edit.value) : SecretValue{}, std::move(edit.fields));
    }
    if (edit.type) changes.type = type_named(*edit.type);
    changes.description = edit.description;
    changes.scopes = edit.scopes;
    changes.tags = edit.tags;
    update_secret(model, name, std::move(changes), now(), keys);
  });
}

void SidecarFile::remove(std::string_view name) {
  change(m_impl->path, m_impl->model, [&](Sidecar& model) { remove_secret(model, name); });
}

void SidecarFile::reload() {
  if (!m_impl->path.empty()) m_impl->model = load_sidecar(m_impl->path);
}

SidecarKey SidecarFile::unlock(const KeyLookup& lookup) const {
  return detail::ApiAccess::wrap(unlock_sidecar(m_impl->model, detail::to_internal(lookup)));
}

SecretValue SidecarFile::reveal(std::string_view name, const SidecarKey& key,
                                std::string_view field) const {
  (void)find_secret(m_impl->model, name);  // unknown-secret, with suggestions
  const Keypair& keys = detail::ApiAccess::of(key);
  SidecarSource source(m_impl->model, Keypair{keys.public_key, keys.private_key.clone()});
  return source.fetch(name, field)->clone();
}

std::string SidecarFile::text() const { return emit_sidecar(m_impl->model); }

}  // namespace hush
