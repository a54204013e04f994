#include "core/check/check_sidecar.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "core/base/text.hpp"

namespace hush::detail {

namespace {

// Where mapping key `key` of `map` sits in document 0 of `source`, or the file's first line.
LineColumn key_position(const YamlSource& source, const YamlNode& map, std::string_view key) {
  for (const YamlNode& k : map.keys) {
    if (k.kind == NodeKind::scalar && k.value == key && k.scalar != k_no_scalar) {
      return source.documents[0].scalars[k.scalar].start;
    }
  }
  return {1, 1};
}

std::string versions_text(const std::vector<std::uint64_t>& versions) {
  std::string out;
  for (const std::uint64_t v : versions) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return out;
}

}  // namespace

bool has_sidecar_header(std::string_view content) {
  const std::string_view first = content.substr(0, content.find('\n'));
  return first == k_sidecar_header || (first.size() == k_sidecar_header.size() + 1 &&
                                       first.back() == '\r' && first.starts_with(k_sidecar_header));
}

ParsedValues sidecar_values(const YamlSource& source) {
  ParsedValues out;
  for (const YamlDocument& document : source.documents) {
    for (const ScalarSite& site : document.scalars) {
      out.scalars.emplace_back(site.begin, site.end);
      const bool value = !site.is_key && !site.path.empty() && !site.path.back().is_index &&
                         site.path.back().key == "value";
      if (value && site.end > site.begin) {
        out.secrets.push_back({site.begin, site.end - site.begin, "", masked_preview(site.value)});
      }
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> sealed_ranges(std::string_view text) {
  static const RE2 sealed(R"((enc:v[12]:[A-Za-z0-9+/=_-]+))");
  std::vector<std::pair<std::size_t, std::size_t>> out;
  re2::StringPiece rest(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&rest, sealed, &match)) {
    const auto begin = static_cast<std::size_t>(match.data() - text.data());
    out.emplace_back(begin, begin + match.size());
  }
  return out;
}

std::vector<Finding> compare_with_base(const YamlSource& source, const Sidecar& now,
                                       const Sidecar& base, const std::string& revision,
                                       const LineMasker& masker, const LineIndex& index) {
  std::vector<Finding> out;
  const YamlNode& root = source.documents[0].root;
  const auto add = [&](std::string rule, LineColumn at, std::string message) {
    out.push_back({Severity::error,
                   std::move(rule),
                   {source.path, at.line, at.column},
                   std::move(message),
                   masker.snippet_at(index, at.line, at.column, 1)});
  };
  if (now.public_key != base.public_key) {
    add("sidecar-key-changed", key_position(source, root, "public_key"),
        "the sidecar's public key changed since " + revision + " (key_id " + base.key_id +
            " is now " + now.key_id +
            "): every value is sealed to another key; if this rekey is intended, accept it "
            "with a baseline entry after review, else restore the file from " +
            revision);
  }
  const YamlNode* secrets = root.find("secrets");
  for (const auto& [name, entry] : now.secrets) {
    const auto before = base.secrets.find(name);
    if (before == base.secrets.end()) continue;  // added since: nothing to compare
    const LineColumn at = secrets != nullptr && secrets->kind == NodeKind::map
                              ? key_position(source, *secrets, name)
                              : LineColumn{1, 1};
    const SidecarEntry& was = before->second;
    if (entry.version < was.version) {
      add("sidecar-version-down", at,
          "secret " + name + " is at version " + std::to_string(entry.version) +
              ", below version " + std::to_string(was.version) + " at " + revision +
              ": an older value was put back; restore the file from " + revision +
              " or set a new value with `hush secrets update " + name + "`");
      continue;
    }
    // History is only appended to: every version the base kept, and its current one when the
    // secret has moved on since, must still be there.
    std::vector<std::uint64_t> kept;
    for (const SealedVersion& v : entry.history) kept.push_back(v.version);
    kept.push_back(entry.version);
    std::vector<std::uint64_t> missing;
    for (const SealedVersion& v : was.history) {
      if (std::find(kept.begin(), kept.end(), v.version) == kept.end())
        missing.push_back(v.version);
    }
    if (std::find(kept.begin(), kept.end(), was.version) == kept.end()) {
      missing.push_back(was.version);
    }
    if (!missing.empty()) {
      add("sidecar-history-truncated", at,
          "secret " + name + " lost version(s) " + versions_text(missing) + " that " + revision +
              " has: history is only ever appended to; restore the file from " + revision);
    }
  }
  return out;
}

}  // namespace hush::detail
