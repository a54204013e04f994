#include "core/check/check.hpp"

#include <fcntl.h>
#include <re2/re2.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <hush/redact.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "core/base/fsutil.hpp"
#include "core/base/json.hpp"
#include "core/base/text.hpp"
#include "core/check/check_impl.hpp"
#include "core/check/check_sidecar.hpp"
#include "core/check/content.hpp"
#include "core/check/preview.hpp"
#include "core/check/suppress.hpp"

namespace hush {
StreamSource::~StreamSource() {
  if (fd >= 0) ::close(fd);
}

namespace {

// An OpsiMate config by its shape: a mapping root with a providers, services or integrations
// list (a compose file's `services:` is a mapping, a Helm values file has none of them).
bool opsimate_shaped(const YamlSource& source) {
  if (source.documents.empty() || source.documents[0].root.kind != NodeKind::map) return false;
  const YamlNode& root = source.documents[0].root;
  for (const char* section : {"providers", "services", "integrations"}) {
    const YamlNode* node = root.find(section);
    if (node != nullptr && node->kind == NodeKind::sequence) return true;
  }
  return false;
}

// Text that other templating writes (`{{ … }}`, `{% … %}`, `${{ … }}`): such a file that does not
// parse as YAML is a template, not a broken config.
bool has_template_markers(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

// A YAML file that does not parse but reads like an OpsiMate config: a `providers:` or
// `integrations:` key at the start of a line, or `services:` followed by a list item.
bool text_shaped_config(std::string_view text) {
  if (has_template_markers(text)) return false;
  static const RE2 pattern(
      R"((?m)^(?:providers|integrations):[ \t]*(?:#.*)?$|^services:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*[ \t]*- )");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

// The schema applies to configs with an OpsiMate section or an inline secrets block.
bool schema_applies(const YamlSource& source) {
  return opsimate_shaped(source) ||
         (!source.documents.empty() && source.documents[0].root.kind == NodeKind::map &&
          source.documents[0].root.find("secrets") != nullptr);
}

struct FileResult {
  std::vector<Finding> findings;
  std::set<std::string> referenced;
  bool streamed = false;
  bool not_checked = false;
  bool config = false;
  std::size_t suppressed = 0;
};

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

// The detection and known-value rules over `text` (the file, its decoded form, or one window of
// it that `index` numbers), for secrets that start before `end` and outside the byte ranges
// `skip`. Snippets of a text that is not clean UTF-8 are made printable.
void text_rules(const std::string& path, std::string_view text, std::size_t end,
                const CheckOptions& options, const Redactor* known, const LineMasker& masker,
                const LineIndex& index, std::vector<Finding>& out, const Ranges& skip = {}) {
  const bool printable = is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
  const auto add = [&](Finding f) {
    if (!printable) f.snippet = printable_utf8(f.snippet);
    out.push_back(std::move(f));
  };
  if (options.detect) {
    for (const DetectedSecret& d : options.detect(text)) {
      const auto inside = [&](const auto& range) {
        return d.offset >= range.first && d.offset < range.second;
      };
      if (d.offset >= end || std::any_of(skip.begin(), skip.end(), inside)) continue;
      const LineColumn at = index.locate(d.offset);
      const std::string_view secret = text.substr(d.offset, d.length);
      const SecretSpan span{d.offset, d.length, d.prefix, masked_preview(secret, d.prefix)};
      add({Severity::error,
           "detected-secret/" + d.rule,
           {path, at.line, at.column},
           d.description + ": " + span.preview,
           masker.snippet(index, span)});
    }
  }
  if (known == nullptr) return;
  for (const Redactor::Match& m : known->find(text)) {
    if (m.offset >= end) continue;
    const LineColumn at = index.locate(m.offset);
    const std::string_view secret = text.substr(m.offset, m.length);
    add({Severity::error,
         "known-secret-value",
         {path, at.line, at.column},
         "the value of sidecar secret " + m.name + " is written here in plaintext",
         masker.snippet(index, {m.offset, m.length, "", masked_preview(secret)})});
  }
}

// Drops the findings from `first` on that a `hush:ignore` comment on their line (as `index`
// numbers lines, in the comment syntax of the file at `path`) suppresses, counting them.
void drop_suppressed(std::vector<Finding>& findings, std::size_t first, const LineIndex& index,
                     const std::string& path, FileResult& result) {
  const CommentSyntax syntax = comment_syntax_of(path);
  const auto begin = findings.begin() + static_cast<std::ptrdiff_t>(first);
  const auto kept = std::remove_if(begin, findings.end(), [&](const Finding& f) {
    return f.where.line > 0 && suppressible(f.rule) &&
           ignore_comment_covers(index.line_text(f.where.line), syntax, f.rule);
  });
  result.suppressed += static_cast<std::size_t>(findings.end() - kept);
  findings.erase(kept, findings.end());
}

Finding not_checked_finding(const std::string& path, int line, const std::string& reason) {
  const std::string message = "not checked: " + reason;
  return {Severity::warning, "not-checked", {path, line, line > 0 ? 1 : 0}, message, {}};
}

// A hush private key file (`hk_<16 hex>.key` as `hush init` writes it, or any `*.key` file that
// is one base64 X25519 key line): never to be committed, whatever else the file holds.
std::optional<Finding> key_file_finding(const CheckInput& input) {
  const std::string_view name =
      std::string_view(input.path).substr(input.path.find_last_of('/') + 1);
  if (!name.ends_with(".key")) return std::nullopt;
  static const RE2 key_line(R"([A-Za-z0-9+/]{43}=\r?\n?)");
  static const RE2 hush_name(R"(hk_[0-9a-f]{16}\.key)");
  const re2::StringPiece content(input.content.data(), input.content.size());
  const bool named = RE2::FullMatch(re2::StringPiece(name.data(), name.size()), hush_name);
  if (!RE2::FullMatch(content, key_line) && !named) return std::nullopt;
  const std::string message =
      "a hush private key file (" + masked_preview(input.content.substr(0, 44)) +
      "); never commit it: remove it from git and its history, and move the sidecar to a new key";
  return Finding{Severity::error, "hush-key-file", {input.path, 1, 1}, message, {}};
}

// A parse error (yaml-syntax, invalid-encoding, duplicate-key, alias-budget, nesting-limit,
// recursive-alias) as a finding of its own id. The parser's snippet is the raw line: it is
// rebuilt, masked, at the error's column (and made printable when the problem is the encoding).
Finding syntax_finding(const CheckInput& input, const Error& e, const LineMasker& masker,
                       const LineIndex& index) {
  const Location where = e.where().value_or(Location{input.path});
  const std::string& rule = e.id();
  std::string snippet =
      where.line > 0 ? masker.snippet_at(index, where.line, std::max(where.column, 1), 1) : "";
  if (rule == "invalid-encoding") snippet = printable_utf8(snippet);
  return {Severity::error, rule, where, e.message(), std::move(snippet)};
}

// A file check_inputs could not read at all: a not-checked warning with the reason.
FileResult unreadable_result(const CheckInput& input, const Error& e) {
  FileResult result;
  result.not_checked = true;
  result.findings.push_back(not_checked_finding(input.path, 0, e.message()));
  return result;
}

// Reads a file in order, in pieces: the content held in memory, or a stream's descriptor.
class ChunkReader {
 public:
  ChunkReader(const CheckInput& input) : m_input(input) {
    if (!input.stream) return;
    if (input.stream->fd >= 0) {
      m_fd = input.stream->fd;
      return;
    }
    m_fd = ::open(input.stream->path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      const std::string why = m_fd < 0 ? std::strerror(errno) : "not a regular file";
      if (m_fd >= 0) ::close(m_fd);
      throw Error(ErrorKind::io, "unreadable-file", "cannot read " + input.path + ": " + why,
                  Location{input.path, 0, 0});
    }
    m_owned = true;
  }
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;
  ~ChunkReader() {
    if (m_owned) ::close(m_fd);
  }
  // Up to `size` more bytes; empty at the end.
  std::string next(std::size_t size) {
    if (m_fd < 0) {
      std::string out = m_input.content.substr(std::min(m_offset, m_input.content.size()), size);
      m_offset += out.size();
      return out;
    }
    std::string out(size, '\0');
    std::size_t got = 0;
    while (got < size) {
      const ssize_t n =
          ::pread(m_fd, out.data() + got, size - got, static_cast<off_t>(m_offset + got));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        throw Error(ErrorKind::io, "unreadable-file",
                    "cannot read " + m_input.path + ": " + std::strerror(errno),
                    Location{m_input.path, 0, 0});
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    m_offset += got;
    return out;
  }

 private:
  const CheckInput& m_input;
  int m_fd = -1;
  bool m_owned = false;
  std::size_t m_offset = 0;
};

constexpr std::size_t k_window = std::size_t{1} << 20;
constexpr std::size_t k_overlap = std::size_t{64} << 10;

// A file too large to hold: the detection and known-value rules over windows of 1 MiB and a
// 64 KiB overlap, each secret reported by the window it starts in, with absolute line numbers.
// UTF-16 is decoded window by window. A YAML file's YAML rules do not run: a not-checked warning.
FileResult check_stream(const CheckInput& input, const CheckOptions& options,
                        const Redactor* known) {
  FileResult result;
  result.streamed = true;
  ChunkReader reader(input);
  const LineMasker masker(options, known, std::nullopt);
  std::string window;
  std::optional<ContentClass> content;
  int first_line = 1;
  for (bool end = false, at_start = true; !end; at_start = false) {
    std::string chunk = reader.next(k_window);
    end = chunk.empty();
    if (!content) content = classify_content(chunk);
    if (*content == ContentClass::utf16le || *content == ContentClass::utf16be) {
      window += decode_utf16(chunk, *content == ContentClass::utf16le, at_start);
    } else {
      window += chunk;
    }
    if (!end && window.size() <= k_window + k_overlap) continue;
    std::size_t cut = window.size();
    if (!end) {
      const std::size_t at = window.rfind('\n', window.size() - k_overlap);
      cut = at == std::string::npos ? window.size() - k_overlap : at + 1;
    }
    const LineIndex index(window, first_line);
    const std::size_t before = result.findings.size();
    text_rules(input.path, window, cut, options, known, masker, index, result.findings);
    drop_suppressed(result.findings, before, index, input.path, result);
    first_line = index.locate(cut).line;
    window.erase(0, cut);
  }
  if (is_yaml_config_path(input.path)) {
    result.findings.push_back(not_checked_finding(
        input.path, 1,
        "the file is larger than the input limit, so its YAML rules (references, scopes, "
        "schema, plaintext values) did not run; the detection rules did (raise the limit with "
        "--max-input-size)"));
  }
  return result;
}

const Sidecar* sidecar_of(const CheckInput& input, const CheckOptions& options) {
  if (!input.sidecar || *input.sidecar >= options.sidecars.size()) return nullptr;
  return &options.sidecars[*input.sidecar].sidecar;
}

void config_rules(const CheckInput& input, const YamlSource& source, const CheckOptions& options,
                  const LineMasker& masker, FileResult& result) {
  result.config = true;
  detail::check_config(source, sidecar_of(input, options), options, masker, result.findings,
                       result.referenced);
  if (!options.schema || !schema_applies(source)) return;
  for (Finding& f : options.schema(source)) {
    result.findings.push_back(std::move(f));
  }
}

// A file with hush's sidecar header: it must be a valid sidecar (every value sealed, the key_id
// that of the public key: sidecar-invalid otherwise), compared with its version at the base
// revision when there is one, and the detection rules run on all of it but its sealed values.
FileResult sidecar_result(const CheckInput& input, const CheckOptions& options,
                          const Redactor* known) {
  FileResult result;
  const LineIndex index(input.content);
  std::optional<YamlSource> source;
  std::optional<Error> problem;
  try {
    source = parse_yaml_source(input.path, input.content);
  } catch (const Error& e) {
    problem = e;
  }
  const LineMasker masker(options, known,
                          source ? std::optional(detail::sidecar_values(*source)) : std::nullopt);
  if (problem) {
    // No parse, so no way to tell a value's line: the message locates it, no snippet shows it.
    Finding f = syntax_finding(input, *problem, masker, index);
    f.snippet.clear();
    result.findings.push_back(std::move(f));
  } else {
    try {
      const Sidecar now = parse_sidecar(*source);
      const std::optional<std::string> base =
          options.at_base ? options.at_base(input.path) : std::nullopt;
      if (base && detail::has_sidecar_header(*base)) {
        std::optional<Sidecar> before;
        try {
          before = parse_sidecar(input.path + " at " + options.base_revision, *base);
        } catch (const Error&) {
          // Broken at the base: nothing trustworthy to compare with.
        }
        if (before) {
          for (Finding& f : detail::compare_with_base(*source, now, *before, options.base_revision,
                                                      masker, index)) {
            result.findings.push_back(std::move(f));
          }
        }
      }
    } catch (const Error& e) {
      const Location where = e.where().value_or(Location{input.path, 1, 1});
      result.findings.push_back(
          {Severity::error, "sidecar-invalid", where,
           "not a valid sidecar: " + e.message() + " (a file with hush's sidecar header is one)",
           where.line > 0 ? masker.snippet_at(index, where.line, std::max(where.column, 1), 1)
                          : ""});
    }
  }
  text_rules(input.path, input.content, input.content.size(), options, known, masker, index,
             result.findings, detail::sealed_ranges(input.content));
  drop_suppressed(result.findings, 0, index, input.path, result);
  return result;
}

FileResult check_one(const CheckInput& input, const CheckOptions& options, const Redactor* known) {
  if (input.unreadable) return unreadable_result(input, *input.unreadable);
  if (input.stream || input.content.size() > options.max_file_size) {
    return check_stream(input, options, known);
  }
  if (detail::has_sidecar_header(input.content)) return sidecar_result(input, options, known);
  FileResult result;
  // Nothing is skipped for its bytes: UTF-16 is decoded for the text rules, anything else with
  // NULs is scanned as it is. A YAML file is parsed as it is, so a UTF-16 or NUL-bearing config
  // gets its invalid-encoding finding.
  const ContentClass content = classify_content(input.content);
  std::string decoded;
  if (content == ContentClass::utf16le || content == ContentClass::utf16be) {
    decoded = decode_utf16(input.content, content == ContentClass::utf16le, true);
  }
  const bool utf16 = content == ContentClass::utf16le || content == ContentClass::utf16be;
  const std::string_view text = utf16 ? std::string_view(decoded) : input.content;
  const bool yaml = is_yaml_config_path(input.path);
  const LineIndex index(input.content);
  std::optional<LineIndex> decoded_index;
  if (utf16) decoded_index.emplace(text);
  const LineIndex& text_index = utf16 ? *decoded_index : index;
  std::optional<YamlSource> source;
  std::optional<Error> problem;
  if (yaml) {
    try {
      source = parse_yaml_source(input.path, input.content);
    } catch (const Error& e) {
      problem = e;
    }
  }
  // hush's own rules where hush templates are; elsewhere (a workflow, a Helm chart, a compose
  // file) a YAML file that does not parse is scanned as text, not reported.
  const bool config = input.config || (source ? opsimate_shaped(*source)
                                              : yaml && text_shaped_config(input.content));
  // A file that did not parse has no known scalars: its lines are masked by guesswork.
  const LineMasker masker(
      options, known,
      source ? std::optional(detail::parsed_values(*source, options)) : std::nullopt);
  if (source) {
    try {
      if (config) {
        config_rules(input, *source, options, masker, result);
      } else {
        detail::plaintext_rules(*source, options, masker, result.findings);
      }
    } catch (const Error& e) {
      problem = e;
    }
  }
  if (problem && config) result.findings.push_back(syntax_finding(input, *problem, masker, index));
  text_rules(input.path, text, text.size(), options, known, masker, text_index, result.findings);
  if (std::optional<Finding> key_file = key_file_finding(input)) {
    result.findings.push_back(std::move(*key_file));
  }
  // A literal already reported as plaintext-secret is not reported again by a detection rule.
  std::set<int> plaintext_lines;
  for (const Finding& f : result.findings) {
    if (f.rule == "plaintext-secret") plaintext_lines.insert(f.where.line);
  }
  std::erase_if(result.findings, [&](const Finding& f) {
    return f.rule.starts_with("detected-secret/") && plaintext_lines.count(f.where.line) != 0;
  });
  drop_suppressed(result.findings, 0, text_index, input.path, result);
  return result;
}

FileResult failed_result(const std::string& rule, const Location& where,
                         const std::string& message) {
  FileResult result;
  result.findings.push_back({Severity::error, rule, where, message, {}});
  return result;
}

// Per sidecar that some checked config uses: its secrets none of those configs references.
void unused_secrets(const CheckOptions& options,
                    const std::vector<std::set<std::string>>& referenced,
                    const std::vector<bool>& used, std::vector<Finding>& findings) {
  for (std::size_t i = 0; i < options.sidecars.size(); ++i) {
    if (!used[i]) continue;
    const CheckSidecar& sidecar = options.sidecars[i];
    for (const auto& [name, entry] : sidecar.sidecar.secrets) {
      if (referenced[i].count(name) != 0) continue;
      findings.push_back({Severity::warning,
                          "unused-secret",
                          {sidecar.path, 0, 0},
                          "secret " + name + " is not referenced by any checked config",
                          {}});
    }
  }
}

}  // namespace

namespace {

// What a finding's fingerprint is made of: only text hush prints anyway, never a value. The
// finding's source line as its masked snippet shows it (so moving the line keeps the
// fingerprint, editing it does not), else its message.
std::string_view fingerprint_basis(const Finding& finding) {
  const std::string_view snippet(finding.snippet);
  const std::size_t bar = snippet.find(" | ");
  if (bar == std::string_view::npos) return finding.message;
  std::string_view line = snippet.substr(bar + 3, snippet.find('\n') - (bar + 3));
  line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
  return line;
}

// Gives every finding its fingerprint: keyed BLAKE2b-128 of rule, path, basis and the ordinal of
// that triple among the findings so far (a second identical line is a new finding).
void assign_fingerprints(std::vector<Finding>& findings) {
  ensure_sodium();
  static constexpr unsigned char k_key[] = "hush-baseline-v2-fingerprint-key";
  std::map<std::string, std::size_t> seen;
  for (Finding& f : findings) {
    const std::string_view basis = fingerprint_basis(f);
    std::string subject = f.rule;
    std::string_view path = f.where.path;  // `./a.yaml` and `a.yaml` are one file
    while (path.starts_with("./")) path.remove_prefix(2);
    for (std::string_view part : {path, basis}) {
      subject.push_back('\0');
      subject.append(part);
    }
    const std::string ordinal = std::to_string(seen[subject]++);
    subject.push_back('\0');
    subject.append(ordinal);
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char*>(subject.data()), subject.size(),
                       k_key, 32);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    f.fingerprint = hex;
  }
}

}  // namespace

CheckReport check_files(const std::vector<CheckInput>& files, const CheckOptions& options) {
  std::unique_ptr<Redactor> known;
  if (!options.known_values.empty()) known = std::make_unique<Redactor>(options.known_values);
  std::vector<FileResult> results(files.size());
  // An exception leaving a worker would call std::terminate (no message, no wiping destructors):
  // each one becomes a finding for its file instead.
  const auto checked = [&](const CheckInput& input) {
    try {
      return check_one(input, options, known.get());
    } catch (const Error& e) {
      if (e.id() == "unreadable-file") return unreadable_result(input, e);  // a stream's read
      return failed_result(e.id(), e.where().value_or(Location{input.path}), e.message());
    } catch (const std::exception& e) {
      return failed_result("internal-error", Location{input.path},
                           std::string("internal error while checking this file: ") + e.what());
    }
  };
  std::atomic<std::size_t> next{0};
  const unsigned wanted =
      options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  const unsigned workers =
      std::max(1u, std::min<unsigned>(wanted, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < files.size(); i = next++) results[i] = checked(files[i]);
    });
  }
  for (std::thread& t : pool) t.join();
  CheckReport report;
  std::vector<std::set<std::string>> referenced(options.sidecars.size());
  std::vector<bool> used(options.sidecars.size(), false);
  for (std::size_t i = 0; i < results.size(); ++i) {
    FileResult& r = results[i];
    report.streamed += r.streamed ? 1 : 0;
    report.not_checked += r.not_checked ? 1 : 0;
    report.files_checked += r.not_checked ? 0 : 1;
    report.suppressed += r.suppressed;
    const std::optional<std::size_t> sidecar = files[i].sidecar;
    if (r.config && sidecar && *sidecar < options.sidecars.size()) {
      used[*sidecar] = true;
      referenced[*sidecar].insert(r.referenced.begin(), r.referenced.end());
    }
    std::move(r.findings.begin(), r.findings.end(), std::back_inserter(report.findings));
  }
  unused_secrets(options, referenced, used, report.findings);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.where.path, a.where.line, a.where.column) <
                            std::tie(b.where.path, b.where.line, b.where.column);
                   });
  assign_fingerprints(report.findings);
  return report;
}

bool is_yaml_config_path(std::string_view path) {
  const std::string_view name = path.substr(path.find_last_of('/') + 1);
  return (name.ends_with(".yaml") || name.ends_with(".yml")) && name != ".hush.yaml" &&
         name != ".pre-commit-hooks.yaml" && name != ".pre-commit-config.yaml";
}

bool is_secret_like_key(std::string_view key, const std::vector<std::string>& extra) {
  std::string k(key);
  for (char& c : k)
    c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const k_exact[] = {"password",
                                        "passwd",
                                        "pass",
                                        "pwd",
                                        "token",
                                        "api_key",
                                        "apikey",
                                        "secret",
                                        "secret_key",
                                        "private_key",
                                        "client_secret",
                                        "access_key",
                                        "secret_access_key",
                                        "auth_token",
                                        "access_token",
                                        "refresh_token",
                                        "bearer_token",
                                        "routing_key",
                                        "webhook_url",
                                        "dsn"};
  static const char* const k_suffixes[] = {"_password", "_passwd", "_token",       "_secret",
                                           "_api_key",  "_apikey", "_private_key", "_access_key"};
  for (const char* exact : k_exact) {
    if (k == exact) return true;
  }
  for (const char* suffix : k_suffixes) {
    if (k.ends_with(suffix)) return true;
  }
  for (const std::string& e : extra) {
    if (k == e) return true;
  }
  return false;
}

namespace {

constexpr int k_baseline_version = 2;

[[noreturn]] void invalid_baseline(const std::string& path, const std::string& why) {
  throw Error(ErrorKind::syntax, "baseline-invalid",
              "not a hush baseline: " + why + " (write one with --write-baseline)", Location{path});
}

bool is_fingerprint(const std::string& text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::set<std::string> read_baseline(const std::string& path) {
  return parse_baseline(path, read_file(path, k_baseline_limit));
}

std::set<std::string> parse_baseline(const std::string& name, std::string_view text) {
  const Json baseline = parse_json(name, text, "baseline-invalid");
  if (baseline.is_object() && baseline.value("hush_baseline", Json()) == 1) {
    invalid_baseline(name, "a version 1 baseline, whose fingerprints hash the secrets themselves");
  }
  if (!baseline.is_object() || baseline.value("hush_baseline", Json()) != k_baseline_version) {
    invalid_baseline(name, "expected an object with \"hush_baseline\": 2");
  }
  const auto fingerprints = baseline.find("fingerprints");
  if (fingerprints == baseline.end() || !fingerprints->is_array()) {
    invalid_baseline(name, "expected a \"fingerprints\" list");
  }
  std::set<std::string> out;
  for (const Json& item : *fingerprints) {
    if (!item.is_string() || !is_fingerprint(item.get<std::string>())) {
      invalid_baseline(name, "a fingerprint is 32 lower-case hexadecimal digits");
    }
    out.insert(item.get<std::string>());
  }
  return out;
}

std::string baseline_text(const std::vector<Finding>& findings) {
  std::set<std::string> fps;
  for (const Finding& f : findings) {
    if (!f.fingerprint.empty()) fps.insert(f.fingerprint);
  }
  return json_text({{"hush_baseline", k_baseline_version}, {"fingerprints", fps}});
}

std::size_t apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline) {
  const std::size_t before = findings.size();
  std::erase_if(findings, [&](const Finding& f) { return baseline.count(f.fingerprint) != 0; });
  return before - findings.size();
}

}  // namespace hush
