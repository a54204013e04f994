#include "core/base/json.hpp"

#include <hush/error.hpp>

#include "core/base/text.hpp"

namespace hush {

Json parse_json(const std::string& path, std::string_view text, const char* id) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // nlohmann counts the byte after the error; point at the byte itself.
    const std::size_t offset = e.byte > 0 ? std::min<std::size_t>(e.byte - 1, text.size()) : 0;
    const LineIndex index(text);
    const LineColumn at = index.locate(offset);
    throw Error(ErrorKind::syntax, id, "not valid JSON at this point",
                Location{path, at.line, at.column});
  }
}

std::string json_text(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace hush
