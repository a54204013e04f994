#include "cli/output.hpp"

#include "core/base/fsutil.hpp"

namespace hush::cli {

void write_output(Console& console, const std::string& path, const SecretBuffer& product) {
  if (path.empty() || path == "-") {
    console.deliver(product);
    return;
  }
  write_file_atomic(path, product.reveal(), FileMode::owner_only);
}

}  // namespace hush::cli
