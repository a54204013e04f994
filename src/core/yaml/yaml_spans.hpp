// Private to yaml_source: finds where a scalar ends and how it is written, given yaml-cpp's
// start mark and parsed value.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/yaml/yaml_source.hpp"

namespace hush::detail {

struct ScalarSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  ScalarStyle style = ScalarStyle::plain;
  std::string problem;  // non-empty when the span could not be determined
};

// `mark` is the byte offset yaml-cpp reported (it may point at an anchor or tag before the
// scalar). `parent_indent` is used for block scalars with an explicit indentation indicator.
[[nodiscard]] ScalarSpan find_scalar_span(std::string_view text, std::size_t mark,
                                          std::string_view value, int parent_indent);

[[nodiscard]] bool is_line_break(char c);
// Offset of the first byte of the next line after `pos` (or text.size()).
[[nodiscard]] std::size_t next_line(std::string_view text, std::size_t pos);

}  // namespace hush::detail
