#include "core/check/regex_prefix.hpp"

#include <cctype>
#include <optional>

namespace hush {
namespace {

constexpr std::size_t k_max_starts = 64;
constexpr std::string_view k_meta = "\\.+*?()|[]{}^$";
constexpr std::size_t k_none = std::string_view::npos;

// Index of the ']' closing the bracket expression opened at `open`, or k_none.
std::size_t class_end(std::string_view p, std::size_t open) {
  std::size_t i = open + 1;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;  // a leading ']' is a literal
  for (; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p.substr(i, 2) == "[:") {
      const std::size_t close = p.find(":]", i + 2);
      if (close == k_none) return k_none;
      i = close + 1;
    } else if (p[i] == ']') {
      return i;
    }
  }
  return k_none;
}

// Calls `visit(index, depth)` for every character of `p` outside escapes and bracket expressions;
// depth counts the parentheses open before it. False when `p` does not parse that far.
template <typename Visit>
bool walk(std::string_view p, Visit visit) {
  int depth = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
      continue;
    }
    if (p[i] == '[') {
      i = class_end(p, i);
      if (i == k_none) return false;
      continue;
    }
    if (p[i] == ')') --depth;
    if (!visit(i, depth)) return true;
    if (p[i] == '(') ++depth;
  }
  return true;
}

bool has_top_level_bar(std::string_view p) {
  bool found = false;
  walk(p, [&](std::size_t i, int depth) { return !(found = p[i] == '|' && depth == 0); });
  return found;
}

// Index of the ')' closing the group opened at `open`, or k_none.
std::size_t group_end(std::string_view p, std::size_t open) {
  std::size_t end = k_none;
  walk(p.substr(open), [&](std::size_t i, int depth) {
    if (p[open + i] == ')' && depth == 0) end = open + i;
    return end == k_none;
  });
  return end;
}

// A flag group such as (?i) or (?is:...): letters may match in either case.
bool case_insensitive(std::string_view p) {
  for (std::size_t at = p.find("(?"); at != k_none; at = p.find("(?", at + 2)) {
    for (std::size_t i = at + 2;
         i < p.size() && (std::isalpha(static_cast<unsigned char>(p[i])) || p[i] == '-'); ++i) {
      if (p[i] == 'i') return true;
    }
  }
  return false;
}

// The first capturing group's text when it takes part in every match (at top level, not
// optional, no top-level alternation); the whole pattern when there is no capturing group.
std::optional<std::string_view> secret_part(std::string_view p) {
  if (has_top_level_bar(p)) return std::nullopt;
  std::optional<std::string_view> part = p;
  const bool parsed = walk(p, [&](std::size_t i, int depth) {
    if (p[i] != '(' || (p.substr(i + 1, 1) == "?" && p.substr(i + 1, 3) != "?P<")) return true;
    const std::size_t name_end = p.substr(i + 1, 3) == "?P<" ? p.find('>', i) : i;
    const std::size_t end = group_end(p, i);
    const char after = end != k_none && end + 1 < p.size() ? p[end + 1] : '\0';
    const bool always = name_end != k_none && end != k_none && depth == 0 && after != '?' &&
                        after != '*' && after != '{';
    part = always ? std::optional(p.substr(name_end + 1, end - name_end - 1)) : std::nullopt;
    return false;
  });
  return parsed ? part : std::nullopt;
}

struct Atom {
  std::vector<std::string> options;  // what the atom can match
  std::size_t next = 0;              // index just past it
};

// A `\`-escaped punctuation character or a plain one; nullopt for anything else.
std::optional<char> literal_char(std::string_view p, std::size_t& i) {
  if (p[i] == '\\') {
    if (i + 1 >= p.size() || !std::ispunct(static_cast<unsigned char>(p[i + 1])))
      return std::nullopt;
    i += 2;
    return p[i - 1];
  }
  if (k_meta.find(p[i]) != k_none) return std::nullopt;
  return p[i++];
}

// `(?:ab|cd)` with literal alternatives, starting at `open`.
std::optional<Atom> literal_group(std::string_view p, std::size_t open) {
  const std::size_t end = group_end(p, open);
  if (end == k_none) return std::nullopt;
  Atom atom{{""}, end + 1};
  for (std::size_t i = open + 3; i < end;) {
    if (p[i] == '|') {
      atom.options.emplace_back();
      ++i;
      continue;
    }
    const std::optional<char> c = literal_char(p, i);
    if (!c) return std::nullopt;
    atom.options.back() += *c;
  }
  return atom;
}

std::optional<Atom> literal_atom(std::string_view p, std::size_t i) {
  if (p[i] == '[') {
    const std::size_t end = class_end(p, i);
    if (end == k_none || p[i + 1] == '^') return std::nullopt;
    const std::string_view list = p.substr(i + 1, end - i - 1);
    if (list.find_first_of("\\-[") != k_none) return std::nullopt;
    Atom atom{{}, end + 1};
    for (char c : list) atom.options.emplace_back(1, c);
    return atom;
  }
  if (p.substr(i, 3) == "(?:") return literal_group(p, i);
  std::size_t next = i;
  const std::optional<char> c = literal_char(p, next);
  if (!c) return std::nullopt;
  return Atom{{std::string(1, *c)}, next};
}

}  // namespace

std::vector<std::string> literal_starts(std::string_view pattern) {
  const std::optional<std::string_view> part =
      case_insensitive(pattern) ? std::nullopt : secret_part(pattern);
  if (!part || has_top_level_bar(*part)) return {""};
  std::vector<std::string> starts{""};
  for (std::size_t i = 0; i < part->size();) {
    const std::optional<Atom> atom = literal_atom(*part, i);
    if (!atom || starts.size() * atom->options.size() > k_max_starts) break;
    const char quantifier = atom->next < part->size() ? (*part)[atom->next] : '\0';
    if (quantifier == '?' || quantifier == '*' || quantifier == '{')
      break;  // the atom may be absent
    std::vector<std::string> longer;
    for (const std::string& start : starts) {
      for (const std::string& option : atom->options) longer.push_back(start + option);
    }
    starts = std::move(longer);
    if (quantifier == '+') break;  // what follows the repetition is not known
    i = atom->next;
  }
  return starts;
}

}  // namespace hush
