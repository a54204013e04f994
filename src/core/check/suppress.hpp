#pragma once

#include <string_view>

namespace hush {

// The comment markers of a file's syntax, chosen by its name: `#` (YAML, shell, Python, TOML,
// ini, dotenv, properties, Dockerfile, Makefile, Ruby, …), `//` (JavaScript/TypeScript, Go, Java,
// C/C++, Rust, Kotlin, Swift, C#, …), both (PHP, Terraform/HCL, and files of unknown syntax), or
// none (JSON, which has no comments).
struct CommentSyntax {
  bool hash = false;
  bool slashes = false;
};

[[nodiscard]] CommentSyntax comment_syntax_of(std::string_view path);

// Whether a finding of `rule` may be silenced by a comment at all: structural findings (the file
// does not parse, is not what it claims, was not checked, is a key file) never are.
[[nodiscard]] bool suppressible(std::string_view rule);

// Whether `line` carries `hush:ignore` (every rule) or `hush:ignore[rule,…]` naming `rule` (a
// family name such as `detected-secret` covers `detected-secret/<kind>`) in a comment of
// `syntax`: after the comment marker, outside every quoted string, with `#` at the start of the
// line or after a space.
[[nodiscard]] bool ignore_comment_covers(std::string_view line, CommentSyntax syntax,
                                         std::string_view rule);

}  // namespace hush
