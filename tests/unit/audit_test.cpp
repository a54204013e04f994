#include "core/log/audit.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <hush/error.hpp>
#include <support/temp_dir.hpp>
#include <thread>

#include "core/base/fsutil.hpp"

namespace {

hush::AuditRecord record(const std::string& action, const std::string& secret) {
  hush::AuditRecord r;
  r.time = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23};
  r.user = "alice";
  r.host = "build-1";
  r.action = action;
  r.secrets = {secret};
  r.files = {"deploy/app.yaml"};
  r.outcome = "ok";
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("audit: records are JSON lines chained by BLAKE2b", "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  hush::append_audit_record(log, record("render", "DB_PASSWORD"));
  hush::append_audit_record(log, record("secrets.get", "API_KEY"));
  const std::vector<std::string> lines = lines_of(hush::read_file(log, hush::config_input_limit()));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "{\"time\": \"2026-11-23T00:00:00Z\", \"user\": \"alice\", \"host\": \"build-1\", "
        "\"action\": \"render\", \"secrets\": [\"DB_PASSWORD\"], \"files\": "
        "[\"deploy/app.yaml\"], \"outcome\": \"ok\", \"prev\": \"" +
            hush::audit_genesis() + "\"}");
  CHECK_THAT(lines[1], Catch::EndsWith("\"prev\": \"" + hush::audit_hash(lines[0]) + "\"}"));
  CHECK(hush::permission_bits(log) == 0600);
  const hush::AuditVerification ok = hush::verify_audit_log(log, hush::config_input_limit());
  CHECK(ok.lines == 2);
  CHECK(ok.broken_line == 0);
}

TEST_CASE("audit: verify finds edited, removed and reordered lines", "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  for (const char* name : {"A", "B", "C", "D"})
    hush::append_audit_record(log, record("render", name));
  const std::vector<std::string> lines = lines_of(hush::read_file(log, hush::config_input_limit()));
  const auto write_lines = [&](const std::vector<std::string>& chosen) {
    std::string text;
    for (const std::string& l : chosen) text += l + "\n";
    hush::write_file_atomic(log, text, hush::FileMode::owner_only);
  };
  std::string edited = lines[1];
  edited.replace(edited.find("\"B\""), 3, "\"X\"");
  struct Case {
    std::vector<std::string> content;
    std::size_t broken;
  };
  const Case cases[] = {
      {{lines[0], edited, lines[2], lines[3]}, 3},   {{lines[0], lines[2], lines[3]}, 2},
      {{lines[0], lines[2], lines[1], lines[3]}, 2}, {{lines[1], lines[2], lines[3]}, 1},
      {{lines[0], "not json", lines[2]}, 2},
  };
  for (const Case& c : cases) {
    CAPTURE(c.broken);
    write_lines(c.content);
    CHECK(hush::verify_audit_log(log, hush::config_input_limit()).broken_line == c.broken);
  }
}

TEST_CASE("audit: concurrent appends never interleave or lose lines", "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        hush::append_audit_record(log, record("run", "S" + std::to_string(t)));
    });
  }
  for (std::thread& thread : threads) thread.join();
  const hush::AuditVerification result = hush::verify_audit_log(log, hush::config_input_limit());
  CHECK(result.lines == 100);
  CHECK(result.broken_line == 0);
}

TEST_CASE("audit: an append cut short is skipped by verify and removed by the next append",
          "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  hush::append_audit_record(log, record("render", "A"));
  hush::append_audit_record(log, record("render", "B"));
  const std::string whole = hush::read_file(log, hush::config_input_limit());
  // What kill -9 between two parts of one write leaves: a record's beginning, no newline.
  const std::string fragments[] = {"{\"ti", whole.substr(0, whole.find('\n') - 9)};
  for (const std::string& fragment : fragments) {
    CAPTURE(fragment);
    hush::write_file_atomic(log, whole + fragment, hush::FileMode::owner_only);
    const hush::AuditVerification cut = hush::verify_audit_log(log, hush::config_input_limit());
    CHECK(cut.lines == 2);
    CHECK(cut.broken_line == 0);
    CHECK(cut.incomplete_line == 3);
    hush::append_audit_record(log, record("render", "C"));
    const std::vector<std::string> lines =
        lines_of(hush::read_file(log, hush::config_input_limit()));
    REQUIRE(lines.size() == 3);
    CHECK(hush::read_file(log, hush::config_input_limit()).starts_with(whole));
    CHECK_THAT(lines[2], Catch::StartsWith("{\"time\": ") &&
                             Catch::EndsWith("\"prev\": \"" + hush::audit_hash(lines[1]) + "\"}"));
    const hush::AuditVerification repaired =
        hush::verify_audit_log(log, hush::config_input_limit());
    CHECK(repaired.lines == 3);
    CHECK(repaired.broken_line == 0);
    CHECK(repaired.incomplete_line == 0);
  }
}

TEST_CASE("audit: a whole last record without its newline stays in the chain", "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  hush::append_audit_record(log, record("render", "A"));
  hush::append_audit_record(log, record("render", "B"));
  const std::string whole = hush::read_file(log, hush::config_input_limit());
  hush::write_file_atomic(log, whole.substr(0, whole.size() - 1), hush::FileMode::owner_only);
  CHECK(hush::verify_audit_log(log, hush::config_input_limit()).lines == 2);
  CHECK(hush::verify_audit_log(log, hush::config_input_limit()).incomplete_line == 0);
  hush::append_audit_record(log, record("render", "C"));
  CHECK(hush::read_file(log, hush::config_input_limit()).starts_with(whole));
  const hush::AuditVerification result = hush::verify_audit_log(log, hush::config_input_limit());
  CHECK(result.lines == 3);
  CHECK(result.broken_line == 0);
}

TEST_CASE("audit: an unterminated last line that is no record's beginning is refused", "[audit]") {
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  hush::append_audit_record(log, record("render", "A"));
  const std::string edited = hush::read_file(log, hush::config_input_limit()) + "appended by hand";
  hush::write_file_atomic(log, edited, hush::FileMode::owner_only);
  CHECK(hush::verify_audit_log(log, hush::config_input_limit()).broken_line == 2);
  CHECK(hush::verify_audit_log(log, hush::config_input_limit()).incomplete_line == 0);
  try {
    hush::append_audit_record(log, record("render", "B"));
    FAIL("expected an error");
  } catch (const hush::Error& e) {
    CHECK(e.id() == "audit-broken");
  }
  CHECK(hush::read_file(log, hush::config_input_limit()) == edited);  // evidence is never cut off
}

TEST_CASE("audit: a log written by hush 7c00096 verifies, and a new record chains onto it",
          "[audit]") {
  const std::filesystem::path fixture =
      std::filesystem::path(HUSH_TEST_FIXTURES) / "audit_main_7c00096.log";
  const hush::AuditVerification old = hush::verify_audit_log(fixture, hush::config_input_limit());
  CHECK(old.lines == 5);
  CHECK(old.broken_line == 0);
  CHECK(old.incomplete_line == 0);
  hush::test::TempDir dir;
  const auto log = dir / "audit.log";
  hush::write_file_atomic(log, hush::read_file(fixture, hush::config_input_limit()),
                          hush::FileMode::owner_only);
  hush::AuditRecord odd = record("render", "DB_PASSWORD");
  odd.files = {"out \"q\" \\ tab\t \xc3\xa9 \xff \x7f.yaml", "line\nbreak\x01.yaml"};
  hush::append_audit_record(log, odd);
  const std::vector<std::string> lines = lines_of(hush::read_file(log, hush::config_input_limit()));
  REQUIRE(lines.size() == 6);
  // The invalid byte reads back as the Latin-1 character it was written as before (U+00FF).
  CHECK(lines[5] ==
        "{\"time\": \"2026-11-23T00:00:00Z\", \"user\": \"alice\", \"host\": \"build-1\", "
        "\"action\": \"render\", \"secrets\": [\"DB_PASSWORD\"], \"files\": [\"out \\\"q\\\" "
        "\\\\ tab\\t \xc3\xa9 \xc3\xbf \x7f.yaml\", \"line\\nbreak\\u0001.yaml\"], \"outcome\": "
        "\"ok\", \"prev\": \"" +
            hush::audit_hash(lines[4]) + "\"}");
  const hush::AuditVerification now = hush::verify_audit_log(log, hush::config_input_limit());
  CHECK(now.lines == 6);
  CHECK(now.broken_line == 0);
}

TEST_CASE("audit: a line is a record only as a JSON object from time to a 64-hex prev", "[audit]") {
  const std::string prev = "\"prev\": \"" + hush::audit_genesis() + "\"}";
  struct Case {
    std::string line;
    bool record;
  };
  const Case cases[] = {{"{\"time\": \"t\", " + prev, true},
                        {"{\"time\":\"t\"," + prev, true},
                        {"{\"time\": \"t\", \"x\": 1, " + prev + " ", true},
                        {"{\"time\": \"t\", \"x\": [1, " + prev, false},
                        {"{\"user\": \"t\", " + prev, false},
                        {"{\"time\": \"t\", " + prev.substr(0, 20) + "\"}", false},
                        {"{\"time\": \"t\", " + prev + ", \"more\": 1}", false},
                        {"[\"time\", " + prev, false}};
  for (const Case& c : cases) {
    CAPTURE(c.line);
    hush::test::TempDir dir;
    const auto log = dir / "audit.log";
    hush::write_file_atomic(log, c.line + "\n", hush::FileMode::owner_only);
    const hush::AuditVerification result = hush::verify_audit_log(log, hush::config_input_limit());
    CHECK((result.broken_line == 0) == c.record);
  }
}
