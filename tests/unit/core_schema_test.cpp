#include "core/yaml/core_schema.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/model/schema_adapter.hpp"
#include "core/render/render_formats.hpp"
#include "core/yaml/yaml_source.hpp"

namespace {

struct Row {
  const char* text;
  hush::CoreType type;
  const char* json;  // nullptr: no JSON form (strings are quoted, .inf/.nan refused)
};

// One table for every consumer: the type, the JSON text, and what the schema adapter says.
const Row k_rows[] = {
    {"", hush::CoreType::null, "null"},
    {"~", hush::CoreType::null, "null"},
    {"null", hush::CoreType::null, "null"},
    {"NULL", hush::CoreType::null, "null"},
    {"nULL", hush::CoreType::string, nullptr},
    {"true", hush::CoreType::boolean, "true"},
    {"False", hush::CoreType::boolean, "false"},
    {"TRUE", hush::CoreType::boolean, "true"},
    {"yes", hush::CoreType::string, nullptr},
    {"on", hush::CoreType::string, nullptr},
    {"0", hush::CoreType::integer, "0"},
    {"-0", hush::CoreType::integer, "0"},
    {"+5", hush::CoreType::integer, "5"},
    {"007", hush::CoreType::integer, "7"},
    {"-12", hush::CoreType::integer, "-12"},
    {"0x1F", hush::CoreType::integer, "31"},
    {"0o17", hush::CoreType::integer, "15"},
    {"0x", hush::CoreType::string, nullptr},
    {"0o8", hush::CoreType::string, nullptr},
    {"0b101", hush::CoreType::string, nullptr},
    {"0xFFFFFFFFFFFFFFFFFF", hush::CoreType::integer, "4722366482869645213695"},
    {"99999999999999999999", hush::CoreType::integer, "99999999999999999999"},
    {"+22222222000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00"
     "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0"
     "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0"
     "0000000000000000000000000000000000000000000000000000000000000000000000000.",
     hush::CoreType::floating, nullptr},
    {"1.5", hush::CoreType::floating, "1.5"},
    {".5", hush::CoreType::floating, "0.5"},
    {"-.5", hush::CoreType::floating, "-0.5"},
    {"1.", hush::CoreType::floating, "1"},
    {"+1.5e3", hush::CoreType::floating, "1.5e3"},
    {"1E-5", hush::CoreType::floating, "1E-5"},
    {"1e5", hush::CoreType::floating, "1e5"},
    {"00.5", hush::CoreType::floating, "0.5"},
    {".inf", hush::CoreType::floating, nullptr},
    // Beyond a double's range: JSON readers refuse it or read infinity (fuzz finding).
    {"1e400", hush::CoreType::floating, nullptr},
    {"-1.5E+999", hush::CoreType::floating, nullptr},
    {"1e-400", hush::CoreType::floating, "1e-400"},
    {"-.Inf", hush::CoreType::floating, nullptr},
    {".NaN", hush::CoreType::floating, nullptr},
    {".nAn", hush::CoreType::string, nullptr},
    {"1.2.3", hush::CoreType::string, nullptr},
    {"1e", hush::CoreType::string, nullptr},
    {".", hush::CoreType::string, nullptr},
    {"-", hush::CoreType::string, nullptr},
    {"1_000", hush::CoreType::string, nullptr},
    {"12:30", hush::CoreType::string, nullptr},
    {"inf", hush::CoreType::string, nullptr},
    {"0x1f ", hush::CoreType::string, nullptr},
};

hush::detail::JsonKind expected_kind(const Row& row) {
  using hush::detail::JsonKind;
  switch (row.type) {
    case hush::CoreType::null:
      return JsonKind::null;
    case hush::CoreType::boolean:
      return JsonKind::boolean;
    case hush::CoreType::integer:
      return hush::core_int64(row.text) ? JsonKind::integer : JsonKind::number;
    case hush::CoreType::floating:
      return JsonKind::number;
    case hush::CoreType::string:
      return JsonKind::string;
  }
  return JsonKind::string;
}

}  // namespace

TEST_CASE("core_schema: one table types plain scalars for schema, JSON and encoding",
          "[core_schema]") {
  for (const Row& row : k_rows) {
    CAPTURE(row.text);
    CHECK(hush::core_type(row.text) == row.type);
    const std::optional<std::string> json = hush::core_json_text(row.text);
    CHECK(json.has_value() == (row.json != nullptr));
    if (json && row.json != nullptr) CHECK(*json == row.json);
    hush::YamlNode node;
    node.kind = hush::NodeKind::scalar;
    node.value = row.text;
    node.plain = true;
    CHECK(hush::detail::json_kind(node) == expected_kind(row));
    node.plain = false;  // quoted: always a string
    CHECK(hush::detail::json_kind(node) == hush::detail::JsonKind::string);
  }
  CHECK(hush::core_int64("0x7FFFFFFFFFFFFFFF") == INT64_MAX);
  CHECK_FALSE(hush::core_int64("0x8000000000000000").has_value());
  CHECK(hush::core_double("0o17") == 15.0);
  CHECK(hush::core_double("-0x10") == -16.0);
  CHECK(std::isinf(hush::core_double("-.inf")));
  CHECK(std::isnan(hush::core_double(".nan")));
  CHECK(std::isinf(hush::core_double("0x" + std::string(300, 'F'))));
}

TEST_CASE("core_schema: render --format json writes plain numbers as the schema reads them",
          "[core_schema]") {
  const hush::YamlSource source = hush::parse_yaml_source(
      "t.yaml", "a: 0x1F\nb: 0o17\nc: +5\nd: .5\ne: '0x1F'\nf: ~\ng: True\nh: yes\n");
  const hush::SecretBuffer json = hush::detail::to_json(source.documents);
  const std::string text(json.reveal());
  CHECK(text.find("\"a\": 31") != std::string::npos);
  CHECK(text.find("\"b\": 15") != std::string::npos);
  CHECK(text.find("\"c\": 5") != std::string::npos);
  CHECK(text.find("\"d\": 0.5") != std::string::npos);
  CHECK(text.find("\"e\": \"0x1F\"") != std::string::npos);
  CHECK(text.find("\"f\": null") != std::string::npos);
  CHECK(text.find("\"g\": true") != std::string::npos);
  CHECK(text.find("\"h\": \"yes\"") != std::string::npos);
  const hush::YamlSource inf = hush::parse_yaml_source("t.yaml", "a: .inf\n");
  CHECK_THROWS_WITH(hush::detail::to_json(inf.documents), Catch::Contains("no portable JSON form"));
}
