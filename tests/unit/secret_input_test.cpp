#include "core/workflow/secret_input.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <hush/source.hpp>

#include "support/sidecar_fixture.hpp"

using hush::test::test_now;

namespace {

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const hush::Error& error) {
    return error.message() + " [" + error.id() + "]";
  }
  return "no error";
}

}  // namespace

TEST_CASE("secret_input: types, expiry, metadata and fields from their text", "[secret_input]") {
  CHECK(hush::type_from("") == hush::SecretType::generic);
  CHECK(hush::type_from("api-key") == hush::SecretType::api_key);
  CHECK(error_of([] { (void)hush::type_from("pin"); }) ==
        "unknown type pin (generic, password, api-key, bearer, basic, client-credentials, "
        "certificate, kv) [unknown-secret-type]");
  CHECK(hush::expiry_from({.expires_in = "2d"}, test_now()) == hush::test::days_after_now(2));
  CHECK_FALSE(hush::expiry_from({}, test_now()).has_value());
  CHECK(error_of([] {
          (void)hush::expiry_from({.expires_in = "1d", .expires = "2027-01-01"}, test_now());
        }) == "give --expires-in or --expires, not both [conflicting-options]");
  CHECK(hush::metadata_from({"owner=ops", "url=a=b"}) ==
        std::map<std::string, std::string>{{"owner", "ops"}, {"url", "a=b"}});
  CHECK(error_of([] { (void)hush::metadata_from({"=x"}); }) ==
        "--meta takes KEY=VALUE, not =x [invalid-option-value]");
  const std::vector<hush::NamedSecret> fields =
      hush::fields_from({"username=admin", "password=p=w"});
  REQUIRE(fields.size() == 2);
  CHECK(fields[1].name == "password");
  CHECK(fields[1].value.reveal() == "p=w");
  CHECK(error_of([] { (void)hush::fields_from({"novalue"}); }) ==
        "--field takes NAME=VALUE [invalid-option-value]");
}

TEST_CASE("secret_input: new secrets and changes carry what was given", "[secret_input]") {
  const hush::MetadataText text{.description = "db",
                                .type = "password",
                                .scopes = {"service:db"},
                                .meta = {"owner=ops", "old="},
                                .rotate_every = "90d",
                                .notify_before = "2w"};
  const hush::NewSecret secret =
      hush::new_secret_from("DB", text, hush::test::value_payload("v"), test_now());
  CHECK(secret.type == hush::SecretType::password);
  CHECK(secret.scopes == std::vector<std::string>{"service:db"});
  CHECK(secret.rotate_every == std::chrono::seconds(90 * 24 * 3600));
  CHECK(secret.notify_before == std::chrono::days(14));
  const hush::SecretChanges changes =
      hush::changes_from(text, {.expiry = true, .rotation = false}, std::nullopt, test_now());
  CHECK(changes.description == "db");
  CHECK(changes.metadata.at("owner") == "ops");
  CHECK_FALSE(changes.metadata.at("old").has_value());  // an empty value erases the key
  REQUIRE(changes.expires.has_value());
  CHECK_FALSE(changes.expires->has_value());  // cleared
  CHECK_FALSE(changes.payload.has_value());
  REQUIRE(changes.notify_before.has_value());
  CHECK(*changes.notify_before == std::chrono::days(14));
  const hush::SecretChanges cleared = hush::changes_from(
      text, {.expiry = false, .rotation = false, .notify_before = true}, std::nullopt, test_now());
  REQUIRE(cleared.notify_before.has_value());
  CHECK_FALSE(cleared.notify_before->has_value());  // clearing wins over a new window
  CHECK(error_of([&] {
          (void)hush::new_secret_from("DB", {.notify_before = "soon"},
                                      hush::test::value_payload("v"), test_now());
        }).ends_with("[invalid-duration]"));
}

TEST_CASE("secret_input: get prints a value, NAME=value lines, or one field", "[secret_input]") {
  const hush::SecretPayload single = hush::test::value_payload("s3cret");
  CHECK(hush::payload_text(single, "", "A").reveal() == "s3cret");
  CHECK(error_of([&] { (void)hush::payload_text(single, "user", "A"); }) ==
        "secret A has no fields [unknown-field]");
  const hush::SecretPayload basic =
      hush::test::fields_payload({{"password", "p\"w"}, {"username", "admin"}});
  CHECK(hush::payload_text(basic, "", "B").reveal() == "password=\"p\\\"w\"\nusername=\"admin\"\n");
  CHECK(hush::payload_text(basic, "username", "B").reveal() == "admin");
  CHECK(error_of([&] { (void)hush::payload_text(basic, "token", "B"); }) ==
        "secret B has no field token (fields: password, username) [unknown-field]");
}

TEST_CASE(
    "secret_input: a payload is read one way, announced, and warned about on the command line",
    "[secret_input]") {
  std::vector<std::string> warnings;
  const hush::Notices notices{.warn = [&](std::string_view text) { warnings.emplace_back(text); }};
  const auto read = [&](const hush::ValueInput& input, hush::SecretType type, bool required) {
    return hush::read_payload(input, type, required, notices);
  };
  CHECK(error_of([&] { (void)read({.from_stdin = true, .value = "x"}, {}, true); }) ==
        "give the value one way: --value-stdin, --generate, --value or --field "
        "[conflicting-options]");
  CHECK(error_of([&] {
          (void)read({.generate = 8}, hush::SecretType::basic, true);
        }).ends_with("[fields-expected]"));
  CHECK_FALSE(read({}, hush::SecretType::generic, false).has_value());
  CHECK_FALSE(read({}, hush::SecretType::basic, false).has_value());
  CHECK(warnings.empty());

  const std::size_t before = hush::revealed_count();
  const std::optional<hush::SecretPayload> given =
      read({.value = "given-on-the-command-line"}, hush::SecretType::generic, true);
  REQUIRE(given.has_value());
  CHECK(given->value.reveal() == "given-on-the-command-line");
  CHECK(hush::revealed_count() > before);  // masked in every message from now on
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].starts_with("a value on the command line lands in shell history"));

  const std::optional<hush::SecretPayload> generated =
      read({.generate = 24, .charset = "hex"}, hush::SecretType::generic, true);
  REQUIRE(generated.has_value());
  CHECK(generated->value.reveal().size() == 24);
  CHECK(generated->value.reveal().find_first_not_of("0123456789abcdef") == std::string::npos);

  const std::optional<hush::SecretPayload> fields =
      read({.fields = {"username=u", "password=p=q"}}, hush::SecretType::basic, true);
  REQUIRE(fields.has_value());
  REQUIRE(fields->fields.size() == 2);
  CHECK(fields->fields[1].name == "password");
  CHECK(fields->fields[1].value.reveal() == "p=q");
  CHECK(warnings.size() == 2);
}
