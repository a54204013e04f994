#include <hush/secret.hpp>

#include <cstring>
#include <new>
#include <sodium.h>
#include <stdexcept>
#include <utility>

namespace hush {

void ensure_sodium() {
  // A function-local static runs sodium_init exactly once, lazily: --help and --version never
  // pay for it (STYLE: startup).
  static const int status = sodium_init();
  if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

SecretValue::SecretValue(std::string_view bytes) : m_size(bytes.size()) {
  ensure_sodium();
  // sodium_malloc(0) is legal but returns a guard-page pointer; allocate one byte instead so
  // empty values still own a distinct buffer.
  m_data = static_cast<char*>(sodium_malloc(bytes.empty() ? 1 : bytes.size()));
  if (m_data == nullptr) throw std::bad_alloc();
  if (!bytes.empty()) std::memcpy(m_data, bytes.data(), bytes.size());
}

SecretValue::~SecretValue() { release(); }

SecretValue::SecretValue(SecretValue&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

SecretValue& SecretValue::operator=(SecretValue&& other) noexcept {
  if (this != &other) {
    release();
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

std::string_view SecretValue::reveal() const {
  return m_data == nullptr ? std::string_view() : std::string_view(m_data, m_size);
}

SecretValue SecretValue::clone() const { return SecretValue(reveal()); }

void SecretValue::release() noexcept {
  if (m_data != nullptr) sodium_free(m_data);  // sodium_free wipes before unmapping
  m_data = nullptr;
  m_size = 0;
}

}  // namespace hush
