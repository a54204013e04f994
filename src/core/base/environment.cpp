#include "core/base/environment.hpp"

#include <sodium.h>

#include <cstring>
#include <hush/source.hpp>

#include "core/base/env_names.hpp"

namespace hush {

bool EnvironmentBlock::set(std::string_view name, std::string_view value, Existing existing) {
  const auto found = m_values.find(name);
  if (found != m_values.end()) {
    if (existing == Existing::keep) return false;
    found->second = SecretValue(value);
    return true;
  }
  m_values.emplace(std::string(name), SecretValue(value));
  return true;
}

bool EnvironmentBlock::contains(std::string_view name) const {
  return m_values.find(name) != m_values.end();
}

const SecretValue* EnvironmentBlock::find(std::string_view name) const {
  const auto found = m_values.find(name);
  return found == m_values.end() ? nullptr : &found->second;
}

char* const* EnvironmentBlock::envp() {
  std::size_t total = 0;
  for (const auto& [name, value] : m_values) total += name.size() + 1 + value.size() + 1;
  m_strings = total == 0 ? SecretValue() : SecretValue::with_size(total);
  m_pointers.clear();
  m_pointers.reserve(m_values.size() + 1);
  char* at = m_strings.data();
  for (const auto& [name, value] : m_values) {
    m_pointers.push_back(at);
    std::memcpy(at, name.data(), name.size());
    at += name.size();
    *at++ = '=';
    std::memcpy(at, value.reveal().data(), value.size());
    at += value.size();
    *at++ = '\0';
  }
  m_pointers.push_back(nullptr);
  return m_pointers.data();
}

Environment Environment::from_block(const char* const* block) {
  Environment env;
  for (const char* const* entry = block; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    env.add(text.substr(0, equals), text.substr(equals + 1));
  }
  return env;
}

Environment Environment::from_pairs(
    std::initializer_list<std::pair<std::string_view, std::string_view>> pairs) {
  Environment env;
  for (const auto& [name, value] : pairs) env.add(name, value);
  return env;
}

void Environment::add(std::string_view name, std::string_view value) {
  if (!is_credential_variable(name)) {
    m_variables.emplace(std::string(name), SecretValue(value));
    return;
  }
  const auto [it, added] = m_credentials.emplace(std::string(name), SecretValue(value));
  if (added && !value.empty() && !name.ends_with("_FILE")) announce_revealed(name, it->second);
}

const SecretValue* Environment::find(std::string_view name) const {
  const auto found = m_variables.find(name);
  return found == m_variables.end() ? nullptr : &found->second;
}

std::string Environment::text(std::string_view name) const {
  const SecretValue* value = find(name);
  return value == nullptr ? std::string() : std::string(value->reveal());
}

const SecretValue* Environment::credential(std::string_view name) const {
  const auto found = m_credentials.find(name);
  if (found == m_credentials.end() || found->second.empty()) return nullptr;
  return &found->second;
}

EnvironmentBlock Environment::block() const {
  EnvironmentBlock out;
  for (const auto& [name, value] : m_variables) out.set(name, value.reveal(), Existing::keep);
  return out;
}

namespace {

// The '=' of a credential entry, or nullptr for any other entry.
const char* credential_equals(const char* entry) noexcept {
  const char* equals = std::strchr(entry, '=');
  if (equals == nullptr) return nullptr;
  const std::string_view name(entry, static_cast<std::size_t>(equals - entry));
  return is_credential_variable(name) ? equals : nullptr;
}

}  // namespace

bool has_credential_variable(const char* const* block) noexcept {
  for (const char* const* entry = block; entry != nullptr && *entry != nullptr; ++entry) {
    if (credential_equals(*entry) != nullptr) return true;
  }
  return false;
}

void scrub_credentials(char** block) noexcept {
  for (char** entry = block; entry != nullptr && *entry != nullptr; ++entry) {
    const char* equals = credential_equals(*entry);
    if (equals == nullptr) continue;
    char* value = *entry + (equals - *entry) + 1;
    sodium_memzero(value, std::strlen(value));
  }
}

}  // namespace hush
