#include "core/log/redact_impl.hpp"

#include "core/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <sodium.h>

namespace hush::detail {
namespace {

std::string base64(std::string_view bytes, int variant) {
  ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// The base64 characters that depend only on `value` when it starts `offset` bytes (0, 1 or 2)
// into an encoded block and unknown bytes may follow it.
std::string stable_base64(std::string_view value, std::size_t offset, int variant) {
  std::string prefixed(offset, '\0');
  prefixed.append(value);
  // Unpadded: padding belongs to the end of the whole blob, not to this value.
  std::string encoded = base64(prefixed, variant | sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  const std::size_t skip = offset == 0 ? 0 : offset == 1 ? 2 : 3;
  const bool mixed_tail = prefixed.size() % 3 != 0;
  std::string out = encoded.substr(std::min(skip, encoded.size()));
  if (mixed_tail && !out.empty()) out.pop_back();
  hush::wipe(prefixed);
  hush::wipe(encoded);
  return out;
}

std::string url_encoded(std::string_view value, bool upper, bool plus_for_space) {
  static constexpr char k_upper[] = "0123456789ABCDEF";
  static constexpr char k_lower[] = "0123456789abcdef";
  const char* hex = upper ? k_upper : k_lower;
  std::string out;
  for (const char c : value) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = std::isalnum(b) || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else if (c == ' ' && plus_for_space) {
      out += '+';
    } else {
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 0xF];
    }
  }
  return out;
}

// The inside of a JSON string literal, optionally with "/" escaped as "\/" (both are valid).
std::string json_escaped(std::string_view value, bool escape_slash) {
  std::string quoted = json_quote(value);
  std::string out = quoted.substr(1, quoted.size() - 2);
  hush::wipe(quoted);
  if (!escape_slash) return out;
  std::string slashed;
  for (char c : out) {
    if (c == '/') slashed += '\\';
    slashed += c;
  }
  hush::wipe(out);
  return slashed;
}

void add_forms(std::string_view value, std::vector<std::string>& out) {
  out.emplace_back(value);
  for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE}) {
    out.push_back(base64(value, variant));
    out.push_back(base64(value, variant | sodium_base64_VARIANT_ORIGINAL_NO_PADDING));
    for (std::size_t offset = 0; offset < 3; ++offset) {
      out.push_back(stable_base64(value, offset, variant));
    }
  }
  for (const bool upper : {true, false}) {
    for (const bool plus : {true, false}) out.push_back(url_encoded(value, upper, plus));
  }
  out.push_back(json_escaped(value, false));
  out.push_back(json_escaped(value, true));
}

}  // namespace

std::vector<std::string> redaction_patterns(std::string_view value, std::size_t min_length) {
  std::vector<std::string> out;
  add_forms(value, out);
  if (value.find('\n') != std::string_view::npos) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = std::min(value.find('\n', start), value.size());
      std::string_view line = value.substr(start, end - start);
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.size() >= min_length) add_forms(line, out);
      start = end + 1;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::erase_if(out, [&](std::string& p) {
    const bool drop = p.size() < std::max<std::size_t>(min_length, 1);
    if (drop) hush::wipe(p);
    return drop;
  });
  return out;
}

}  // namespace hush::detail
