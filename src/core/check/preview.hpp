// hush/preview.hpp — the one way a finding shows a secret: a masked preview with at most the
// detection rule's fixed prefix and the length ("AKIA…(20 chars)", "…(8 chars)"), and source
// lines with every secret on them replaced by such previews: the finding's own secret, whatever
// the detection rules and the known values match on the line, and the value of every secret-like
// `key: value` or `key=value`.
#pragma once
#include <cstddef>
#include <hush/redact.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/text.hpp"
#include "core/check/check.hpp"

namespace hush {

// `prefix` (only when `secret` starts with it and is longer) and the length of `secret` in code
// points. No other character of `secret` appears. Pure.
[[nodiscard]] std::string masked_preview(std::string_view secret, std::string_view prefix = {});

// A secret in some text: bytes [offset, offset + length), the fixed prefix of its rule (or empty)
// and its preview, made by masked_preview (of the whole secret, which may go on past the line).
struct SecretSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string prefix;
  std::string preview;
};

// The values of secret-like assignments on `line` (`password: x`, `"token": "x"`,
// `DB_PASSWORD=x`, `--api-key=x`, `spring.datasource.password=x`; keys as is_secret_like_key
// with `extra_keys`, also by their last dotted part): a quoted value up to its closing quote,
// else up to a ` #` comment or the end of the line. Values made only of references (and YAML
// block scalar headers) stay visible. Offsets are into `line`.
[[nodiscard]] std::vector<SecretSpan> secret_assignments(std::string_view line,
                                                         const std::vector<std::string>& extra_keys,
                                                         Syntax syntax);

// A caret snippet of line `number`: `line` with `spans` replaced by their previews (overlapping
// spans merge into one, previewed anew with the first one's prefix), the caret under what bytes
// [caret_offset, caret_offset + caret_length) of `line` became (at least one column).
[[nodiscard]] std::string masked_snippet(int number, std::string_view line,
                                         std::vector<SecretSpan> spans, std::size_t caret_offset,
                                         std::size_t caret_length);

// What parsing a YAML file tells about its values (offsets into its text, in text order): the
// literal secrets (plaintext-secret values, inline `secrets:` values) and where every scalar is.
struct ParsedValues {
  std::vector<SecretSpan> secrets;
  std::vector<std::pair<std::size_t, std::size_t>> scalars;  // [begin, end)
};

// Everything that can show a secret on a line of a checked file. Borrows `options` and `known`
// (may be null), which must outlive it. Thread-safe when `options.detect` is. Not copyable.
class LineMasker {
 public:
  // `parsed`: the file parsed as YAML. Its literal secrets are masked exactly, and a
  // secret-like assignment is guessed only where no scalar starts (in a comment); without it,
  // every secret-like assignment on a line is masked.
  LineMasker(const CheckOptions& options, const Redactor* known,
             std::optional<ParsedValues> parsed = std::nullopt)
      : m_options(options), m_known(known), m_parsed(std::move(parsed)) {}
  LineMasker(const LineMasker&) = delete;
  LineMasker& operator=(const LineMasker&) = delete;

  // Every secret on line `line` of the text `index` was built on, offsets into the line:
  // detections, known values, literal secrets and secret-like assignments.
  [[nodiscard]] std::vector<SecretSpan> spans(const LineIndex& index, int line) const;
  // The snippet of a finding on `secret` (offsets into the text `index` was built on), caret
  // under the secret's preview.
  [[nodiscard]] std::string snippet(const LineIndex& index, const SecretSpan& secret) const;
  // The snippet of a finding at `line`:`column` (code points) with a caret `width` wide.
  [[nodiscard]] std::string snippet_at(const LineIndex& index, int line, int column,
                                       int width) const;
  // Rebuilds the snippet a lower layer made from the raw line (a reference finding's), when the
  // line shows a secret; keeps its caret.
  void remask(Finding& finding, const LineIndex& index) const;

 private:
  [[nodiscard]] std::vector<SecretSpan> parsed_spans(std::size_t start,
                                                     std::string_view line) const;

  const CheckOptions& m_options;
  const Redactor* m_known;
  std::optional<ParsedValues> m_parsed;
};

}  // namespace hush
