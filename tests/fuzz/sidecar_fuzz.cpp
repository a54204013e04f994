// Fuzzes the sidecar parser: parse_sidecar either throws hush::Error or returns a model that
// emit_sidecar writes as text that parses again and emits identically (the header's determinism
// contract: emit(parse(emit(s))) == emit(s)).
#include <cstdint>
#include <string>

#include "core/sidecar/sidecar.hpp"
#include "fuzz_support.hpp"

namespace {

void run(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hush::fuzz::as_text(data, size);
  std::string emitted;
  try {
    emitted = hush::emit_sidecar(hush::parse_sidecar("fuzz.secrets.yaml", text));
  } catch (const hush::Error&) {
    return;
  }
  std::string again;
  try {
    again = hush::emit_sidecar(hush::parse_sidecar("emitted.secrets.yaml", emitted));
  } catch (const hush::Error&) {
    hush::fuzz::finding("an emitted sidecar does not parse again");
  }
  hush::fuzz::require(again == emitted, "emit(parse(emit(s))) differs from emit(s)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
