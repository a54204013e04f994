#include "core/model/schema.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/base/text.hpp"
#include "core/model/schema_adapter.hpp"
#include "core/model/schema_errors.hpp"
#include "hush/opsimate_schema_data.hpp"

namespace hush {
namespace {
struct KnownTypes {
  std::string section;  // "providers"
  std::string noun;     // "provider"
  std::vector<std::string> types;
};
}  // namespace

// The schema's own tree outlives the compiled schema: messages read the allowed types from it.
struct SchemaValidator::Impl {
  YamlSource source;
  valijson::Schema schema;
  std::vector<KnownTypes> known;
};

namespace {

// Known types are the `examples` of definitions/<noun>_type, so the schema stays the one list
// (editors offer them as completions). A custom schema without them gets no unknown-type
// warnings.
std::vector<KnownTypes> read_known_types(const YamlNode& schema) {
  std::vector<KnownTypes> out;
  const YamlNode* definitions = schema.find("definitions");
  for (const char* noun : {"provider", "service", "integration"}) {
    const YamlNode* type =
        definitions == nullptr ? nullptr : definitions->find(noun + std::string("_type"));
    const YamlNode* examples = type == nullptr ? nullptr : type->find("examples");
    if (examples == nullptr || examples->kind != NodeKind::sequence) continue;
    KnownTypes known{noun + std::string("s"), noun, {}};
    for (const YamlNode& example : examples->children) known.types.push_back(example.value);
    out.push_back(std::move(known));
  }
  return out;
}

bool has_reference(std::string_view text) {
  return text.find("${") != text.npos || text.find("$<") != text.npos;
}

// Names the known types and a close one, never the value itself.
Finding unknown_type(const YamlSource& source, const YamlDocument& document,
                     const KnownTypes& known, std::size_t index, const YamlNode& type) {
  const LineColumn at = detail::start_of(document, type).value_or(LineColumn{1, 1});
  std::string message = known.section + "[" + std::to_string(index) + "].type: unknown " +
                        known.noun + " type (known: " + join(known.types, ", ") + ")";
  const std::vector<std::string> close = closest_names(type.value, known.types, 1);
  if (!close.empty()) message += "; did you mean " + close.front() + "?";
  return {.severity = Severity::warning,
          .rule = "unknown-type",
          .where = {source.path, at.line, at.column},
          .message = std::move(message),
          .snippet = {},
          .fingerprint = {}};
}

void add_unknown_types(const YamlSource& source, const YamlDocument& document,
                       const std::vector<KnownTypes>& known_types, std::vector<Finding>& out) {
  for (const KnownTypes& known : known_types) {
    const YamlNode* list = document.root.find(known.section);
    if (list == nullptr || list->kind != NodeKind::sequence) continue;
    for (std::size_t i = 0; i < list->children.size(); ++i) {
      const YamlNode* type = list->children[i].find("type");
      if (type == nullptr || type->kind != NodeKind::scalar || type->value.empty() ||
          has_reference(type->value) ||
          std::find(known.types.begin(), known.types.end(), type->value) != known.types.end()) {
        continue;
      }
      out.push_back(unknown_type(source, document, known, i, *type));
    }
  }
}

std::vector<detail::SchemaError> run_valijson(const valijson::Schema& schema,
                                              const YamlNode& root) {
  // A Validator caches compiled patterns, so each call gets its own: validate() stays const and
  // safe to share between threads.
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  validator.validate(schema, detail::YamlNodeAdapter(root), &results);
  std::vector<detail::SchemaError> errors;
  for (const valijson::ValidationResults::Error& error : results) {
    errors.push_back({error.context, error.description});
  }
  return errors;
}

YamlSource parse_schema_text(std::string_view text, const std::string& path) {
  try {
    YamlSource source = parse_yaml_source(path, std::string(text));
    if (source.documents.size() == 1 && source.documents.front().root.kind == NodeKind::map) {
      return source;
    }
  } catch (const Error& e) {
    throw Error(ErrorKind::invalid_input, "schema-invalid",
                "the schema is not valid JSON: " + e.message(), e.where());
  }
  throw Error(ErrorKind::invalid_input, "schema-invalid", "the schema must be one JSON object",
              Location{path, 1, 1});
}

}  // namespace

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;
SchemaValidator::SchemaValidator(SchemaValidator&&) noexcept = default;
SchemaValidator& SchemaValidator::operator=(SchemaValidator&&) noexcept = default;

SchemaValidator SchemaValidator::builtin() {
  return from_json(detail::k_opsimate_schema_json, "schemas/opsimate-config.schema.json");
}

// JSON is YAML, so the schema goes through hush's own parser and the same adapter as the
// documents. Rejected: valijson's yaml-cpp adapter, which calls every scalar (and even a
// mapping) a string, so "type" checks could not fail; and nlohmann/json, one more dependency.
SchemaValidator SchemaValidator::from_json(std::string_view text, const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->source = parse_schema_text(text, path);
  const YamlNode& root = impl->source.documents.front().root;
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(detail::YamlNodeAdapter(root), impl->schema);
  } catch (const std::runtime_error& e) {  // valijson's only error types
    throw Error(ErrorKind::invalid_input, "schema-invalid",
                "the schema does not load: " + std::string(e.what()), Location{path});
  } catch (const std::logic_error& e) {
    throw Error(ErrorKind::invalid_input, "schema-invalid",
                "the schema does not load: " + std::string(e.what()), Location{path});
  }
  impl->known = read_known_types(root);
  return SchemaValidator(std::move(impl));
}

std::vector<Finding> SchemaValidator::validate(const YamlSource& source) const {
  std::vector<Finding> out;
  for (const YamlDocument& document : source.documents) {
    if (document.root.kind == NodeKind::null) continue;  // an empty document is an empty config
    const YamlNode& schema = m_impl->source.documents.front().root;
    std::vector<Finding> found = detail::schema_findings(
        run_valijson(m_impl->schema, document.root), schema, source, document);
    add_unknown_types(source, document, m_impl->known, found);
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
  }
  return out;
}

}  // namespace hush
