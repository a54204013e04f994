#include "core/render/seal.hpp"

#include <catch2/catch.hpp>
#include <hush/error.hpp>

#include "support/sidecar_fixture.hpp"

using hush::test::simple_secret;
using hush::test::test_now;

namespace {

std::vector<hush::NewSecret> one_secret(std::string_view value,
                                        std::vector<std::string> scopes = {"service"}) {
  std::vector<hush::NewSecret> secrets;
  secrets.push_back(simple_secret("DB", value, std::move(scopes)));
  return secrets;
}

std::string error_of(hush::Sidecar& sidecar, std::vector<hush::NewSecret> secrets,
                     const hush::Keypair* keys) {
  try {
    (void)hush::apply_seal(sidecar, secrets, test_now(), keys);
  } catch (const hush::Error& error) {
    return error.message() + " [" + error.id() + "]";
  }
  return "no error";
}

}  // namespace

TEST_CASE("seal: a value an interrupted seal moved already is kept, another name is refused",
          "[seal]") {
  hush::test::SidecarFixture f;
  std::vector<hush::NewSecret> first = one_secret("s3cret-value");
  const hush::SealApplied added = hush::apply_seal(f.sidecar, first, test_now(), nullptr);
  CHECK(added.added == std::vector<std::string>{"DB"});
  CHECK(hush::names_already_in(f.sidecar, one_secret("x")) == std::vector<std::string>{"DB"});
  const hush::Sidecar sealed = f.sidecar;

  std::vector<hush::NewSecret> again = one_secret("s3cret-value", {"service"});
  const hush::SealApplied resumed = hush::apply_seal(f.sidecar, again, test_now(), &f.keys);
  CHECK(resumed.added.empty());
  CHECK(resumed.already == std::vector<std::string>{"DB"});
  CHECK(f.sidecar == sealed);  // kept as it is: no new version, no new seal

  CHECK(error_of(f.sidecar, one_secret("s3cret-value"), nullptr) ==
        "secret DB already exists in the sidecar; if an interrupted hush seal put it there, run "
        "hush seal again with the private key at hand (HUSH_KEY, HUSH_KEY_FILE or the keys "
        "directory) so that it can compare the values [secret-exists]");
  const std::string taken =
      "secret DB already exists in the sidecar with another value, type or scopes; rename the "
      "inline secret, or change the sidecar's with hush secrets update DB [secret-exists]";
  CHECK(error_of(f.sidecar, one_secret("other-value"), &f.keys) == taken);
  CHECK(error_of(f.sidecar, one_secret("s3cret-value", {}), &f.keys) == taken);
  CHECK(f.sidecar == sealed);
}
