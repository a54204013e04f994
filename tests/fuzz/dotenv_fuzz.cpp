// Fuzzes the dotenv parser: parse_dotenv either throws hush::Error or returns entries with valid
// names located inside the text; the entries written back as NAME="escaped value" lines parse
// again to the same names and values.
#include <re2/re2.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/sidecar/dotenv.hpp"
#include "fuzz_support.hpp"

namespace {

using hush::fuzz::require;

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '"':
      case '\\':
      case '$':
      case '`':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

void run(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hush::fuzz::as_text(data, size);
  std::vector<hush::DotenvEntry> entries;
  try {
    entries = hush::parse_dotenv(text, "fuzz.env");
  } catch (const hush::Error&) {
    return;
  }
  static const RE2 name_pattern("[A-Za-z_][A-Za-z0-9_.-]*");
  std::string again;
  for (const hush::DotenvEntry& entry : entries) {
    require(RE2::FullMatch(entry.name, name_pattern), "entry with an invalid name");
    require(entry.where.path == "fuzz.env" && entry.where.line >= 1 && entry.where.column >= 1,
            "entry without a location");
    require(entry.value.size() <= text.size(), "value longer than the text");
    again += entry.name + "=" + double_quoted(entry.value.reveal()) + "\n";
  }
  std::vector<hush::DotenvEntry> reread;
  try {
    reread = hush::parse_dotenv(again, "again.env");
  } catch (const hush::Error&) {
    hush::fuzz::finding("the entries written back as NAME=\"value\" do not parse");
  }
  require(reread.size() == entries.size(), "written-back entries parse to another count");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    require(reread[i].name == entries[i].name, "written-back name differs");
    require(reread[i].value.reveal() == entries[i].value.reveal(), "written-back value differs");
    require(reread[i].where.line == static_cast<int>(i) + 1, "written-back entry on another line");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
