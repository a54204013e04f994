#include <cstring>
#include <hush/secret.hpp>
#include <utility>

namespace hush {

SecretValue::SecretValue(std::string_view bytes) : m_size(bytes.size()) {
  m_data = static_cast<char*>(secure_allocate(m_size));
  if (!bytes.empty()) std::memcpy(m_data, bytes.data(), bytes.size());
}

SecretValue SecretValue::with_size(std::size_t size) {
  SecretValue value;
  value.m_data = static_cast<char*>(secure_allocate(size));
  value.m_size = size;
  std::memset(value.m_data, 0, size);
  return value;
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
  secure_deallocate(m_data, m_size);  // wipes before the block is reused
  m_data = nullptr;
  m_size = 0;
}

}  // namespace hush
