#include <algorithm>
#include <atomic>
#include <hush/redact.hpp>
#include <optional>

#include "core/log/redact_impl.hpp"
#include "core/log/redact_scan.hpp"

namespace hush {
namespace {

// Large chunks are scanned in slices so the regions found (and the bytes held) stay few.
constexpr std::size_t k_slice = 16384;

std::atomic<bool> g_literal_finder{true};

}  // namespace

namespace detail {
void use_literal_finder(bool enabled) { g_literal_finder.store(enabled); }
bool literal_finder_enabled() { return g_literal_finder.load(); }
}  // namespace detail

Redactor::Redactor(const std::vector<NamedSecret>& secrets, RedactOptions options)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->options = std::move(options);
  const std::size_t min_length = m_impl->options.min_length;
  for (const NamedSecret& secret : secrets) {
    if (secret.value.empty()) continue;
    if (secret.value.size() < min_length) {
      m_impl->too_short.push_back(secret.name);
      continue;
    }
    m_impl->names.push_back(secret.name);
    detail::PatternList patterns = detail::redaction_patterns(secret.value.reveal(), min_length);
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      m_impl->max_length = std::max(m_impl->max_length, patterns[i].size());
    }
    m_impl->pending.push_back(std::move(patterns));
  }
  m_impl->use_literals = detail::literal_finder_enabled();
}

void Redactor::Impl::build_once() {
  std::call_once(built, [this] {
    detail::AutomatonBuilder builder;
    for (std::size_t tag = 0; tag < pending.size(); ++tag) {
      for (std::size_t i = 0; i < pending[tag].size(); ++i) {
        builder.add(pending[tag][i], static_cast<std::uint32_t>(tag));
        literals.add(pending[tag][i], static_cast<std::uint32_t>(tag));
      }
    }
    automaton = builder.build();
    literals.build();
    use_literals = use_literals && literals.usable();
    pending.clear();
  });
}

Redactor::~Redactor() = default;
Redactor::Redactor(Redactor&&) noexcept = default;
Redactor& Redactor::operator=(Redactor&&) noexcept = default;

std::string Redactor::redact(std::string_view text) const {
  std::string out;
  RedactStream stream(*this, [&out](std::string_view piece) { out.append(piece); });
  stream.write(text);
  stream.finish();
  return out;
}

std::vector<Redactor::Match> Redactor::find(std::string_view text) const {
  m_impl->build_once();
  detail::Scanner scanner(m_impl->automaton, m_impl->literal_finder(), m_impl->max_length);
  detail::SpanSet spans;
  for (std::size_t at = 0; at < text.size(); at += k_slice) {
    scanner.write(text.substr(at, k_slice), spans);
  }
  scanner.finish(spans);
  std::vector<Match> out;
  for (const detail::Span& span : spans.spans()) {
    out.push_back({static_cast<std::size_t>(span.begin),
                   static_cast<std::size_t>(span.end - span.begin), m_impl->names[span.tag]});
  }
  return out;
}

const std::vector<std::string>& Redactor::too_short() const { return m_impl->too_short; }
bool Redactor::empty() const { return m_impl->max_length == 0; }
std::size_t Redactor::max_pattern_length() const {
  return empty() ? 0 : detail::widest_span(m_impl->max_length);
}

// `pending` holds the source bytes from `base` on; those before `done` are already accounted for
// (written, or covered by a mask already written).
struct RedactStream::State {
  explicit State(Redactor::Impl& redactor) : impl(&redactor) {}

  // The scanner, made (and the redactor's tables built) when the first bytes arrive.
  detail::Scanner& scan() {
    if (!scanner) {
      impl->build_once();
      scanner.emplace(impl->automaton, impl->literal_finder(), impl->max_length);
    }
    return *scanner;
  }

  Redactor::Impl* impl;
  std::function<void(std::string_view)> sink;
  std::optional<detail::Scanner> scanner;
  detail::SpanSet spans;
  SecureVector<char> pending;
  std::uint64_t base = 0;
  std::uint64_t done = 0;

  [[nodiscard]] std::string mask_for(std::uint32_t tag) const {
    std::string mask = impl->options.mask;
    const std::size_t at = mask.find("{name}");
    if (at != std::string::npos) mask.replace(at, 6, impl->names[tag]);
    return mask;
  }

  void copy_until(std::uint64_t upto, std::string& out) {
    if (upto <= done) return;
    out.append(pending.data() + (done - base), static_cast<std::size_t>(upto - done));
    done = upto;
  }

  void emit(std::uint64_t limit, bool final);
};

// A region starting before `limit` has its final start and name, so its mask is written at once;
// bytes after it wait until it can grow no more (it ends at or before `limit`), which keeps a run
// of overlapping matches from holding unbounded text. At the end of the stream all is final.
void RedactStream::State::emit(std::uint64_t limit, bool final) {
  std::string out;
  std::vector<detail::Span>& regions = spans.spans();
  std::size_t closed = 0;
  bool growing = false;
  for (; closed < regions.size(); ++closed) {
    detail::Span& region = regions[closed];
    if (!final && region.begin >= limit) break;
    if (!region.opened) {
      copy_until(region.begin, out);
      out += mask_for(region.tag);
      region.opened = true;
    }
    done = std::max(done, region.end);
    growing = !final && region.end > limit;
    if (growing) break;
  }
  regions.erase(regions.begin(), regions.begin() + static_cast<std::ptrdiff_t>(closed));
  if (!growing) copy_until(limit, out);
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(done - base));
  base = done;
  if (!out.empty()) sink(out);
}

RedactStream::RedactStream(const Redactor& redactor, std::function<void(std::string_view)> sink) {
  m_state = std::make_unique<State>(*redactor.m_impl);
  m_state->sink = std::move(sink);
}

RedactStream::~RedactStream() = default;
RedactStream::RedactStream(RedactStream&&) noexcept = default;
RedactStream& RedactStream::operator=(RedactStream&&) noexcept = default;

void RedactStream::write(std::string_view chunk) {
  State& s = *m_state;
  for (std::size_t at = 0; at < chunk.size(); at += k_slice) {
    const std::string_view slice = chunk.substr(at, k_slice);
    detail::append_bytes(s.pending, slice);
    s.scan().write(slice, s.spans);
    s.emit(s.scanner->limit(), false);
  }
}

void RedactStream::finish() {
  State& s = *m_state;
  if (!s.scanner) return;  // nothing was written
  s.scanner->finish(s.spans);
  s.emit(s.scanner->position(), true);
}

std::size_t RedactStream::held() const { return m_state->pending.size(); }

}  // namespace hush
