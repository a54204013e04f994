#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "core/sidecar/sidecar.hpp"
#include "support/sidecar_fixture.hpp"

using hush::test::days_after_now;
using hush::test::fields_payload;
using hush::test::simple_secret;
using hush::test::test_now;
using hush::test::value_payload;

namespace {

// The error `action` throws, as "message [id]" (or "no error").
template <typename Action>
std::string error_of(Action&& action) {
  try {
    action();
  } catch (const hush::Error& error) {
    return error.message() + " [" + error.id() + "]";
  }
  return "no error";
}

hush::SecretChanges new_value(std::string_view value) {
  hush::SecretChanges changes;
  changes.payload = value_payload(value);
  return changes;
}

}  // namespace

TEST_CASE("sidecar: add validates name, value and type with the documented messages", "[sidecar]") {
  hush::test::SidecarFixture f;
  const auto add = [&](hush::NewSecret secret) {
    return error_of([&] { hush::add_secret(f.sidecar, std::move(secret), test_now()); });
  };
  CHECK(add(simple_secret("", "v")) == "Secret key is required [missing-name]");
  CHECK(add(simple_secret("A", "")) == "Secret value is required [missing-value]");
  CHECK(add(simple_secret("lower", "v")) ==
        "invalid secret name 'lower': a name must match [A-Z][A-Z0-9_]* (upper-case letters, "
        "digits and underscores, starting with a letter), e.g. LOWER [invalid-name]");
  CHECK(add(simple_secret("A", "v", {"everywhere"})).ends_with("[invalid-scope]"));
  hush::NewSecret basic = simple_secret("B", "");
  basic.type = hush::SecretType::basic;
  basic.payload = fields_payload({{"username", "u"}});
  CHECK(add(std::move(basic)) ==
        "type basic needs exactly the fields password, username (got username) [invalid-fields]");
  hush::NewSecret empty_field = simple_secret("B", "");
  empty_field.type = hush::SecretType::kv;
  empty_field.payload = fields_payload({{"x", ""}});
  CHECK(add(std::move(empty_field)) == "Secret value is required for field x [missing-value]");
  CHECK(f.sidecar.secrets.empty());
  CHECK(add(simple_secret("A", "v")) == "no error");
  CHECK(add(simple_secret("A", "w")) ==
        "secret A already exists; change it with hush secrets update A [secret-exists]");
  CHECK(f.reveal("A") == "v");
}

TEST_CASE("sidecar: add needs only the public key", "[sidecar]") {
  const hush::Keypair keys = hush::generate_keypair();
  hush::Sidecar sidecar = hush::test::empty_sidecar(keys);  // holds no private key
  hush::add_secret(sidecar, simple_secret("TOKEN", "t0k3n"), test_now());
  const hush::SidecarEntry& entry = sidecar.secrets.at("TOKEN");
  CHECK(entry.version == 1);
  CHECK(entry.created == test_now());
  CHECK(entry.value.starts_with("enc:v2:"));
  CHECK(hush::reveal_secret(sidecar, "TOKEN", keys).value.reveal() == "t0k3n");
}

TEST_CASE("sidecar: update makes a new version and keeps the old one in history", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "one", {"service:db"}), test_now());
  hush::update_secret(f.sidecar, "A", new_value("two"), days_after_now(1));
  hush::update_secret(f.sidecar, "A", new_value("three"), days_after_now(2));
  const hush::SidecarEntry& entry = f.sidecar.secrets.at("A");
  CHECK(entry.version == 3);
  CHECK(entry.updated == days_after_now(2));
  CHECK(entry.created == test_now());
  REQUIRE(entry.history.size() == 2);
  CHECK(entry.history[0].version == 1);
  CHECK(entry.history[0].created == test_now());
  CHECK(entry.history[1].created == days_after_now(1));
  CHECK(f.reveal("A") == "three");
  CHECK(hush::reveal_secret(f.sidecar, "A", f.keys, 1).value.reveal() == "one");
  CHECK(hush::reveal_secret(f.sidecar, "A", f.keys, 2).value.reveal() == "two");
  CHECK(error_of([&] { (void)hush::reveal_secret(f.sidecar, "A", f.keys, 7); }) ==
        "secret A has no version 7 (versions: 1, 2, 3) [unknown-version]");
  const std::vector<hush::SecretVersion> versions = hush::secret_versions(f.sidecar, "A");
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].version == 1);
  CHECK_FALSE(versions[1].current);
  CHECK(versions[2].current);
  CHECK(versions[2].created == days_after_now(2));
  CHECK(error_of([&] { (void)hush::find_secret(f.sidecar, "a"); }) ==
        "no secret a in the sidecar; did you mean A? [unknown-secret]");
}

TEST_CASE("sidecar: update reports No changes to save", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::NewSecret secret = simple_secret("A", "same");
  secret.description = "d";
  hush::add_secret(f.sidecar, std::move(secret), test_now());
  const hush::Sidecar before = f.sidecar;
  const auto update = [&](hush::SecretChanges changes, const hush::Keypair* keys) {
    return error_of(
        [&] { hush::update_secret(f.sidecar, "A", std::move(changes), test_now(), keys); });
  };
  CHECK(update({}, nullptr) == "No changes to save [no-changes]");
  CHECK(update({.description = "d"}, nullptr) == "No changes to save [no-changes]");
  CHECK(update(new_value("same"), &f.keys) == "No changes to save [no-changes]");
  CHECK(f.sidecar == before);
  CHECK(update({.description = "new"}, nullptr) == "no error");
  CHECK(f.sidecar.secrets.at("A").version == 1);            // metadata changes keep the version
  CHECK(update(new_value("same"), nullptr) == "no error");  // without a key it cannot compare
  CHECK(f.sidecar.secrets.at("A").version == 2);
  CHECK(error_of([&] { hush::update_secret(f.sidecar, "B", {}, test_now()); }) ==
        "no secret B in the sidecar; did you mean A? [unknown-secret]");
}

TEST_CASE("sidecar: notify_before is set, changed and removed like rotate_every", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::NewSecret secret = simple_secret("A", "v");
  secret.notify_before = std::chrono::days(10);
  hush::add_secret(f.sidecar, std::move(secret), test_now());
  CHECK(f.sidecar.secrets.at("A").notify_before == std::chrono::days(10));
  const auto update = [&](std::optional<std::chrono::seconds> notify_before) {
    return error_of(
        [&] { hush::update_secret(f.sidecar, "A", {.notify_before = notify_before}, test_now()); });
  };
  CHECK(update(std::chrono::days(10)) == "No changes to save [no-changes]");
  CHECK(update(std::chrono::days(3)) == "no error");
  CHECK(f.sidecar.secrets.at("A").notify_before == std::chrono::days(3));
  CHECK(update(std::nullopt) == "no error");  // removed
  CHECK_FALSE(f.sidecar.secrets.at("A").notify_before.has_value());
  CHECK(f.sidecar.secrets.at("A").version == 1);  // metadata only: the same version
}

TEST_CASE("sidecar: changing scopes re-seals the value and needs the private key", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "v", {"service:db"}), test_now());
  const auto widen = [] {
    return hush::SecretChanges{.scopes = std::vector<std::string>{"service:db", "global"}};
  };
  CHECK(error_of([&] { hush::update_secret(f.sidecar, "A", widen(), test_now()); }) ==
        "changing the scopes of secret A re-seals its value and needs the private key of "
        "sidecar key " +
            f.sidecar.key_id + " (or give a new value) [missing-key]");
  hush::update_secret(f.sidecar, "A", widen(), test_now(), &f.keys);
  CHECK(f.sidecar.secrets.at("A").scopes == std::vector<std::string>{"service:db", "global"});
  CHECK(f.sidecar.secrets.at("A").version == 1);
  CHECK(f.reveal("A") == "v");
}

TEST_CASE("sidecar: a type change keeps the value only when its shape fits", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "v"), test_now());
  // The type is sealed with the value, so keeping the value re-seals it: that needs the key.
  CHECK(error_of([&] {
          hush::update_secret(f.sidecar, "A", {.type = hush::SecretType::api_key}, test_now());
        }) ==
        "changing the type of secret A re-seals its value and needs the private key of "
        "sidecar key " +
            f.sidecar.key_id + " (or give a new value) [missing-key]");
  hush::update_secret(f.sidecar, "A", {.type = hush::SecretType::api_key}, test_now(), &f.keys);
  CHECK(f.sidecar.secrets.at("A").type == hush::SecretType::api_key);
  CHECK(f.sidecar.secrets.at("A").version == 1);
  CHECK(f.reveal("A") == "v");
  CHECK(error_of([&] {
          hush::update_secret(f.sidecar, "A", {.type = hush::SecretType::basic}, test_now());
        }) ==
        "changing the type of A from api-key to basic needs a new value with its fields "
        "[invalid-fields]");
  hush::SecretChanges to_basic{.payload = fields_payload({{"username", "u"}, {"password", "p"}}),
                               .type = hush::SecretType::basic};
  hush::update_secret(f.sidecar, "A", std::move(to_basic), test_now());
  CHECK(f.sidecar.secrets.at("A").fields == std::vector<std::string>{"password", "username"});
  CHECK(hush::reveal_secret(f.sidecar, "A", f.keys).fields.size() == 2);
}

TEST_CASE("sidecar: an edited type or field list of a sealed value is tampering", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("TOKEN", "token-canary"), test_now());
  hush::NewSecret smtp = simple_secret("SMTP", "");
  smtp.type = hush::SecretType::basic;
  smtp.payload = fields_payload({{"username", "mailer"}, {"password", "smtp-canary"}});
  hush::add_secret(f.sidecar, std::move(smtp), test_now());
  hush::NewSecret kv = simple_secret("KV", "");
  kv.type = hush::SecretType::kv;
  kv.payload = fields_payload({{"a", "1"}, {"b", "2"}});
  hush::add_secret(f.sidecar, std::move(kv), test_now());
  const std::string text = hush::emit_sidecar(f.sidecar);
  struct Case {
    const char* what;
    const char* from;
    const char* to;
    const char* name;
    const char* message;
  };
  const Case cases[] = {
      {"basic edited to kv", "type: basic\n", "type: kv\n", "SMTP",
       "secret SMTP was tampered with: its ciphertext was sealed as type basic, not kv"},
      {"basic edited to generic, fields dropped", "type: basic\n    created",
       "type: generic\n    created", "SMTP",
       "secret SMTP was tampered with: its ciphertext was sealed as type basic, not generic"},
      {"one single-value type for another", "type: password\n", "type: api-key\n", "TOKEN",
       "secret TOKEN was tampered with: its ciphertext was sealed as type password, not api-key"},
      {"a kv field dropped", "fields: [a, b]", "fields: [a]", "KV",
       "secret KV was tampered with: its ciphertext was sealed for other fields than [a]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    std::string changed = text;
    changed.replace(changed.find(c.from), std::string_view(c.from).size(), c.to);
    if (std::string_view(c.to).starts_with("type: generic")) {
      const std::size_t fields = changed.find("    fields: [password, username]\n");
      changed.erase(fields, std::string_view("    fields: [password, username]\n").size());
    }
    const hush::Sidecar sidecar = hush::parse_sidecar("s.yaml", changed);
    const std::string error = error_of([&] { (void)hush::reveal_secret(sidecar, c.name, f.keys); });
    CHECK_THAT(error, Catch::StartsWith(c.message));
    CHECK_THAT(error, Catch::EndsWith("[tampered-value]"));
    CHECK(error.find("canary") == std::string::npos);
  }
}

TEST_CASE("sidecar: remove deletes an entry", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "v"), test_now());
  hush::remove_secret(f.sidecar, "A");
  CHECK(f.sidecar.secrets.empty());
  CHECK(error_of([&] { hush::remove_secret(f.sidecar, "A"); }) ==
        "no secret A in the sidecar [unknown-secret]");
}

TEST_CASE("sidecar: rollback restores an old value as a new version", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "one", {"service:db"}), test_now());
  hush::update_secret(f.sidecar, "A", new_value("two"), days_after_now(1));
  hush::update_secret(f.sidecar, "A", {.scopes = std::vector<std::string>{"global"}},
                      days_after_now(1), &f.keys);
  CHECK(hush::rollback_secret(f.sidecar, "A", 1, days_after_now(2), f.keys) == 3);
  const hush::SidecarEntry& entry = f.sidecar.secrets.at("A");
  CHECK(entry.updated == days_after_now(2));
  CHECK(entry.history.size() == 2);
  CHECK(f.reveal("A") == "one");
  CHECK(error_of([&] { (void)hush::rollback_secret(f.sidecar, "A", 3, test_now(), f.keys); }) ==
        "No changes to save: A is already at version 3 [no-changes]");
  CHECK(error_of([&] {
          (void)hush::rollback_secret(f.sidecar, "A", 9, test_now(), f.keys);
        }).ends_with("[unknown-version]"));
}

TEST_CASE("sidecar: rotate seals a new value and keeps unnamed fields", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "old"), test_now());
  CHECK(hush::rotate_secret(f.sidecar, "A", value_payload("new"), days_after_now(1), f.keys) == 2);
  CHECK(f.reveal("A") == "new");
  CHECK(error_of([&] {
          (void)hush::rotate_secret(f.sidecar, "A", value_payload("new"), test_now(), f.keys);
        }) == "No changes to save: the new value of A equals the current one [no-changes]");
  hush::NewSecret basic = simple_secret("DB", "");
  basic.type = hush::SecretType::basic;
  basic.payload = fields_payload({{"username", "app"}, {"password", "p1"}});
  hush::add_secret(f.sidecar, std::move(basic), test_now());
  (void)hush::rotate_secret(f.sidecar, "DB", fields_payload({{"password", "p2"}}), test_now(),
                            f.keys);
  const hush::SecretPayload now = hush::reveal_secret(f.sidecar, "DB", f.keys);
  REQUIRE(now.fields.size() == 2);
  CHECK(now.fields[0].name == "password");
  CHECK(now.fields[0].value.reveal() == "p2");
  CHECK(now.fields[1].value.reveal() == "app");
}

TEST_CASE("sidecar: private-key operations refuse another sidecar's key", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "v"), test_now());
  const hush::Keypair other = hush::generate_keypair();
  const std::string message = "wrong private key: key " + hush::key_id_for(other.public_key) +
                              " does not match sidecar key " + f.sidecar.key_id +
                              "; supply the key hush init made for this sidecar [wrong-key]";
  CHECK(error_of([&] { (void)hush::reveal_secret(f.sidecar, "A", other); }) == message);
  CHECK(error_of([&] { (void)hush::rollback_secret(f.sidecar, "A", 1, test_now(), other); }) ==
        message);
  CHECK(error_of([&] {
          (void)hush::rotate_secret(f.sidecar, "A", value_payload("x"), test_now(), other);
        }) == message);
}

TEST_CASE("sidecar: moved or edited ciphertexts are reported as tampered", "[sidecar]") {
  hush::test::SidecarFixture f;
  hush::add_secret(f.sidecar, simple_secret("A", "canary-a", {"service:db"}), test_now());
  hush::add_secret(f.sidecar, simple_secret("B", "canary-b", {"service:db"}), test_now());
  hush::update_secret(f.sidecar, "A", new_value("canary-a2"), test_now());
  const auto reveal = [&](std::string_view name) {
    return error_of([&] { (void)hush::reveal_secret(f.sidecar, name, f.keys); });
  };
  SECTION("a ciphertext copied to another name") {
    f.sidecar.secrets.at("B").value = f.sidecar.secrets.at("A").value;
    CHECK(
        reveal("B").starts_with("secret B was tampered with: its ciphertext belongs to secret A;"));
  }
  SECTION("an edited version") {
    f.sidecar.secrets.at("A").version = 5;
    CHECK(reveal("A").starts_with(
        "secret A was tampered with: its ciphertext does not belong to version 5"));
  }
  SECTION("an old version restored over the current one") {
    hush::SidecarEntry& a = f.sidecar.secrets.at("A");
    a.value = a.history.front().value;
    CHECK(reveal("A").starts_with(
        "secret A was tampered with: its ciphertext does not belong to version 2"));
  }
  SECTION("widened scopes, edited in the file") {
    std::string text = hush::emit_sidecar(f.sidecar);
    text.replace(text.find("[service:db]"), 12, "[service:db, global]");
    f.sidecar = hush::parse_sidecar("s.yaml", text);
    CHECK(
        reveal("A").starts_with("secret A was tampered with: its ciphertext was sealed for "
                                "other scopes than [service:db, global]"));
  }
  SECTION("a flipped ciphertext byte") {
    std::string& value = f.sidecar.secrets.at("B").value;
    value[20] = value[20] == 'A' ? 'B' : 'A';
    CHECK(reveal("B").starts_with("secret B was tampered with: its ciphertext does not open"));
  }
  SECTION("a new value repairs a tampered entry") {
    f.sidecar.secrets.at("B").value = f.sidecar.secrets.at("A").value;
    hush::update_secret(f.sidecar, "B", new_value("fixed"), test_now(), &f.keys);
    CHECK(f.reveal("B") == "fixed");
  }
}

TEST_CASE("sidecar: reveal_secrets opens many secrets in order, on every core", "[sidecar]") {
  hush::test::SidecarFixture f;
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) {  // past the parallel threshold
    names.push_back("S" + std::to_string(i));
    hush::add_secret(f.sidecar, simple_secret(names.back(), "value-" + std::to_string(i)),
                     test_now());
  }
  const std::vector<hush::SecretPayload> payloads = hush::reveal_secrets(f.sidecar, names, f.keys);
  REQUIRE(payloads.size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(payloads[i].value.reveal() == "value-" + std::to_string(i));
  }
  CHECK(hush::reveal_secrets(f.sidecar, {}, f.keys).empty());
  // Two unknown names among many: the first one's error, whichever thread met it.
  names[150] = "NOPE_B";
  names[20] = "NOPE_A";
  CHECK(error_of([&] { (void)hush::reveal_secrets(f.sidecar, names, f.keys); }).find("NOPE_A") !=
        std::string::npos);
}
