#include "core/check/detect.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <hush/error.hpp>
#include <mutex>
#include <set>

#include "core/check/regex_prefix.hpp"
#include "core/yaml/yaml_source.hpp"
#include "hush/detect_rules_data.hpp"

namespace hush {

namespace {

RE2::Options rule_options();

}  // namespace

// A rule's regex and allow patterns, compiled when the rules load (rules from a file: every
// pattern is checked there, with its location) or when a scan first needs them (the embedded
// rules, checked by the tests: most runs of `hush check` need one or two of 34 rules, and
// compiling all of them was most of its start-up).
struct CompiledRule {
  struct Regexes {
    std::once_flag once;
    std::unique_ptr<RE2> regex;
    std::vector<std::unique_ptr<RE2>> allow;
  };
  DetectionRule rule;
  std::string pattern;
  std::vector<std::string> allow_patterns;
  std::unique_ptr<Regexes> compiled = std::make_unique<Regexes>();

  // Thread-safe; throws Error(invalid_input, "detect-rules-invalid") for a pattern RE2 rejects.
  [[nodiscard]] const Regexes& regexes() const {
    std::call_once(compiled->once, [this] {
      const auto make = [this](const std::string& text) {
        auto regex = std::make_unique<RE2>(text, rule_options());
        if (!regex->ok()) {
          throw Error(ErrorKind::invalid_input, "detect-rules-invalid",
                      "rule " + rule.id + ": invalid RE2 pattern: " + regex->error());
        }
        return regex;
      };
      compiled->regex = make(pattern);
      for (const std::string& a : allow_patterns) compiled->allow.push_back(make(a));
    });
    return *compiled;
  }
};

struct Detector::Impl {
  std::vector<DetectionRule> rules;
  std::vector<CompiledRule> compiled;
  std::unique_ptr<RE2::Set> keywords;  // all keywords, case-insensitive: which occur at all
  std::vector<std::vector<int>> rules_of_keyword;
  void build();  // compiles the keyword set
};

namespace {

RE2::Options rule_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

[[noreturn]] void invalid(const YamlSource& source, const YamlNode& node,
                          const std::string& message) {
  Location where{source.path, 0, 0};
  if (node.scalar != k_no_scalar) {
    const ScalarSite& site = source.documents[0].scalars[node.scalar];
    where = {source.path, site.start.line, site.start.column};
  }
  throw Error(ErrorKind::invalid_input, "detect-rules-invalid", message, where);
}

std::vector<std::string> strings_of(const YamlSource& source, const YamlNode& node,
                                    const char* what) {
  if (node.kind != NodeKind::sequence) invalid(source, node, std::string(what) + " must be a list");
  std::vector<std::string> out;
  for (const YamlNode& item : node.children) {
    if (item.kind != NodeKind::scalar)
      invalid(source, item, std::string(what) + " items must be strings");
    out.push_back(item.value);
  }
  return out;
}

std::unique_ptr<RE2> compile(const YamlSource& source, const YamlNode& node,
                             const std::string& pattern) {
  auto regex = std::make_unique<RE2>(pattern, rule_options());
  if (!regex->ok()) invalid(source, node, "invalid RE2 pattern: " + regex->error());
  return regex;
}

bool is_literal(std::string_view prefix) {
  return !prefix.empty() &&
         std::all_of(prefix.begin(), prefix.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

// Every match starts with one of `starts`. A prefix is shown only when it lies within such a
// literal start: one that could run past a start into the variable part is refused.
bool within_starts(const std::string& prefix, const std::vector<std::string>& starts) {
  const auto covers = [&](const std::string& s) { return s.starts_with(prefix); };
  const auto overruns = [&](const std::string& s) {
    return prefix.size() > s.size() && prefix.starts_with(s);
  };
  return std::any_of(starts.begin(), starts.end(), covers) &&
         std::none_of(starts.begin(), starts.end(), overruns);
}

// `prefix:` as one string or a list, checked against what the regex's secret part starts with.
std::vector<std::string> prefixes_of(const YamlSource& source, const YamlNode& node,
                                     const std::string& pattern) {
  std::vector<const YamlNode*> items;
  if (node.kind == NodeKind::scalar) {
    items.push_back(&node);
  } else {
    (void)strings_of(source, node, "prefix");
    for (const YamlNode& item : node.children) items.push_back(&item);
  }
  if (items.empty()) invalid(source, node, "prefix must be a string or a non-empty list");
  const std::vector<std::string> starts = literal_starts(pattern);
  std::vector<std::string> out;
  for (const YamlNode* item : items) {
    const std::string& prefix = item->value;
    if (!is_literal(prefix)) {
      invalid(source, *item,
              "prefix '" + prefix + "' is not a literal (printable ASCII, no spaces)");
    }
    if (!within_starts(prefix, starts)) {
      invalid(source, *item,
              "prefix '" + prefix + "' is not a literal that every match starts with");
    }
    out.push_back(prefix);
  }
  for (const std::string& start : starts) {
    const auto begins = [&](const std::string& p) { return start.starts_with(p); };
    if (std::none_of(out.begin(), out.end(), begins)) {
      invalid(
          source, *items.front(),
          "a match can start with '" + start + "', which starts with none of the rule's prefixes");
    }
  }
  return out;
}

CompiledRule read_rule(const YamlSource& source, const YamlNode& entry, bool check_patterns) {
  static const std::array<std::string_view, 7> k_keys = {
      "id", "description", "regex", "keywords", "entropy", "allow", "prefix"};
  if (entry.kind != NodeKind::map) invalid(source, entry, "each rule must be a mapping");
  for (const YamlNode& key : entry.keys) {
    if (std::find(k_keys.begin(), k_keys.end(), key.value) == k_keys.end()) {
      invalid(source, key, "unknown key '" + key.value + "' in a rule");
    }
  }
  const YamlNode* id = entry.find("id");
  const YamlNode* regex = entry.find("regex");
  if (id == nullptr || regex == nullptr || id->kind != NodeKind::scalar ||
      regex->kind != NodeKind::scalar) {
    invalid(source, entry.keys.empty() ? entry : entry.keys[0], "a rule needs an id and a regex");
  }
  CompiledRule rule;
  rule.rule.id = id->value;
  if (const YamlNode* d = entry.find("description")) rule.rule.description = d->value;
  if (const YamlNode* k = entry.find("keywords"))
    rule.rule.keywords = strings_of(source, *k, "keywords");
  if (const YamlNode* e = entry.find("entropy")) {
    try {
      rule.rule.entropy = std::stod(e->value);
    } catch (const std::exception&) {
      invalid(source, *e, "entropy must be a number");
    }
  }
  rule.pattern = regex->value;
  if (const YamlNode* a = entry.find("allow"))
    rule.allow_patterns = strings_of(source, *a, "allow");
  if (const YamlNode* p = entry.find("prefix")) {
    rule.rule.prefixes = check_patterns                ? prefixes_of(source, *p, regex->value)
                         : p->kind == NodeKind::scalar ? std::vector<std::string>{p->value}
                                                       : strings_of(source, *p, "prefix");
  }
  if (check_patterns) {
    std::call_once(rule.compiled->once, [&] {
      rule.compiled->regex = compile(source, *regex, regex->value);
      const YamlNode* a = entry.find("allow");
      for (const std::string& p : rule.allow_patterns) {
        rule.compiled->allow.push_back(compile(source, *a, p));
      }
    });
  }
  return rule;
}

std::string quote_literal(std::string_view keyword) {
  return "(?i)" + RE2::QuoteMeta(re2::StringPiece(keyword.data(), keyword.size()));
}

// The longest declared prefix `secret` starts with (validated at load; checked again here).
std::string prefix_of(const DetectionRule& rule, std::string_view secret) {
  std::string best;
  for (const std::string& p : rule.prefixes) {
    if (secret.starts_with(p) && p.size() > best.size()) best = p;
  }
  return best;
}

}  // namespace

void Detector::Impl::build() {
  keywords = std::make_unique<RE2::Set>(rule_options(), RE2::UNANCHORED);
  for (std::size_t r = 0; r < compiled.size(); ++r) {
    for (const std::string& keyword : compiled[r].rule.keywords) {
      keywords->Add(quote_literal(keyword), nullptr);
      rules_of_keyword.push_back({static_cast<int>(r)});
    }
  }
  if (!keywords->Compile()) {
    throw Error(ErrorKind::invalid_input, "detect-rules-invalid",
                "the detection rules do not compile together");
  }
}

Detector::Detector(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Detector::~Detector() = default;
Detector::Detector(Detector&&) noexcept = default;
Detector& Detector::operator=(Detector&&) noexcept = default;

Detector Detector::builtin() {
  return load(detail::k_detect_rules_yaml, "schemas/detect-rules.yaml", false);
}

Detector Detector::from_yaml(std::string_view text, const std::string& path) {
  return load(text, path, true);
}

Detector Detector::load(std::string_view text, const std::string& path, bool check_patterns) {
  const YamlSource source = parse_yaml_source(path, std::string(text));
  auto impl = std::make_unique<Impl>();
  const YamlNode* rules =
      source.documents.empty() ? nullptr : source.documents[0].root.find("rules");
  if (rules == nullptr || rules->kind != NodeKind::sequence) {
    throw Error(ErrorKind::invalid_input, "detect-rules-invalid",
                "expected a top-level rules: list", Location{path, 1, 1});
  }
  std::set<std::string> ids;
  for (const YamlNode& entry : rules->children) {
    CompiledRule rule = read_rule(source, entry, check_patterns);
    if (!ids.insert(rule.rule.id).second)
      invalid(source, *entry.find("id"), "duplicate rule id " + rule.rule.id);
    impl->rules.push_back(rule.rule);
    impl->compiled.push_back(std::move(rule));
  }
  impl->build();
  return Detector(std::move(impl));
}

const std::vector<DetectionRule>& Detector::rules() const { return m_impl->rules; }

std::vector<Detection> Detector::scan(std::string_view text) const {
  const re2::StringPiece input(text.data(), text.size());
  std::vector<int> keyword_hits;
  if (!m_impl->keywords->Match(input, &keyword_hits)) return {};
  std::set<int> candidates;
  for (int k : keyword_hits)
    candidates.insert(m_impl->rules_of_keyword[static_cast<std::size_t>(k)].begin(),
                      m_impl->rules_of_keyword[static_cast<std::size_t>(k)].end());
  std::vector<Detection> out;
  std::set<std::pair<std::size_t, std::size_t>> spans;
  for (int r : candidates) {  // in file order: the first rule wins a span
    const CompiledRule& rule = m_impl->compiled[static_cast<std::size_t>(r)];
    const CompiledRule::Regexes& regexes = rule.regexes();
    const int groups = regexes.regex->NumberOfCapturingGroups();
    re2::StringPiece match[2];
    for (std::size_t at = 0; at <= text.size();) {
      if (!regexes.regex->Match(input, at, text.size(), RE2::UNANCHORED, match, groups > 0 ? 2 : 1))
        break;
      const re2::StringPiece secret =
          groups > 0 && match[1].data() != nullptr ? match[1] : match[0];
      at = static_cast<std::size_t>(match[0].data() - text.data()) +
           std::max<std::size_t>(match[0].size(), 1);
      const bool allowed =
          std::any_of(regexes.allow.begin(), regexes.allow.end(),
                      [&](const auto& a) { return RE2::PartialMatch(secret, *a); });
      const std::string_view value(secret.data(), secret.size());
      if (allowed || (rule.rule.entropy && shannon_entropy(value) < *rule.rule.entropy)) continue;
      const std::size_t offset = static_cast<std::size_t>(secret.data() - text.data());
      const bool overlaps = std::any_of(spans.begin(), spans.end(), [&](const auto& s) {
        return offset < s.second && s.first < offset + secret.size();
      });
      if (overlaps) continue;
      spans.insert({offset, offset + secret.size()});
      out.push_back({rule.rule.id, rule.rule.description, offset, secret.size(),
                     prefix_of(rule.rule, value)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Detection& a, const Detection& b) { return a.offset < b.offset; });
  return out;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double entropy = 0.0;
  for (std::size_t n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(text.size());
    entropy -= p * std::log2(p);
  }
  return entropy;
}

}  // namespace hush
