#include <memory>

#include "core/check/check.hpp"
#include "core/check/detect.hpp"
#include "core/model/schema.hpp"

namespace hush {

std::function<std::vector<DetectedSecret>(std::string_view)> builtin_detection() {
  const auto detector = std::make_shared<const Detector>(Detector::builtin());
  return [detector](std::string_view text) {
    std::vector<DetectedSecret> out;
    for (const Detection& d : detector->scan(text)) {
      out.push_back({d.rule, d.offset, d.length, d.description, d.prefix});
    }
    return out;
  };
}

std::function<std::vector<Finding>(const YamlSource&)> builtin_schema() {
  const auto schema = std::make_shared<const SchemaValidator>(SchemaValidator::builtin());
  return [schema](const YamlSource& source) { return schema->validate(source); };
}

}  // namespace hush
