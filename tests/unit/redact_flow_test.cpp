#include "core/workflow/redact_flow.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/base/fdio.hpp"
#include "support/workflow_fixture.hpp"

TEST_CASE("redact_flow: named variables, warned about when unset, and the sidecar's values",
          "[redact_flow]") {
  std::string entry = "REDACT_FLOW_VAR=plain-env-value-1";
  char* block[] = {entry.data(), nullptr};
  const hush::Environment environment = hush::Environment::from_block(block);
  hush::test::StoreFixture f;
  {
    hush::SidecarStore store = f.open();
    store.write([](hush::Sidecar& s) {
      hush::add_secret(s, hush::test::simple_secret("DB_PASSWORD", "sidecar-value-2"),
                       hush::test::test_now());
    });
  }
  const std::vector<hush::NamedSecret> values = hush::values_to_mask(
      {"REDACT_FLOW_VAR", "UNSET_ONE"}, environment, [&] { return f.open(); }, f.recorder.notices);
  REQUIRE(values.size() >= 2);
  CHECK(values[0].name == "REDACT_FLOW_VAR");
  CHECK(values[0].value.reveal() == "plain-env-value-1");
  CHECK(values[1].name == "DB_PASSWORD");
  CHECK(values[1].value.reveal() == "sidecar-value-2");
  CHECK(f.recorder.said ==
        std::vector<std::string>{"warning: environment variable UNSET_ONE is not set; nothing to "
                                 "mask for it"});
}

TEST_CASE("redact_flow: the copy masks every value in its input", "[redact_flow]") {
  std::vector<hush::NamedSecret> values;
  values.push_back({"TOKEN", hush::SecretValue("split-secret-3")});
  const hush::Redactor redactor(values);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(hush::write_all(fds[1], "before split-sec"));
  REQUIRE(hush::write_all(fds[1], "ret-3 after\n"));
  ::close(fds[1]);
  std::string out;
  hush::copy_redacted(fds[0], redactor, [&](std::string_view piece) { out += piece; });
  ::close(fds[0]);
  CHECK(out == "before *** after\n");
}

TEST_CASE("redact_flow: a failed write of the output is an io error, not lost output",
          "[redact_flow]") {
  std::vector<hush::NamedSecret> values;
  values.push_back({"TOKEN", hush::SecretValue("full-device-4")});
  const hush::Redactor redactor(values);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(hush::write_all(fds[1], "a full-device-4 b\n"));
  ::close(fds[1]);
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(full >= 0);
  try {
    hush::copy_redacted_to(fds[0], full, redactor);
    FAIL("no error for a write to /dev/full");
  } catch (const hush::Error& error) {
    CHECK(error.kind() == hush::ErrorKind::io);
    CHECK(error.id() == "write-failed");
    CHECK(std::string(error.what()).find("full-device-4") == std::string::npos);
  }
  ::close(full);
  ::close(fds[0]);
}
