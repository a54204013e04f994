#include "core/base/env_names.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

TEST_CASE("env_names: loader, shell and interpreter start-up variables are on the deny-list",
          "[env_names]") {
  struct Case {
    const char* name;
    bool denied;
  };
  const Case cases[] = {{"BASH_ENV", true},
                        {"ENV", true},
                        {"LD_PRELOAD", true},
                        {"LD_LIBRARY_PATH", true},
                        {"LD_AUDIT", true},
                        {"DYLD_INSERT_LIBRARIES", true},
                        {"BASH_FUNC_x%%", true},
                        {"NODE_OPTIONS", true},
                        {"PYTHONSTARTUP", true},
                        {"PYTHONPATH", true},
                        {"PERL5OPT", true},
                        {"PERL5LIB", true},
                        {"RUBYOPT", true},
                        {"GIT_SSH_COMMAND", true},
                        {"GIT_CONFIG_COUNT", true},
                        {"GIT_DIR", true},
                        {"PATH", true},
                        {"IFS", true},
                        {"PROMPT_COMMAND", true},
                        {"SHELLOPTS", true},
                        {"PS4", true},
                        {"JAVA_TOOL_OPTIONS", true},
                        {"_JAVA_OPTIONS", true},
                        {"HOME", true},
                        {"HUSH_KEY", true},
                        {"HUSH_SECRETS", true},
                        {"GCONV_PATH", true},
                        {"DB_PASSWORD", false},
                        {"API_TOKEN", false},
                        {"ENVIRONMENT", false},
                        {"PATHNAME", false},
                        {"MY_LD_PRELOAD", false},
                        {"GITHUB_TOKEN", false},
                        {"ld_preload", false},
                        {"NODE_ENV", false},
                        {"PS", false},
                        {"HOMEPAGE_URL", false},
                        {"", false}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(hush::dangerous_env_reason(c.name).has_value() == c.denied);
  }
}

TEST_CASE("env_names: refusal names the secret, the variable and how to allow it", "[env_names]") {
  try {
    hush::refuse_dangerous_env_name("BASH_ENV", "secret BASH_ENV", {});
    FAIL("BASH_ENV was not refused");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::invalid_input);
    CHECK(e.id() == "dangerous-env-name");
    CHECK(e.message() ==
          "secret BASH_ENV would set BASH_ENV, a shell start-up variable: the shell runs the file "
          "it names; hush refuses to inject it (pass --allow-env BASH_ENV if the child should "
          "get it)");
  }
  CHECK_NOTHROW(hush::refuse_dangerous_env_name("BASH_ENV", "secret BASH_ENV", {"BASH_ENV"}));
  CHECK_THROWS_AS(hush::refuse_dangerous_env_name("LD_PRELOAD", "secret X", {"BASH_ENV"}),
                  hush::Error);
  CHECK_NOTHROW(hush::refuse_dangerous_env_name("DB_PASSWORD", "secret DB_PASSWORD", {}));
}

TEST_CASE("env_names: secrets add warns with the reason and the option", "[env_names]") {
  CHECK(hush::dangerous_name_warning("LD_PRELOAD") ==
        "LD_PRELOAD is a dynamic loader variable: it loads code into the program; hush run, "
        "hush materialize and hush render --format env refuse to inject it unless given "
        "--allow-env LD_PRELOAD");
  CHECK_FALSE(hush::dangerous_name_warning("DB_PASSWORD").has_value());
}
