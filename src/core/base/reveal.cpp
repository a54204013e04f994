// The reveal registry and SecretSource::fetch, the one path by which a source's value reaches
// the rest of hush: the value is announced before the caller sees it, so nothing that fails
// afterwards can print it unmasked.
#include <hush/source.hpp>
#include <memory>
#include <mutex>
#include <utility>

namespace hush {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::pair<std::string, SharedSecret>> values;
};

// Never destroyed, like the secure pool: announcements may come from static destructors' peers.
Registry& registry() {
  static Registry* const instance = new Registry();
  return *instance;
}

}  // namespace

SharedSecret SecretSource::fetch(std::string_view key, std::string_view field) {
  auto value = std::make_shared<const SecretValue>(fetch_value(key, field));
  announce_revealed(key, value);
  return value;
}

void announce_revealed(std::string_view name, SharedSecret value) {
  if (!value) return;
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  r.values.emplace_back(std::string(name), std::move(value));
}

void announce_revealed(std::string_view name, const SecretValue& value) {
  announce_revealed(name, std::make_shared<const SecretValue>(value.clone()));
}

std::size_t revealed_count() {
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  return r.values.size();
}

void visit_revealed(std::size_t from,
                    const std::function<void(const std::string& name, const SecretValue&)>& visit) {
  std::vector<std::pair<std::string, SharedSecret>> snapshot;
  {
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    if (from < r.values.size()) {
      snapshot.assign(r.values.begin() + static_cast<std::ptrdiff_t>(from), r.values.end());
    }
  }
  for (const auto& [name, value] : snapshot) visit(name, *value);
}

}  // namespace hush
