#include "core/check/content.hpp"

#include <algorithm>
#include <cstdint>

namespace hush {

ContentClass classify_content(std::string_view head) {
  if (head.starts_with("\xFF\xFE")) return ContentClass::utf16le;
  if (head.starts_with("\xFE\xFF")) return ContentClass::utf16be;
  if (head.find('\0') == std::string_view::npos) return ContentClass::text;
  const std::size_t pairs = std::min<std::size_t>(head.size(), 64 * 1024) / 2;
  std::size_t high_nul = 0;  // "a\0": the ASCII byte first, little-endian
  std::size_t low_nul = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    const bool first = head[2 * i] == '\0';
    const bool second = head[2 * i + 1] == '\0';
    high_nul += (!first && second) ? 1 : 0;
    low_nul += (first && !second) ? 1 : 0;
  }
  if (pairs > 0 && high_nul * 10 >= pairs * 6) return ContentClass::utf16le;
  if (pairs > 0 && low_nul * 10 >= pairs * 6) return ContentClass::utf16be;
  return ContentClass::bytes;
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string decode_utf16(std::string_view bytes, bool little_endian, bool at_start) {
  constexpr std::uint32_t k_replacement = 0xFFFD;
  const auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (static_cast<std::uint32_t>(b) << 8 | a)
                         : (static_cast<std::uint32_t>(a) << 8 | b);
  };
  std::string out;
  out.reserve(bytes.size() / 2 + 8);
  std::size_t i = 0;
  if (at_start && bytes.size() >= 2 && unit(0) == 0xFEFF) i = 2;
  for (; i + 1 < bytes.size(); i += 2) {
    const std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const std::uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? k_replacement : u);
  }
  if (i < bytes.size()) append_utf8(out, k_replacement);
  return out;
}

}  // namespace hush
