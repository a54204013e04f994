// Fuzzes the project-file reader (parse_project_file, the text part of .hush.yaml loading):
// hush::Error or a ProjectFile whose exec sources are located in the file and named uniquely.
#include <cstdint>
#include <set>
#include <string>

#include "core/model/project.hpp"
#include "fuzz_support.hpp"

namespace {

void run(const std::uint8_t* data, std::size_t size) {
  const std::string text(hush::fuzz::as_text(data, size));
  hush::ProjectFile project;
  try {
    project = hush::parse_project_file("/fuzz/.hush.yaml", text);
  } catch (const hush::Error&) {
    return;
  }
  using hush::fuzz::require;
  require(project.path == "/fuzz/.hush.yaml", "project file without its path");
  std::set<std::string> names;
  for (const hush::ExecSourceSpec& spec : project.exec_sources) {
    require(!spec.argv.empty(), "exec source without a program");
    require(spec.where.line >= 1 && spec.where.column >= 1, "exec source without a location");
    require(names.insert(spec.name).second, "two exec sources with one name");
    require(spec.name != "sidecar" && spec.name != "env" && spec.name != "inline",
            "exec source with a reserved name");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
