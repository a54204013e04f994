// Fuzzes the redactor: with up to four secret values, a mask and a minimum length taken from the
// first bytes of the input, the rest of the input redacted
//   - in one call (Redactor::redact) equals the text with each region of Redactor::find replaced
//     by its mask, and the regions are in order, disjoint, inside the text and cover every
//     occurrence of each maskable value;
//   - through a RedactStream, for every split point into two chunks (or a sample of them for long
//     inputs), byte by byte, and in chunks of fuzzer-chosen sizes (empty writes included), gives
//     exactly the one-call output; what the stream has emitted is always a prefix of it, and it
//     never holds back more than max_pattern_length() bytes;
//   - with the literal finder (the default) and with the automaton alone, gives the same output
//     and the same regions.
#include <cstdint>
#include <hush/redact.hpp>
#include <string>
#include <vector>

#include "core/log/redact_impl.hpp"
#include "fuzz_support.hpp"

namespace {

using hush::fuzz::require;

constexpr std::size_t k_exhaustive_splits = 256;  // longer texts: a sample of split points
constexpr std::size_t k_sampled_splits = 64;

struct Setup {
  std::vector<hush::NamedSecret> secrets;
  hush::RedactOptions options;
  std::vector<std::size_t> chunk_sizes;
};

Setup read_setup(hush::fuzz::ByteReader& input) {
  static const char* const masks[] = {"***", "[{name}]", "", "{name}{name}", "*"};
  Setup setup;
  const std::size_t count = 1 + input.byte() % 4;
  setup.options.min_length = input.byte() % 8;
  setup.options.mask = masks[input.byte() % std::size(masks)];
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view value = input.take(input.byte() % 48);
    setup.secrets.push_back({"S" + std::to_string(i), hush::SecretValue(value)});
  }
  const std::size_t chunks = input.byte() % 8;
  for (std::size_t i = 0; i < chunks; ++i) setup.chunk_sizes.push_back(input.byte() % 64);
  return setup;
}

std::string mask_for(const hush::RedactOptions& options, const std::string& name) {
  std::string mask = options.mask;
  const std::size_t at = mask.find("{name}");
  if (at != std::string::npos) mask.replace(at, 6, name);
  return mask;
}

void check_find(const hush::Redactor& redactor, const Setup& setup, std::string_view text,
                const std::string& expected) {
  const std::vector<hush::Redactor::Match> matches = redactor.find(text);
  std::string rebuilt;
  std::size_t at = 0;
  for (const hush::Redactor::Match& m : matches) {
    require(m.length > 0 && m.offset >= at && m.offset <= text.size() &&
                m.length <= text.size() - m.offset,
            "find: regions out of order, overlapping or outside the text");
    rebuilt.append(text.substr(at, m.offset - at));
    rebuilt.append(mask_for(setup.options, m.name));
    at = m.offset + m.length;
  }
  rebuilt.append(text.substr(at));
  require(rebuilt == expected, "redact() differs from the text masked at find()'s regions");
  for (const hush::NamedSecret& secret : setup.secrets) {
    const std::string_view value = secret.value.reveal();
    if (value.empty() || value.size() < setup.options.min_length) continue;
    for (std::size_t pos = text.find(value); pos != std::string_view::npos;
         pos = text.find(value, pos + 1)) {
      bool covered = false;
      for (const hush::Redactor::Match& m : matches) {
        covered = covered || (m.offset <= pos && pos + value.size() <= m.offset + m.length);
      }
      require(covered, "a secret value in the text is not inside a masked region");
    }
  }
}

// Streams `text` cut at `cuts` (increasing offsets) and checks the stream against `expected`.
void check_stream(const hush::Redactor& redactor, std::string_view text,
                  const std::vector<std::size_t>& cuts, const std::string& expected) {
  std::string out;
  hush::RedactStream stream(redactor, [&out](std::string_view piece) { out.append(piece); });
  std::size_t at = 0;
  const auto write_until = [&](std::size_t end) {
    stream.write(text.substr(at, end - at));
    at = end;
    require(out.size() <= expected.size() && expected.compare(0, out.size(), out) == 0,
            "the stream emitted bytes that are not a prefix of the one-call output");
    require(stream.held() <= redactor.max_pattern_length(),
            "the stream holds back more than max_pattern_length() bytes");
  };
  for (std::size_t cut : cuts) write_until(cut);
  write_until(text.size());
  stream.finish();
  require(stream.held() == 0, "the stream holds bytes after finish()");
  require(out == expected, "streamed output differs from the one-call output");
}

void run(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::ByteReader input(data, size);
  const Setup setup = read_setup(input);
  const std::string_view text = input.rest();
  const hush::Redactor redactor(setup.secrets, setup.options);
  const std::string expected = redactor.redact(text);
  check_find(redactor, setup, text, expected);
  {
    hush::detail::use_literal_finder(false);
    const hush::Redactor automaton_only(setup.secrets, setup.options);
    hush::detail::use_literal_finder(true);
    require(automaton_only.redact(text) == expected,
            "the literal finder and the automaton alone redact differently");
    const std::vector<hush::Redactor::Match> a = redactor.find(text);
    const std::vector<hush::Redactor::Match> b = automaton_only.find(text);
    require(a.size() == b.size(), "the literal finder and the automaton find different regions");
    for (std::size_t i = 0; i < a.size(); ++i) {
      require(a[i].offset == b[i].offset && a[i].length == b[i].length && a[i].name == b[i].name,
              "the literal finder and the automaton find different regions");
    }
    check_stream(automaton_only, text, {text.size() / 2}, expected);
  }

  const std::size_t step =
      text.size() <= k_exhaustive_splits ? 1 : text.size() / k_sampled_splits + 1;
  for (std::size_t cut = 0; cut <= text.size(); cut += step) {
    check_stream(redactor, text, {cut}, expected);
  }
  std::vector<std::size_t> cuts;
  for (std::size_t cut = 1; cut < text.size(); ++cut) cuts.push_back(cut);
  check_stream(redactor, text, cuts, expected);  // byte by byte
  if (!setup.chunk_sizes.empty()) {
    cuts.clear();
    std::size_t at = 0;
    for (std::size_t i = 0; at < text.size(); ++i) {
      at = std::min(text.size(), at + setup.chunk_sizes[i % setup.chunk_sizes.size()]);
      cuts.push_back(at);
      if (cuts.size() > 4 * text.size() + 8) break;  // all sizes zero: a few empty writes
    }
    check_stream(redactor, text, cuts, expected);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
