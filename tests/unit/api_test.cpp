// The public API as an embedder sees it: only <hush/...> headers (this target has no src/ on
// its include path).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <hush/hush.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

// A private directory per test, removed afterwards.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hush-api-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

const char* const k_config =
    "services:\n"
    "  - name: database\n"
    "    env:\n"
    "      DB_PASSWORD: ${DB_PASSWORD}\n"
    "      TOKEN: \"Bearer $<API_TOKEN>\"\n"
    "log_level: info\n";

std::vector<hush::NamedSecret> variables(const char* name, const char* value) {
  std::vector<hush::NamedSecret> out;
  out.push_back({name, hush::SecretValue(value)});
  return out;
}

hush::SecretResolver resolver_for(const hush::Template& config) {
  hush::SidecarKey key = hush::SidecarKey::generate();
  hush::SidecarFile sidecar = hush::SidecarFile::in_memory(key);
  sidecar.add({.name = "DB_PASSWORD",
               .type = "password",
               .value = hush::SecretValue("pg-Secret-9"),
               .scopes = {"service:database"}});
  return hush::ResolverBuilder()
      .sidecar(std::move(sidecar), std::move(key))
      .environment(variables("API_TOKEN", "tok-4711"))
      .inline_block(config)
      .build();
}

}  // namespace

TEST_CASE("api: a template lists its references with syntax, location and scope", "[api]") {
  const hush::Template config = hush::Template::parse("config.yaml", k_config);
  const std::vector<hush::Template::Reference>& refs = config.references();
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].token == "${DB_PASSWORD}");
  CHECK(refs[0].name == "DB_PASSWORD");
  CHECK(refs[0].syntax == hush::ReferenceSyntax::braces);
  CHECK(hush::to_string(refs[0].where) == "config.yaml:4:20");
  CHECK(refs[0].scope == "service:database");
  CHECK(refs[1].token == "$<API_TOKEN>");
  CHECK(refs[1].syntax == hush::ReferenceSyntax::angle);
  CHECK(hush::to_string(refs[1].where) == "config.yaml:5:22");
  CHECK(config.secret_names() == std::vector<std::string>{"API_TOKEN", "DB_PASSWORD"});
  CHECK(config.findings().empty());
  CHECK(config.documents() == 1);
}

TEST_CASE("api: a malformed template is a located hush::Error", "[api]") {
  try {
    (void)hush::Template::parse("bad.yaml", "a: [1, 2\n");
    FAIL("no error");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::syntax);
    CHECK(e.id() == "yaml-syntax");
    REQUIRE(e.where());
    CHECK(e.where()->path == "bad.yaml");
  }
}

TEST_CASE("api: render substitutes sidecar and environment values", "[api]") {
  const hush::Template config = hush::Template::parse("config.yaml", k_config);
  hush::SecretResolver resolver = resolver_for(config);
  CHECK(resolver.chain() == std::vector<std::string>{"sidecar", "env", "inline"});
  SECTION("yaml") {
    const hush::Rendering out = hush::render(config, resolver);
    REQUIRE(out.ok());
    CHECK(out.text.reveal() ==
          "services:\n"
          "  - name: database\n"
          "    env:\n"
          "      DB_PASSWORD: pg-Secret-9\n"
          "      TOKEN: \"Bearer tok-4711\"\n"
          "log_level: info\n");
    REQUIRE(out.substitutions.size() == 2);
    CHECK(out.substitutions[0].source == "sidecar");
    CHECK(out.substitutions[1].source == "env");
  }
  SECTION("env") {
    const hush::SecretBuffer text =
        hush::render_text(config, resolver, {.format = hush::RenderFormat::env});
    CHECK(text.reveal() ==
          "LOG_LEVEL=\"info\"\n"
          "SERVICES_DATABASE_ENV_DB_PASSWORD=\"pg-Secret-9\"\n"
          "SERVICES_DATABASE_ENV_TOKEN=\"Bearer tok-4711\"\n"
          "SERVICES_DATABASE_NAME=\"database\"\n");
  }
}

TEST_CASE("api: unresolved and out-of-scope references are findings, or thrown", "[api]") {
  const hush::Template config = hush::Template::parse(
      "t.yaml", "providers:\n  - name: aws\n    key: ${DB_PASSWORD}\n    other: ${NOPE}\n");
  hush::SecretResolver resolver = resolver_for(config);
  const hush::Rendering out = hush::render(config, resolver);
  CHECK_FALSE(out.ok());
  CHECK(out.text.empty());
  REQUIRE(out.findings.size() == 2);
  CHECK(out.findings[0].rule == "scope-violation");
  CHECK(hush::to_string(out.findings[1]) ==
        "t.yaml:4:12: error: unresolved reference ${NOPE} in scope provider:aws (tried sidecar, "
        "env, inline) [unresolved-reference]");
  try {
    (void)hush::render_text(config, resolver);
    FAIL("no error");
  } catch (const hush::Error& e) {
    CHECK(e.id() == "scope-violation");
    CHECK(std::string(e.what()).find("pg-Secret-9") == std::string::npos);
  }
}

namespace {

// An embedder's own source: one secret, counting how often its value is fetched.
class VaultSource final : public hush::SecretSource {
 public:
  explicit VaultSource(int& fetches) : m_fetches(fetches) {}
  [[nodiscard]] std::string name() const override { return "vault"; }
  [[nodiscard]] std::optional<hush::SecretInfo> lookup(std::string_view key) override {
    if (key != "DB_PASSWORD") return std::nullopt;
    return hush::SecretInfo{.name = "DB_PASSWORD"};
  }
  [[nodiscard]] std::vector<std::string> names() const override { return {"DB_PASSWORD"}; }

 private:
  [[nodiscard]] hush::SecretValue fetch_value(std::string_view, std::string_view) override {
    ++m_fetches;
    return hush::SecretValue("from-vault-77");
  }
  int& m_fetches;
};

}  // namespace

TEST_CASE("api: own sources, source order and qualified references", "[api]") {
  const hush::Template config = hush::Template::parse(
      "t.yaml", "a: ${DB_PASSWORD}\nb: ${DB_PASSWORD}\nc: ${env:DB_PASSWORD}\n");
  int fetches = 0;
  hush::SecretResolver resolver = hush::ResolverBuilder()
                                      .environment(variables("DB_PASSWORD", "from-env-12"))
                                      .source(std::make_unique<VaultSource>(fetches))
                                      .order({"vault", "env"})
                                      .build();
  CHECK(resolver.chain() == std::vector<std::string>{"vault", "env"});
  const hush::SecretBuffer text = hush::render_text(config, resolver);
  CHECK(text.reveal() == "a: from-vault-77\nb: from-vault-77\nc: from-env-12\n");
  CHECK(fetches == 1);

  SECTION("an order naming a source that was not added") {
    CHECK_THROWS_WITH(hush::ResolverBuilder().order({"vault"}).build(),
                      Catch::Contains("[unknown-source]"));
  }
  SECTION("two sources with one name") {
    int unused = 0;
    hush::ResolverBuilder builder;
    builder.source(std::make_unique<VaultSource>(unused))
        .source(std::make_unique<VaultSource>(unused));
    CHECK_THROWS_WITH(builder.build(), Catch::Contains("[duplicate-source]"));
  }
}

TEST_CASE("api: the environment source never answers a credential variable", "[api]") {
  const hush::Template config = hush::Template::parse("t.yaml", "k: ${HUSH_KEY}\n");
  hush::SecretResolver resolver =
      hush::ResolverBuilder().environment(variables("HUSH_KEY", "key-material-1")).build();
  const hush::Rendering out = hush::render(config, resolver);
  REQUIRE(out.findings.size() == 1);
  CHECK(out.findings[0].rule == "unresolved-reference");
  CHECK(out.text.empty());
}

TEST_CASE("api: a sidecar file round-trips through add, list, reveal and remove", "[api]") {
  const ScratchDir dir;
  const std::filesystem::path file = dir.path / "app.secrets.yaml";
  hush::SidecarFile created = hush::SidecarFile::create(file, {.keys_dir = dir.path / "keys"});
  created.add({.name = "API_KEY", .type = "api-key", .value = hush::SecretValue("k-123456")});
  hush::SecretDraft basic{.name = "DB", .type = "basic"};
  basic.fields.push_back({"username", hush::SecretValue("app")});
  basic.fields.push_back({"password", hush::SecretValue("pw-98765")});
  created.add(std::move(basic));
  CHECK_THROWS_AS(created.add({.name = "API_KEY", .value = hush::SecretValue("x-1234")}),
                  hush::Error);

  hush::SidecarFile reopened = hush::SidecarFile::open(file);
  CHECK(reopened.key_id() == created.key_id());
  CHECK(reopened.names() == std::vector<std::string>{"API_KEY", "DB"});
  const std::vector<hush::StoredSecret> listed = reopened.list();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].type == "api-key");
  CHECK(listed[0].status == "active");
  CHECK(listed[1].fields == std::vector<std::string>{"password", "username"});
  CHECK(reopened.text().find("k-123456") == std::string::npos);

  const hush::SidecarKey key = reopened.unlock({.keys_dir = dir.path / "keys"});
  CHECK(key.key_id() == reopened.key_id());
  CHECK(reopened.reveal("API_KEY", key).reveal() == "k-123456");
  CHECK(reopened.reveal("DB", key, "password").reveal() == "pw-98765");

  reopened.update("API_KEY", {.value = hush::SecretValue("k-654321")});
  CHECK(reopened.find("API_KEY")->version == 2);
  created.remove("DB");  // works on the file as it is now, not on `created`'s old view
  reopened.reload();
  CHECK(reopened.names() == std::vector<std::string>{"API_KEY"});
  CHECK(reopened.reveal("API_KEY", key).reveal() == "k-654321");
  CHECK_THROWS_AS(reopened.remove("DB"), hush::Error);
}

TEST_CASE("api: a secret's notify_before sets when it counts as expiring", "[api]") {
  const ScratchDir dir;
  hush::SidecarFile sidecar =
      hush::SidecarFile::create(dir.path / "app.secrets.yaml", {.keys_dir = dir.path / "keys"});
  const auto in_days = [](int days) {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) +
           std::chrono::days(days);
  };
  sidecar.add({.name = "LATER", .value = hush::SecretValue("later-1234"), .expires = in_days(40)});
  sidecar.add({.name = "SOON",
               .value = hush::SecretValue("soon-1234"),
               .expires = in_days(40),
               .notify_before = std::chrono::days(60)});
  CHECK(sidecar.find("LATER")->status == "active");  // beyond the default 30 days
  CHECK_FALSE(sidecar.find("LATER")->notify_before.has_value());
  CHECK(sidecar.find("SOON")->status == "expiring");
  CHECK(sidecar.find("SOON")->notify_before == std::chrono::days(60));
  CHECK(sidecar.text().find("    notify_before: 60d\n") != std::string::npos);
}

TEST_CASE("api: a missing key is a key error naming the key id", "[api]") {
  const hush::SidecarKey key = hush::SidecarKey::generate();
  try {
    (void)hush::SidecarKey::load(hush::KeyLookup{}, key.key_id());
    FAIL("no error");
  } catch (const hush::Error& e) {
    CHECK(e.kind() == hush::ErrorKind::key);
    CHECK(e.id() == "missing-key");
    CHECK(e.message().find(key.key_id()) != std::string::npos);
  }
  const hush::SidecarKey again = hush::SidecarKey::from_base64(key.private_key_base64().reveal());
  CHECK(again.key_id() == key.key_id());
  CHECK(again.public_key_base64() == key.public_key_base64());
}

TEST_CASE("api: check finds a planted credential and reports it as JSON and SARIF", "[api]") {
  const hush::Checker checker;
  const hush::CheckResult clean = checker.check_text("ok.sh", "echo hello\n");
  CHECK(clean.ok());
  CHECK(clean.findings.empty());
  const hush::CheckResult found =
      checker.check_text("deploy.sh", "export AWS_ACCESS_KEY_ID=AKIAQ3EGSTJ5XMPLW7NZ\n");
  CHECK_FALSE(found.ok());
  CHECK(found.files_checked == 1);
  REQUIRE(found.findings.size() == 1);
  CHECK(hush::to_string(found.findings[0]) ==
        "deploy.sh:1:26: error: AWS access key ID: AKIA\u2026(20 chars) "
        "[detected-secret/aws-access-key-id]");
  CHECK(hush::to_json(found).find("\"files\": 1,") != std::string::npos);
  CHECK(hush::to_json(found).find("AKIAQ3EGSTJ5XMPLW7NZ") == std::string::npos);
  const std::string sarif = hush::to_sarif(found);
  CHECK(sarif.find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(sarif.find("\"version\": \"" + std::string(hush::version()) + "\"") != std::string::npos);
}

TEST_CASE("api: the redactor masks a value and its encodings", "[api]") {
  std::vector<hush::NamedSecret> known;
  known.push_back({"DB_PASSWORD", hush::SecretValue("s3cret-pw")});
  const hush::Redactor redactor(known, {.mask = "[{name}]"});
  CHECK(redactor.redact("url=postgres://app:s3cret-pw@db") ==
        "url=postgres://app:[DB_PASSWORD]@db");
  CHECK(redactor.redact("b64 czNjcmV0LXB3") == "b64 [DB_PASSWORD]");
}

TEST_CASE("api: check reads paths and finds known values written in plaintext", "[api]") {
  const ScratchDir dir;
  std::ofstream(dir.path / "config.yaml") << "services:\n  - name: db\n    password: hunter2-xyz\n";
  std::ofstream(dir.path / "notes.txt") << "the value is kn0wn-value-42 here\n";
  hush::CheckSettings settings;
  settings.known_values.push_back({"API_KEY", hush::SecretValue("kn0wn-value-42")});
  settings.schema = hush::RulePack::off;
  const hush::Checker checker(std::move(settings));
  const hush::CheckResult result = checker.check_paths({dir.path});
  CHECK(result.files_checked == 2);
  std::vector<std::string> rules;
  for (const hush::Finding& f : result.findings) {
    rules.push_back(f.rule);
    CHECK(f.message.find("hunter2-xyz") == std::string::npos);
    CHECK(f.message.find("kn0wn-value-42") == std::string::npos);
  }
  CHECK(rules == std::vector<std::string>{"plaintext-secret", "known-secret-value"});
  CHECK_THROWS_AS(checker.check_paths({dir.path / "missing"}), hush::Error);
}
