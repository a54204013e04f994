// Writing a command's product: to a file atomically with mode 0600, or to stdout.
#pragma once
#include <hush/secret.hpp>
#include <string>

#include "core/log/console.hpp"

namespace hush::cli {

// Writes `product` to `path` (atomic replace, mode 0600) or, when `path` is empty or "-", to
// stdout unredacted, straight from secure memory. Throws Error(io) on failure; the previous file
// is then untouched.
void write_output(Console& console, const std::string& path, const SecretBuffer& product);

}  // namespace hush::cli
