// hush/reference.hpp — finds `${NAME}`, `$<NAME>`, `${NAME.field}` and `${SOURCE:KEY}` references
// and `$${…}` / `$$<…>` escapes in a text, reports malformed references instead of passing them
// through, and substitutes values without ever rescanning them. Linear in the text's length.
//
// Grammar (both forms take the same contents; `$<…>` closes with '>'):
//   NAME   [A-Za-z_][A-Za-z0-9_]*        ${NAME}
//   field  [A-Za-z0-9_-]+                ${NAME.field}
//   SOURCE [A-Za-z_][A-Za-z0-9_-]*       ${SOURCE:KEY}   (KEY is kept whole, dots included)
//   KEY    [A-Za-z0-9_./-]+
// A token runs from "${" / "$<" to its closer. Without a closer it ends before a line end, the
// end of the text or the next enabled token ("${A ${B}" is "${A " unterminated, then "${B}").
// "$${" / "$$<" is an escape for the literal "${" / "$<"; the rest is scanned as usual, so a
// run of dollars before an opener is bare dollars then one escape ("$$$${X}" renders "$$${X}").
// Any other '$' is text ("$HOME", "pa$$word", a trailing '$'). Forms that `Syntax` disables
// are text, including their escapes. All functions are thread-safe.
#pragma once
#include <cstddef>
#include <functional>
#include <hush/secret.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// Which reference forms are recognised; the other form is ordinary text.
enum class Syntax { braces, angle, both };

struct Reference {
  std::size_t offset = 0;  // byte offset of the '$' in the scanned text
  std::size_t length = 0;  // bytes of the whole token, e.g. 14 for "${DB_PASSWORD}"
  std::string source;      // "" unless source-qualified ${SOURCE:KEY}
  std::string name;        // NAME, or KEY for qualified references
  std::string field;       // "" unless ${NAME.field}
  bool angle = false;      // written as $<...>
  // The canonical token text: "${A.f}", "$<A>", "${env:K}". Equals the scanned token's text.
  [[nodiscard]] std::string display() const;
};

struct ReferenceProblem {
  std::size_t offset = 0;  // of the '$' of the bad token
  std::size_t length = 0;  // bytes of the bad token (an unterminated one stops before its end)
  // Lower case, no final period; quotes the token (abbreviated with "..." past 64 bytes) and
  // states the rule, e.g. `unterminated reference "${DB_PASS": missing "}"`. Template text only.
  std::string message;
};

struct ReferenceScan {
  std::vector<Reference> references;       // in text order
  std::vector<std::size_t> escapes;        // offsets of the first '$' of each "$${" / "$$<"
  std::vector<ReferenceProblem> problems;  // malformed references, in text order
  // No references, escapes or problems: the text renders as it is.
  [[nodiscard]] bool empty() const {
    return references.empty() && escapes.empty() && problems.empty();
  }
};

// Scans `text` for the forms enabled by `syntax`. Never throws (except std::bad_alloc); each
// malformed token becomes a problem and scanning resumes right after it, so one scan reports
// every problem. O(n) time, whatever the input.
[[nodiscard]] ReferenceScan scan_references(std::string_view text, Syntax syntax);

// `text` with each reference of `scan` replaced by `value_of(reference)` and each escape reduced
// to one '$', built in secure memory (the result carries secret values). Values are inserted
// verbatim and never rescanned. `value_of` is called once per reference, with that element of
// `scan.references` itself, in text order; what it throws propagates. `scan` must come from
// scan_references on this `text`. Throws std::logic_error when `scan` has problems or does not fit
// `text`. O(n + m) for m bytes of values.
[[nodiscard]] SecretBuffer substitute(
    std::string_view text, const ReferenceScan& scan,
    const std::function<std::string_view(const Reference&)>& value_of);

// "braces", "angle" or "both" (exact, lower case); nullopt otherwise.
[[nodiscard]] std::optional<Syntax> parse_syntax(std::string_view word);

}  // namespace hush
