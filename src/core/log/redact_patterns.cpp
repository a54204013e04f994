// The literal forms of a secret value: the value and its lines, form encoding's `+` for a space,
// base64 and hex. Every intermediate buffer is a SecureVector, so no copy of a value outlives
// this file's functions unwiped.
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "core/log/redact_impl.hpp"

namespace hush::detail {
namespace {

constexpr std::size_t k_min_encoded = 4;  // shorter encoded fragments would mask random text

using Bytes = SecureVector<char>;

std::string_view view(const Bytes& bytes) { return {bytes.data(), bytes.size()}; }

Bytes base64(std::string_view bytes, int variant) {
  ensure_sodium();
  Bytes out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::strlen(out.data()));
  return out;
}

Bytes hex(std::string_view bytes, bool upper) {
  ensure_sodium();
  Bytes out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  if (upper) {
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
      return c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c;
    });
  }
  return out;
}

// The base64 characters that depend only on `value` when it starts `offset` bytes (0, 1 or 2)
// into an encoded block and unknown bytes may follow it. Unpadded: padding belongs to the end of
// the whole blob, not to this value.
Bytes stable_base64(std::string_view value, std::size_t offset, int variant) {
  Bytes prefixed(offset, '\0');
  prefixed.insert(prefixed.end(), value.begin(), value.end());
  Bytes encoded = base64(view(prefixed), variant | sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  const std::size_t skip = std::min<std::size_t>(offset == 0 ? 0 : offset + 1, encoded.size());
  encoded.erase(encoded.begin(), encoded.begin() + static_cast<std::ptrdiff_t>(skip));
  if (prefixed.size() % 3 != 0 && !encoded.empty()) encoded.pop_back();  // mixed with what follows
  return encoded;
}

struct FormSink {
  PatternList& out;
  std::size_t min_encoded;
  void encoded(const Bytes& form) const {
    if (form.size() >= min_encoded) out.add(view(form));
  }
};

void add_forms(std::string_view value, const FormSink& sink) {
  sink.out.add(value);
  if (value.find(' ') != std::string_view::npos) {
    Bytes plus(value.begin(), value.end());
    std::replace(plus.begin(), plus.end(), ' ', '+');
    sink.out.add(view(plus));
  }
  for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE}) {
    sink.encoded(base64(value, variant));
    sink.encoded(base64(value, variant | sodium_base64_VARIANT_ORIGINAL_NO_PADDING));
    for (std::size_t offset = 0; offset < 3; ++offset) {
      sink.encoded(stable_base64(value, offset, variant));
    }
  }
  for (const bool upper : {false, true}) sink.encoded(hex(value, upper));
}

}  // namespace

PatternList redaction_patterns(std::string_view value, std::size_t min_length) {
  PatternList out;
  const FormSink sink{.out = out, .min_encoded = std::max(min_length, k_min_encoded)};
  add_forms(value, sink);
  if (value.find('\n') == std::string_view::npos) return out;
  for (std::size_t start = 0; start <= value.size();) {
    const std::size_t end = std::min(value.find('\n', start), value.size());
    std::string_view line = value.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!line.empty() && line.size() >= min_length) add_forms(line, sink);
    start = end + 1;
  }
  return out;
}

}  // namespace hush::detail
