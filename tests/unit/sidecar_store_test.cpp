#include "core/workflow/sidecar_store.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/workflow_fixture.hpp"

using hush::test::key_from;
using hush::test::named;
using hush::test::Recorder;

TEST_CASE("sidecar_store: a missing sidecar suggests hush init and is still noted",
          "[sidecar_store]") {
  hush::test::TempDir dir;
  Recorder recorder;
  hush::Touched touched;
  const std::string path = (dir / "app.secrets.yaml").string();
  try {
    (void)hush::SidecarStore::open(named(path), {}, recorder.notices, touched);
    FAIL("no error");
  } catch (const hush::Error& e) {
    CHECK(std::string(e.what()) == path + ": error: sidecar " + path +
                                       " does not exist; create it with `hush init` "
                                       "[missing-sidecar]");
  }
  CHECK(touched.files == std::vector<std::string>{path});
  CHECK_THROWS_WITH(hush::SidecarStore::open({}, {}, recorder.notices, touched),
                    Catch::Contains("[no-sidecar]"));
}

TEST_CASE("sidecar_store: finds secrets, notes them, writes under the lock", "[sidecar_store]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  hush::save_sidecar(dir / "s.yaml", hush::test::empty_sidecar(keys));
  Recorder recorder;
  hush::Touched touched;
  hush::SidecarStore store =
      hush::SidecarStore::open(named((dir / "s.yaml").string()), {}, recorder.notices, touched);
  store.write([](hush::Sidecar& s) {
    hush::add_secret(s, hush::test::simple_secret("DB_PASSWORD", "pw-1"), hush::test::test_now());
  });
  CHECK(store.sidecar().secrets.count("DB_PASSWORD") == 1);
  CHECK(hush::load_sidecar(dir / "s.yaml").secrets.count("DB_PASSWORD") == 1);
  CHECK(store.entry("DB_PASSWORD").version == 1);
  CHECK_THROWS_WITH(store.entry("DB_PASWORD"), Catch::Contains("[unknown-secret]"));
  CHECK(touched.secrets == std::vector<std::string>{"DB_PASSWORD", "DB_PASWORD"});
  CHECK(recorder.said.empty());
}

TEST_CASE("sidecar_store: only unlock asks for the passphrase, and a key that does not fit warns",
          "[sidecar_store]") {
  hush::test::TempDir dir;
  const hush::Keypair keys = hush::generate_keypair();
  hush::save_sidecar(dir / "s.yaml", hush::test::empty_sidecar(keys));
  Recorder recorder;
  hush::Touched touched;
  int asked = 0;
  hush::KeySupply wrong = key_from(hush::generate_keypair());
  wrong.ask_passphrase = [&] {
    ++asked;
    return std::optional<hush::SecretValue>();
  };
  hush::SidecarStore store = hush::SidecarStore::open(named((dir / "s.yaml").string()),
                                                      std::move(wrong), recorder.notices, touched);
  CHECK_FALSE(store.keys_at_hand("cannot compare").has_value());
  CHECK_FALSE(store.migration_keys().has_value());  // nothing to migrate: no key looked for
  REQUIRE(recorder.said.size() == 1);
  CHECK(recorder.said[0].starts_with("warning: cannot compare: "));
  CHECK_THROWS_WITH(store.unlock(), Catch::Contains("[wrong-key]"));
  CHECK(asked == 0);  // a key was given: the passphrase is not needed

  hush::SidecarStore right = hush::SidecarStore::open(named((dir / "s.yaml").string()),
                                                      key_from(keys), recorder.notices, touched);
  CHECK(right.unlock().public_key == keys.public_key);
  CHECK(right.keys_at_hand("x").has_value());
}
