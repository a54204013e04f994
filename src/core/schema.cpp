#include <hush/schema.hpp>

#include "hush/opsimate_schema_data.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace hush {

struct SchemaValidator::Impl {
  valijson::Schema schema;
};

namespace {

const std::map<std::string, std::set<std::string>>& known_types() {
  static const std::map<std::string, std::set<std::string>> types = {
      {"providers", {"server", "kubernetes", "aws", "aws-ec2", "aws-eks", "gcp-compute", "gcp-gke",
                     "azure-vm", "azure-aks"}},
      {"services", {"docker", "systemd", "manual", "postgres", "mysql", "redis", "mongodb",
                    "nginx", "rabbitmq", "kafka", "elasticsearch"}},
      {"integrations", {"grafana", "kibana", "datadog", "slack", "pagerduty", "prometheus",
                        "zabbix", "uptime-kuma", "opsgenie", "teams", "webhook"}}};
  return types;
}

// Where a node starts: a scalar's own position, else its first key or item.
LineColumn start_of(const YamlDocument& document, const YamlNode& node) {
  if (node.scalar != k_no_scalar) return document.scalars[node.scalar].start;
  if (!node.keys.empty()) return start_of(document, node.keys.front());
  if (!node.children.empty()) return start_of(document, node.children.front());
  return {};
}

struct Located {
  LineColumn at;
  std::string path;
};

// Follows valijson's context ("<root>", "[services]", "[0]", …) through the parsed tree.
Located locate(const YamlDocument& document, const std::vector<std::string>& context) {
  const YamlNode* node = &document.root;
  std::string path;
  for (const std::string& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    const std::string inner = part.substr(1, part.size() - 2);
    const YamlNode* next = nullptr;
    if (node->kind == NodeKind::sequence && !inner.empty() &&
        inner.find_first_not_of("0123456789") == std::string::npos &&
        std::stoul(inner) < node->children.size()) {
      next = &node->children[std::stoul(inner)];
      path += "[" + inner + "]";
    } else if (node->kind == NodeKind::map) {
      next = node->find(inner);
      path += (path.empty() ? "" : ".") + inner;
    }
    if (next == nullptr) break;
    node = next;
  }
  const LineColumn at = start_of(document, *node);
  return {at.line > 0 ? at : LineColumn{1, 1}, path.empty() ? "the document" : path};
}

// The parsed tree as JSON: plain scalars typed by the YAML 1.2 core schema, other scalars
// strings (so `port: 5432` is an integer and `port: "${PORT}"` a string).
nlohmann::json to_json(const YamlNode& node) {
  static const RE2 integer("[-+]?[0-9]+");
  static const RE2 number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  switch (node.kind) {
    case NodeKind::null:
      return nullptr;
    case NodeKind::scalar:
      if (node.plain) {
        if (node.value == "true" || node.value == "True" || node.value == "TRUE") return true;
        if (node.value == "false" || node.value == "False" || node.value == "FALSE") return false;
        if (RE2::FullMatch(node.value, integer) && node.value.size() < 18) return std::stoll(node.value);
        if (RE2::FullMatch(node.value, number)) return std::stod(node.value);
      }
      return node.value;
    case NodeKind::sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const YamlNode& child : node.children) out.push_back(to_json(child));
      return out;
    }
    case NodeKind::map: {
      nlohmann::json out = nlohmann::json::object();
      for (std::size_t i = 0; i < node.keys.size(); ++i) out[node.keys[i].value] = to_json(node.children[i]);
      return out;
    }
  }
  return nullptr;
}

bool is_wrapper(const std::string& description) {
  static const char* const k_wrappers[] = {
      "Failed to validate against schema associated with property name",
      "Failed to validate item #", "Failed to validate against child schema #",
      "Failed to validate against a conditional schema", "Failed to validate against any"};
  return std::any_of(std::begin(k_wrappers), std::end(k_wrappers),
                     [&](const char* w) { return description.starts_with(w); });
}

void unknown_types(const YamlSource& source, const YamlDocument& document, std::vector<Finding>& out) {
  for (const auto& [section, types] : known_types()) {
    const YamlNode* list = document.root.find(section);
    if (list == nullptr || list->kind != NodeKind::sequence) continue;
    for (const YamlNode& entry : list->children) {
      const YamlNode* type = entry.find("type");
      if (type == nullptr || type->kind != NodeKind::scalar || types.count(type->value) != 0) continue;
      const LineColumn at = document.scalars[type->scalar].start;
      out.push_back({Severity::warning, "unknown-type", {source.path, at.line, at.column},
                     "unknown " + section.substr(0, section.size() - 1) + " type " + type->value +
                         " (known: " + [&] {
                           std::string all;
                           for (const std::string& t : types) all += (all.empty() ? "" : ", ") + t;
                           return all;
                         }() + ")",
                     {}, {}});
    }
  }
}

}  // namespace

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;
SchemaValidator::SchemaValidator(SchemaValidator&&) noexcept = default;
SchemaValidator& SchemaValidator::operator=(SchemaValidator&&) noexcept = default;

SchemaValidator SchemaValidator::builtin() {
  return from_json(detail::k_opsimate_schema_json, "schemas/opsimate-config.schema.json");
}

SchemaValidator SchemaValidator::from_json(std::string_view text, const std::string& path) {
  auto impl = std::make_unique<Impl>();
  try {
    const nlohmann::json document = nlohmann::json::parse(text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), impl->schema);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::invalid_input, "schema-invalid", "the schema does not load: " + std::string(e.what()),
                Location{path, 0, 0});
  }
  return SchemaValidator(std::move(impl));
}

std::vector<Finding> SchemaValidator::validate(const YamlSource& source) const {
  std::vector<Finding> out;
  for (std::size_t d = 0; d < source.documents.size(); ++d) {
    const nlohmann::json document = to_json(source.documents[d].root);
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    validator.validate(m_impl->schema, valijson::adapters::NlohmannJsonAdapter(document), &results);
    std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    const bool specific = std::any_of(errors.begin(), errors.end(), [](const auto& e) { return !is_wrapper(e.description); });
    std::set<std::pair<std::vector<std::string>, std::string>> seen;
    for (const auto& error : errors) {
      if ((specific && is_wrapper(error.description)) || !seen.insert({error.context, error.description}).second) continue;
      const Located where = locate(source.documents[d], error.context);
      std::string message = where.path + ": " + error.description;
      if (message.ends_with(".")) message.pop_back();
      std::replace(message.begin(), message.end(), '\'', '"');
      out.push_back({Severity::error, "schema", {source.path, where.at.line, where.at.column},
                     message, {}, {}});
    }
    unknown_types(source, source.documents[d], out);
  }
  return out;
}

}  // namespace hush
