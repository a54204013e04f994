// hush/reference.hpp — finds `${NAME}`, `$<NAME>`, `${NAME.field}` and `${SOURCE:KEY}` references
// and `$${…}` / `$$<…>` escapes in a text, reports malformed references instead of passing them
// through, and substitutes values without ever rescanning them. Linear in the text's length.
#pragma once
#include <cstddef>
#include <functional>
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
  // The canonical token text: "${A.f}", "$<A>", "${env:K}".
  [[nodiscard]] std::string display() const;
};

struct ReferenceProblem {
  std::size_t offset = 0;  // of the '$' of the bad token
  std::size_t length = 0;
  std::string message;     // names the token and the rule; the token is template text
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

// Scans `text` for the forms enabled by `syntax`. Never throws; malformed tokens become
// problems and scanning continues after them. O(n).
[[nodiscard]] ReferenceScan scan_references(std::string_view text, Syntax syntax);

// `text` with each reference replaced by value_of(reference) and each escape reduced to one
// '$'. Values are inserted verbatim and never rescanned. Throws std::logic_error when `scan`
// has problems.
[[nodiscard]] std::string substitute(std::string_view text, const ReferenceScan& scan,
                                     const std::function<std::string_view(const Reference&)>& value_of);

// "braces", "angle" or "both"; nullopt otherwise.
[[nodiscard]] std::optional<Syntax> parse_syntax(std::string_view word);
// Whether `name` matches [A-Za-z_][A-Za-z0-9_]*.
[[nodiscard]] bool is_valid_secret_name(std::string_view name);

}  // namespace hush
