// Property test: any value substituted in any scalar style, position and collection renders to a
// document that an independent parse (yaml-cpp's YAML::Load) reads back as exactly the intended
// string, with the document's structure intact.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <random>

#include "core/render/render.hpp"
#include "core/resolve/resolver_setup.hpp"
#include "support/environment.hpp"

namespace {

struct Shape {
  const char* name;
  const char* before;  // text before the template scalar's content
  const char* after;   // text after it
  bool block;          // literal/folded: the value gains a final "\n"
  bool flow_plain;     // inside a flow collection, unquoted: only $<…> is valid
  const char* path;    // how to reach the scalar: "k", "k.a" or "k.0"
};

const Shape k_shapes[] = {
    {"plain", "k: ", "", false, false, "k"},
    {"single", "k: '", "'", false, false, "k"},
    {"double", "k: \"", "\"", false, false, "k"},
    {"literal", "k: |\n  ", "\n", true, false, "k"},
    {"literal-keep", "k: |+\n  ", "", true, false, "k"},
    {"folded", "k: >\n  ", "\n", true, false, "k"},
    {"flow-map-plain", "k: {a: ", ", z: 1}", false, true, "k.a"},
    {"flow-map-double", "k: {a: \"", "\", z: 1}", false, false, "k.a"},
    {"flow-seq-plain", "k: [", ", 1]", false, true, "k.0"},
    {"flow-seq-single", "k: ['", "', 1]", false, false, "k.0"},
    {"block-seq", "k:\n  - ", "\n  - 1", false, false, "k.0"},
};

const char* const k_special_values[] = {
    "",
    " ",
    "yes",
    "no",
    "No",
    "on",
    "off",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "123",
    "-5",
    "0x1F",
    "1e3",
    ".inf",
    "-",
    "?",
    ":",
    "- item",
    "? q",
    ": v",
    "a: b",
    "a:b",
    "x #y",
    "x#y",
    "#c",
    "{a}",
    "[b]",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "'",
    "\"",
    "\\",
    "$",
    "${X}",
    "$<Y>",
    "$${Z}",
    "\n",
    "a\nb",
    "a\n\nb",
    "\t",
    "a\tb",
    "\r",
    "a\r\nb",
    " lead",
    "trail ",
    "caf\xC3\xA9",
    "\xE6\x97\xA5\xE6\x9C\xAC",
    "\xF0\x9F\x94\x91",
    "\xE2\x80\xA8",
    "\xC2\x85",
    "---",
    "...",
    "a,b",
    "<<",
    "=",
    "'quoted'",
    "\"dq\"",
    "line\n  indented",
    "\x7F",
};

std::string random_value(std::mt19937_64& rng) {
  static const std::string alphabet = "abcXYZ019 _-.:/#'\"\\{}[],&*!|>%@`?$<~=+\n\t\r";
  static const char* const multibyte[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x94\x91"};
  std::uniform_int_distribution<int> kind(0, 9);
  const int k = kind(rng);
  if (k < 3) {
    const std::size_t n = std::size(k_special_values);
    return k_special_values[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)];
  }
  const std::size_t length = k == 9 ? 2000 + rng() % 3000 : rng() % 24;
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    if (rng() % 12 == 0) {
      out += multibyte[rng() % 3];
    } else {
      out += alphabet[rng() % alphabet.size()];
    }
  }
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += "\\x" + std::to_string(int(c));
    else
      out += c;
  }
  return out;
}

YAML::Node reach(const YAML::Node& root, const std::string& path) {
  YAML::Node node = root["k"];
  if (path == "k.a") return node["a"];
  if (path == "k.0") return node[0];
  return node;
}

}  // namespace

TEST_CASE("render: every value round-trips in every style and position", "[render][property]") {
  const std::uint64_t seed = 20261123;
  std::mt19937_64 rng(seed);
  const char* const templates[] = {"{A}",         "{A}tail", "mid{A}dle",    "head{A}",
                                   "{A} and {B}", "{A}{B}",  "x {B} y {A} z"};
  int cases = 0;
  for (int i = 0; i < 10000; ++i) {
    const Shape& shape = k_shapes[rng() % std::size(k_shapes)];
    const std::string pattern = templates[rng() % std::size(templates)];
    const std::string a = random_value(rng);
    const std::string b = random_value(rng);
    const bool angle = shape.flow_plain || rng() % 2 == 0;
    std::string content;
    std::string expected;
    for (std::size_t p = 0; p < pattern.size(); ++p) {
      if (pattern.compare(p, 3, "{A}") == 0 || pattern.compare(p, 3, "{B}") == 0) {
        const bool is_a = pattern[p + 1] == 'A';
        content += angle ? (is_a ? "$<A>" : "$<B>") : (is_a ? "${A}" : "${B}");
        expected += is_a ? a : b;
        p += 2;
      } else {
        content += pattern[p];
        expected += pattern[p];
      }
    }
    if (shape.block) expected += "\n";
    const std::string text =
        std::string("before: 1\n") + shape.before + content + shape.after + "\nafter: end\n";
    CAPTURE(seed, i, shape.name, text, printable(a), printable(b));
    hush::SourceSettings settings;
    settings.order = {"env"};
    settings.environment = hush::test::environment_of({{"A", a}, {"B", b}});
    std::vector<hush::Finding> findings;
    const hush::YamlSource source = hush::parse_yaml_source("t.yaml", text);
    hush::Resolver resolver = hush::make_resolver(std::move(settings), &source, findings);
    const hush::RenderResult result = hush::render(source, resolver, {});
    REQUIRE(result.findings.empty());
    CAPTURE(printable(result.text.reveal()));
    const YAML::Node root = YAML::Load(std::string(result.text.reveal()));
    REQUIRE(root["before"].as<std::string>() == "1");
    REQUIRE(root["after"].as<std::string>() == "end");
    REQUIRE(root.size() == 3);
    const YAML::Node node = reach(root, shape.path);
    REQUIRE(node.IsScalar());
    REQUIRE(node.Scalar() == expected);
    ++cases;
  }
  CHECK(cases == 10000);
}
