// Fuzzes the YAML span model and render together. The input is a template: parse_yaml_source
// either rejects it with hush::Error or models it; a modelled template is rendered against a
// fixed in-memory source of secrets whose values are hostile to YAML (quotes, line breaks, ": ",
// " #", indicators, reference syntax, Unicode line separators, controls). render may reject it
// (findings, hush::Error), but text it returns must keep the round-trip promise, checked here
// independently of render's own verification: yaml-cpp's node loader reads the output as the
// template's tree (inline `secrets:` block dropped) with every substituted scalar equal to the
// intended value. The same template rendered --format json must be valid JSON, and --format env
// must read back through the dotenv parser as the leaves' values.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/environment.hpp"
#include "core/base/text.hpp"
#include "core/model/config_model.hpp"
#include "core/render/render.hpp"
#include "core/resolve/sources.hpp"
#include "core/sidecar/dotenv.hpp"
#include "core/yaml/yaml_source.hpp"
#include "fuzz_support.hpp"

namespace {

using hush::fuzz::finding;
using hush::fuzz::require;

const std::map<std::string, std::string, std::less<>>& secret_values() {
  static const auto* const values = new std::map<std::string, std::string, std::less<>>{
      {"A", "it's a \"quoted\" \\ value"},
      {"B", "line one\nline two\n  indented: yes # not a comment\n"},
      {"C", ": - ? [x] {y: z}, &a *a !t | > ' \" % @ ` #"},
      {"D",
       "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x94\x91 \xE2\x80\xA8 \xC2\x85 \xEF\xBB\xBF"},
      {"E", "${A} $<B> $${C} $$<D> ${"},
      {"F", ""},
      {"G", "yes"},
      {"H", "  padded\t \r\n"},
      {"I", "---\n...\n- item\n? key\n: value"},
      {"J", "\x01\x1B[31m\x7F\t"},
      {"K", "12345"},
      {"DB_PASSWORD", "p@ss: w0rd #1 'x' \"y\""},
  };
  return *values;
}

// One resolver for the whole run: it fetches each value once, so the process-wide reveal
// registry (which keeps every fetched value until exit) stays a dozen entries.
hush::Resolver& resolver() {
  static hush::Resolver* const instance = [] {
    std::vector<std::string> entries;
    for (const auto& [name, value] : secret_values()) entries.push_back(name + "=" + value);
    std::vector<const char*> block;
    for (const std::string& entry : entries) block.push_back(entry.c_str());
    block.push_back(nullptr);
    const hush::Environment env = hush::Environment::from_block(block.data());
    std::vector<std::unique_ptr<hush::SecretSource>> sources;
    sources.push_back(std::make_unique<hush::EnvSource>(env, ""));
    return new hush::Resolver(std::move(sources), {"env"}, {});
  }();
  return *instance;
}

// The value render must have given the scalar `node` of document `document`.
std::string intended(const hush::YamlSource& source, std::size_t document,
                     const hush::YamlNode& node) {
  const hush::ScalarSite& site = source.documents[document].scalars[node.scalar];
  if (site.is_key || hush::in_inline_secrets_block(site.path)) return node.value;
  const hush::ReferenceScan scan = hush::scan_references(site.value, hush::Syntax::both);
  if (scan.references.empty() && scan.escapes.empty()) return node.value;
  require(scan.problems.empty(), "render returned text for a scalar with a malformed reference");
  const hush::SecretBuffer out =
      hush::substitute(site.value, scan, [](const hush::Reference& r) -> std::string_view {
        const auto value = secret_values().find(r.name);
        require((r.source.empty() || r.source == "env") && r.field.empty() &&
                    value != secret_values().end(),
                "render returned text for a reference the source cannot resolve");
        return value->second;
      });
  return std::string(out.reveal());
}

// For triage: which node differs (the values are the target's own, not anyone's secrets).
bool differs(const hush::YamlSource& source, std::size_t document, const hush::YamlNode& want,
             const YAML::Node& got, std::string_view value) {
  const auto c_escaped = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte >= 0x20 && byte < 0x7F && c != '\\') {
        out += c;
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", byte);
        out += hex;
      }
    }
    return out;
  };
  hush::LineColumn at;
  if (want.scalar != hush::k_no_scalar) at = source.documents[document].scalars[want.scalar].start;
  std::fprintf(stderr, "document %zu, node at %d:%d: want %s \"%s\", got %s \"%s\"\n", document,
               at.line, at.column, want.kind == hush::NodeKind::null ? "null" : "scalar",
               c_escaped(value).c_str(),
               got.IsScalar() ? "scalar"
               : got.IsNull() ? "null"
                              : "node",
               got.IsScalar() ? c_escaped(got.Scalar()).c_str() : "");
  return false;
}

// Whether yaml-cpp's `got` is the template node `want` with values substituted; `skip` is the
// index of a mapping entry of `want` that the output drops (the inline secrets block).
bool same(const hush::YamlSource& source, std::size_t document, const hush::YamlNode& want,
          const YAML::Node& got, std::size_t skip, std::vector<YAML::Node>& ancestors) {
  switch (want.kind) {
    case hush::NodeKind::null:
      return got.IsNull() || differs(source, document, want, got, "");
    case hush::NodeKind::scalar: {
      const std::string value = intended(source, document, want);
      // yaml-cpp 0.7 decodes \N, \_ and \xNN to single bytes; hush reads them as UTF-8.
      const auto read = [](const std::string& scalar) {
        return hush::is_valid_utf8(scalar) ? scalar : hush::latin1_bytes_as_utf8(scalar);
      };
      return (got.IsScalar() && read(got.Scalar()) == value) ||
             differs(source, document, want, got, value);
    }
    case hush::NodeKind::sequence: {
      if (!got.IsSequence() || got.size() != want.children.size()) return false;
      ancestors.push_back(got);
      for (std::size_t i = 0; i < want.children.size(); ++i) {
        if (!same(source, document, want.children[i], got[i], hush::k_no_scalar, ancestors)) {
          return false;
        }
      }
      ancestors.pop_back();
      return true;
    }
    case hush::NodeKind::map: {
      if (!got.IsMap()) return false;
      std::vector<std::pair<YAML::Node, YAML::Node>> entries;
      for (auto it = got.begin(); it != got.end(); ++it) {
        entries.emplace_back(it->first, it->second);
      }
      const std::size_t dropped = skip < want.keys.size() ? 1 : 0;
      if (entries.size() != want.keys.size() - dropped) return false;
      ancestors.push_back(got);
      for (std::size_t i = 0, j = 0; i < want.keys.size(); ++i) {
        if (i == skip) continue;
        if (!same(source, document, want.keys[i], entries[j].first, hush::k_no_scalar, ancestors) ||
            !same(source, document, want.children[i], entries[j].second, hush::k_no_scalar,
                  ancestors)) {
          return false;
        }
        ++j;
      }
      ancestors.pop_back();
      return true;
    }
  }
  return false;
}

std::size_t secrets_entry(const hush::YamlNode& root) {
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    if (root.keys[i].kind == hush::NodeKind::scalar && root.keys[i].value == "secrets") return i;
  }
  return hush::k_no_scalar;
}

void check_yaml(const hush::YamlSource& source, std::string_view text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception&) {
    finding("rendered YAML does not load with yaml-cpp");
  }
  require(documents.size() == source.documents.size(), "rendered YAML has another document count");
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const hush::YamlNode& root = source.documents[d].root;
    std::vector<YAML::Node> ancestors;
    require(same(source, d, root, documents[d], secrets_entry(root), ancestors),
            "rendered YAML does not read back as the template with the intended values");
  }
}

// Bytes that are not UTF-8 never reach JSON: templates are refused (invalid-encoding), yaml-cpp's
// single-byte escapes are read as UTF-8, and json_quote escapes any byte that slips through.
void check_json(std::string_view text) {
  require(nlohmann::json::accept(text), "render --format json wrote invalid JSON");
}

void check_env(std::string_view text) {
  try {
    (void)hush::parse_dotenv(text, "rendered.env");
  } catch (const hush::Error&) {
    finding("render --format env wrote lines the dotenv reader rejects");
  }
}

// Renders in `format`; the text, or nullopt when render rejected the template.
std::optional<std::string> render_as(const hush::YamlSource& source, hush::OutputFormat format) {
  try {
    const hush::RenderResult result = hush::render(source, resolver(), {.format = format});
    if (hush::worst(result.findings) == hush::Severity::error) {
      require(result.text.empty(), "render returned text despite error findings");
      return std::nullopt;
    }
    return std::string(result.text.reveal());
  } catch (const hush::Error& error) {
    if (error.id() == "render-verify") {
      finding("render could not verify its own output");
    }
    return std::nullopt;
  }
}

void run(const std::uint8_t* data, std::size_t size) {
  std::optional<hush::YamlSource> source;
  try {
    source = hush::parse_yaml_source("fuzz.yaml", std::string(hush::fuzz::as_text(data, size)));
  } catch (const hush::Error&) {
    return;
  }
  const std::optional<std::string> yaml = render_as(*source, hush::OutputFormat::yaml);
  if (!yaml) return;
  check_yaml(*source, *yaml);
  if (const std::optional<std::string> json = render_as(*source, hush::OutputFormat::json)) {
    check_json(*json);
  }
  if (const std::optional<std::string> env = render_as(*source, hush::OutputFormat::env)) {
    check_env(*env);
  }
}

}  // namespace

// Fetches every value once before the first input, so that each input starts and ends with the
// same secure-pool usage (the resolver keeps what it fetched, the reveal registry its copies).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  std::string text;
  for (const auto& entry : secret_values()) {
    text += "k" + entry.first + ": ${" + entry.first + "}\n";
  }
  const hush::YamlSource source = hush::parse_yaml_source("warm-up.yaml", text);
  const hush::RenderResult result = hush::render(source, resolver(), {});
  require(result.findings.empty() && !result.text.empty(), "the warm-up template did not render");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
