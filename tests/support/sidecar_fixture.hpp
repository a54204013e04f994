// tests/support/sidecar_fixture.hpp — a fresh keypair and empty sidecar, and short builders for
// secrets, shared by the sidecar tests. Times are fixed so no test depends on the real clock.
#pragma once
#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "core/base/fsutil.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::test {

// 2026-11-22T23:00:00Z, the "now" of every sidecar test.
inline std::chrono::sys_seconds test_now() {
  using namespace std::chrono;
  return sys_days(year(2026) / 11 / 22) + hours(23);
}

inline std::chrono::sys_seconds days_after_now(int days) {
  return test_now() + std::chrono::days(days);
}

inline Sidecar empty_sidecar(const Keypair& keys, std::string environment = "production") {
  Sidecar sidecar;
  sidecar.environment = std::move(environment);
  sidecar.public_key = keys.public_key;
  sidecar.key_id = key_id_for(keys.public_key);
  return sidecar;
}

inline SecretPayload value_payload(std::string_view value) {
  SecretPayload payload;
  payload.value = SecretValue(value);
  return payload;
}

inline SecretPayload fields_payload(
    std::initializer_list<std::pair<const char*, const char*>> fields) {
  SecretPayload payload;
  for (const auto& [name, value] : fields) payload.fields.push_back({name, SecretValue(value)});
  return payload;
}

inline NewSecret simple_secret(std::string name, std::string_view value,
                               std::vector<std::string> scopes = {}) {
  NewSecret secret;
  secret.name = std::move(name);
  secret.type = SecretType::password;
  secret.payload = value_payload(value);
  secret.scopes = std::move(scopes);
  return secret;
}

// tests/fixtures/NAME (HUSH_TEST_FIXTURES is set by tests/CMakeLists.txt).
inline std::filesystem::path fixture_path(std::string_view name) {
  return std::filesystem::path(HUSH_TEST_FIXTURES) / name;
}

// The private key of tests/fixtures/legacy_v1.secrets.yaml, a format-1 sidecar made by hush
// before seal format 2 (see tests/fixtures/README.md).
inline Keypair legacy_keys() {
  const std::string text = read_file(fixture_path("legacy_v1.key"), config_input_limit());
  return keypair_from_private(*secret_from_base64(std::string_view(text).substr(0, 44)));
}

// A keypair and an empty sidecar for it.
struct SidecarFixture {
  Keypair keys = generate_keypair();
  Sidecar sidecar = empty_sidecar(keys);

  [[nodiscard]] std::string reveal(std::string_view name) const {
    return std::string(reveal_secret(sidecar, name, keys).value.reveal());
  }
};

}  // namespace hush::test
