#include <hush/redact.hpp>

#include <catch2/catch.hpp>
#include <random>
#include <sodium.h>

namespace {

std::vector<hush::NamedSecret> secrets(std::initializer_list<std::pair<const char*, const char*>> items) {
  std::vector<hush::NamedSecret> out;
  for (const auto& [name, value] : items) out.push_back({name, hush::SecretValue(value)});
  return out;
}

std::string b64(std::string_view bytes, int variant) {
  hush::ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string streamed(const hush::Redactor& redactor, std::string_view text, std::size_t chunk) {
  std::string out;
  hush::RedactStream stream(redactor, [&out](std::string_view piece) { out.append(piece); });
  for (std::size_t i = 0; i < text.size(); i += chunk) stream.write(text.substr(i, chunk));
  stream.finish();
  return out;
}

}  // namespace

TEST_CASE("redact: masks values, overlaps and substrings", "[redact]") {
  const hush::Redactor r(secrets({{"A", "abcdef"}, {"B", "cdefgh"}, {"C", "s3cret-pw"}}));
  struct Case { const char* in; const char* out; };
  const Case cases[] = {
      {"x abcdef y", "x *** y"},
      {"abcdefgh", "***"},             // overlapping values merge into one mask
      {"pre-s3cret-pwpost", "pre-***post"},
      {"abcdefabcdef", "******"},      // adjacent matches are masked one by one
      {"nothing here", "nothing here"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(r.redact(c.in) == c.out);
  }
}

TEST_CASE("redact: masks every line of a multi-line value", "[redact]") {
  const hush::Redactor r(secrets({{"KEY", "-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----"}}));
  CHECK(r.redact("got MIIEvQIBADANBg in a log") == "got *** in a log");
  CHECK(r.redact("-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----") == "***");
}

TEST_CASE("redact: masks base64, URL and JSON encodings", "[redact]") {
  const std::string value = "p@ss w/rd\"+?~";
  const hush::Redactor r(secrets({{"PW", value.c_str()}}));
  const std::string forms[] = {
      b64(value, sodium_base64_VARIANT_ORIGINAL),
      b64(value, sodium_base64_VARIANT_ORIGINAL_NO_PADDING),
      b64(value, sodium_base64_VARIANT_URLSAFE),
      b64(value, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
      "p%40ss%20w%2Frd%22%2B%3F~", "p%40ss+w%2Frd%22%2B%3F~", "p%40ss%20w%2frd%22%2b%3f~",
      "p@ss w/rd\\\"+?~", "p@ss w\\/rd\\\"+?~",
  };
  for (const std::string& form : forms) {
    CAPTURE(form);
    const std::string out = r.redact("value=" + form + ";");
    CHECK(out.find(form) == std::string::npos);
    CHECK_THAT(out, Catch::StartsWith("value=") && Catch::Contains("***"));
  }
  // The value inside a larger base64 blob, starting at byte 0, 1 or 2 of a block.
  for (const char* prefix : {"", "x", "xy", "abc", "abcd"}) {
    for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE}) {
      const std::string blob = b64(std::string(prefix) + value + "trailing-bytes", variant);
      const std::string out = r.redact(blob);
      CAPTURE(prefix, blob, out);
      CHECK(out.find("***") != std::string::npos);
      CHECK(out.size() < blob.size());
    }
  }
}

TEST_CASE("redact: short values stay visible and are reported", "[redact]") {
  const hush::Redactor r(secrets({{"PIN", "123"}, {"TOKEN", "tok-12345"}}));
  CHECK(r.too_short() == std::vector<std::string>{"PIN"});
  CHECK(r.redact("pin 123 token tok-12345") == "pin 123 token ***");
  const hush::Redactor none(std::vector<hush::NamedSecret>{});
  CHECK(none.empty());
  CHECK(none.redact("as is") == "as is");
}

TEST_CASE("redact: the mask can name the secret", "[redact]") {
  const hush::Redactor r(secrets({{"DB_PASSWORD", "hunter22"}}), {.mask = "[{name}]", .min_length = 4});
  CHECK(r.redact("pw=hunter22") == "pw=[DB_PASSWORD]");
}

TEST_CASE("redact: streaming equals batch at every split and byte by byte", "[redact]") {
  const hush::Redactor r(secrets({{"A", "correct-horse"}, {"B", "line1\nline2-long"}}));
  const std::string text = "a correct-horse b line1\nline2-long c Y29ycmVjdC1ob3JzZQ== d\n";
  const std::string batch = r.redact(text);
  CHECK(batch.find("correct-horse") == std::string::npos);
  CHECK(batch.find("line2-long") == std::string::npos);
  for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
    CAPTURE(chunk);
    CHECK(streamed(r, text, chunk) == batch);
  }
}

TEST_CASE("redact: a stream emits promptly and holds back boundedly", "[redact]") {
  const hush::Redactor r(secrets({{"A", "secret-value-xyz"}}));
  std::string out;
  hush::RedactStream stream(r, [&out](std::string_view piece) { out.append(piece); });
  stream.write("ordinary log line\n");
  CHECK(out == "ordinary log line\n");  // no partial match: emitted at once
  stream.write("leak: secret-val");
  CHECK(stream.held() <= r.max_pattern_length());
  CHECK(out.find("secret-val") == std::string::npos);
  stream.write("ue-xyz done\n");
  stream.finish();
  CHECK(out == "ordinary log line\nleak: *** done\n");
}

TEST_CASE("redact: back-to-back matches keep the held bytes bounded", "[redact]") {
  const hush::Redactor r(secrets({{"A", "abcd"}}));
  std::size_t emitted = 0;
  std::size_t most_held = 0;
  hush::RedactStream stream(r, [&emitted](std::string_view piece) { emitted += piece.size(); });
  for (int i = 0; i < 100000; ++i) {
    stream.write("abcd");
    most_held = std::max(most_held, stream.held());
  }
  stream.finish();
  CHECK(most_held <= r.max_pattern_length());
  CHECK(emitted == 300000);  // every "abcd" became "***"
}

TEST_CASE("redact: planted values never survive random chunking", "[redact]") {
  const std::uint64_t seed = 424242;
  std::mt19937_64 rng(seed);
  std::vector<hush::NamedSecret> planted;
  std::vector<std::string> values;
  for (int i = 0; i < 200; ++i) {
    std::string v = "v" + std::to_string(rng() % 1000000) + "-" + std::to_string(i) + "-secret";
    values.push_back(v);
    planted.push_back({"S" + std::to_string(i), hush::SecretValue(v)});
  }
  const hush::Redactor r(planted);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
      text += std::string(rng() % 20, 'x') + " ";
      text += values[rng() % values.size()];
    }
    const std::string out = streamed(r, text, 1 + rng() % 17);
    CAPTURE(seed, round);
    for (const std::string& v : values) REQUIRE(out.find(v) == std::string::npos);
    CHECK(out == r.redact(text));
  }
}

TEST_CASE("redact: find reports the regions redact masks", "[redact]") {
  const hush::Redactor r(secrets({{"A", "abcdef"}, {"B", "cdefgh"}, {"C", "zzzz9"}}));
  const auto matches = r.find("..abcdefgh..zzzz9");
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].offset == 2);
  CHECK(matches[0].length == 8);
  CHECK(matches[0].name == "A");
  CHECK(matches[1].offset == 12);
  CHECK(matches[1].name == "C");
}
