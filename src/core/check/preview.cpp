#include "core/check/preview.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "core/model/reference.hpp"

namespace hush {
namespace {

constexpr std::size_t k_none = std::string_view::npos;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset in `line` of the 1-based code-point `column` (the line's end past it).
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int points = 1; i < line.size() && points < column; ++points) {
    ++i;
    while (i < line.size() && is_continuation(line[i])) ++i;
  }
  return i;
}

// Bytes from `offset` that hold `width` code points.
std::size_t bytes_of_width(std::string_view line, std::size_t offset, int width) {
  return byte_of_column(line.substr(std::min(offset, line.size())), width + 1);
}

// A quoted value's content: up to the closing quote ("\" escapes in double quotes, '' in single
// quotes), or to the end of the line when the quote is not closed here.
std::size_t quoted_end(std::string_view line, std::size_t open) {
  const char quote = line[open];
  for (std::size_t i = open + 1; i < line.size(); ++i) {
    if (quote == '"' && line[i] == '\\') {
      ++i;
    } else if (line[i] == quote) {
      if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i;
    }
  }
  return line.size();
}

// An unquoted value: up to a comment (` #`) or the end of the line, without trailing blanks.
std::size_t plain_end(std::string_view line, std::size_t begin) {
  std::size_t end = line.size();
  for (std::size_t i = begin + 1; i < line.size(); ++i) {
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
      end = i;
      break;
    }
  }
  while (end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return end;
}

// References only (`${DB_PASSWORD}`, `$<TOKEN>}` closing a flow map) or a block scalar header
// (`|`, `>-`): nothing secret to hide, and the caret of a reference finding points there.
bool shows_no_secret(std::string_view value, Syntax syntax) {
  static const RE2 block_header(R"([|>][-+0-9]*)");
  if (RE2::FullMatch(re2::StringPiece(value.data(), value.size()), block_header)) return true;
  const ReferenceScan scan = scan_references(value, syntax);
  if (scan.references.empty() || !scan.problems.empty() || !scan.escapes.empty()) return false;
  std::size_t covered = 0;
  for (const Reference& r : scan.references) {
    if (r.offset != covered) return false;
    covered = r.offset + r.length;
  }
  return value.find_first_not_of(" \t,]}", covered) == k_none;
}

bool secret_like(std::string_view key, const std::vector<std::string>& extra) {
  const std::size_t dot = key.rfind('.');
  return is_secret_like_key(key, extra) ||
         (dot != k_none && is_secret_like_key(key.substr(dot + 1), extra));
}

// Spans sorted by offset, clipped to `line`; overlapping ones become one.
std::vector<SecretSpan> merged(std::string_view line, std::vector<SecretSpan> spans) {
  std::erase_if(spans,
                [&](const SecretSpan& s) { return s.offset >= line.size() || s.length == 0; });
  for (SecretSpan& s : spans) s.length = std::min(s.length, line.size() - s.offset);
  std::stable_sort(spans.begin(), spans.end(),
                   [](const SecretSpan& a, const SecretSpan& b) { return a.offset < b.offset; });
  std::vector<SecretSpan> out;
  for (SecretSpan& s : spans) {
    if (out.empty() || s.offset >= out.back().offset + out.back().length) {
      out.push_back(std::move(s));
      continue;
    }
    SecretSpan& last = out.back();
    const std::size_t end = std::max(last.offset + last.length, s.offset + s.length);
    if (end == last.offset + last.length) continue;  // inside the earlier span
    last.length = end - last.offset;
    last.preview = masked_preview(line.substr(last.offset, last.length), last.prefix);
  }
  return out;
}

}  // namespace

std::string masked_preview(std::string_view secret, std::string_view prefix) {
  const bool shown = !prefix.empty() && secret.size() > prefix.size() && secret.starts_with(prefix);
  return std::string(shown ? prefix : std::string_view()) + "\u2026(" +
         std::to_string(count_code_points(secret)) + " chars)";
}

std::vector<SecretSpan> secret_assignments(std::string_view line,
                                           const std::vector<std::string>& extra_keys,
                                           Syntax syntax) {
  static const RE2 assignment(R"(\b([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[:=][ \t]*)");
  std::vector<SecretSpan> out;
  const re2::StringPiece input(line.data(), line.size());
  re2::StringPiece match[2];
  for (std::size_t at = 0; at < line.size();) {
    if (!assignment.Match(input, at, line.size(), RE2::UNANCHORED, match, 2)) break;
    std::size_t begin = static_cast<std::size_t>(match[0].data() - line.data()) + match[0].size();
    at = begin;
    const std::string_view key(match[1].data(), match[1].size());
    if (begin >= line.size() || !secret_like(key, extra_keys)) continue;
    const bool quoted = line[begin] == '"' || line[begin] == '\'';
    const std::size_t end = quoted ? quoted_end(line, begin) : plain_end(line, begin);
    begin += quoted ? 1 : 0;
    at = std::max(end, begin);
    const std::string_view value = line.substr(begin, end - begin);
    if (value.empty() || shows_no_secret(value, syntax)) continue;
    out.push_back({begin, value.size(), "", masked_preview(value)});
  }
  return out;
}

std::string masked_snippet(int number, std::string_view line, std::vector<SecretSpan> spans,
                           std::size_t caret_offset, std::size_t caret_length) {
  const std::size_t caret_end =
      std::min(caret_offset + caret_length, std::max(line.size(), caret_offset + 1));
  std::size_t begin = k_none;
  std::size_t end = k_none;
  std::string out;
  std::size_t at = 0;
  const auto plain = [&](std::size_t until) {  // copies line[at, until), mapping the caret
    if (caret_offset >= at && (caret_offset < until || until == line.size())) {
      begin = out.size() + std::min(caret_offset, until) - at;
    }
    if (caret_end > at && caret_end <= until) end = out.size() + caret_end - at;
    out.append(line.substr(at, until - at));
    at = until;
  };
  for (const SecretSpan& s : merged(line, std::move(spans))) {
    plain(s.offset);
    if (caret_offset >= s.offset && caret_offset < s.offset + s.length) begin = out.size();
    if (caret_end > s.offset && caret_end <= s.offset + s.length) {
      end = out.size() + s.preview.size();
    }
    out += s.preview;
    at = s.offset + s.length;
  }
  plain(line.size());
  if (begin == k_none) begin = out.size();
  const std::size_t width =
      end != k_none && end > begin ? count_code_points(out.substr(begin, end - begin)) : 1;
  return caret_snippet(number, out, static_cast<int>(count_code_points(out.substr(0, begin))) + 1,
                       static_cast<int>(std::max<std::size_t>(width, 1)));
}

std::vector<SecretSpan> LineMasker::parsed_spans(std::size_t start, std::string_view line) const {
  const std::size_t end = start + line.size();
  std::vector<SecretSpan> out;
  const auto& secrets = m_parsed->secrets;
  auto it = std::partition_point(secrets.begin(), secrets.end(),
                                 [&](const SecretSpan& s) { return s.offset + s.length <= start; });
  for (; it != secrets.end() && it->offset < end; ++it) {  // a value may begin on an earlier line
    const std::size_t from = std::max(it->offset, start);
    out.push_back({from - start, std::min(end, it->offset + it->length) - from, "", it->preview});
  }
  const auto& scalars = m_parsed->scalars;
  for (SecretSpan& guess :
       secret_assignments(line, m_options.secret_keys_extra, m_options.syntax)) {
    const std::size_t at = start + guess.offset;
    const auto scalar = std::partition_point(scalars.begin(), scalars.end(),
                                             [&](const auto& s) { return s.second <= at; });
    if (scalar == scalars.end() || scalar->first > at) out.push_back(std::move(guess));
  }
  return out;
}

std::vector<SecretSpan> LineMasker::spans(const LineIndex& index, int line_number) const {
  const std::string_view line = index.line_text(line_number);
  std::vector<SecretSpan> out =
      m_parsed ? parsed_spans(index.line_start(line_number), line)
               : secret_assignments(line, m_options.secret_keys_extra, m_options.syntax);
  if (m_options.detect) {
    for (const DetectedSecret& d : m_options.detect(line)) {
      out.push_back({d.offset, d.length, d.prefix,
                     masked_preview(line.substr(d.offset, d.length), d.prefix)});
    }
  }
  if (m_known != nullptr) {
    for (const Redactor::Match& m : m_known->find(line)) {
      out.push_back({m.offset, m.length, "", masked_preview(line.substr(m.offset, m.length))});
    }
  }
  return out;
}

std::string LineMasker::snippet(const LineIndex& index, const SecretSpan& secret) const {
  const LineColumn at = index.locate(secret.offset);
  const std::string_view line = index.line_text(at.line);
  const std::size_t in_line = secret.offset - index.line_start(at.line);
  std::vector<SecretSpan> all = {{in_line, secret.length, secret.prefix, secret.preview}};
  for (SecretSpan& s : spans(index, at.line)) all.push_back(std::move(s));
  const std::size_t length = std::min(secret.length, line.size() - std::min(in_line, line.size()));
  return masked_snippet(at.line, line, std::move(all), in_line, length);
}

std::string LineMasker::snippet_at(const LineIndex& index, int line, int column, int width) const {
  const std::string_view text = index.line_text(line);
  const std::size_t offset = byte_of_column(text, column);
  return masked_snippet(line, text, spans(index, line), offset,
                        bytes_of_width(text, offset, width));
}

void LineMasker::remask(Finding& finding, const LineIndex& index) const {
  if (finding.snippet.empty() || finding.where.line < 1) return;
  if (spans(index, finding.where.line).empty()) return;
  const std::string_view carets =
      std::string_view(finding.snippet).substr(finding.snippet.rfind('\n') + 1);
  const auto width =
      std::count_if(carets.begin(), carets.end(), [](char c) { return c == '^' || c == '~'; });
  finding.snippet = snippet_at(index, finding.where.line, finding.where.column,
                               static_cast<int>(std::max<long>(width, 1)));
}

}  // namespace hush
