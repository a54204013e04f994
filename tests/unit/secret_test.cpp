#include <catch2/catch.hpp>
#include <hush/secret.hpp>

TEST_CASE("secret: holds bytes in secure memory and moves", "[secret]") {
  hush::SecretValue value(std::string_view("s3cr\0et", 7));
  CHECK(value.size() == 7);
  CHECK(value.reveal() == std::string_view("s3cr\0et", 7));
  hush::SecretValue moved = std::move(value);
  CHECK(moved.reveal().size() == 7);
  CHECK(value.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  const hush::SecretValue copy = moved.clone();
  CHECK(copy.reveal() == moved.reveal());
  CHECK(hush::SecretValue("").reveal().empty());
}

TEST_CASE("secret: many values can live at once", "[secret]") {
  std::vector<hush::SecretValue> values;
  for (int i = 0; i < 12000; ++i) values.emplace_back("value-" + std::to_string(i));
  CHECK(values.back().reveal() == "value-11999");
}

namespace {
// Bytes of a released block from offset 8 on (the first 8 hold the pool's free-list link). The
// block stays mapped in its pool chunk, so reading it is reading hush's own wiped memory.
bool wiped_after_link(const char* block, std::size_t size) {
  for (std::size_t i = 8; i < size; ++i) {
    if (block[i] != 0) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("secret: a released value is wiped in place", "[secret]") {
  const char* where = nullptr;
  {
    const hush::SecretValue value("canary-value-0123456789-abcdefghij");
    where = value.reveal().data();
  }
  CHECK(wiped_after_link(where, 34));
}

TEST_CASE("secret: a growing buffer leaves no copy of its bytes behind", "[secret]") {
  hush::SecretBuffer buffer;
  std::vector<std::pair<const char*, std::size_t>> old_blocks;
  for (int i = 0; i < 200; ++i) {
    const char* before = buffer.reveal().data();
    const std::size_t size = buffer.size();
    buffer.append("secret-bytes-");
    if (before != nullptr && before != buffer.reveal().data() && size > 8) {
      old_blocks.emplace_back(before, size);
    }
  }
  REQUIRE(!old_blocks.empty());
  for (const auto& [block, size] : old_blocks) {
    if (size > 64 * 1024) continue;  // large blocks are unmapped by sodium_free
    CAPTURE(size);
    CHECK(wiped_after_link(block, size));
  }
  CHECK(buffer.size() == 200 * 13);
}

TEST_CASE("secret: a hundred thousand values cost a few mappings", "[secret]") {
  const hush::SecurePoolStats before = hush::secure_pool_stats();
  std::vector<hush::SecretValue> values;
  for (int i = 0; i < 100000; ++i) values.emplace_back("value-" + std::to_string(i));
  const hush::SecurePoolStats after = hush::secure_pool_stats();
  CHECK(after.chunks - before.chunks <= 4);  // 100,000 blocks of 16 bytes: under 2 MiB
  CHECK(after.large_blocks == before.large_blocks);
  CHECK(values[99999].reveal() == "value-99999");
}
