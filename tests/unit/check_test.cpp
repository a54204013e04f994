#include "core/check/check.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "core/base/json.hpp"
#include "core/check/report.hpp"

namespace {

hush::CheckReport run(const std::vector<hush::CheckInput>& files,
                      const hush::CheckOptions& options = {}) {
  return hush::check_files(files, options);
}

std::vector<std::string> rules_of(const hush::CheckReport& report) {
  std::vector<std::string> out;
  for (const hush::Finding& f : report.findings) out.push_back(f.rule);
  return out;
}

}  // namespace

TEST_CASE("check: secret-like keys", "[check]") {
  struct Case {
    const char* key;
    bool secret;
  };
  const Case cases[] = {{"password", true},
                        {"DB_PASSWORD", true},
                        {"api-key", true},
                        {"client_secret", true},
                        {"github_token", true},
                        {"host", false},
                        {"password_min_length", false},
                        {"tokenizer", false},
                        {"dsn", true}};
  for (const Case& c : cases) {
    CAPTURE(c.key);
    CHECK(hush::is_secret_like_key(c.key, {}) == c.secret);
  }
  CHECK(hush::is_secret_like_key("sentry_url", {"sentry_url"}));
}

// Seen while triaging a tests/fuzz finding: an exception other than hush::Error in a worker thread
// called std::terminate, so `hush check` aborted without a message. It is a finding for its file.
TEST_CASE("check: an unexpected exception in a worker is a finding for that file", "[check]") {
  hush::CheckOptions options;
  options.threads = 2;
  options.schema = [](const hush::YamlSource& source) -> std::vector<hush::Finding> {
    if (source.path == "b.yaml") throw std::runtime_error("rule pack failed on b.yaml");
    if (source.path == "d.yaml") throw std::runtime_error("rule pack failed on d.yaml");
    return {};
  };
  const std::vector<hush::CheckInput> files = {{"a.yaml", "services: []\n"},
                                               {"b.yaml", "services: []\n"},
                                               {"c.yaml", "services:\n  - password: pw-x\n"},
                                               {"d.yaml", "services: []\n"}};
  const hush::CheckReport report = run(files, options);
  REQUIRE(report.findings.size() == 3);
  CHECK(hush::to_string(report.findings[0]) ==
        "b.yaml: error: internal error while checking this file: rule pack failed on b.yaml "
        "[internal-error]");
  CHECK(report.findings[1].rule == "plaintext-secret");
  CHECK(report.findings[1].where.path == "c.yaml");
  CHECK(hush::to_string(report.findings[2]) ==
        "d.yaml: error: internal error while checking this file: rule pack failed on d.yaml "
        "[internal-error]");
  CHECK(report.files_checked == 4);
}

TEST_CASE("check: config rules with exact locations", "[check]") {
  const hush::CheckReport report = run({{"c.yaml",
                                         "secrets:\n  lower: v\n"
                                         "services:\n  - name: a\n    password: literal-pw\n"
                                         "    token: ${MISSING}\n  - name: a\n"}});
  CHECK(rules_of(report) == std::vector<std::string>{"inline-secret", "secret-name",
                                                     "plaintext-secret", "unresolved-reference",
                                                     "duplicate-name"});
  CHECK(hush::to_string(report.findings[2]) ==
        "c.yaml:5:15: error: literal value under secret-like key password; store it with `hush "
        "secrets add` and reference it as ${NAME} [plaintext-secret]");
  CHECK(report.findings[2].snippet.find("literal-pw") == std::string::npos);
  CHECK(hush::to_string(report.findings[4]) ==
        "c.yaml:7:11: error: duplicate service name a (first at line 4); names must be unique "
        "within services [duplicate-name]");
}

TEST_CASE("check: suppression comments, syntax errors, NUL bytes and large files", "[check]") {
  hush::CheckOptions options;
  options.max_file_size = 64;
  const hush::CheckReport report =
      run({{"a.yaml", "password: x-literal # hush:ignore[plaintext-secret]\n"},
           {"b.yaml", "token: x-literal  # hush:ignore\n"},
           {"c.yaml", "a: \"open\n", {}, true},
           {"d.bin", std::string("x\0y", 3)},
           {"e.txt", std::string(100, 'a')}},
          options);
  CHECK(rules_of(report) == std::vector<std::string>{"yaml-syntax"});
  CHECK(report.suppressed == 2);
  CHECK(report.streamed == 1);  // e.txt, over max_file_size: scanned in windows, not skipped
  CHECK(report.not_checked == 0);
  CHECK(report.files_checked == 5);
}

TEST_CASE("check: a YAML file that is not a hush config is scanned as text, never a hush error",
          "[check]") {
  const hush::CheckReport report =
      run({{".github/workflows/ci.yml",
            "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/cache@v4\n        with:\n"
            "          key: ${{ runner.os }}-${{ hashFiles('**/lock') }}\n"
            "          token: ${{ secrets.GITHUB_TOKEN }}\n"},
           {"chart/templates/secret.yaml",
            "{{- if .Values.enabled }}\napiVersion: v1\nkind: Secret\n"
            "stringData:\n  password: {{ .Values.password | quote }}\n{{- end }}\n"},
           {"chart/values.yaml", "secrets:\n  db_password: \"\"\n  api_token: \"\"\n"},
           {"compose.yaml",
            "services:\n  db:\n    image: postgres\n    environment:\n"
            "      POSTGRES_PASSWORD: ${DB_PASSWORD:-}\n      URL: ${URL:?unset}\n"},
           {"broken.yaml", "a: [\n"}});
  CHECK(report.findings.empty());
  CHECK(report.files_checked == 5);
  // The same file shaped like an OpsiMate config, or named one, gets the config rules.
  CHECK(rules_of(run({{"broken.yaml", "a: [\n", {}, true}})) ==
        std::vector<std::string>{"yaml-syntax"});
  CHECK(rules_of(run({{"app.yaml", "providers:\n  - name: a\n    url: ${{ x }}\n"}})).front() ==
        "invalid-reference");
  CHECK(rules_of(run({{"app.yaml", "providers:\n  - name: [\n"}})) ==
        std::vector<std::string>{"yaml-syntax"});
  // A literal under a secret-like key is still plaintext-secret in any YAML file.
  CHECK(rules_of(run({{"k8s.yaml", "stringData:\n  password: hunter2-plain\n"}})) ==
        std::vector<std::string>{"plaintext-secret"});
}

TEST_CASE("check: bad encodings are findings for YAML files only", "[check]") {
  using namespace std::string_literals;
  const hush::CheckReport report = run({{"a.yaml", "a: 1\nb: x\xff\n", {}, true},
                                        {"u16.yaml",
                                         "\xff\xfe"
                                         "a\0:\0 \0"s,
                                         {},
                                         true},  // NULs in the first 8 KiB: not skipped as binary
                                        {"image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff"s},
                                        {"latin1.txt", "caf\xe9\n"}});
  CHECK(rules_of(report) == std::vector<std::string>{"invalid-encoding", "invalid-encoding"});
  CHECK(hush::to_string(report.findings[0]) ==
        "a.yaml:2:5: error: invalid UTF-8: byte 0xFF never occurs in UTF-8; hush reads YAML as "
        "UTF-8 text [invalid-encoding]");
  CHECK(report.findings[0].snippet == "    2 | b: x\xef\xbf\xbd\n      |     ^");
  CHECK(hush::to_string(report.findings[1])
            .starts_with("u16.yaml:1:1: error: the text starts "
                         "with a UTF-16 (little-endian) byte-order "
                         "mark"));
  CHECK(report.files_checked == 4);  // the image too: scanned as bytes
}

TEST_CASE("check: unreadable inputs are reported per file, the rest still checked", "[check]") {
  const hush::Error fifo(hush::ErrorKind::io, "not-a-regular-file",
                         "cannot read f.yaml: it is a FIFO (named pipe), not a regular file",
                         hush::Location{"f.yaml"});
  const hush::Error big(hush::ErrorKind::io, "input-too-large",
                        "big.yaml is larger than the 1 KiB limit; raise it with --max-input-size",
                        hush::Location{"big.yaml"});
  const hush::CheckReport report =
      run({{"f.yaml", "", fifo},
           {"big.yaml", "", big},
           {"c.yaml", "services:\n  - name: a\n    password: lit-pw\n"}});
  CHECK(rules_of(report) ==
        std::vector<std::string>{"not-checked", "plaintext-secret", "not-checked"});
  CHECK(hush::to_string(report.findings[2]) ==
        "f.yaml: warning: not checked: cannot read f.yaml: it is a FIFO (named pipe), not a "
        "regular file [not-checked]");
  CHECK_FALSE(report.findings[2].fingerprint.empty());
  CHECK(report.not_checked == 2);
  CHECK(report.files_checked == 1);
}

TEST_CASE("check: detections and known values are masked and fingerprinted", "[check]") {
  hush::CheckOptions options;
  options.detect = [](std::string_view text) {
    std::vector<hush::DetectedSecret> out;
    const std::size_t at = text.find("AKIA");
    if (at != std::string_view::npos) {
      out.push_back({"aws-access-key-id", at, 20, "AWS access key id", "AKIA"});
    }
    return out;
  };
  options.known_values.push_back({"DB_PASSWORD", hush::SecretValue("known-value-123")});
  const hush::CheckReport report =
      run({{"run.sh", "export K=AKIAABCDEFGHIJKLMNOP\necho known-value-123\n"}}, options);
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].rule == "detected-secret/aws-access-key-id");
  CHECK(report.findings[0].message == "AWS access key id: AKIA\u2026(20 chars)");
  CHECK(report.findings[1].rule == "known-secret-value");
  CHECK(report.findings[1].where.line == 2);
  CHECK(report.findings[1].where.column == 6);
  for (const hush::Finding& f : report.findings) {
    CHECK(f.snippet.find("ABCDEFGHIJKLMNOP") == std::string::npos);
    CHECK(f.snippet.find("known-value-123") == std::string::npos);
    CHECK(f.fingerprint.size() == 32);
  }
  const std::string json = hush::report_json(report);
  const std::string sarif = hush::report_sarif(report, "0.1.0");
  CHECK(json.find("known-value-123") == std::string::npos);
  const hush::Json results = hush::Json::parse(sarif)["runs"][0]["results"];
  const auto known = std::find_if(results.begin(), results.end(), [](const hush::Json& r) {
    return r["ruleId"] == "known-secret-value";
  });
  REQUIRE(known != results.end());
  CHECK(results[0]["partialFingerprints"]["hush/v2"] == report.findings[0].fingerprint);
}

TEST_CASE("check: baselines match by fingerprint, not line", "[check]") {
  const hush::CheckReport before = run({{"c.yaml", "password: literal-one\n"}});
  const std::string baseline = hush::baseline_text(before.findings);
  hush::CheckReport after =
      run({{"c.yaml", "# moved\npassword: literal-one\ntoken: new-literal\n"}});
  std::set<std::string> fps;
  for (const hush::Finding& f : before.findings) fps.insert(f.fingerprint);
  CHECK(hush::apply_baseline(after.findings, fps) == 1);
  REQUIRE(after.findings.size() == 1);
  CHECK(after.findings[0].where.line == 3);
  CHECK(baseline.find(before.findings[0].fingerprint) != std::string::npos);
}

TEST_CASE("check: fingerprints hold no value, and a repeated line is a new finding", "[check]") {
  // Only printed text goes in: two values of one length on the same line give one fingerprint,
  // so a baseline is no oracle for guessing a committed password.
  const hush::CheckReport a = run({{"c.yaml", "password: hunter2-aa\n"}});
  const hush::CheckReport b = run({{"c.yaml", "  password: sunrise-bb\n"}});
  REQUIRE(a.findings.size() == 1);
  REQUIRE(b.findings.size() == 1);
  CHECK(a.findings[0].fingerprint == b.findings[0].fingerprint);
  // Another length, path or rule is another finding; so is a second identical line.
  CHECK(run({{"c.yaml", "password: hunter2-aaa\n"}}).findings[0].fingerprint !=
        a.findings[0].fingerprint);
  CHECK(run({{"d.yaml", "password: hunter2-aa\n"}}).findings[0].fingerprint !=
        a.findings[0].fingerprint);
  const hush::CheckReport twice =
      run({{"c.yaml", "x:\n  password: one-val\ny:\n  password: two-val\n"}});
  REQUIRE(twice.findings.size() == 2);
  CHECK(twice.findings[0].fingerprint != twice.findings[1].fingerprint);
}

TEST_CASE("check: every secret on a finding's line is masked, and only secrets", "[check]") {
  hush::CheckOptions options;
  options.detect = [](std::string_view text) {  // stands in for the github-pat rule
    std::vector<hush::DetectedSecret> out;
    for (std::size_t at = text.find("gh"
                                    "p_");
         at != std::string_view::npos; at = text.find("gh"
                                                      "p_",
                                                      at + 1)) {
      out.push_back({"github-pat", at, 12, "GitHub token",
                     "gh"
                     "p_"});
    }
    return out;
  };
  const std::string token =
      "gh"
      "p_Zq8Wv3Lp";
  const hush::CheckReport report =
      run({{"c.yaml",
            "services:\n  - name: a\n    env: {DB_PASSWORD: Zq8Wv3Lp, TOKEN: \"${MISSING}\"}\n"
            "secrets: {A: Xj7Qz4Vw, B: " +
                token +
                "}\n"
                "x: 1  # password: Xj7Qz4Vw " +
                token + "\n"},
           {"run.sh", "export DB_PASSWORD=Xj7Qz4Vw GITHUB_TOKEN=" + token + "\n"}},
          options);
  std::vector<std::string> texts;
  for (const hush::Finding& f : report.findings) {
    if (!f.snippet.empty()) texts.push_back(hush::to_string(f) + "\n" + f.snippet);
  }
  const std::string prefix =
      "gh"
      "p_";
  CHECK(texts ==
        std::vector<std::string>{
            "c.yaml:3:24: error: literal value under secret-like key DB_PASSWORD; store it with "
            "`hush "
            "secrets add` and reference it as ${NAME} [plaintext-secret]\n"
            "    3 |     env: {DB_PASSWORD: \u2026(8 chars), TOKEN: \"${MISSING}\"}\n"
            "      |                        ^~~~~~~~~~",
            "c.yaml:3:42: error: unresolved reference ${MISSING} in scope service:a (tried inline) "
            "[unresolved-reference]\n"
            "    3 |     env: {DB_PASSWORD: \u2026(8 chars), TOKEN: \"${MISSING}\"}\n"
            "      |                                            ^~~~~~~~~~",
            "c.yaml:4:27: error: GitHub token: " + prefix +
                "\u2026(12 chars) [detected-secret/github-pat]\n"
                "    4 | secrets: {A: \u2026(8 chars), B: " +
                prefix +
                "\u2026(12 chars)}\n"
                "      |                             ^~~~~~~~~~~~~~~",
            "c.yaml:5:28: error: GitHub token: " + prefix +
                "\u2026(12 chars) [detected-secret/github-pat]\n"
                "    5 | x: 1  # password: \u2026(21 chars)\n"
                "      |                   ^~~~~~~~~~~",
            "run.sh:1:42: error: GitHub token: " + prefix +
                "\u2026(12 chars) [detected-secret/github-pat]\n"
                "    1 | export DB_PASSWORD=\u2026(34 chars)\n"
                "      |                    ^~~~~~~~~~~"});
}

TEST_CASE("check: plaintext-secret passes placeholders and addresses, not webhook URLs",
          "[check]") {
  const std::string clean =
      "mailer:\n  pass: \"your-smtp-password\"\n  password: changeme\n  token: xxxxxxxx\n"
      "  api_key: <api-key>\n  secret: \"1234567890\"\n  dsn: \"mailto:ops@example.com\"\n"
      "  dsn_host: db.internal.example.com\n";
  CHECK(run({{"a.yaml", "x:\n" + clean.substr(clean.find('\n') + 1)}}).findings.empty());
  CHECK(rules_of(run({{"b.yaml", "password: hunter2-real\n"}})) ==
        std::vector<std::string>{"plaintext-secret"});
  CHECK(rules_of(run({{"c.yaml", "webhook_url: https://hooks.acme-corp.io/T0/B0/q8Zr4Lm\n"}})) ==
        std::vector<std::string>{"plaintext-secret"});
}
