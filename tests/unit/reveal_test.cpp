#include <catch2/catch.hpp>
#include <hush/source.hpp>
#include <string>
#include <vector>

namespace {

class FixedSource final : public hush::SecretSource {
 public:
  std::string name() const override { return "fixed"; }
  std::optional<hush::SecretInfo> lookup(std::string_view key) override {
    return hush::SecretInfo{.name = std::string(key)};
  }
  std::vector<std::string> names() const override { return {}; }

 private:
  hush::SecretValue fetch_value(std::string_view key, std::string_view) override {
    return hush::SecretValue("revealed-" + std::string(key));
  }
};

std::vector<std::string> revealed_since(std::size_t from) {
  std::vector<std::string> out;
  hush::visit_revealed(from, [&](const std::string& name, const hush::SecretValue& value) {
    out.push_back(name + "=" + std::string(value.reveal()));
  });
  return out;
}

}  // namespace

TEST_CASE("reveal: every fetched value is announced before it is returned", "[reveal]") {
  FixedSource source;
  const std::size_t before = hush::revealed_count();
  const hush::SharedSecret value = source.fetch("API_TOKEN", "");
  CHECK(value->reveal() == "revealed-API_TOKEN");
  CHECK(revealed_since(before) == std::vector<std::string>{"API_TOKEN=revealed-API_TOKEN"});
}

TEST_CASE("reveal: announced copies outlive the caller's value", "[reveal]") {
  const std::size_t before = hush::revealed_count();
  {
    const hush::SecretValue typed("typed-at-a-prompt");
    hush::announce_revealed("prompt", typed);
  }
  CHECK(revealed_since(before) == std::vector<std::string>{"prompt=typed-at-a-prompt"});
}
