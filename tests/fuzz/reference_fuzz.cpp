// Fuzzes the reference scanner: scan_references never fails, and what it reports describes the
// text: every token lies inside it, starts with '$', references read back as their display()
// text, tokens (references, two-byte escapes, problems) come in text order without overlapping,
// and substitute() of a clean scan calls its callback once per reference, in order, and keeps
// every other byte. Problem messages are printable UTF-8, whatever bytes the template holds.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/names.hpp"
#include "core/base/text.hpp"
#include "core/model/reference.hpp"
#include "fuzz_support.hpp"

namespace {

using hush::fuzz::require;

// Valid UTF-8 without C0/C1 controls or DEL: nothing a terminal would interpret.
bool is_printable_message(std::string_view message) {
  if (!hush::is_valid_utf8(message)) return false;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const auto byte = static_cast<unsigned char>(message[i]);
    if (byte < 0x20 || byte == 0x7F) return false;
    if (byte == 0xC2 && i + 1 < message.size() &&
        static_cast<unsigned char>(message[i + 1]) < 0xA0) {
      return false;
    }
  }
  return true;
}

struct Token {
  std::size_t begin;
  std::size_t end;
};

void check_tokens(std::string_view text, const hush::ReferenceScan& scan) {
  std::vector<Token> tokens;
  for (const hush::Reference& r : scan.references) {
    require(r.length >= 3 && r.offset <= text.size() && r.length <= text.size() - r.offset,
            "reference outside the text");
    require(text.substr(r.offset, r.length) == r.display(), "reference differs from its text");
    require(r.source.empty() ? hush::is_reference_name(r.name) : !r.name.empty(),
            "reference with an invalid name");
    tokens.push_back({r.offset, r.offset + r.length});
  }
  for (std::size_t e : scan.escapes) {
    require(e + 2 < text.size() && text[e] == '$' && text[e + 1] == '$',
            "escape that is not $$ before an opener");
    tokens.push_back({e, e + 2});
  }
  for (const hush::ReferenceProblem& p : scan.problems) {
    require(p.length >= 2 && p.offset <= text.size() && p.length <= text.size() - p.offset,
            "problem outside the text");
    require(text[p.offset] == '$', "problem that does not start at '$'");
    require(!p.message.empty(), "problem without a message");
    require(is_printable_message(p.message), "problem message not printable UTF-8");
    tokens.push_back({p.offset, p.offset + p.length});
  }
  const auto in_order = [](const auto& list, auto offset_of) {
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (offset_of(list[i - 1]) >= offset_of(list[i])) return false;
    }
    return true;
  };
  require(in_order(scan.references, [](const hush::Reference& r) { return r.offset; }),
          "references out of order");
  require(in_order(scan.escapes, [](std::size_t e) { return e; }), "escapes out of order");
  require(in_order(scan.problems, [](const hush::ReferenceProblem& p) { return p.offset; }),
          "problems out of order");
  std::sort(tokens.begin(), tokens.end(),
            [](const Token& a, const Token& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    require(tokens[i - 1].end <= tokens[i].begin, "tokens overlap");
  }
}

void check_substitute(std::string_view text, const hush::ReferenceScan& scan) {
  std::size_t calls = 0;
  std::size_t removed = 0;
  const hush::SecretBuffer out =
      hush::substitute(text, scan, [&](const hush::Reference& r) -> std::string_view {
        require(calls < scan.references.size() && scan.references[calls].offset == r.offset,
                "substitute called the callback out of order");
        ++calls;
        removed += r.length;
        return "${X}";  // never rescanned
      });
  require(calls == scan.references.size(), "substitute skipped a reference");
  const std::size_t expected = text.size() - removed + 4 * calls - scan.escapes.size();
  require(out.size() == expected, "substitute changed bytes outside the tokens");
}

void run(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::ByteReader input(data, size);
  const hush::Syntax syntaxes[] = {hush::Syntax::both, hush::Syntax::braces, hush::Syntax::angle};
  const hush::Syntax syntax = syntaxes[input.byte() % 3];
  const std::string_view text = input.rest();
  const hush::ReferenceScan scan = hush::scan_references(text, syntax);
  check_tokens(text, scan);
  if (scan.problems.empty()) check_substitute(text, scan);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hush::fuzz::without_pool_leak([&] { run(data, size); });
  return 0;
}
