#include "core/check/detect.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <hush/error.hpp>
#include <mutex>
#include <set>

#include "core/check/detect_filters.hpp"
#include "core/check/regex_prefix.hpp"
#include "core/yaml/yaml_source.hpp"
#include "hush/detect_rules_data.hpp"

namespace hush {

namespace {

RE2::Options rule_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace

// A rule's patterns, compiled when the rules load (rules from a file: each is checked there, at
// its location) or when a scan first needs them (the embedded rules, checked by the tests: a run
// of `hush check` needs a few rules, and compiling all of them was most of its start-up).
struct CompiledRule {
  struct Regexes {
    std::once_flag once;
    std::unique_ptr<RE2> regex;
    std::vector<std::unique_ptr<RE2>> allow;
    std::unique_ptr<RE2> context;  // null: any text
    std::unique_ptr<RE2> within;   // null: the whole text
  };
  DetectionRule rule;
  std::string pattern;
  std::vector<std::string> allow_patterns;
  std::string context_pattern;
  std::string within_pattern;
  std::vector<ValueFilter> filters;
  std::unique_ptr<Regexes> compiled = std::make_unique<Regexes>();

  // Compiles every pattern once with `make(pattern, key)` (which throws for a pattern RE2
  // rejects; `key` names where it came from).
  template <typename Make>
  void compile_with(Make make) const {
    std::call_once(compiled->once, [&] {
      compiled->regex = make(pattern, "regex");
      for (const std::string& a : allow_patterns) compiled->allow.push_back(make(a, "allow"));
      if (!context_pattern.empty()) compiled->context = make(context_pattern, "requires");
      if (!within_pattern.empty()) compiled->within = make(within_pattern, "within");
    });
  }

  // Thread-safe; throws Error(invalid_input, "detect-rules-invalid") for a pattern RE2 rejects.
  [[nodiscard]] const Regexes& regexes() const {
    compile_with([this](const std::string& text, const char*) {
      auto regex = std::make_unique<RE2>(text, rule_options());
      if (!regex->ok()) {
        throw Error(ErrorKind::invalid_input, "detect-rules-invalid",
                    "rule " + rule.id + ": invalid RE2 pattern: " + regex->error());
      }
      return regex;
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

DetectionExamples examples_of(const YamlSource& source, const YamlNode& node) {
  if (node.kind != NodeKind::map) invalid(source, node, "examples must be a mapping");
  DetectionExamples out;
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    const std::string& key = node.keys[i].value;
    if (key != "match" && key != "ignore")
      invalid(source, node.keys[i], "unknown key '" + key + "' in examples (match, ignore)");
    (key == "match" ? out.match : out.ignore) = strings_of(source, node.children[i], "examples");
  }
  return out;
}

std::vector<ValueFilter> filters_of(const YamlSource& source, const YamlNode& node) {
  std::vector<ValueFilter> out;
  for (const std::string& name : strings_of(source, node, "filters")) {
    const std::optional<ValueFilter> filter = value_filter_named(name);
    if (!filter)
      invalid(source, node, "unknown filter '" + name + "' (placeholder, reference, address)");
    out.push_back(*filter);
  }
  return out;
}

// Every pattern of `rule` compiled now, each error at the pattern's own location.
void compile_located(const YamlSource& source, const YamlNode& entry, CompiledRule& rule) {
  rule.compile_with([&](const std::string& pattern, const char* key) {
    return compile(source, *entry.find(key), pattern);
  });
  if (!rule.rule.prefixes.empty() && rule.compiled->regex->NumberOfCapturingGroups() > 1) {
    invalid(source, *entry.find("prefix"),
            "a rule with a prefix must have at most one capturing group");
  }
}

void check_keys(const YamlSource& source, const YamlNode& entry) {
  static const std::array<std::string_view, 12> k_keys = {
      "id",     "description", "regex",     "keywords", "entropy", "allow",
      "prefix", "filters",     "multiline", "requires", "within",  "examples"};
  if (entry.kind != NodeKind::map) invalid(source, entry, "each rule must be a mapping");
  for (const YamlNode& key : entry.keys) {
    if (std::find(k_keys.begin(), k_keys.end(), key.value) == k_keys.end()) {
      invalid(source, key, "unknown key '" + key.value + "' in a rule");
    }
  }
}

void read_options(const YamlSource& source, const YamlNode& entry, CompiledRule& rule) {
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
  if (const YamlNode* m = entry.find("multiline")) {
    if (m->value != "true" && m->value != "false")
      invalid(source, *m, "multiline must be a boolean");
    rule.rule.multiline = m->value == "true";
  }
  if (const YamlNode* a = entry.find("allow"))
    rule.allow_patterns = strings_of(source, *a, "allow");
  for (const char* key : {"requires", "within"}) {
    const YamlNode* p = entry.find(key);
    if (p && (p->kind != NodeKind::scalar || p->value.empty()))
      invalid(source, *p, std::string(key) + " must be a pattern");
    if (p) (key[0] == 'r' ? rule.context_pattern : rule.within_pattern) = p->value;
  }
  if (const YamlNode* f = entry.find("filters")) {
    rule.filters = filters_of(source, *f);
    rule.rule.filters = strings_of(source, *f, "filters");
  }
  if (const YamlNode* x = entry.find("examples")) rule.rule.examples = examples_of(source, *x);
}

CompiledRule read_rule(const YamlSource& source, const YamlNode& entry, bool check_patterns) {
  check_keys(source, entry);
  const YamlNode* id = entry.find("id");
  const YamlNode* regex = entry.find("regex");
  if (id == nullptr || regex == nullptr || id->kind != NodeKind::scalar ||
      regex->kind != NodeKind::scalar) {
    invalid(source, entry.keys.empty() ? entry : entry.keys[0], "a rule needs an id and a regex");
  }
  CompiledRule rule;
  rule.rule.id = id->value;
  rule.pattern = regex->value;
  read_options(source, entry, rule);
  if (const YamlNode* p = entry.find("prefix")) {
    rule.rule.prefixes = check_patterns                ? prefixes_of(source, *p, regex->value)
                         : p->kind == NodeKind::scalar ? std::vector<std::string>{p->value}
                                                       : strings_of(source, *p, "prefix");
  }
  if (check_patterns) compile_located(source, entry, rule);
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

namespace detail {

std::string_view builtin_rules_text() {
  static const std::string text = [] {
    std::string joined;
    for (const char* part : k_detect_rules_parts) joined += part;
    return joined;
  }();
  return text;
}

}  // namespace detail

Detector Detector::builtin() {
  return load(detail::builtin_rules_text(), "schemas/detect-rules.yaml", false);
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

namespace {

using Spans = std::set<std::pair<std::size_t, std::size_t>>;

// The detections of one rule in text[begin, end).
void scan_region(const CompiledRule& rule, std::string_view text, std::size_t begin,
                 std::size_t end, Spans& spans, std::vector<Detection>& out) {
  const CompiledRule::Regexes& regexes = rule.regexes();
  const re2::StringPiece input(text.data(), text.size());
  const int groups = std::min(regexes.regex->NumberOfCapturingGroups(), 8);
  std::array<re2::StringPiece, 9> match;
  for (std::size_t at = begin; at <= end;) {
    if (!regexes.regex->Match(input, at, end, RE2::UNANCHORED, match.data(), groups + 1)) break;
    const auto taken = std::find_if(match.begin() + 1, match.begin() + groups + 1,
                                    [](const re2::StringPiece& m) { return m.data() != nullptr; });
    const re2::StringPiece secret = taken != match.begin() + groups + 1 ? *taken : match[0];
    at = static_cast<std::size_t>(match[0].data() - text.data()) +
         std::max<std::size_t>(match[0].size(), 1);
    const std::size_t offset = static_cast<std::size_t>(secret.data() - text.data());
    if ((!rule.rule.multiline && crosses_line_break({match[0].data(), match[0].size()})) ||
        !passes({regexes.allow, rule.rule.entropy, rule.filters}, text, offset, secret.size())) {
      continue;
    }
    const bool overlaps = std::any_of(spans.begin(), spans.end(), [&](const auto& s) {
      return offset < s.second && s.first < offset + secret.size();
    });
    if (overlaps) continue;
    spans.insert({offset, offset + secret.size()});
    out.push_back({rule.rule.id, rule.rule.description, offset, secret.size(),
                   prefix_of(rule.rule, {secret.data(), secret.size()})});
  }
}

// The rule's detections: over the whole text, or only in the regions its `within` marks.
void scan_rule(const CompiledRule& rule, std::string_view text, Spans& spans,
               std::vector<Detection>& out) {
  const CompiledRule::Regexes& regexes = rule.regexes();
  const re2::StringPiece input(text.data(), text.size());
  if (regexes.context && !RE2::PartialMatch(input, *regexes.context)) return;
  if (!regexes.within) return scan_region(rule, text, 0, text.size(), spans, out);
  re2::StringPiece region;
  for (std::size_t at = 0;
       regexes.within->Match(input, at, text.size(), RE2::UNANCHORED, &region, 1);
       at = static_cast<std::size_t>(region.data() - text.data()) +
            std::max<std::size_t>(region.size(), 1)) {
    const auto begin = static_cast<std::size_t>(region.data() - text.data());
    scan_region(rule, text, begin, begin + region.size(), spans, out);
  }
}

}  // namespace

std::vector<Detection> Detector::scan(std::string_view text) const {
  const re2::StringPiece input(text.data(), text.size());
  std::vector<int> keyword_hits;
  if (!m_impl->keywords->Match(input, &keyword_hits)) return {};
  std::set<int> candidates;
  for (int k : keyword_hits)
    candidates.insert(m_impl->rules_of_keyword[static_cast<std::size_t>(k)].begin(),
                      m_impl->rules_of_keyword[static_cast<std::size_t>(k)].end());
  std::vector<Detection> out;
  Spans spans;
  for (int r : candidates)  // in file order: the first rule wins a span
    scan_rule(m_impl->compiled[static_cast<std::size_t>(r)], text, spans, out);
  std::sort(out.begin(), out.end(),
            [](const Detection& a, const Detection& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace hush
