#include "core/sidecar/sidecar.hpp"

#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <thread>

#include "core/base/fsutil.hpp"
#include "support/sidecar_fixture.hpp"
#include "support/temp_dir.hpp"

using hush::test::days_after_now;
using hush::test::test_now;

namespace {

// A valid sidecar text whose entry A has `entry_extra` inserted after its `type:` line.
std::string sidecar_text(const hush::Keypair& keys, const std::string& entry_extra = {}) {
  hush::Sidecar sidecar = hush::test::empty_sidecar(keys);
  hush::add_secret(sidecar, hush::test::simple_secret("A", "v"), test_now());
  std::string text = hush::emit_sidecar(sidecar);
  const std::size_t type_line = text.find("    type: password\n");
  text.insert(type_line + std::string("    type: password\n").size(), entry_extra);
  return text;
}

constexpr int k_adds = 4;

// Adds PREFIX0..PREFIX3, one locked read-modify-write each; false when any failed.
bool add_entries(const std::filesystem::path& path, const std::string& prefix) {
  try {
    for (int i = 0; i < k_adds; ++i) {
      hush::update_sidecar(path, [&](hush::Sidecar& s) {
        hush::add_secret(s, hush::test::simple_secret(prefix + std::to_string(i), prefix),
                         test_now());
      });
    }
    return true;
  } catch (...) {
    return false;
  }
}

// Runs add_entries in a child process whose exit status is 0 on success.
pid_t fork_adder(const std::filesystem::path& path, const std::string& prefix) {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(add_entries(path, prefix) ? 0 : 1);  // never return into Catch
  REQUIRE(pid > 0);
  return pid;
}

std::string parse_error(const std::string& text) {
  try {
    (void)hush::parse_sidecar("s.yaml", text);
  } catch (const hush::Error& error) {
    return error.what();
  }
  return "parsed";
}

}  // namespace

TEST_CASE("sidecar: secret types and names follow the documented rules", "[sidecar]") {
  CHECK(hush::to_string(hush::SecretType::client_credentials) == "client-credentials");
  CHECK(hush::parse_secret_type("api-key") == hush::SecretType::api_key);
  CHECK_FALSE(hush::parse_secret_type("apikey").has_value());
  CHECK(hush::required_fields(hush::SecretType::basic) ==
        std::vector<std::string>{"password", "username"});
  CHECK(hush::is_multi_field(hush::SecretType::kv));
  CHECK_FALSE(hush::is_multi_field(hush::SecretType::bearer));
  CHECK(hush::secret_name_problem("") == "Secret key is required");
  CHECK_FALSE(hush::secret_name_problem("DB_PASSWORD_2").has_value());
  CHECK(hush::secret_name_problem("db-pass") ==
        "invalid secret name 'db-pass': a name must match [A-Z][A-Z0-9_]* (upper-case letters, "
        "digits and underscores, starting with a letter), e.g. DB_PASS");
  for (const char* bad : {"_X", "1X", "Xy", "X-Y", "X Y"}) {
    CAPTURE(bad);
    CHECK(hush::secret_name_problem(bad).has_value());
  }
}

TEST_CASE("sidecar: the default path sits beside the config, per environment", "[sidecar]") {
  CHECK(hush::default_sidecar_path("deploy/opsimate.yaml", "") == "deploy/opsimate.secrets.yaml");
  CHECK(hush::default_sidecar_path("deploy/opsimate.yaml", "staging") ==
        "deploy/opsimate.secrets.staging.yaml");
  CHECK(hush::default_sidecar_path("config.yml", "") == "config.secrets.yaml");
}

TEST_CASE("sidecar: emits the documented layout with entries sorted by name", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::NewSecret db = hush::test::simple_secret("DB_PASSWORD", "pw", {"service:database"});
  db.description = "Primary Postgres password";
  db.tags = {"production", "database"};
  db.metadata = {{"owner", "backend-team"}};
  db.expires = days_after_now(90);
  db.rotate_every = std::chrono::days(90);
  hush::add_secret(f.sidecar, std::move(db), test_now());
  hush::add_secret(f.sidecar, hush::test::simple_secret("API_KEY", "k"), test_now());
  const std::string text = hush::emit_sidecar(f.sidecar);
  const std::string value = f.sidecar.secrets.at("DB_PASSWORD").value;
  const std::string api_value = f.sidecar.secrets.at("API_KEY").value;
  CHECK(text ==
        "# Managed by hush; values are encrypted, metadata is not. Edit with `hush secrets`.\n"
        "hush: 2\nenvironment: production\nkey_id: " +
            f.sidecar.key_id + "\npublic_key: " + hush::to_base64(f.keys.public_key) +
            "\nsecrets:\n  API_KEY:\n    type: password\n    created: 2026-11-22T23:00:00Z\n"
            "    updated: 2026-11-22T23:00:00Z\n    version: 1\n    value: " +
            api_value +
            "\n  DB_PASSWORD:\n    description: Primary Postgres password\n    type: password\n"
            "    scopes: [service:database]\n    tags: [production, database]\n"
            "    metadata: {owner: backend-team}\n    created: 2026-11-22T23:00:00Z\n"
            "    updated: 2026-11-22T23:00:00Z\n    expires: 2027-02-20T23:00:00Z\n"
            "    rotate_every: 90d\n    version: 1\n    value: " +
            value + "\n");
  CHECK(text.find("pw\n") == std::string::npos);
}

TEST_CASE("sidecar: notify_before is written after rotate_every only when set", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::NewSecret db = hush::test::simple_secret("DB_PASSWORD", "pw");
  db.rotate_every = std::chrono::days(90);
  db.notify_before = std::chrono::weeks(2);
  hush::add_secret(f.sidecar, std::move(db), test_now());
  const std::string text = hush::emit_sidecar(f.sidecar);
  CHECK(text.find("    rotate_every: 90d\n    notify_before: 14d\n    version: 1\n") !=
        std::string::npos);
  const hush::Sidecar parsed = hush::parse_sidecar("s.yaml", text);
  CHECK(parsed == f.sidecar);
  CHECK(parsed.secrets.at("DB_PASSWORD").notify_before == std::chrono::days(14));
  CHECK(hush::emit_sidecar(parsed) == text);
  f.sidecar.secrets.at("DB_PASSWORD").notify_before.reset();
  CHECK(hush::emit_sidecar(f.sidecar).find("notify_before") == std::string::npos);
}

TEST_CASE("sidecar: save and load round-trip byte for byte", "[sidecar]") {
  hush::test::TempDir dir;
  hush::test::SidecarFixture f;
  f.sidecar.kdf = hush::new_kdf_params(hush::KdfStrength::minimum);
  hush::add_secret(f.sidecar, hush::test::simple_secret("ZED", "z"), test_now());
  hush::add_secret(f.sidecar, hush::test::simple_secret("ALPHA", "a", {"global"}), test_now());
  hush::NewSecret basic;
  basic.name = "SMTP";
  basic.type = hush::SecretType::basic;
  basic.payload = hush::test::fields_payload({{"username", "u"}, {"password", "p"}});
  hush::add_secret(f.sidecar, std::move(basic), test_now());
  hush::SecretChanges change;
  change.payload = hush::test::value_payload("z2");
  hush::update_secret(f.sidecar, "ZED", std::move(change), days_after_now(1));

  const std::filesystem::path path = dir / "app.secrets.yaml";
  hush::save_sidecar(path, f.sidecar);
  CHECK(hush::permission_bits(path) == 0600);
  const std::string first = hush::read_file(path, hush::config_input_limit());
  const hush::Sidecar loaded = hush::load_sidecar(path);
  CHECK(loaded == f.sidecar);
  hush::save_sidecar(path, loaded);
  CHECK(hush::read_file(path, hush::config_input_limit()) == first);
  CHECK(first.find("  ALPHA:") < first.find("  SMTP:"));
  CHECK(first.find("  SMTP:") < first.find("  ZED:"));
  CHECK(first.find("    history:\n      - {version: 1, created: 2026-11-22T23:00:00Z, value: "
                   "enc:v2:") != std::string::npos);
}

TEST_CASE("sidecar: parse errors are located and name the problem", "[sidecar]") {
  const hush::Keypair keys = hush::generate_keypair();
  struct Case {
    const char* what;
    std::string text;
    std::string message;
  };
  const std::string good = sidecar_text(keys);
  std::string bad_key_id = good;
  bad_key_id.replace(bad_key_id.find("key_id: hk_") + 11, 4, "zzzz");
  const Case cases[] = {
      {"unknown key in an entry", sidecar_text(keys, "    colour: blue\n"),
       "s.yaml:9:5: error: unknown key 'colour' in secret A (known: description, type, scopes, "
       "tags, metadata, created, updated, expires, rotate_every, notify_before, version, fields, "
       "value, history) [sidecar-invalid]"},
      {"bad type", std::string(good).replace(good.find("type: password"), 14, "type: passwd"),
       "s.yaml:8:11: error: unknown type 'passwd' (known: generic, password, api-key, bearer, "
       "basic, client-credentials, certificate, kv) [sidecar-invalid]"},
      {"bad version", std::string(good).replace(good.find("version: 1"), 10, "version: 0"),
       "s.yaml:11:14: error: invalid version '0': expected a whole number of at least 1 "
       "[sidecar-invalid]"},
      {"bad date", sidecar_text(keys, "    expires: 2027-02-30\n"),
       "s.yaml:9:14: error: invalid expires '2027-02-30': expected a UTC time like "
       "2026-11-22T23:00:00Z [sidecar-invalid]"},
      {"bad duration", sidecar_text(keys, "    rotate_every: 3 months\n"),
       "s.yaml:9:19: error: invalid rotate_every '3 months': expected a duration like 90d, 12h "
       "or 2w [sidecar-invalid]"},
      {"bad notify_before", sidecar_text(keys, "    notify_before: soon\n"),
       "s.yaml:9:20: error: invalid notify_before 'soon': expected a duration like 30d, 12h or "
       "2w [sidecar-invalid]"},
      {"notify_before in a format-1 file",
       std::string(good)
           .replace(good.find("hush: 2"), 7, "hush: 1")
           .insert(good.find("    type: password\n") + 19, "    notify_before: 30d\n"),
       "s.yaml:9:20: error: notify_before of secret A needs sidecar format 2 (the file says "
       "hush: 1) [sidecar-invalid]"},
      {"plaintext value", std::string(good).replace(good.find("value: enc:v2:"), 14, "value: "),
       "s.yaml:12:12: error: value of secret A is not encrypted (expected enc:v2:…); set it "
       "with hush secrets update A [sidecar-invalid]"},
      {"key id mismatch", bad_key_id,
       "s.yaml:4:9: error: key_id hk_zzzz" + bad_key_id.substr(bad_key_id.find("zzzz") + 4, 12) +
           " does not match public_key (whose key id is " + hush::key_id_for(keys.public_key) +
           ") [sidecar-invalid]"},
      {"bad format", std::string(good).replace(good.find("hush: 2"), 7, "hush: 3"),
       "s.yaml:2:7: error: unsupported sidecar format 3 (this hush reads formats 1 and 2) "
       "[sidecar-invalid]"},
      {"enc:v2 value in a format-1 file",
       std::string(good).replace(good.find("hush: 2"), 7, "hush: 1"),
       "s.yaml:12:12: error: value of secret A is sealed as enc:v2, which needs sidecar format 2 "
       "(the file says hush: 1) [sidecar-invalid]"},
      {"duplicate key", sidecar_text(keys, "    type: kv\n"),
       "s.yaml:9:5: error: key \"type\" appears twice in this mapping (first at line 8); YAML "
       "readers disagree on which one wins, so keep one [duplicate-key]"},
      {"bad name", std::string(good).replace(good.find("  A:"), 4, "  a:"),
       "s.yaml:7:3: error: invalid secret name 'a': a name must match [A-Z][A-Z0-9_]* "
       "(upper-case letters, digits and underscores, starting with a letter), e.g. A "
       "[sidecar-invalid]"},
      {"bad scope", sidecar_text(keys, "    scopes: [services:db]\n"),
       "s.yaml:9:5: error: invalid scope 'services:db': expected provider, service, "
       "integration or global, optionally narrowed by a name glob without commas or spaces, "
       "e.g. service:database or integration:slack-* [sidecar-invalid]"},
      {"missing field set", sidecar_text(keys, "    fields: [a]\n"),
       "s.yaml:9:5: error: secret A: type password holds one value, not fields (fields: a) "
       "[sidecar-invalid]"},
      {"not a mapping", "- 1\n",
       "s.yaml:1:1: error: expected a mapping for the sidecar "
       "[sidecar-invalid]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what, c.text);
    CHECK(parse_error(c.text) == c.message);
  }
  CHECK_THROWS_WITH(hush::parse_sidecar("s.yaml", "a: [\n"), Catch::Contains("[yaml-syntax]"));
  // A plaintext value pasted into the history is refused like a current one.
  std::string history = std::string(good).replace(good.find("version: 1"), 10, "version: 2");
  history += "    history:\n      - {version: 1, created: 2026-01-01T00:00:00Z, value: hunter2}\n";
  CHECK(parse_error(history) ==
        "s.yaml:14:60: error: history version 1 of secret A is not encrypted [sidecar-invalid]");
}

TEST_CASE("sidecar: init writes an empty sidecar and stores the key, never replacing either",
          "[sidecar]") {
  hush::test::TempDir dir;
  const hush::InitResult result = hush::init_sidecar({.sidecar_path = dir / "app.secrets.yaml",
                                                      .environment = "staging",
                                                      .keys_dir = dir / "keys"});
  CHECK(result.key_file == dir / "keys" / (result.key_id + ".key"));
  CHECK(hush::permission_bits(dir / "app.secrets.yaml") == 0600);
  const hush::Sidecar sidecar = hush::load_sidecar(dir / "app.secrets.yaml");
  CHECK(sidecar.environment == "staging");
  CHECK(sidecar.key_id == result.key_id);
  CHECK(sidecar.secrets.empty());
  hush::KeyInputs inputs;
  inputs.keys_dir = dir / "keys";
  CHECK(hush::unlock_sidecar(sidecar, inputs).public_key == sidecar.public_key);
  CHECK_THROWS_WITH(
      hush::init_sidecar({.sidecar_path = dir / "app.secrets.yaml", .keys_dir = dir / "keys"}),
      Catch::Contains("[sidecar-exists]"));
}

TEST_CASE("sidecar: init with a passphrase stores the kdf and no key file", "[sidecar]") {
  hush::test::TempDir dir;
  const hush::InitResult result =
      hush::init_sidecar({.sidecar_path = dir / "p.secrets.yaml",
                          .keys_dir = dir / "keys",
                          .passphrase = hush::SecretValue("long passphrase"),
                          .kdf_strength = hush::KdfStrength::minimum});
  CHECK(result.key_file.empty());
  CHECK_FALSE(std::filesystem::exists(dir / "keys"));
  const hush::Sidecar sidecar = hush::load_sidecar(dir / "p.secrets.yaml");
  REQUIRE(sidecar.kdf.has_value());
  CHECK(sidecar.kdf->opslimit == crypto_pwhash_OPSLIMIT_MIN);
  CHECK(hush::read_file(dir / "p.secrets.yaml", hush::config_input_limit())
            .find("kdf: {alg: argon2id13, salt: ") != std::string::npos);
  hush::KeyInputs inputs;
  inputs.passphrase = [] {
    return std::optional<hush::SecretValue>(hush::SecretValue("long passphrase"));
  };
  CHECK(hush::unlock_sidecar(sidecar, inputs).public_key == sidecar.public_key);
}

TEST_CASE("sidecar: update_sidecar writes nothing when the change throws or changes nothing",
          "[sidecar]") {
  hush::test::TempDir dir;
  hush::test::SidecarFixture f;
  const std::filesystem::path path = dir / "s.yaml";
  hush::save_sidecar(path, f.sidecar);
  const std::string before = hush::read_file(path, hush::config_input_limit());
  CHECK_THROWS_WITH(hush::update_sidecar(path,
                                         [](hush::Sidecar& s) {
                                           hush::add_secret(s, hush::test::simple_secret("A", ""),
                                                            test_now());
                                         }),
                    "error: Secret value is required [missing-value]");
  hush::update_sidecar(path, [](hush::Sidecar&) {});
  CHECK(hush::read_file(path, hush::config_input_limit()) == before);
  CHECK_THROWS_WITH(hush::update_sidecar(dir / "missing.yaml", [](hush::Sidecar&) {}),
                    Catch::Contains("[unreadable-file]"));
}

TEST_CASE("sidecar: concurrent processes adding different entries lose none", "[sidecar]") {
  hush::test::TempDir dir;
  hush::test::SidecarFixture f;
  const std::filesystem::path path = dir / "s.yaml";
  hush::save_sidecar(path, f.sidecar);
  constexpr int k_processes = 6;
  constexpr int k_threads = 3;
  std::vector<pid_t> children;
  for (int p = 0; p < k_processes; ++p)
    children.push_back(fork_adder(path, "P" + std::to_string(p) + "_"));
  std::atomic<int> failed_threads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      if (!add_entries(path, "T" + std::to_string(t) + "_")) ++failed_threads;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const pid_t pid : children) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(failed_threads == 0);
  f.sidecar = hush::load_sidecar(path);
  CHECK(f.sidecar.secrets.size() == (k_processes + k_threads) * k_adds);
  CHECK(f.reveal("P5_3") == "P5_");
  CHECK(f.reveal("T2_0") == "T2_");
}

TEST_CASE("sidecar: status is expired, expiring, rotation due or active", "[sidecar]") {
  hush::SidecarEntry entry;
  entry.updated = test_now();
  const std::chrono::seconds week = std::chrono::days(7);
  CHECK(hush::status_of(entry, test_now(), week) == hush::SecretStatus::active);
  entry.rotate_every = std::chrono::days(30);
  CHECK(hush::status_of(entry, days_after_now(29), week) == hush::SecretStatus::active);
  CHECK(hush::status_of(entry, days_after_now(30), week) == hush::SecretStatus::rotation_due);
  entry.expires = days_after_now(40);
  CHECK(hush::status_of(entry, days_after_now(33), week) == hush::SecretStatus::expiring);
  CHECK(hush::status_of(entry, days_after_now(40), week) == hush::SecretStatus::expired);
  CHECK(hush::to_string(hush::SecretStatus::rotation_due) == "rotation-due");
}

TEST_CASE("sidecar: notify_before replaces the expiring window and warns of rotation early",
          "[sidecar]") {
  hush::SidecarEntry entry;
  entry.updated = test_now();
  const std::chrono::seconds week = std::chrono::days(7);
  entry.expires = days_after_now(100);
  entry.notify_before = std::chrono::days(30);
  CHECK(hush::status_of(entry, days_after_now(69), week) == hush::SecretStatus::active);
  CHECK(hush::status_of(entry, days_after_now(70), week) == hush::SecretStatus::expiring);
  CHECK(hush::status_of(entry, days_after_now(100), week) == hush::SecretStatus::expired);
  entry.notify_before = std::chrono::days(1);  // shorter than the caller's window: it still wins
  CHECK(hush::status_of(entry, days_after_now(95), week) == hush::SecretStatus::active);
  CHECK(hush::status_of(entry, days_after_now(99), week) == hush::SecretStatus::expiring);
  entry.expires.reset();
  entry.rotate_every = std::chrono::days(30);
  entry.notify_before = std::chrono::days(5);
  CHECK(hush::status_of(entry, days_after_now(24), week) == hush::SecretStatus::active);
  CHECK(hush::status_of(entry, days_after_now(25), week) == hush::SecretStatus::rotation_due);
  entry.notify_before.reset();  // without it, rotation is due only once the period has passed
  CHECK(hush::status_of(entry, days_after_now(29), week) == hush::SecretStatus::active);
  CHECK(hush::status_of(entry, days_after_now(30), week) == hush::SecretStatus::rotation_due);
}

TEST_CASE("sidecar: list filters by tag and by due status, never holding values", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::NewSecret a = hush::test::simple_secret("A", "a");
  a.tags = {"db"};
  a.expires = days_after_now(3);
  hush::add_secret(f.sidecar, std::move(a), test_now());
  hush::NewSecret b = hush::test::simple_secret("B", "b");
  b.tags = {"web"};
  hush::add_secret(f.sidecar, std::move(b), test_now());
  const std::vector<hush::SecretListing> all = hush::list_secrets(f.sidecar, {.now = test_now()});
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "A");
  CHECK(all[0].status == hush::SecretStatus::expiring);
  CHECK(all[1].status == hush::SecretStatus::active);
  CHECK(hush::list_secrets(f.sidecar, {.now = test_now(), .tag = "web"})[0].name == "B");
  const auto due = hush::list_secrets(f.sidecar, {.now = test_now(),
                                                  .expiring_window = std::chrono::days(2),
                                                  .selection = hush::ListSelection::due});
  CHECK(due.empty());
  CHECK(hush::list_secrets(f.sidecar, {.now = test_now(), .selection = hush::ListSelection::due})
            .size() == 1);
}

namespace {

// `text` with the first `from` replaced by `to` (which must be there).
std::string edited(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string reveal_error(const hush::Sidecar& sidecar, std::string_view name,
                         const hush::Keypair& keys) {
  try {
    (void)hush::reveal_secret(sidecar, name, keys);
  } catch (const hush::Error& error) {
    return error.message() + " [" + error.id() + "]";
  }
  return "opened";
}

std::string field_value(const hush::SecretPayload& payload, std::string_view field) {
  for (const hush::NamedSecret& named : payload.fields) {
    if (named.name == field) return std::string(named.value.reveal());
  }
  return "(missing)";
}

// Every value of the legacy fixture, current and history, as the test expects to read it.
void check_legacy_values(const hush::Sidecar& sidecar, const hush::Keypair& keys) {
  CHECK(hush::reveal_secret(sidecar, "DB_PASSWORD", keys).value.reveal() == "Legacy-Canary-DB-2");
  CHECK(hush::reveal_secret(sidecar, "DB_PASSWORD", keys, 1).value.reveal() ==
        "Legacy-Canary-DB-1");
  CHECK(hush::reveal_secret(sidecar, "API_TOKEN", keys).value.reveal() == "Legacy-Canary-Token");
  const hush::SecretPayload smtp = hush::reveal_secret(sidecar, "SMTP", keys);
  CHECK(smtp.value.empty());
  CHECK(field_value(smtp, "password") == "Legacy-Canary-SMTP-2");
  CHECK(field_value(smtp, "username") == "legacy-user");
  const hush::SecretPayload smtp1 = hush::reveal_secret(sidecar, "SMTP", keys, 1);
  CHECK(field_value(smtp1, "password") == "Legacy-Canary-SMTP-1");
  CHECK(field_value(hush::reveal_secret(sidecar, "SETTINGS", keys), "token") == "Legacy-Canary-KV");
}

}  // namespace

TEST_CASE("sidecar: kdf limits beyond what hush init writes are refused, located", "[sidecar]") {
  hush::test::SidecarFixture f;
  f.sidecar.kdf = hush::new_kdf_params(hush::KdfStrength::minimum);
  const std::string good = hush::emit_sidecar(f.sidecar);
  REQUIRE(good.find("opslimit: 1, memlimit: 8192}") != std::string::npos);
  struct Case {
    const char* from;
    const char* to;
    const char* key;
    const char* message;
  };
  const Case cases[] = {
      {"opslimit: 1,", "opslimit: 4294967295,", "opslimit: ",
       "kdf opslimit 4294967295 is out of range 1 to 3 (libsodium's minimum to the most hush "
       "init --passphrase writes) [kdf-params]"},
      {"opslimit: 1,", "opslimit: 4,", "opslimit: ",
       "kdf opslimit 4 is out of range 1 to 3 (libsodium's minimum to the most hush init "
       "--passphrase writes) [kdf-params]"},
      {"opslimit: 1,", "opslimit: 0,", "opslimit: ",
       "kdf opslimit 0 is out of range 1 to 3 (libsodium's minimum to the most hush init "
       "--passphrase writes) [kdf-params]"},
      {"memlimit: 8192}", "memlimit: 268435457}", "memlimit: ",
       "kdf memlimit 268435457 is out of range 8192 to 268435456 bytes (libsodium's minimum to "
       "the most hush init --passphrase writes) [kdf-params]"},
      {"memlimit: 8192}", "memlimit: 4398046510080}", "memlimit: ",
       "kdf memlimit 4398046510080 is out of range 8192 to 268435456 bytes (libsodium's minimum "
       "to the most hush init --passphrase writes) [kdf-params]"},
      {"memlimit: 8192}", "memlimit: 8191}", "memlimit: ",
       "kdf memlimit 8191 is out of range 8192 to 268435456 bytes (libsodium's minimum to the "
       "most hush init --passphrase writes) [kdf-params]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.to);
    const std::string text = edited(good, c.from, c.to);
    const std::size_t line_start = text.rfind('\n', text.find("kdf: {")) + 1;
    const std::size_t column =
        text.find(c.key, line_start) + std::string_view(c.key).size() - line_start + 1;
    CHECK(parse_error(text) == "s.yaml:6:" + std::to_string(column) + ": error: " + c.message);
  }
  hush::KdfParams most = hush::new_kdf_params(hush::KdfStrength::moderate);
  f.sidecar.kdf = most;
  CHECK(hush::parse_sidecar("s.yaml", hush::emit_sidecar(f.sidecar)).kdf == most);
}

TEST_CASE("sidecar: the format number says whether any value is sealed as enc:v2", "[sidecar]") {
  const hush::Sidecar legacy =
      hush::load_sidecar(hush::test::fixture_path("legacy_v1.secrets.yaml"));
  CHECK(hush::sidecar_format(legacy) == 1);
  hush::test::SidecarFixture f;
  CHECK(hush::sidecar_format(f.sidecar) == 1);  // empty: an old hush may still read it
  hush::add_secret(f.sidecar, hush::test::simple_secret("A", "v"), test_now());
  CHECK(hush::sidecar_format(f.sidecar) == 2);
  CHECK(hush::emit_sidecar(f.sidecar).find("\nhush: 2\n") != std::string::npos);
  // notify_before is a format-2 key: a hush that reads only format 1 would refuse it anyway.
  hush::Sidecar noticed = legacy;
  noticed.secrets.begin()->second.notify_before = std::chrono::days(3);
  CHECK(hush::sidecar_format(noticed) == 2);
  CHECK(hush::parse_sidecar("s.yaml", hush::emit_sidecar(noticed)) == noticed);
}

TEST_CASE("sidecar: a format-1 sidecar sealed before type binding still opens", "[sidecar]") {
  const std::filesystem::path path = hush::test::fixture_path("legacy_v1.secrets.yaml");
  const hush::Sidecar sidecar = hush::load_sidecar(path);
  const hush::Keypair keys = hush::test::legacy_keys();
  check_legacy_values(sidecar, keys);
  CHECK(hush::needs_migration(sidecar));
  CHECK(hush::legacy_value_count(sidecar) == 6);
  // Without the private key nothing can be re-sealed: a write keeps the file as it was.
  CHECK(hush::emit_sidecar(sidecar) == hush::read_file(path, hush::config_input_limit()));
}

TEST_CASE("sidecar: old-format values are checked against the shape their payload holds",
          "[sidecar]") {
  const std::string text =
      hush::read_file(hush::test::fixture_path("legacy_v1.secrets.yaml"), hush::k_sidecar_limit);
  const hush::Keypair keys = hush::test::legacy_keys();
  const auto reveal = [&](const std::string& changed, std::string_view name) {
    return reveal_error(hush::parse_sidecar("s.yaml", changed), name, keys);
  };
  SECTION("a multi-field value retyped as one value") {
    const std::string changed = edited(edited(text, "    type: basic\n", "    type: generic\n"),
                                       "    fields: [password, username]\n", "");
    CHECK(reveal(changed, "SMTP") ==
          "secret SMTP was tampered with: its sealed value holds fields, but type generic holds "
          "one value; restore the file from version control or set the value again "
          "[tampered-value]");
  }
  SECTION("a single value retyped as fields") {
    const std::string changed =
        edited(text, "    type: api-key\n", "    type: kv\n    fields: [x]\n");
    CHECK(reveal(changed, "API_TOKEN") ==
          "secret API_TOKEN was tampered with: its sealed fields do not match the listed fields "
          "x; restore the file from version control or set the value again [tampered-value]");
  }
  SECTION("a field list edited") {
    const std::string changed = edited(text, "fields: [host, token]", "fields: [host]");
    CHECK(reveal(changed, "SETTINGS") ==
          "secret SETTINGS was tampered with: its sealed fields do not match the listed fields "
          "host; restore the file from version control or set the value again [tampered-value]");
  }
  SECTION("hush1 does not bind the exact type: one single-value type for another opens") {
    const std::string changed = edited(text, "    type: api-key\n", "    type: password\n");
    CHECK(reveal(changed, "API_TOKEN") == "opened");
  }
}

TEST_CASE("sidecar: migrate re-seals every old value with its type and fields, once", "[sidecar]") {
  hush::Sidecar sidecar = hush::load_sidecar(hush::test::fixture_path("legacy_v1.secrets.yaml"));
  const hush::Sidecar before = sidecar;
  const hush::Keypair keys = hush::test::legacy_keys();
  const hush::MigrationResult result = hush::migrate_sidecar(sidecar, keys);
  CHECK(result.resealed == 6);
  CHECK(result.failed.empty());
  CHECK_FALSE(hush::needs_migration(sidecar));
  CHECK(hush::sidecar_format(sidecar) == 2);
  for (const auto& [name, entry] : sidecar.secrets) {
    CAPTURE(name);
    const hush::SidecarEntry& old = before.secrets.at(name);
    CHECK(entry.value.starts_with("enc:v2:"));
    CHECK(entry.version == old.version);  // metadata stays as it was
    CHECK(entry.updated == old.updated);
    CHECK(entry.type == old.type);
    CHECK(entry.fields == old.fields);
    REQUIRE(entry.history.size() == old.history.size());
    for (std::size_t i = 0; i < entry.history.size(); ++i) {
      CHECK(entry.history[i].value.starts_with("enc:v2:"));
      CHECK(entry.history[i].version == old.history[i].version);
      CHECK(entry.history[i].created == old.history[i].created);
    }
  }
  check_legacy_values(sidecar, keys);
  // History values keep the scopes they were sealed with and gain the type they were read as.
  const hush::OpenedValue db1 = hush::open_value(sidecar.secrets.at("DB_PASSWORD").history[0].value,
                                                 {.name = "DB_PASSWORD", .version = 1}, keys,
                                                 hush::BindingCheck::name_and_version);
  CHECK(db1.sealed.scopes == std::vector<std::string>{"service:database"});
  CHECK(db1.sealed.type == "password");
  const hush::OpenedValue smtp1 =
      hush::open_value(sidecar.secrets.at("SMTP").history[0].value, {.name = "SMTP", .version = 1},
                       keys, hush::BindingCheck::name_and_version);
  CHECK(smtp1.sealed.type == "basic");
  CHECK(smtp1.sealed.fields == std::vector<std::string>{"password", "username"});

  SECTION("a second migration has nothing to do") {
    const hush::Sidecar migrated = sidecar;
    CHECK(hush::migrate_sidecar(sidecar, keys).resealed == 0);
    CHECK(sidecar == migrated);
  }
  SECTION("the type is now bound: kv with the same fields is tampering") {
    const std::string changed =
        edited(hush::emit_sidecar(sidecar), "    type: basic\n", "    type: kv\n");
    CHECK(reveal_error(hush::parse_sidecar("s.yaml", changed), "SMTP", keys) ==
          "secret SMTP was tampered with: its ciphertext was sealed as type basic, not kv; "
          "restore the file from version control or set the value again [tampered-value]");
  }
  SECTION("another sidecar's key is refused") {
    CHECK_THROWS_WITH(hush::migrate_sidecar(sidecar, hush::generate_keypair()),
                      Catch::Contains("[wrong-key]"));
  }
}

TEST_CASE("sidecar: migrate leaves an old value that does not open as it was", "[sidecar]") {
  const std::string text =
      hush::read_file(hush::test::fixture_path("legacy_v1.secrets.yaml"), hush::k_sidecar_limit);
  hush::Sidecar sidecar =
      hush::parse_sidecar("s.yaml", edited(edited(text, "    type: basic\n", "    type: generic\n"),
                                           "    fields: [password, username]\n", ""));
  const std::string tampered = sidecar.secrets.at("SMTP").value;
  const hush::MigrationResult result = hush::migrate_sidecar(sidecar, hush::test::legacy_keys());
  REQUIRE(result.failed.size() == 1);
  CHECK(result.failed[0].id() == "tampered-value");
  CHECK_THAT(result.failed[0].message(),
             Catch::StartsWith("secret SMTP was tampered with: its sealed value holds fields"));
  CHECK(sidecar.secrets.at("SMTP").value == tampered);  // not laundered into a type-bound seal
  CHECK(result.resealed == 5);
  CHECK(hush::legacy_value_count(sidecar) == 1);
}
