#include "core/base/names.hpp"

#include <algorithm>

namespace hush {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_upper(c) || is_lower(c) || is_digit(c) || c == '_'; }

// [A-Za-z_] then `rest` characters.
template <class Rest>
bool is_identifier(std::string_view name, Rest rest) {
  if (name.empty()) return false;
  if (!(is_upper(name[0]) || is_lower(name[0]) || name[0] == '_')) return false;
  return std::all_of(name.begin() + 1, name.end(), rest);
}

// The closest valid spelling of `name` for the message ("db-pass" → DB_PASS), or "".
std::string name_suggestion(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const char upper = is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
    out += is_upper(upper) || is_digit(upper) ? upper : '_';
  }
  if (out.empty() || !is_upper(out[0]) || out.size() > k_max_name_bytes) return {};
  return out;
}

}  // namespace

std::optional<std::string> secret_name_problem(std::string_view name) {
  if (name.empty()) return "Secret key is required";
  const bool valid = is_upper(name[0]) && name.size() <= k_max_name_bytes &&
                     std::all_of(name.begin(), name.end(),
                                 [](char c) { return is_upper(c) || is_digit(c) || c == '_'; });
  if (valid) return std::nullopt;
  if (name.size() > k_max_name_bytes) {
    return "invalid secret name '" + std::string(name.substr(0, 40)) + "...': a name has at most " +
           std::to_string(k_max_name_bytes) + " bytes";
  }
  const std::string suggestion = name_suggestion(name);
  return "invalid secret name '" + std::string(name) +
         "': a name must match [A-Z][A-Z0-9_]* (upper-case letters, digits and underscores, "
         "starting with a letter)" +
         (suggestion.empty() ? std::string() : ", e.g. " + suggestion);
}

bool is_reference_name(std::string_view name) { return is_identifier(name, is_word); }

std::optional<std::string> field_name_problem(std::string_view field) {
  if (is_identifier(field, is_word)) return std::nullopt;
  return "invalid field name '" + std::string(field.substr(0, 40)) +
         "': a field name must match [A-Za-z_][A-Za-z0-9_]*";
}

std::optional<std::string> source_name_problem(std::string_view name) {
  if (is_identifier(name, [](char c) { return is_word(c) || c == '-'; })) return std::nullopt;
  return "invalid source name '" + std::string(name.substr(0, 40)) +
         "': a source name must match [A-Za-z_][A-Za-z0-9_-]* so that ${" +
         "SOURCE:KEY} can name it";
}

std::optional<std::string> scope_problem(std::string_view pattern) {
  const std::size_t colon = pattern.find(':');
  const std::string_view kind = pattern.substr(0, colon);
  const bool known_kind =
      kind == "provider" || kind == "service" || kind == "integration" || kind == "global";
  const std::string_view glob =
      colon == std::string_view::npos ? std::string_view() : pattern.substr(colon + 1);
  const bool glob_ok =
      colon == std::string_view::npos || (kind != "global" && !glob.empty() &&
                                          glob.find_first_of(", \t\r\n") == std::string_view::npos);
  if (known_kind && glob_ok) return std::nullopt;
  return "invalid scope '" + std::string(pattern.substr(0, 60)) +
         "': expected provider, service, integration or global, optionally narrowed by a name "
         "glob without commas or spaces, e.g. service:database or integration:slack-*";
}

}  // namespace hush
