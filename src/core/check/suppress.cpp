#include "core/check/suppress.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/base/text.hpp"

namespace hush {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Where the comment of `line` begins (the offset of its marker), or npos. A quote opens a string
// only where a value can start (not inside a word: `it's` is no string); `"` strings know `\`
// escapes; a string left open runs to the end of the line.
std::size_t comment_start(std::string_view line, CommentSyntax syntax) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\' && quote != '\'' && i + 1 < line.size()) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if ((c == '"' || c == '\'' || c == '`') && (i == 0 || !is_word_char(line[i - 1]))) {
      quote = c;
    } else if (syntax.hash && c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return i;
    } else if (syntax.slashes && c == '/' && i + 1 < line.size() && line[i + 1] == '/') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

bool names_rule(std::string_view list, std::string_view rule) {
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    const std::string_view name = trimmed(list.substr(start, end - start));
    if (!name.empty() && (rule == name || (rule.starts_with(name) && rule.size() > name.size() &&
                                           rule[name.size()] == '/'))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

CommentSyntax comment_syntax_of(std::string_view path) {
  const std::string name = ascii_lower(path.substr(path.find_last_of('/') + 1));
  const std::size_t dot = name.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  static constexpr std::string_view k_none[] = {"json", "ipynb", "jsonl", "ndjson"};
  static constexpr std::string_view k_hash[] = {
      "yaml",         "yml",   "sh",    "bash",   "zsh",     "ksh",       "fish",
      "py",           "pyi",   "toml",  "ini",    "cfg",     "conf",      "env",
      "properties",   "rb",    "pl",    "pm",     "r",       "mk",        "cmake",
      "ps1",          "psm1",  "nix",   "el",     "coffee",  "cr",        "ex",
      "exs",          "jl",    "tcl",   "awk",    "sed",     "gitignore", "dockerignore",
      "editorconfig", "npmrc", "netrc", "pgpass", "service", "desktop",   "tfvars"};
  static constexpr std::string_view k_slashes[] = {
      "js",    "mjs",   "cjs", "jsx",   "ts",  "mts",  "cts",    "tsx",    "go",    "java",
      "c",     "h",     "cc",  "cpp",   "cxx", "hpp",  "hh",     "hxx",    "rs",    "kt",
      "kts",   "swift", "cs",  "scala", "sc",  "dart", "groovy", "gradle", "jsonc", "json5",
      "proto", "zig",   "v",   "sol",   "m",   "mm",   "fs",     "fsx",    "vue",   "svelte"};
  static constexpr std::string_view k_both[] = {"php", "tf", "hcl", "nomad"};
  const auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), ext) != std::end(list);
  };
  if (in(k_none)) return {};
  if (in(k_slashes)) return {false, true};
  if (in(k_both)) return {true, true};
  if (in(k_hash) || name.starts_with(".env") || name.starts_with("dockerfile") ||
      name == "makefile" || name == "gnumakefile" || name == "containerfile" || name == "gemfile" ||
      name == "rakefile" || name == "procfile" || name == "vagrantfile") {
    return {true, false};
  }
  return {true, true};
}

bool suppressible(std::string_view rule) {
  static constexpr std::string_view k_structural[] = {
      "yaml-syntax",     "invalid-encoding", "duplicate-key",  "alias-budget", "nesting-limit",
      "recursive-alias", "not-checked",      "internal-error", "hush-key-file"};
  return !rule.starts_with("sidecar-") &&
         std::find(std::begin(k_structural), std::end(k_structural), rule) ==
             std::end(k_structural);
}

bool ignore_comment_covers(std::string_view line, CommentSyntax syntax, std::string_view rule) {
  const std::size_t start = comment_start(line, syntax);
  if (start == std::string_view::npos) return false;
  static constexpr std::string_view k_marker = "hush:ignore";
  std::string_view comment = line.substr(start);
  for (std::size_t at = comment.find(k_marker); at != std::string_view::npos;
       at = comment.find(k_marker, at + 1)) {
    const std::string_view after = comment.substr(at + k_marker.size());
    if (after.empty() || after.front() != '[') {
      if (after.empty() || !is_word_char(after.front())) return true;
      continue;
    }
    const std::size_t close = after.find(']');
    if (close != std::string_view::npos && names_rule(after.substr(1, close - 1), rule)) {
      return true;
    }
  }
  return false;
}

}  // namespace hush
