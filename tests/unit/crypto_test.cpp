#include "core/crypto/crypto.hpp"

#include <hush/error.hpp>

#include <catch2/catch.hpp>
#include <sodium.h>

namespace {

hush::SealBinding binding(std::string name = "DB_PASSWORD", std::uint64_t version = 2,
                          std::vector<std::string> scopes = {"service:database"}) {
  return {.name = std::move(name), .version = version, .scopes = std::move(scopes)};
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
  CHECK(sealed.starts_with("enc:v1:"));
  CHECK(sealed.find("pg-password-canary") == std::string::npos);
  CHECK(hush::seal_value(value, binding(), keys.public_key) != sealed);  // randomised
  CHECK(hush::open_value(sealed, binding(), keys).reveal() == "pg-password-canary");
  CHECK(hush::open_value(sealed, binding("DB_PASSWORD", 2, {"service:database"}), keys).reveal() ==
        "pg-password-canary");

  SECTION("scope order does not matter") {
    const std::string two = hush::seal_value(value, binding("A", 1, {"b", "a"}), keys.public_key);
    CHECK(hush::open_value(two, binding("A", 1, {"a", "b"}), keys).reveal() == value.reveal());
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
      {"not enc:v1", "plaintext", binding(),
       "secret DB_PASSWORD was tampered with: its value is not an enc:v1 ciphertext"},
      {"bad base64", "enc:v1:@@@", binding(), "secret DB_PASSWORD was tampered with: its "},
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

TEST_CASE("crypto: history values may be opened without the scope check", "[crypto]") {
  const hush::Keypair keys = hush::generate_keypair();
  const std::string sealed =
      hush::seal_value(hush::SecretValue("old"), binding("A", 1, {"global"}), keys.public_key);
  CHECK(hush::open_value(sealed, binding("A", 1, {}), keys, hush::ScopeCheck::ignore).reveal() ==
        "old");
  CHECK_THROWS_AS(hush::open_value(sealed, binding("B", 1, {}), keys, hush::ScopeCheck::ignore),
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
