#include "core/resolve/sources.hpp"

#include <catch2/catch.hpp>

#include "core/resolve/resolver_setup.hpp"
#include "support/environment.hpp"

namespace {

hush::TemplateReference ref_to(std::string name, hush::Scope scope = {}, std::string source = {},
                               std::string field = {}) {
  hush::TemplateReference ref;
  ref.reference.name = std::move(name);
  ref.reference.source = std::move(source);
  ref.reference.field = std::move(field);
  ref.reference.length = ref.reference.display().size();
  ref.scope = std::move(scope);
  ref.where = {"t.yaml", 3, 5};
  return ref;
}

// A source with fixed metadata, to exercise the resolver's rules without a sidecar.
class FakeSource : public hush::SecretSource {
 public:
  explicit FakeSource(hush::SecretInfo info) : m_info(std::move(info)) {}
  std::string name() const override { return "sidecar"; }
  std::optional<hush::SecretInfo> lookup(std::string_view key) override {
    if (key != m_info.name) return std::nullopt;
    return m_info;
  }
  hush::SecretValue fetch_value(std::string_view, std::string_view field) override {
    return hush::SecretValue("value-of-" + std::string(field));
  }
  std::vector<std::string> names() const override { return {m_info.name}; }

 private:
  hush::SecretInfo m_info;
};

}  // namespace

TEST_CASE("sources: the environment with and without a prefix", "[sources]") {
  const hush::Environment env =
      hush::Environment::from_pairs({{"DB_PASSWORD", "pw"}, {"OPSIMATE_DB_PASSWORD", "prefixed"}});
  hush::EnvSource plain(env, "");
  CHECK(plain.lookup("DB_PASSWORD").has_value());
  CHECK(plain.fetch("DB_PASSWORD", "")->reveal() == "pw");
  hush::EnvSource prefixed(env, "OPSIMATE_");
  CHECK(prefixed.fetch("DB_PASSWORD", "")->reveal() == "prefixed");
  CHECK(prefixed.names() == std::vector<std::string>{"DB_PASSWORD"});
  CHECK_THROWS_AS(prefixed.fetch("DB_PASSWORD", "field"), hush::Error);
}

TEST_CASE("sources: the chain order decides which source answers", "[sources]") {
  const hush::YamlSource config = hush::parse_yaml_source("t.yaml", "secrets: {A: from-inline}\n");
  const auto settings_with = [](std::vector<std::string> order) {
    hush::SourceSettings settings;
    settings.environment = hush::test::environment_of({{"A", "from-env"}});
    settings.order = std::move(order);
    return settings;
  };
  std::vector<hush::Finding> findings;
  hush::Resolver inline_first =
      hush::make_resolver(settings_with({"inline", "env"}), &config, findings);
  CHECK(inline_first.resolve(ref_to("A"), findings)->value->reveal() == "from-inline");
  hush::Resolver default_order = hush::make_resolver(settings_with({}), &config, findings);
  const auto hit = default_order.resolve(ref_to("A"), findings);
  CHECK(hit->value->reveal() == "from-env");
  CHECK(hit->source == "env");
  CHECK(default_order.chain() == std::vector<std::string>{"env", "inline"});
  CHECK_THROWS_AS(hush::make_resolver(settings_with({"nowhere"}), &config, findings), hush::Error);
  CHECK(findings.empty());
}

TEST_CASE("sources: the sidecar is found by the documented precedence", "[sources]") {
  hush::ProjectFile project;
  project.path = "/repo/.hush.yaml";
  project.sidecar = "deploy/app.secrets.{env}.yaml";
  struct Case {
    hush::SidecarQuery query;
    const char* path;
    bool named;
  };
  const Case cases[] = {
      {{"/x/s.yaml", "/y/s.yaml", &project, "prod", "/c/app.yaml"}, "/x/s.yaml", true},
      {{"", "/y/s.yaml", &project, "prod", "/c/app.yaml"}, "/y/s.yaml", true},
      {{"", "", &project, "prod", "/c/app.yaml"}, "/repo/deploy/app.secrets.prod.yaml", true},
      {{"", "", nullptr, "", "/c/app.yaml"}, "/c/app.secrets.yaml", false},
      {{"", "", nullptr, "staging", "/c/app.yml"}, "/c/app.secrets.staging.yaml", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    const hush::SidecarLocation where = hush::locate_sidecar(c.query);
    CHECK(where.path == c.path);
    CHECK(where.named == c.named);
  }
  CHECK_THROWS_AS(hush::locate_sidecar({"", "", &project, "", "/c/app.yaml"}), hush::Error);
  CHECK_THROWS_AS(hush::locate_sidecar({"", "", nullptr, "", std::nullopt}), hush::Error);
}

TEST_CASE("sources: expiry and fields are enforced", "[sources]") {
  using namespace std::chrono;
  const sys_seconds now = sys_days{year{2026} / 11 / 23};
  hush::SecretInfo info;
  info.name = "CERT";
  info.type = "certificate";
  info.fields = {"certificate", "private_key"};
  info.expires = now - hours(1);
  std::vector<std::unique_ptr<hush::SecretSource>> sources;
  sources.push_back(std::make_unique<FakeSource>(info));
  hush::Resolver strict(std::move(sources), {"sidecar"}, {.allow_expired = false, .now = now});
  std::vector<hush::Finding> findings;
  CHECK_FALSE(strict.resolve(ref_to("CERT", {}, {}, "certificate"), findings));
  REQUIRE(findings.size() == 1);
  CHECK(hush::to_string(findings[0]) ==
        "t.yaml:3:5: error: secret CERT expired at 2026-11-22T23:00:00Z; rotate it or pass "
        "--allow-expired [expired-secret]");

  std::vector<std::unique_ptr<hush::SecretSource>> lenient_sources;
  lenient_sources.push_back(std::make_unique<FakeSource>(info));
  hush::Resolver lenient(std::move(lenient_sources), {"sidecar"},
                         {.allow_expired = true, .now = now});
  findings.clear();
  const auto value = lenient.resolve(ref_to("CERT", {}, {}, "private_key"), findings);
  REQUIRE(value);
  CHECK(value->value->reveal() == "value-of-private_key");
  CHECK(findings.at(0).severity == hush::Severity::warning);
  findings.clear();
  CHECK_FALSE(lenient.resolve(ref_to("CERT"), findings));
  CHECK(findings.back().rule == "multi-field-secret");
  CHECK_THAT(findings.back().message, Catch::Contains("reference one as ${CERT.certificate}"));
  CHECK_FALSE(lenient.resolve(ref_to("CERT", {}, {}, "nope"), findings));
  CHECK(findings.back().rule == "unknown-field");
  CHECK_FALSE(lenient.resolve(ref_to("CERT.certificate", {}, "sidecar"), findings) == std::nullopt);
}

TEST_CASE("sources: check warns of rotation due and expiry within the secret's notice",
          "[sources]") {
  using namespace std::chrono;
  const sys_seconds now = sys_days{year{2026} / 11 / 23};
  const auto check = [&](const hush::SecretInfo& info) {
    std::vector<std::unique_ptr<hush::SecretSource>> sources;
    sources.push_back(std::make_unique<FakeSource>(info));
    const hush::Resolver resolver(std::move(sources), {"sidecar"}, {.now = now});
    std::vector<hush::Finding> findings;
    CHECK(resolver.check(ref_to(info.name), days(14), findings) == info.name);
    std::vector<std::string> out;
    for (const hush::Finding& f : findings) out.push_back(hush::to_string(f));
    return out;
  };
  hush::SecretInfo db;
  db.name = "DB_PASSWORD";
  db.updated = sys_days{year{2026} / 8 / 31};
  db.rotate_every = days(90);
  CHECK(check(db).empty());  // due 2026-11-29, after now
  db.notify_before = days(7);
  CHECK(check(db) ==
        std::vector<std::string>{"t.yaml:3:5: warning: secret DB_PASSWORD was last rotated "
                                 "2026-08-31T00:00:00Z and is due for rotation every 90d (due "
                                 "2026-11-29T00:00:00Z); rotate it with `hush secrets rotate "
                                 "DB_PASSWORD` [rotation-due]"});
  db.notify_before.reset();
  db.updated = sys_days{year{2026} / 8 / 1};
  CHECK(check(db) ==
        std::vector<std::string>{"t.yaml:3:5: warning: secret DB_PASSWORD was last rotated "
                                 "2026-08-01T00:00:00Z and is due for rotation every 90d (due "
                                 "2026-10-30T00:00:00Z); rotate it with `hush secrets rotate "
                                 "DB_PASSWORD` [rotation-due]"});
  db.rotate_every.reset();  // no period: never due, however old
  CHECK(check(db).empty());

  hush::SecretInfo token;
  token.name = "API_TOKEN";
  token.expires = now + days(20);
  CHECK(check(token).empty());  // beyond the 14-day default
  token.notify_before = days(30);
  CHECK(check(token) == std::vector<std::string>{"t.yaml:3:5: warning: secret API_TOKEN expires "
                                                 "at 2026-12-13T00:00:00Z [expiring-secret]"});
  token.notify_before = days(3);  // a shorter notice than the default quiets it
  token.expires = now + days(10);
  CHECK(check(token).empty());

  // An expired secret is an error only: not also due for rotation.
  hush::SecretInfo old;
  old.name = "OLD";
  old.expires = now - days(1);
  old.updated = now - days(400);
  old.rotate_every = days(30);
  std::vector<std::unique_ptr<hush::SecretSource>> sources;
  sources.push_back(std::make_unique<FakeSource>(old));
  const hush::Resolver resolver(std::move(sources), {"sidecar"}, {.now = now});
  std::vector<hush::Finding> findings;
  CHECK_FALSE(resolver.check(ref_to("OLD"), days(14), findings).has_value());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "expired-secret");
}

TEST_CASE("sources: hush's credential variables are never a source", "[sources]") {
  hush::SourceSettings settings;
  settings.environment = hush::test::environment_of(
      {{"HUSH_KEY", "credential-never-resolves"}, {"HUSH_PASSPHRASE", "nor-this"}, {"A", "1"}});
  settings.env_prefix = "";
  std::vector<hush::Finding> findings;
  hush::Resolver resolver = hush::make_resolver(std::move(settings), nullptr, findings);
  CHECK_FALSE(resolver.resolve(ref_to("HUSH_KEY"), findings));
  CHECK_FALSE(resolver.resolve(ref_to("HUSH_PASSPHRASE", {}, "env"), findings));
  REQUIRE(findings.size() == 2);
  CHECK(hush::to_string(findings[0]) ==
        "t.yaml:3:5: error: unresolved reference ${HUSH_KEY} in scope global (tried env); "
        "HUSH_KEY is a hush credential variable, never a secret source [unresolved-reference]");
  CHECK_THAT(findings[1].message, Catch::Contains("HUSH_PASSPHRASE is a hush credential variable"));
  hush::EnvSource prefixed(*hush::test::environment_of({{"HUSH_KEY", "k"}}), "HUSH_");
  CHECK_FALSE(prefixed.lookup("KEY").has_value());
}

TEST_CASE("sources: exec sources keep the environment without the env source (--no-env)",
          "[sources]") {
  hush::SourceSettings settings;
  settings.use_environment = false;
  settings.environment = hush::test::environment_of(
      {{"PATH", "/usr/bin:/bin"}, {"EXEC_MARKER", "marker"}, {"HUSH_KEY", "exec-never-sees"}});
  settings.exec_sources.push_back(
      {.name = "probe",
       .argv = {"sh", "-c", "printf '%s|%s' \"$EXEC_MARKER\" \"${HUSH_KEY:-none}\""},
       .qualified_only = true,
       .where = {}});
  std::vector<hush::Finding> findings;
  hush::Resolver resolver = hush::make_resolver(std::move(settings), nullptr, findings);
  CHECK(resolver.source("env") == nullptr);
  const auto hit = resolver.resolve(ref_to("ANY", {}, "probe"), findings);
  REQUIRE(hit);
  CHECK(hit->value->reveal() == "marker|none");
}
