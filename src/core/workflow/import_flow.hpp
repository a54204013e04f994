// `hush secrets import FILE.env`: every variable of a dotenv file becomes a secret, all or
// nothing, in one locked write.
#pragma once
#include <chrono>
#include <string>

#include "core/workflow/secret_input.hpp"
#include "core/workflow/sidecar_store.hpp"

namespace hush {

struct ImportRequest {
  std::string file{};       // the .env file (read with k_import_file_limit into secure memory)
  MetadataText metadata{};  // for new secrets
  bool update = false;      // existing names get a new version instead of Error(secret-exists)
  std::chrono::sys_seconds now{};
};

struct ImportCounts {
  std::size_t added = 0;
  std::size_t updated = 0;
};

// Reads and parses `request.file` (parse_dotenv's located errors), announces every value (so it
// is masked), notes the names as touched, then adds (or updates) every entry in one write: an
// error on any entry writes nothing and names the file and entry. Says what it imported.
ImportCounts import_dotenv(SidecarStore& store, const ImportRequest& request, Touched& touched);

}  // namespace hush
