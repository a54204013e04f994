#include "core/crypto/keystore.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <hush/error.hpp>
#include <hush/source.hpp>

#include "core/base/fsutil.hpp"
#include "support/temp_dir.hpp"

namespace {

std::string base64_private(const hush::Keypair& keys) {
  return std::string(hush::secret_to_base64(keys.private_key).reveal());
}

hush::KeyInputs inputs_in(const std::filesystem::path& keys_dir) {
  hush::KeyInputs inputs;
  inputs.keys_dir = keys_dir;
  return inputs;
}

hush::Error load_error(const hush::KeyInputs& inputs, const std::string& key_id,
                       const std::optional<hush::KdfParams>& kdf = {}) {
  try {
    (void)hush::load_keypair(inputs, key_id, kdf);
  } catch (const hush::Error& error) {
    return error;
  }
  return hush::Error(hush::ErrorKind::usage, "", "loaded");
}

}  // namespace

TEST_CASE("keystore: the keys directory follows XDG_CONFIG_HOME, then HOME", "[keystore]") {
  using hush::Environment;
  CHECK(hush::default_keys_dir(Environment::from_pairs(
            {{"XDG_CONFIG_HOME", "/x/cfg"}, {"HOME", "/home/u"}})) == "/x/cfg/hush/keys");
  CHECK(hush::default_keys_dir(Environment::from_pairs({{"HOME", "/home/u"}})) ==
        "/home/u/.config/hush/keys");
  CHECK(hush::default_keys_dir(
            Environment::from_pairs({{"XDG_CONFIG_HOME", "relative"}, {"HOME", "/home/u"}})) ==
        "/home/u/.config/hush/keys");
  CHECK(hush::default_keys_dir(Environment::from_pairs(
            {{"XDG_CONFIG_HOME", ""}, {"HOME", "/home/u"}})) == "/home/u/.config/hush/keys");
  CHECK(hush::default_keys_dir(Environment()).empty());
  CHECK(hush::key_file_path("/k", "hk_0123") == "/k/hk_0123.key");
}

TEST_CASE("keystore: key inputs come from an injected environment; empty means unset",
          "[keystore]") {
  const hush::KeyInputs all = hush::key_inputs_from_environment(
      hush::Environment::from_pairs({{"HUSH_KEY", "abc"},
                                     {"HUSH_KEY_FILE", "/k.key"},
                                     {"HOME", "/h"},
                                     {"HUSH_PASSPHRASE", "phrase"}}));
  REQUIRE(all.key_base64.has_value());
  CHECK(all.key_base64->reveal() == "abc");
  CHECK(all.key_file == std::filesystem::path("/k.key"));
  CHECK(all.keys_dir == "/h/.config/hush/keys");
  REQUIRE(all.passphrase);
  CHECK(all.passphrase()->reveal() == "phrase");
  const hush::KeyInputs none = hush::key_inputs_from_environment(
      hush::Environment::from_pairs({{"HUSH_KEY", ""}, {"HUSH_KEY_FILE", ""}}));
  CHECK_FALSE(none.key_base64.has_value());
  CHECK_FALSE(none.key_file.has_value());
  CHECK_FALSE(static_cast<bool>(none.passphrase));
}

TEST_CASE("keystore: stores a key 0600 in a 0700 directory and loads it by key id", "[keystore]") {
  hush::test::TempDir dir;
  const std::filesystem::path keys_dir = dir / "config/hush/keys";
  const hush::Keypair keys = hush::generate_keypair();
  const std::string key_id = hush::key_id_for(keys.public_key);
  const std::filesystem::path path = hush::store_private_key(keys_dir, keys);
  CHECK(path == keys_dir / (key_id + ".key"));
  CHECK(hush::permission_bits(path) == 0600);
  CHECK(hush::permission_bits(keys_dir) == 0700);
  CHECK(hush::permission_bits(dir / "config/hush") == 0700);
  CHECK(hush::read_file(path, hush::config_input_limit()) == base64_private(keys) + "\n");
  const hush::Keypair loaded = hush::load_keypair(inputs_in(keys_dir), key_id);
  CHECK(loaded.public_key == keys.public_key);
  CHECK(loaded.private_key.reveal() == keys.private_key.reveal());
  CHECK(std::distance(std::filesystem::directory_iterator(keys_dir),
                      std::filesystem::directory_iterator()) == 1);

  SECTION("an existing key file is never overwritten") {
    try {
      (void)hush::store_private_key(keys_dir, keys);
      FAIL("no error");
    } catch (const hush::Error& error) {
      CHECK(error.id() == "key-exists");
      CHECK(error.kind() == hush::ErrorKind::key);
    }
    CHECK(hush::read_file(path, hush::config_input_limit()) == base64_private(keys) + "\n");
  }
  SECTION("storing needs a keys directory") {
    CHECK_THROWS_WITH(hush::store_private_key({}, keys), Catch::Contains("[no-keys-dir]"));
  }
}

TEST_CASE("keystore: a key file readable by group or others is refused like ssh", "[keystore]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  const std::string key_id = hush::key_id_for(keys.public_key);
  const std::filesystem::path path = hush::store_private_key(dir.path(), keys);
  for (const mode_t mode : {0644, 0640, 0604, 0660}) {
    CAPTURE(mode);
    REQUIRE(::chmod(path.c_str(), mode) == 0);
    const hush::Error error = load_error(inputs_in(dir.path()), key_id);
    CHECK(error.id() == "key-permissions");
    CHECK(error.kind() == hush::ErrorKind::key);
  }
  ::chmod(path.c_str(), 0644);
  hush::KeyInputs via_env;
  via_env.key_file = path;
  CHECK(load_error(via_env, key_id).message() ==
        "permissions 0644 for '" + path.string() +
            "' are too open: it is required that your private key files are NOT accessible by "
            "others; this private key will be ignored (chmod 600 " +
            path.string() + ")");
  ::chmod(path.c_str(), 0400);
  CHECK(hush::load_keypair(via_env, key_id).public_key == keys.public_key);
}

TEST_CASE("keystore: HUSH_KEY wins over HUSH_KEY_FILE, which wins over the keys directory",
          "[keystore]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  const hush::Keypair other = hush::generate_keypair();
  const std::string key_id = hush::key_id_for(keys.public_key);
  const std::string other_id = hush::key_id_for(other.public_key);
  (void)hush::store_private_key(dir.path(), keys);
  const std::filesystem::path other_file = dir / "other.key";
  hush::write_file_atomic(other_file, base64_private(other), hush::FileMode::owner_only);

  hush::KeyInputs inputs = inputs_in(dir.path());
  inputs.key_file = other_file;
  CHECK(hush::load_keypair(inputs, other_id).public_key == other.public_key);
  const hush::Error wrong = load_error(inputs, key_id);
  CHECK(wrong.id() == "wrong-key");
  CHECK(wrong.message() == "wrong private key from HUSH_KEY_FILE " + other_file.string() +
                               ": key " + other_id + " does not match sidecar key " + key_id +
                               "; supply the key hush init made for this sidecar");
  inputs.key_base64 = hush::SecretValue(base64_private(keys));
  CHECK(hush::load_keypair(inputs, key_id).public_key == keys.public_key);
  CHECK_THAT(load_error(inputs, other_id).message(),
             Catch::StartsWith("wrong private key from HUSH_KEY: key " + key_id +
                               " does not match sidecar key " + other_id));
}

TEST_CASE("keystore: malformed key material is an invalid-key error without its content",
          "[keystore]") {
  hush::KeyInputs inputs;
  inputs.key_base64 = hush::SecretValue("c2hvcnQ=");  // base64 of "short"
  const hush::Error error = load_error(inputs, "hk_0000000000000000");
  CHECK(error.id() == "invalid-key");
  CHECK(error.message() == "HUSH_KEY does not hold a base64-encoded 32-byte private key");
  inputs.key_base64 = hush::SecretValue("not base64 at all");
  CHECK(load_error(inputs, "hk_0000000000000000").id() == "invalid-key");
}

TEST_CASE("keystore: no key at all says how to supply one", "[keystore]") {
  hush::test::TempDir dir;
  const hush::Error error = load_error(inputs_in(dir.path()), "hk_5f2c9a1b7e3d4c60");
  CHECK(error.kind() == hush::ErrorKind::key);
  CHECK(error.id() == "missing-key");
  CHECK(error.message() ==
        "no private key for sidecar key hk_5f2c9a1b7e3d4c60: set HUSH_KEY to the base64 key, "
        "HUSH_KEY_FILE to a key file, or put the key file at " +
            (dir.path() / "hk_5f2c9a1b7e3d4c60.key").string());
  CHECK_FALSE(hush::find_keypair(inputs_in(dir.path()), "hk_5f2c9a1b7e3d4c60").has_value());
}

TEST_CASE("keystore: passphrase sidecars ask for the passphrase only when no key is found",
          "[keystore]") {
  const hush::KdfParams kdf{.salt = std::string(hush::k_kdf_salt_bytes, 'x'),
                            .opslimit = crypto_pwhash_OPSLIMIT_MIN,
                            .memlimit = crypto_pwhash_MEMLIMIT_MIN};
  const hush::Keypair keys = hush::derive_keypair(hush::SecretValue("open sesame"), kdf);
  const std::string key_id = hush::key_id_for(keys.public_key);
  int asked = 0;
  hush::KeyInputs inputs;
  inputs.passphrase = [&]() -> std::optional<hush::SecretValue> {
    ++asked;
    return hush::SecretValue("open sesame");
  };
  CHECK(hush::load_keypair(inputs, key_id, kdf).public_key == keys.public_key);
  CHECK(asked == 1);
  CHECK_FALSE(hush::find_keypair(inputs, key_id).has_value());  // not a passphrase sidecar
  CHECK(asked == 1);
  inputs.passphrase = [] { return std::optional<hush::SecretValue>(hush::SecretValue("nope")); };
  CHECK_THAT(load_error(inputs, key_id, kdf).message(),
             Catch::StartsWith("wrong private key from the passphrase: key hk_"));
  inputs.passphrase = [] { return std::optional<hush::SecretValue>(); };
  CHECK_THAT(load_error(inputs, key_id, kdf).message(),
             Catch::EndsWith(", or give the passphrase (HUSH_PASSPHRASE)"));
}

TEST_CASE("keystore: a key file's content is announced once read, so it is masked", "[keystore]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  const std::string key_id = hush::key_id_for(keys.public_key);
  const std::filesystem::path file = dir / "ci.key";
  hush::write_file_atomic(file, base64_private(keys) + "\n", hush::FileMode::owner_only);
  hush::KeyInputs inputs;
  inputs.key_file = file;
  const std::size_t before = hush::revealed_count();
  CHECK(hush::load_keypair(inputs, key_id).public_key == keys.public_key);
  std::vector<std::string> announced;
  hush::visit_revealed(before, [&](const std::string& name, const hush::SecretValue& value) {
    announced.push_back(name + "=" + std::string(value.reveal()));
  });
  CHECK(announced == std::vector<std::string>{"HUSH_KEY_FILE=" + base64_private(keys)});
}
