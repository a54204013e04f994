#include <hush/secret.hpp>

#include <catch2/catch.hpp>

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
