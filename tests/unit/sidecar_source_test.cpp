#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "core/sidecar/sidecar.hpp"
#include "support/sidecar_fixture.hpp"

using hush::test::fields_payload;
using hush::test::simple_secret;
using hush::test::test_now;

namespace {

template <typename Action>
std::string error_of(Action&& action) {
  try {
    action();
  } catch (const hush::Error& error) {
    return error.message() + " [" + error.id() + "]";
  }
  return "no error";
}

// A sidecar with DB_PASSWORD (scoped, expiring, rotated every 90 days with a week's notice) and
// SMTP (basic: username, password).
hush::test::SidecarFixture populated() {
  hush::test::SidecarFixture f;
  hush::NewSecret db = simple_secret("DB_PASSWORD", "pg-canary", {"service:database"});
  db.description = "Primary Postgres password";
  db.expires = hush::test::days_after_now(30);
  db.rotate_every = std::chrono::days(90);
  db.notify_before = std::chrono::days(7);
  hush::add_secret(f.sidecar, std::move(db), test_now());
  hush::NewSecret smtp = simple_secret("SMTP", "");
  smtp.type = hush::SecretType::basic;
  smtp.payload = fields_payload({{"username", "mailer"}, {"password", "smtp-canary"}});
  hush::add_secret(f.sidecar, std::move(smtp), test_now());
  return f;
}

}  // namespace

TEST_CASE("sidecar: the source reads names and metadata without a key", "[sidecar]") {
  hush::test::SidecarFixture f = populated();
  hush::SidecarSource source(f.sidecar, std::optional<hush::Keypair>());
  CHECK(source.name() == "sidecar");
  CHECK(source.names() == std::vector<std::string>{"DB_PASSWORD", "SMTP"});
  const std::optional<hush::SecretInfo> db = source.lookup("DB_PASSWORD");
  REQUIRE(db.has_value());
  CHECK(db->type == "password");
  CHECK(db->scopes == std::vector<std::string>{"service:database"});
  CHECK(db->expires == hush::test::days_after_now(30));
  CHECK(db->description == "Primary Postgres password");
  CHECK(db->fields.empty());
  CHECK(db->updated == test_now());
  CHECK(db->rotate_every == std::chrono::days(90));
  CHECK(db->notify_before == std::chrono::days(7));
  CHECK_FALSE(source.lookup("SMTP")->rotate_every.has_value());
  CHECK(source.lookup("SMTP")->fields == std::vector<std::string>{"password", "username"});
  CHECK_FALSE(source.lookup("MISSING").has_value());
  CHECK(error_of([&] { (void)source.fetch("DB_PASSWORD", ""); }) ==
        "no private key for sidecar key " + f.sidecar.key_id +
            ": set HUSH_KEY to the base64 key, HUSH_KEY_FILE to a key file, or put the key file "
            "at $XDG_CONFIG_HOME/hush/keys/" +
            f.sidecar.key_id + ".key [missing-key]");
}

TEST_CASE("sidecar: the source fetches values and fields with the private key", "[sidecar]") {
  hush::test::SidecarFixture f = populated();
  hush::SidecarSource source(f.sidecar, hush::keypair_from_private(f.keys.private_key.clone()));
  CHECK(source.fetch("DB_PASSWORD", "")->reveal() == "pg-canary");
  CHECK(source.fetch("SMTP", "username")->reveal() == "mailer");
  CHECK(source.fetch("SMTP", "password")->reveal() == "smtp-canary");
  CHECK(error_of([&] { (void)source.fetch("SMTP", ""); }) ==
        "secret SMTP has fields password, username; reference one as ${SMTP.password} "
        "[multi-field-secret]");
  CHECK(error_of([&] { (void)source.fetch("SMTP", "user"); }) ==
        "secret SMTP has no field user (fields: password, username) [unknown-field]");
  CHECK(error_of([&] { (void)source.fetch("DB_PASSWORD", "x"); }) ==
        "secret DB_PASSWORD has no fields; reference it as ${DB_PASSWORD} [unknown-field]");
}

TEST_CASE("sidecar: the source refuses another sidecar's key at construction", "[sidecar]") {
  hush::test::SidecarFixture f = populated();
  CHECK(error_of([&] {
          hush::SidecarSource source(f.sidecar, hush::generate_keypair());
        }).ends_with("[wrong-key]"));
}

TEST_CASE("sidecar: the source decrypts only the secrets it is asked for", "[sidecar]") {
  hush::test::SidecarFixture f = populated();
  f.sidecar.secrets.at("SMTP").value = f.sidecar.secrets.at("DB_PASSWORD").value;  // tampered
  hush::SidecarSource source(f.sidecar, hush::keypair_from_private(f.keys.private_key.clone()));
  CHECK(source.fetch("DB_PASSWORD", "")->reveal() == "pg-canary");
  const std::string error = error_of([&] { (void)source.fetch("SMTP", "password"); });
  CHECK(
      error.starts_with("secret SMTP was tampered with: its ciphertext belongs to secret "
                        "DB_PASSWORD"));
  CHECK(error.find("pg-canary") == std::string::npos);
}

TEST_CASE("sidecar: the source loads its key lazily, at the first fetch", "[sidecar]") {
  hush::test::SidecarFixture f = populated();
  int asked = 0;
  f.sidecar.kdf = hush::KdfParams{};  // a passphrase sidecar: the callback may be asked
  hush::KeyInputs inputs;
  inputs.key_base64 = hush::secret_to_base64(f.keys.private_key);
  inputs.passphrase = [&asked] {
    ++asked;
    return std::optional<hush::SecretValue>();
  };
  hush::SidecarSource source(f.sidecar, std::move(inputs));
  CHECK(source.lookup("SMTP").has_value());
  CHECK(source.fetch("SMTP", "username")->reveal() == "mailer");
  CHECK(asked == 0);  // HUSH_KEY came first

  hush::KeyInputs none;
  none.passphrase = [&asked] {
    ++asked;
    return std::optional<hush::SecretValue>();
  };
  hush::SidecarSource keyless(f.sidecar, std::move(none));
  CHECK(keyless.lookup("SMTP").has_value());
  CHECK(asked == 0);
  CHECK(error_of([&] { (void)keyless.fetch("SMTP", "username"); }).ends_with("[missing-key]"));
  CHECK(asked == 1);
}
