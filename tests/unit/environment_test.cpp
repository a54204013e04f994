#include "core/base/environment.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <hush/source.hpp>
#include <string>
#include <vector>

#include "core/base/env_names.hpp"

namespace {

std::vector<std::string> revealed_since(std::size_t from) {
  std::vector<std::string> out;
  hush::visit_revealed(from, [&](const std::string& name, const hush::SecretValue& value) {
    out.push_back(name + "=" + std::string(value.reveal()));
  });
  return out;
}

std::vector<std::string> strings_of(char* const* envp) {
  std::vector<std::string> out;
  for (char* const* entry = envp; *entry != nullptr; ++entry) out.emplace_back(*entry);
  return out;
}

}  // namespace

TEST_CASE("environment: credential variables are the HUSH_* names that carry a key or secret",
          "[environment]") {
  struct Case {
    const char* name;
    bool credential;
  };
  const Case cases[] = {{"HUSH_KEY", true},        {"HUSH_KEY_FILE", true},
                        {"HUSH_PASSPHRASE", true}, {"HUSH_STAGING_KEY", true},
                        {"HUSH_CI_TOKEN", true},   {"HUSH_DB_PASSWORD", true},
                        {"HUSH_SECRET", true},     {"HUSH_KEY_PROD", true},
                        {"HUSH_SECRETS", false},   {"HUSH_ENV", false},
                        {"HUSH_AUDIT_LOG", false}, {"HUSH_KEYS_DIR", false},
                        {"HUSH_", false},          {"KEY", false},
                        {"API_KEY", false},        {"hush_key", false},
                        {"MY_HUSH_KEY", false},    {"HUSHKEY", false}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(hush::is_credential_variable(c.name) == c.credential);
  }
}

TEST_CASE("environment: credentials are kept apart from the variables sources and children see",
          "[environment]") {
  const char* block[] = {"PATH=/usr/bin",    "HUSH_KEY=key-Env-Canary-1",
                         "HOME=/home/u",     "HUSH_KEY_FILE=/k/a.key",
                         "HUSH_PASSPHRASE=", "NO_EQUALS",
                         "PATH=/second",     "EMPTY=",
                         "HUSH_ENV=staging", nullptr};
  const hush::Environment env = hush::Environment::from_block(block);
  std::vector<std::string> names;
  for (const auto& entry : env.variables()) names.push_back(entry.first);
  CHECK(names == std::vector<std::string>{"EMPTY", "HOME", "HUSH_ENV", "PATH"});
  REQUIRE(env.find("PATH") != nullptr);
  CHECK(env.find("PATH")->reveal() == "/usr/bin");  // the first of duplicates wins, as getenv
  CHECK(env.text("HOME") == "/home/u");
  CHECK(env.text("UNSET").empty());
  CHECK(env.find("HUSH_KEY") == nullptr);
  CHECK(env.text("HUSH_KEY").empty());
  REQUIRE(env.credential("HUSH_KEY") != nullptr);
  CHECK(env.credential("HUSH_KEY")->reveal() == "key-Env-Canary-1");
  CHECK(env.credential("HUSH_KEY_FILE")->reveal() == "/k/a.key");
  CHECK(env.credential("HUSH_PASSPHRASE") == nullptr);  // empty means unset
  CHECK(env.credential("PATH") == nullptr);
}

TEST_CASE("environment: credential values are announced when the environment is read",
          "[environment]") {
  const std::size_t before = hush::revealed_count();
  const char* block[] = {"HUSH_KEY=announced-key-value",         "HUSH_PASSPHRASE=announced-phrase",
                         "HUSH_KEY_FILE=/path/not/a/secret.key", "HUSH_CI_TOKEN=",
                         "DB_PASSWORD=not-a-credential",         nullptr};
  const hush::Environment env = hush::Environment::from_block(block);
  CHECK(revealed_since(before) == std::vector<std::string>{"HUSH_KEY=announced-key-value",
                                                           "HUSH_PASSPHRASE=announced-phrase"});
}

TEST_CASE("environment: from_pairs splits credentials like from_block", "[environment]") {
  const hush::Environment env =
      hush::Environment::from_pairs({{"HUSH_KEY", "pair-key-value"}, {"A", "1"}});
  CHECK(env.find("HUSH_KEY") == nullptr);
  CHECK(env.credential("HUSH_KEY")->reveal() == "pair-key-value");
  CHECK(env.text("A") == "1");
}

TEST_CASE("environment: a child's block holds the ordinary variables, never a credential",
          "[environment]") {
  const hush::Environment env = hush::Environment::from_pairs(
      {{"PATH", "/bin"}, {"HUSH_KEY", "child-never-sees"}, {"B", "2"}, {"HUSH_ENV", "prod"}});
  hush::EnvironmentBlock block = env.block();
  CHECK(strings_of(block.envp()) == std::vector<std::string>{"B=2", "HUSH_ENV=prod", "PATH=/bin"});
  CHECK_FALSE(block.set("B", "new", hush::Existing::keep));
  CHECK(block.set("A", "first", hush::Existing::keep));
  CHECK(block.set("PATH", "/replaced", hush::Existing::replace));
  CHECK(block.contains("A"));
  CHECK(block.find("B")->reveal() == "2");
  CHECK(strings_of(block.envp()) ==
        std::vector<std::string>{"A=first", "B=2", "HUSH_ENV=prod", "PATH=/replaced"});
  hush::EnvironmentBlock empty;
  CHECK(*empty.envp() == nullptr);
}

TEST_CASE("environment: the block's strings live in secure memory", "[environment]") {
  const hush::Environment env = hush::Environment::from_pairs({{"TOKEN", "in-secure-memory"}});
  hush::EnvironmentBlock block = env.block();
  const std::size_t before = hush::secure_pool_stats().bytes_in_use;
  char* const* envp = block.envp();
  CHECK(hush::secure_pool_stats().bytes_in_use >=
        before + std::strlen("TOKEN=in-secure-memory") + 1);
  CHECK(std::string(envp[0]) == "TOKEN=in-secure-memory");
}

TEST_CASE("environment: a block is scanned for credential variables without reading it",
          "[environment]") {
  const char* with[] = {"PATH=/bin", "HUSH_PASSPHRASE=", nullptr};
  const char* without[] = {"PATH=/bin", "HUSH_SECRETS=s.yaml", "NO_EQUALS", nullptr};
  CHECK(hush::has_credential_variable(with));
  CHECK_FALSE(hush::has_credential_variable(without));
  CHECK_FALSE(hush::has_credential_variable(nullptr));
}

TEST_CASE("environment: scrubbing wipes credential values in place and nothing else",
          "[environment]") {
  char key[] = "HUSH_KEY=scrub-me-please";
  char phrase[] = "HUSH_PASSPHRASE=scrub-me-too";
  char path[] = "PATH=/usr/bin";
  char odd[] = "NO_EQUALS";
  char* block[] = {key, phrase, path, odd, nullptr};
  hush::scrub_credentials(block);
  CHECK(std::string(key) == "HUSH_KEY=");
  CHECK(std::string(key + 9, sizeof key - 10) == std::string(sizeof key - 10, '\0'));
  CHECK(std::string(phrase) == "HUSH_PASSPHRASE=");
  CHECK(std::string(path) == "PATH=/usr/bin");
  CHECK(std::string(odd) == "NO_EQUALS");
}
