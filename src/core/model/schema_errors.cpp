#include "core/model/schema_errors.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "core/base/text.hpp"
#include "core/model/schema_adapter.hpp"
#include "core/model/schema_kinds.hpp"

namespace hush::detail {
namespace {

using Steps = std::vector<std::string>;

enum class Role { wrapper, marker, alternatives, missing, type_mismatch, unexpected, leaf };

// A valijson error after classification. `text` is the property for missing and unexpected, the
// child index for a marker, the message for a leaf.
struct Issue {
  Steps context;
  Role role = Role::leaf;
  std::string text;
};

// "a", "a or b", "a, b or c".
std::string list_phrase(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

// valijson's wording, reworded where hush's users deserve better; the rest as written, in the
// house style (lower case, double quotes, no final period). No valijson message holds a value.
std::string leaf_message(std::string_view description) {
  if (description.starts_with("String should be no fewer than 1 character")) {
    return "must not be empty";
  }
  if (description.starts_with("Failed to match against any enum values")) {
    return "is not one of the allowed values";
  }
  if (description.starts_with("Failed to match expected value set by 'const'")) {
    return "is not the expected value";
  }
  std::string out(description);
  if (out.ends_with('.')) out.pop_back();
  std::replace(out.begin(), out.end(), '\'', '"');
  if (!out.empty() && out.front() >= 'A' && out.front() <= 'Z') out.front() += 'a' - 'A';
  return out;
}

// The text between `prefix` and the final "'." of `description`.
std::string quoted_name(std::string_view description, std::string_view prefix) {
  description.remove_prefix(prefix.size());
  if (description.ends_with("'.")) description.remove_suffix(2);
  return std::string(description);
}

// valijson reports every failure again in each enclosing schema ("failed to validate item #0");
// only the leaves and the structure of anyOf/oneOf carry information.
Issue classify(const SchemaError& error) {
  Issue issue;
  for (const std::string& part : error.context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      issue.context.push_back(part.substr(1, part.size() - 2));
    }
  }
  const std::string_view d = error.description;
  constexpr std::string_view k_marker = "Failed to validate against child schema #";
  constexpr std::string_view k_missing = "Missing required property '";
  constexpr std::string_view k_unexpected = "'additionalProperties' constraints: '";
  if (d.starts_with(k_marker)) {
    issue.role = Role::marker;
    issue.text = std::string(d.substr(k_marker.size()));
    if (issue.text.ends_with('.')) issue.text.pop_back();
  } else if (d.starts_with("Failed to validate against any")) {
    issue.role = Role::alternatives;
  } else if (d.starts_with("Failed to validate against exactly one")) {
    issue.text = "matches more than one of the allowed forms";
  } else if (d.starts_with("Failed to validate")) {
    issue.role = Role::wrapper;
  } else if (d.starts_with(k_missing)) {
    issue.role = Role::missing;
    issue.text = quoted_name(d, k_missing);
  } else if (d.starts_with("Value type not permitted")) {
    issue.role = Role::type_mismatch;
  } else if (const std::size_t at = d.find(k_unexpected); at != std::string_view::npos) {
    issue.role = Role::unexpected;
    issue.text = quoted_name(d.substr(at), k_unexpected);
  } else {
    issue.text = leaf_message(d);
  }
  return issue;
}

bool within(const Steps& context, const Steps& prefix) {
  return context.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), context.begin());
}

bool is_marker_at(const Issue& issue, const Steps& context) {
  return issue.role == Role::marker && issue.context == context;
}

// Takes the failed alternatives of an anyOf/oneOf at `context` off the end of `issues`, in
// order. valijson closes each alternative with a marker "child schema #i" at `context`; the first
// one starts after the previous marker there or after the last issue outside `context`.
std::vector<std::vector<Issue>> pop_alternatives(std::vector<Issue>& issues, const Steps& context) {
  std::vector<std::vector<Issue>> alternatives;
  while (!issues.empty() && is_marker_at(issues.back(), context)) {
    const bool first = issues.back().text == "0";
    issues.pop_back();
    std::vector<Issue> alternative;
    while (!issues.empty() && within(issues.back().context, context) &&
           !is_marker_at(issues.back(), context)) {
      if (issues.back().role != Role::marker)
        alternative.insert(alternative.begin(), issues.back());
      issues.pop_back();
    }
    alternatives.insert(alternatives.begin(), std::move(alternative));
    if (first) break;
  }
  return alternatives;
}

bool only_missing_here(const std::vector<Issue>& alternative, const Steps& context) {
  return !alternative.empty() &&
         std::all_of(alternative.begin(), alternative.end(), [&](const Issue& i) {
           return i.role == Role::missing && i.context == context;
         });
}

// `missing required property "a", or "b" and "c"`.
Issue merged_missing(const std::vector<std::vector<Issue>>& alternatives, const Steps& context) {
  std::vector<std::string> options;
  bool compound = false;
  for (const std::vector<Issue>& alternative : alternatives) {
    std::vector<std::string> names;
    for (const Issue& issue : alternative) names.push_back("\"" + issue.text + "\"");
    compound = compound || names.size() > 1;
    options.push_back(join(names, " and "));
  }
  const std::string list = compound ? join(options, ", or ") : list_phrase(options);
  return {context, Role::leaf, "missing required property " + list};
}

// One report for a failed anyOf/oneOf at `context`. The alternatives whose shape fits the value
// (no type mismatch on the value itself) are the ones the author meant; when none fits, the value
// has the wrong type. Rejected: reporting every alternative's errors, which reads as if all of
// them were required.
std::vector<Issue> merge_alternatives(std::vector<std::vector<Issue>> alternatives,
                                      const Steps& context) {
  std::erase_if(alternatives, [&](const std::vector<Issue>& alternative) {
    return std::any_of(alternative.begin(), alternative.end(), [&](const Issue& i) {
      return i.role == Role::type_mismatch && i.context == context;
    });
  });
  if (alternatives.empty()) return {{context, Role::type_mismatch, {}}};
  if (std::all_of(alternatives.begin(), alternatives.end(), [&](const auto& alternative) {
        return only_missing_here(alternative, context);
      })) {
    return {merged_missing(alternatives, context)};
  }
  const auto fewest =
      std::min_element(alternatives.begin(), alternatives.end(),
                       [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (fewest->empty()) return {{context, Role::leaf, "does not match any of the allowed forms"}};
  return *fewest;
}

std::vector<Issue> collect_issues(const std::vector<SchemaError>& errors) {
  std::vector<Issue> issues;
  for (const SchemaError& error : errors) {
    Issue issue = classify(error);
    if (issue.role == Role::wrapper) continue;
    if (issue.role != Role::alternatives) {
      issues.push_back(std::move(issue));
      continue;
    }
    std::vector<std::vector<Issue>> alternatives = pop_alternatives(issues, issue.context);
    const std::vector<Issue> merged =
        alternatives.empty() ? std::vector<Issue>{{issue.context, Role::leaf,
                                                   "does not match any of the allowed forms"}}
                             : merge_alternatives(std::move(alternatives), issue.context);
    issues.insert(issues.end(), merged.begin(), merged.end());
  }
  std::erase_if(issues, [](const Issue& issue) { return issue.role == Role::marker; });
  return issues;
}

// The node a context leads to, its path, and where the key or item holding it starts.
struct Target {
  const YamlNode* node = nullptr;
  NodePath path;
  LineColumn holder{1, 1};
};

Target follow(const YamlDocument& document, const Steps& steps) {
  Target target{&document.root, {}, {1, 1}};
  for (const std::string& step : steps) {
    const YamlNode& node = *target.node;
    if (node.kind == NodeKind::map) {
      const auto key = std::find_if(node.keys.begin(), node.keys.end(),
                                    [&](const YamlNode& k) { return k.value == step; });
      if (key == node.keys.end()) break;
      target.holder = start_of(document, *key).value_or(target.holder);
      target.node = &node.children[static_cast<std::size_t>(key - node.keys.begin())];
      target.path.push_back({.key = step, .index = 0, .is_index = false});
      continue;
    }
    const std::optional<std::size_t> index = parse_index(step);
    if (node.kind != NodeKind::sequence || !index || *index >= node.children.size()) break;
    target.node = &node.children[*index];
    target.holder = start_of(document, *target.node).value_or(target.holder);
    target.path.push_back({.key = {}, .index = *index, .is_index = true});
  }
  return target;
}

std::string issue_text(const Issue& issue, const YamlNode& schema, const Target& target) {
  switch (issue.role) {
    case Role::missing:
      return "missing required property \"" + issue.text + "\"";
    case Role::unexpected:
      return "unexpected property \"" + issue.text + "\"";
    case Role::type_mismatch: {
      const std::string found = kind_phrase(json_kind(*target.node));
      const std::vector<std::string> allowed = allowed_kinds(schema, target.path);
      if (allowed.empty()) return found + " is not allowed here";
      return "expected " + list_phrase(allowed) + ", found " + found;
    }
    default:
      return issue.text;
  }
}

LineColumn issue_position(const YamlDocument& document, const Target& target, const Issue& issue) {
  const YamlNode& node = *target.node;
  if (issue.role == Role::unexpected && node.kind == NodeKind::map) {
    for (const YamlNode& key : node.keys) {
      if (key.value == issue.text) return start_of(document, key).value_or(target.holder);
    }
  }
  return start_of(document, node).value_or(target.holder);
}

}  // namespace

std::optional<LineColumn> start_of(const YamlDocument& document, const YamlNode& node) {
  if (node.scalar != k_no_scalar && node.scalar < document.scalars.size()) {
    return document.scalars[node.scalar].start;
  }
  if (!node.keys.empty()) return start_of(document, node.keys.front());
  if (!node.children.empty()) return start_of(document, node.children.front());
  return std::nullopt;
}

std::vector<Finding> schema_findings(const std::vector<SchemaError>& errors, const YamlNode& schema,
                                     const YamlSource& source, const YamlDocument& document) {
  std::vector<Finding> out;
  for (const Issue& issue : collect_issues(errors)) {
    const Target target = follow(document, issue.context);
    const LineColumn at = issue_position(document, target, issue);
    const std::string path = target.path.empty() ? "document" : to_string(target.path);
    Finding finding{.severity = Severity::error,
                    .rule = "schema",
                    .where = {source.path, at.line, at.column},
                    .message = path + ": " + issue_text(issue, schema, target),
                    .snippet = {},
                    .fingerprint = {}};
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Finding& f) {
      return f.message == finding.message && f.where.line == at.line;
    });
    if (!seen) out.push_back(std::move(finding));
  }
  return out;
}

}  // namespace hush::detail
