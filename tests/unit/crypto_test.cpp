#include "core/crypto/crypto.hpp"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <hush/error.hpp>

namespace {

hush::SealBinding binding(std::string name = "DB_PASSWORD", std::uint64_t version = 2,
                          std::vector<std::string> scopes = {"service:database"},
                          std::string type = "password", std::vector<std::string> fields = {}) {
  return {.name = std::move(name),
          .version = version,
          .scopes = std::move(scopes),
          .type = std::move(type),
          .fields = std::move(fields)};
}

hush::SealBinding basic_binding(std::vector<std::string> fields = {"password", "username"}) {
  return binding("SMTP", 1, {}, "basic", std::move(fields));
}

// The sealed box inside an enc:vN: ciphertext, opened without any check.
std::string raw_plaintext(std::string_view ciphertext, const hush::Keypair& keys) {
  const std::string sealed = *hush::from_base64(ciphertext.substr(7));
  std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
  REQUIRE(crypto_box_seal_open(
              reinterpret_cast<unsigned char*>(plain.data()),
              reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
              reinterpret_cast<const unsigned char*>(keys.public_key.data()),
              reinterpret_cast<const unsigned char*>(keys.private_key.reveal().data())) == 0);
  return plain;
}

// `prefix` + base64 of `plain` sealed to `keys` (how hush before seal format 2 wrote values, or a
// hand-made plaintext).
std::string seal_raw(std::string_view prefix, std::string_view plain, const hush::Keypair& keys) {
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                  reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                  reinterpret_cast<const unsigned char*>(keys.public_key.data()));
  return std::string(prefix) + hush::to_base64(sealed);
}

// A hush1 plaintext: "hush1\0" + name + "\0" + version + "\0" + scopes + "\0" + payload.
std::string hush1_plain(std::string_view name, std::string_view version, std::string_view scopes,
                        std::string_view payload) {
  using namespace std::string_literals;
  return "hush1\0"s + std::string(name) + "\0"s + std::string(version) + "\0"s +
         std::string(scopes) + "\0"s + std::string(payload);
}

hush::KdfParams min_kdf(std::string salt = std::string(hush::k_kdf_salt_bytes, 's')) {
  return {.salt = std::move(salt),
          .opslimit = crypto_pwhash_OPSLIMIT_MIN,
          .memlimit = crypto_pwhash_MEMLIMIT_MIN};
}

// The error open_value throws, or an empty id when it opened.
hush::Error open_error(std::string_view ciphertext, const hush::SealBinding& where,
                       const hush::Keypair& keys) {
  try {
    (void)hush::open_value(ciphertext, where, keys);
  } catch (const hush::Error& error) {
    return error;
  }
  return hush::Error(hush::ErrorKind::usage, "", "opened");
}

std::string flip_byte(std::string_view ciphertext, std::size_t index) {
  std::string raw = *hush::from_base64(ciphertext.substr(hush::k_ciphertext_prefix.size()));
  raw[index % raw.size()] = static_cast<char>(raw[index % raw.size()] ^ 0x01);
  return std::string(hush::k_ciphertext_prefix) + hush::to_base64(raw);
}

}  // namespace

TEST_CASE("crypto: generated keypairs are distinct and complete from the private half",
          "[crypto]") {
  const hush::Keypair a = hush::generate_keypair();
  const hush::Keypair b = hush::generate_keypair();
  CHECK(a.public_key.size() == hush::k_key_bytes);
  CHECK(a.private_key.size() == hush::k_key_bytes);
  CHECK(a.public_key != b.public_key);
  const hush::Keypair again = hush::keypair_from_private(a.private_key.clone());
  CHECK(again.public_key == a.public_key);
  CHECK_THROWS_AS(hush::keypair_from_private(hush::SecretValue("short")), hush::Error);
}

TEST_CASE("crypto: key ids are hk_ and 16 hex digits of the public key's BLAKE2b", "[crypto]") {
  const std::string zero_key(hush::k_key_bytes, '\0');
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(zero_key.data()),
                     zero_key.size(), nullptr, 0);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, hash, 8);
  CHECK(hush::key_id_for(zero_key) == "hk_" + std::string(hex));
  const std::string id = hush::key_id_for(hush::generate_keypair().public_key);
  CHECK(id.size() == 19);
  CHECK(id.starts_with("hk_"));
}

TEST_CASE("crypto: passphrase keypairs are deterministic per passphrase and salt", "[crypto]") {
  const hush::SecretValue phrase("correct horse battery staple");
  const hush::Keypair a = hush::derive_keypair(phrase, min_kdf());
  const hush::Keypair b = hush::derive_keypair(phrase, min_kdf());
  CHECK(a.public_key == b.public_key);
  CHECK(a.private_key.reveal() == b.private_key.reveal());
  CHECK(hush::keypair_from_private(a.private_key.clone()).public_key == a.public_key);
  SECTION("another salt gives another key") {
    const hush::Keypair c = hush::derive_keypair(phrase, min_kdf(std::string(16, 't')));
    CHECK(c.public_key != a.public_key);
  }
  SECTION("another passphrase gives another key") {
    const hush::Keypair c = hush::derive_keypair(hush::SecretValue("wrong horse"), min_kdf());
    CHECK(c.public_key != a.public_key);
  }
  SECTION("bad parameters are refused") {
    CHECK_THROWS_WITH(hush::derive_keypair(phrase, min_kdf("short")),
                      Catch::Contains("[invalid-kdf]"));
    struct Case {
      const char* what;
      std::uint64_t opslimit;
      std::uint64_t memlimit;
    };
    // Above what `hush init --passphrase` writes is refused before deriving (libsodium would
    // run for hours or exhaust memory at its own maximum).
    const Case cases[] = {
        {"opslimit above moderate", hush::k_kdf_max_opslimit + 1, crypto_pwhash_MEMLIMIT_MIN},
        {"libsodium's maximum opslimit", crypto_pwhash_OPSLIMIT_MAX, crypto_pwhash_MEMLIMIT_MIN},
        {"memlimit above moderate", crypto_pwhash_OPSLIMIT_MIN, hush::k_kdf_max_memlimit + 1024},
        {"opslimit below the minimum", 0, crypto_pwhash_MEMLIMIT_MIN},
        {"memlimit below the minimum", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN - 1},
    };
    for (const Case& c : cases) {
      CAPTURE(c.what);
      hush::KdfParams params = min_kdf();
      params.opslimit = c.opslimit;
      params.memlimit = c.memlimit;
      CHECK_THROWS_WITH(hush::derive_keypair(phrase, params),
                        "error: kdf parameters are out of range: salt must be 16 bytes, opslimit "
                        "1 to 3, memlimit 8192 to 268435456 bytes [invalid-kdf]");
    }
    CHECK_THROWS_WITH(hush::derive_keypair(hush::SecretValue(""), min_kdf()),
                      Catch::Contains("[empty-passphrase]"));
  }
}

TEST_CASE("crypto: new kdf parameters carry a random salt and the strength's limits", "[crypto]") {
  const hush::KdfParams a = hush::new_kdf_params(hush::KdfStrength::moderate);
  const hush::KdfParams b = hush::new_kdf_params(hush::KdfStrength::moderate);
  CHECK(a.salt.size() == hush::k_kdf_salt_bytes);
  CHECK(a.salt != b.salt);
  CHECK(a.opslimit == 3);
  CHECK(a.memlimit == 268435456);
  CHECK(hush::new_kdf_params(hush::KdfStrength::minimum).opslimit == crypto_pwhash_OPSLIMIT_MIN);
  // Every strength `hush init` offers stays within what a sidecar may ask for.
  CHECK(a.opslimit == hush::k_kdf_max_opslimit);
  CHECK(a.memlimit == hush::k_kdf_max_memlimit);
  CHECK(hush::k_kdf_min_opslimit == crypto_pwhash_OPSLIMIT_MIN);
  CHECK(hush::k_kdf_min_memlimit == crypto_pwhash_MEMLIMIT_MIN);
}

TEST_CASE("crypto: base64 is the standard padded alphabet and rejects junk", "[crypto]") {
  CHECK(hush::to_base64("") == "");
  CHECK(hush::to_base64("f") == "Zg==");
  CHECK(hush::to_base64("\xfb\xff") == "+/8=");
  CHECK(*hush::from_base64("+/8=") == "\xfb\xff");
  for (const char* junk : {"Zg", "Zg=", "Z g==", "-_8=", "Zg==\n", "!!!!"}) {
    CAPTURE(junk);
    CHECK_FALSE(hush::from_base64(junk).has_value());
  }
  const hush::SecretValue secret("s3cr3t-bytes");
  const hush::SecretValue encoded = hush::secret_to_base64(secret);
  CHECK(encoded.reveal() == hush::to_base64("s3cr3t-bytes"));
  CHECK(hush::secret_from_base64(encoded.reveal())->reveal() == "s3cr3t-bytes");
  CHECK_FALSE(hush::secret_from_base64("not base64!").has_value());
}

TEST_CASE("crypto: a sealed value opens only with its binding", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const hush::SecretValue value("pg-password-canary");
  const std::string sealed = hush::seal_value(value, binding(), keys.public_key);
  CHECK(sealed.starts_with("enc:v2:"));
  CHECK(hush::seal_format_of(sealed) == hush::SealFormat::hush2);
  CHECK(sealed.find("pg-password-canary") == std::string::npos);
  CHECK(hush::seal_value(value, binding(), keys.public_key) != sealed);  // randomised
  const hush::OpenedValue opened = hush::open_value(sealed, binding(), keys);
  CHECK(opened.payload.reveal() == "pg-password-canary");
  CHECK(opened.format == hush::SealFormat::hush2);
  CHECK(opened.sealed.type == "password");
  CHECK(opened.sealed.scopes == std::vector<std::string>{"service:database"});

  SECTION("scope and field order does not matter") {
    const std::string two =
        hush::seal_value(value, binding("A", 1, {"b", "a"}, "kv", {"y", "x"}), keys.public_key);
    CHECK(hush::open_value(two, binding("A", 1, {"a", "b"}, "kv", {"x", "y"}), keys)
              .payload.reveal() == value.reveal());
  }
  struct Case {
    const char* what;
    std::string ciphertext;
    hush::SealBinding where;
    const char* message;
  };
  const Case cases[] = {
      {"flipped byte", flip_byte(sealed, 40), binding(),
       "secret DB_PASSWORD was tampered with: its ciphertext does not open with key "},
      {"copied to another name", sealed, binding("API_KEY"),
       "secret API_KEY was tampered with: its ciphertext belongs to secret DB_PASSWORD"},
      {"edited version", sealed, binding("DB_PASSWORD", 3),
       "secret DB_PASSWORD was tampered with: its ciphertext does not belong to version 3"},
      {"widened scopes", sealed, binding("DB_PASSWORD", 2, {"service:database", "global"}),
       "secret DB_PASSWORD was tampered with: its ciphertext was sealed for other scopes than "
       "[service:database, global]"},
      {"dropped scopes", sealed, binding("DB_PASSWORD", 2, {}),
       "secret DB_PASSWORD was tampered with: its ciphertext was sealed for other scopes"},
      {"another type", sealed, binding("DB_PASSWORD", 2, {"service:database"}, "generic"),
       "secret DB_PASSWORD was tampered with: its ciphertext was sealed as type password, not "
       "generic"},
      {"fields added", sealed,
       binding("DB_PASSWORD", 2, {"service:database"}, "password", {"username"}),
       "secret DB_PASSWORD was tampered with: its ciphertext was sealed for other fields than "
       "[username]"},
      {"not enc:v2", "plaintext", binding(),
       "secret DB_PASSWORD was tampered with: its value is not an enc:v2 or enc:v1 ciphertext"},
      {"bad base64", "enc:v2:@@@", binding(), "secret DB_PASSWORD was tampered with: its "},
      {"relabelled as enc:v1", "enc:v1:" + sealed.substr(7), binding(),
       "secret DB_PASSWORD was tampered with: its enc:v1 ciphertext does not hold a hush1 "
       "plaintext"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const hush::Error error = open_error(c.ciphertext, c.where, keys);
    CHECK(error.kind() == hush::ErrorKind::tampered);
    CHECK(error.id() == "tampered-value");
    CHECK_THAT(error.message(), Catch::StartsWith(c.message));
    CHECK(std::string(error.what()).find("pg-password-canary") == std::string::npos);
  }
}

TEST_CASE("crypto: the type and field names are sealed with a multi-field value", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const std::string sealed =
      hush::seal_value(hush::SecretValue("fields"), basic_binding(), keys.public_key);
  CHECK(hush::open_value(sealed, basic_binding(), keys).sealed.fields ==
        std::vector<std::string>{"password", "username"});
  struct Case {
    const char* what;
    hush::SealBinding where;
    const char* message;
  };
  const Case cases[] = {
      {"type basic edited to kv", binding("SMTP", 1, {}, "kv", {"password", "username"}),
       "secret SMTP was tampered with: its ciphertext was sealed as type basic, not kv"},
      {"type basic edited to generic", binding("SMTP", 1, {}, "generic", {}),
       "secret SMTP was tampered with: its ciphertext was sealed as type basic, not generic"},
      {"a field dropped", basic_binding({"password"}),
       "secret SMTP was tampered with: its ciphertext was sealed for other fields than "
       "[password]"},
      {"a field renamed", basic_binding({"password", "user"}),
       "secret SMTP was tampered with: its ciphertext was sealed for other fields than "
       "[password, user]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const hush::Error error = open_error(sealed, c.where, keys);
    CHECK(error.kind() == hush::ErrorKind::tampered);
    CHECK(error.id() == "tampered-value");
    CHECK_THAT(error.message(), Catch::StartsWith(c.message));
  }
}

TEST_CASE("crypto: the hush2 plaintext is length-prefixed so it decodes one way", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const std::string sealed = hush::seal_value(
      hush::SecretValue("v"), binding("AB", 258, {"service:x", "global"}, "kv", {"b", "a"}),
      keys.public_key);
  using namespace std::string_literals;
  CHECK(raw_plaintext(sealed, keys) ==
        "hush2\0"s  // magic
        "\0\0\0\x02"
        "AB"s                    // name
        "\0\0\0\0\0\0\x01\x02"s  // version 258, 8 bytes big-endian
        "\0\0\0\x02"
        "kv"s  // type
        "\0\0\0\x02"
        "\0\0\0\x06"
        "global"
        "\0\0\0\x09"
        "service:x"s  // scopes, sorted
        "\0\0\0\x02"
        "\0\0\0\x01"
        "a"
        "\0\0\0\x01"
        "b"s    // fields, sorted
        "v"s);  // payload
  SECTION("a name or scope holding separators cannot pose as another binding") {
    const std::string odd = hush::seal_value(hush::SecretValue("v"),
                                             binding("A\0B"s, 1, {"x,y"}, "t"), keys.public_key);
    CHECK(hush::open_value(odd, binding("A\0B"s, 1, {"x,y"}, "t"), keys).payload.reveal() == "v");
    CHECK(open_error(odd, binding("A\0B"s, 1, {"x", "y"}, "t"), keys).id() == "tampered-value");
  }
  SECTION("a truncated or unknown header is tampering") {
    for (const std::string& plain : {"hush2\0\0\0\0\x09"
                                     "AB"s,
                                     "hush3\0rest"s, "hush2"s}) {
      CAPTURE(plain);
      const hush::Error error = open_error(seal_raw("enc:v2:", plain, keys), binding(), keys);
      CHECK(error.id() == "tampered-value");
    }
  }
}

TEST_CASE("crypto: enc:v1 values (hush1) still open, checking name, version and scopes",
          "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const std::string old =
      seal_raw("enc:v1:", hush1_plain("DB_PASSWORD", "2", "global,service:database", "pw"), keys);
  CHECK(hush::seal_format_of(old) == hush::SealFormat::hush1);
  const hush::SealBinding here = binding("DB_PASSWORD", 2, {"service:database", "global"});
  const hush::OpenedValue opened = hush::open_value(old, here, keys);
  CHECK(opened.payload.reveal() == "pw");
  CHECK(opened.format == hush::SealFormat::hush1);
  CHECK(opened.sealed.name == "DB_PASSWORD");
  CHECK(opened.sealed.version == 2);
  CHECK(opened.sealed.scopes == std::vector<std::string>{"global", "service:database"});
  CHECK(opened.sealed.type.empty());  // hush1 does not bind the type: the caller checks the shape
  CHECK(hush::open_value(old, binding("DB_PASSWORD", 2, {"global", "service:database"}, "generic"),
                         keys)
            .payload.reveal() == "pw");
  CHECK_THAT(open_error(old, binding("DB_PASSWORD", 3, here.scopes), keys).message(),
             Catch::StartsWith("secret DB_PASSWORD was tampered with: its ciphertext does not "
                               "belong to version 3"));
  CHECK_THAT(open_error(old, binding("DB_PASSWORD", 2, {"global"}), keys).message(),
             Catch::StartsWith("secret DB_PASSWORD was tampered with: its ciphertext was sealed "
                               "for other scopes"));
  CHECK_THAT(open_error(old, binding("API_KEY", 2, here.scopes), keys).message(),
             Catch::StartsWith("secret API_KEY was tampered with: its ciphertext belongs to "
                               "secret DB_PASSWORD"));
  CHECK_THAT(open_error("enc:v2:" + old.substr(7), here, keys).message(),
             Catch::StartsWith("secret DB_PASSWORD was tampered with: its enc:v2 ciphertext does "
                               "not hold a hush2 plaintext"));
  CHECK(hush::open_value(seal_raw("enc:v1:", hush1_plain("A", "1", "", "x"), keys),
                         binding("A", 1, {}), keys)
            .sealed.scopes.empty());
}

TEST_CASE("crypto: history values may be opened checking name and version only", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const std::string sealed = hush::seal_value(
      hush::SecretValue("old"), binding("A", 1, {"global"}, "kv", {"f"}), keys.public_key);
  const hush::OpenedValue opened = hush::open_value(sealed, binding("A", 1, {}, "generic"), keys,
                                                    hush::BindingCheck::name_and_version);
  CHECK(opened.payload.reveal() == "old");
  CHECK(opened.sealed.type == "kv");  // what the value was sealed as tells how to read it
  CHECK(opened.sealed.fields == std::vector<std::string>{"f"});
  CHECK(opened.sealed.scopes == std::vector<std::string>{"global"});
  CHECK_THROWS_AS(
      hush::open_value(sealed, binding("B", 1, {}), keys, hush::BindingCheck::name_and_version),
      hush::Error);
  CHECK_THROWS_AS(
      hush::open_value(sealed, binding("A", 2, {}), keys, hush::BindingCheck::name_and_version),
      hush::Error);
}

TEST_CASE("crypto: another keypair cannot open a value", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const hush::Keypair other = hush::generate_keypair();
  const std::string sealed = hush::seal_value(hush::SecretValue("v"), binding(), keys.public_key);
  const hush::Error error = open_error(sealed, binding(), other);
  CHECK(error.kind() == hush::ErrorKind::tampered);
  CHECK_THROWS_WITH(hush::seal_value(hush::SecretValue("v"), binding(), "short"),
                    Catch::Contains("[invalid-key]"));
}

TEST_CASE("crypto: field maps encode deterministically and decode back", "[crypto]") {
  std::vector<hush::NamedSecret> fields;
  fields.push_back({"username", hush::SecretValue("app")});
  fields.push_back({"password", hush::SecretValue(std::string("p\0w", 3))});
  std::vector<hush::NamedSecret> reversed;
  reversed.push_back({"password", hush::SecretValue(std::string("p\0w", 3))});
  reversed.push_back({"username", hush::SecretValue("app")});
  const hush::SecretValue a = hush::encode_fields(fields);
  CHECK(a.reveal() == hush::encode_fields(reversed).reveal());
  CHECK(a.reveal() == std::string("hushf1\0"
                                  "\0\0\0\x08password\0\0\0\x03p\0w"
                                  "\0\0\0\x08username\0\0\0\x03"
                                  "app",
                                  7 + 4 + 8 + 4 + 3 + 4 + 8 + 4 + 3));
  const std::optional<std::vector<hush::NamedSecret>> decoded = hush::decode_fields(a.reveal());
  REQUIRE(decoded.has_value());
  REQUIRE(decoded->size() == 2);
  CHECK((*decoded)[0].name == "password");
  CHECK((*decoded)[0].value.reveal() == std::string("p\0w", 3));
  CHECK((*decoded)[1].name == "username");
  CHECK((*decoded)[1].value.reveal() == "app");

  SECTION("malformed payloads are not field maps") {
    CHECK_FALSE(hush::decode_fields("plain value").has_value());
    CHECK_FALSE(hush::decode_fields(a.reveal().substr(0, a.size() - 1)).has_value());
  }
  SECTION("a repeated field is refused") {
    fields.push_back({"username", hush::SecretValue("again")});
    CHECK_THROWS_WITH(hush::encode_fields(fields), Catch::Contains("[duplicate-field]"));
  }
}

TEST_CASE("crypto: generated secrets are alphanumeric with the requested length", "[crypto]") {
  const hush::SecretValue a = hush::generate_secret(32);
  CHECK(a.size() == 32);
  for (const char c : a.reveal()) {
    CHECK(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
  }
  CHECK(a.reveal() != hush::generate_secret(32).reveal());
  CHECK_THROWS_WITH(hush::generate_secret(0), Catch::Contains("[invalid-length]"));
}
