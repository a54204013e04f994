#include "core/check/suppress.hpp"

#include <catch2/catch.hpp>

using hush::comment_syntax_of;
using hush::ignore_comment_covers;

namespace {

bool covers(std::string_view path, std::string_view line, std::string_view rule = "x") {
  return ignore_comment_covers(line, comment_syntax_of(path), rule);
}

}  // namespace

TEST_CASE("suppress: the comment marker follows the file's syntax", "[suppress]") {
  CHECK(covers("a.yaml", "password: x # hush:ignore"));
  CHECK(covers("run.sh", "export TOKEN=x  #hush:ignore"));
  CHECK(covers(".env.local", "TOKEN=x # hush:ignore"));
  CHECK(covers("Dockerfile", "ENV TOKEN=x # hush:ignore"));
  CHECK_FALSE(covers("app.js", "const t = 'x'; # hush:ignore"));
  CHECK(covers("app.js", "const t = 'x'; // hush:ignore"));
  CHECK(covers("main.go", "t := \"x\" // hush:ignore"));
  CHECK_FALSE(covers("a.yaml", "password: x // hush:ignore"));
  CHECK(covers("main.tf", "token = \"x\" # hush:ignore"));
  CHECK(covers("main.tf", "token = \"x\" // hush:ignore"));
  CHECK(covers("notes.txt", "token: x # hush:ignore"));
  // JSON has no comments: nothing in it suppresses.
  CHECK_FALSE(covers("a.json", "{\"token\": \"x\"} # hush:ignore"));
  CHECK_FALSE(covers("a.json", "{\"token\": \"x\"} // hush:ignore"));
}

TEST_CASE("suppress: never inside a string, and `#` only after a space", "[suppress]") {
  CHECK_FALSE(covers("a.json", R"({"token": "ghp_x #hush:ignore"})"));
  CHECK_FALSE(covers("a.yaml", R"(token: "x # hush:ignore")"));
  CHECK_FALSE(covers("a.yaml", "token: 'x # hush:ignore'"));
  CHECK_FALSE(covers("a.py", R"(t = "x \" # hush:ignore")"));
  CHECK_FALSE(covers("a.js", "const t = `x // hush:ignore`;"));
  CHECK_FALSE(covers("a.yaml", "token: x#hush:ignore"));
  CHECK(covers("a.yaml", R"(token: "x" # hush:ignore)"));
  CHECK(covers("a.yaml", "note: it's fine # hush:ignore"));
  CHECK(covers("a.yaml", "# hush:ignore"));
}

TEST_CASE("suppress: a rule list names rules and families", "[suppress]") {
  CHECK(covers("a.yaml", "x # hush:ignore[plaintext-secret]", "plaintext-secret"));
  CHECK_FALSE(covers("a.yaml", "x # hush:ignore[plaintext-secret]", "detected-secret/github-pat"));
  CHECK(covers("a.yaml", "x # hush:ignore[a, detected-secret]", "detected-secret/github-pat"));
  CHECK_FALSE(covers("a.yaml", "x # hush:ignore[detected]", "detected-secret/github-pat"));
  CHECK_FALSE(covers("a.yaml", "x # hush:ignored", "y"));
}

TEST_CASE("suppress: structural findings are never suppressible", "[suppress]") {
  for (const char* rule : {"yaml-syntax", "invalid-encoding", "duplicate-key", "alias-budget",
                           "nesting-limit", "recursive-alias", "not-checked", "internal-error",
                           "hush-key-file", "sidecar-invalid", "sidecar-key-changed"}) {
    CHECK_FALSE(hush::suppressible(rule));
  }
  CHECK(hush::suppressible("plaintext-secret"));
  CHECK(hush::suppressible("detected-secret/aws-access-key"));
}
