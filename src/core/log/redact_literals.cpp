#include "core/log/redact_literals.hpp"

#include <algorithm>
#include <bit>

#include "core/log/redact_impl.hpp"

namespace hush::detail {
namespace {

// 2^bits slots for `wanted` items at most one in `spread` full; bits within [low, high].
std::uint32_t table_bits(std::size_t wanted, std::size_t spread, std::uint32_t low,
                         std::uint32_t high) {
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(wanted * spread, 1));
  return std::clamp(static_cast<std::uint32_t>(std::countr_zero(slots)), low, high);
}

}  // namespace

void LiteralFinder::add(std::string_view pattern, std::uint32_t tag) {
  if (pattern.empty()) return;
  if (pattern.size() < k_prefix) {
    m_usable = false;
    return;
  }
  m_patterns.push_back({.offset = static_cast<std::uint32_t>(m_bytes.size()),
                        .length = static_cast<std::uint32_t>(pattern.size()),
                        .tag = tag});
  append_bytes(m_bytes, pattern);
}

void LiteralFinder::build() {
  const auto bytes_of = [this](const Entry& e) {
    return std::string_view(m_bytes.data() + e.offset, e.length);
  };
  // Stable: among identical patterns the first added (lowest tag) stays first and is kept.
  std::stable_sort(m_patterns.begin(), m_patterns.end(),
                   [&](const Entry& a, const Entry& b) { return bytes_of(a) < bytes_of(b); });
  m_patterns.erase(
      std::unique(m_patterns.begin(), m_patterns.end(),
                  [&](const Entry& a, const Entry& b) { return bytes_of(a) == bytes_of(b); }),
      m_patterns.end());
  std::size_t shortest = SIZE_MAX;
  for (const Entry& p : m_patterns) shortest = std::min<std::size_t>(shortest, p.length);
  m_stride = m_patterns.empty() ? 1 : std::min(k_max_stride, shortest - k_prefix + 1);
  for (const Entry& p : m_patterns) {
    for (std::uint32_t skip = 0; skip < m_stride; ++skip) {
      Entry entry = p;
      entry.skip = skip;
      std::memcpy(&entry.gram, m_bytes.data() + p.offset + skip, k_prefix);
      m_entries.push_back(entry);
    }
  }
  std::stable_sort(m_entries.begin(), m_entries.end(),
                   [](const Entry& a, const Entry& b) { return a.gram < b.gram; });
  index_grams();
}

// The screen (about 1 bit in 64 set, so ordinary text passes at under 2% of screened positions)
// and the buckets (at most half full, so a probe ends quickly).
void LiteralFinder::index_grams() {
  std::size_t grams = 0;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    grams += i == 0 || m_entries[i].gram != m_entries[i - 1].gram;
  }
  const std::uint32_t screen_bits = table_bits(grams, 64, 12, 24);
  m_screen_shift = 32 - screen_bits;
  m_screen.assign((std::size_t{1} << screen_bits) / 64, 0);
  const std::uint32_t bucket_bits = table_bits(grams, 2, 4, 24);
  m_bucket_shift = 32 - bucket_bits;
  m_buckets.assign(std::size_t{1} << bucket_bits, Bucket{});
  for (std::size_t i = 0; i < m_entries.size();) {
    std::size_t j = i;
    while (j < m_entries.size() && m_entries[j].gram == m_entries[i].gram) ++j;
    const std::uint32_t gram = m_entries[i].gram;
    const std::uint32_t bit = (gram * k_screen_multiplier) >> m_screen_shift;
    m_screen[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    std::size_t slot = (gram * k_bucket_multiplier) >> m_bucket_shift;
    while (m_buckets[slot].count != 0) slot = (slot + 1) & (m_buckets.size() - 1);
    m_buckets[slot] = {.gram = gram,
                       .first = static_cast<std::uint32_t>(i),
                       .count = static_cast<std::uint32_t>(j - i)};
    i = j;
  }
}

const LiteralFinder::Bucket* LiteralFinder::bucket(std::uint32_t gram) const {
  if (m_buckets.empty()) return nullptr;
  for (std::size_t slot = (gram * k_bucket_multiplier) >> m_bucket_shift;;
       slot = (slot + 1) & (m_buckets.size() - 1)) {
    const Bucket& b = m_buckets[slot];
    if (b.count == 0) return nullptr;
    if (b.gram == gram) return &b;
  }
}

}  // namespace hush::detail
