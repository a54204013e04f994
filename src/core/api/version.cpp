#include <hush/hush.hpp>

namespace hush {

std::string_view version() { return HUSH_VERSION; }

}  // namespace hush
