#include <sodium.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <hush/redact.hpp>
#include <random>

#include "support/text_encodings.hpp"

namespace {

std::vector<hush::NamedSecret> secrets(
    std::initializer_list<std::pair<const char*, const char*>> items) {
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

// `text` written in chunks ending at `cuts` (sorted offsets); checks the held-back bound.
std::string streamed_at(const hush::Redactor& redactor, std::string_view text,
                        const std::vector<std::size_t>& cuts) {
  std::string out;
  hush::RedactStream stream(redactor, [&out](std::string_view piece) { out.append(piece); });
  std::size_t at = 0;
  for (const std::size_t cut : cuts) {
    stream.write(text.substr(at, cut - at));
    CHECK(stream.held() <= redactor.max_pattern_length());
    at = cut;
  }
  stream.write(text.substr(at));
  stream.finish();
  return out;
}

// What redact() must print when only raw occurrences can match: every occurrence masked,
// overlapping ones as one "[name]" named after the first-announced value among those starting it.
std::string reference_mask(const std::string& text, const std::vector<std::string>& values) {
  struct Span {
    std::size_t begin, end, tag;
  };
  std::vector<Span> found;
  for (std::size_t tag = 0; tag < values.size(); ++tag) {
    for (std::size_t at = text.find(values[tag]); at != std::string::npos;
         at = text.find(values[tag], at + 1)) {
      found.push_back({at, at + values[tag].size(), tag});
    }
  }
  std::sort(found.begin(), found.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.tag < b.tag;
  });
  std::vector<Span> merged;
  for (const Span& s : found) {
    if (!merged.empty() && s.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  std::string out;
  std::size_t at = 0;
  for (const Span& s : merged) {
    out += text.substr(at, s.begin - at) + "[V" + std::to_string(s.tag) + "]";
    at = s.end;
  }
  return out + text.substr(at);
}

}  // namespace

TEST_CASE("redact: masks values, overlaps and substrings", "[redact]") {
  const hush::Redactor r(secrets({{"A", "abcdef"}, {"B", "cdefgh"}, {"C", "s3cret-pw"}}));
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"x abcdef y", "x *** y"},
      {"abcdefgh", "***"},  // overlapping values merge into one mask
      {"pre-s3cret-pwpost", "pre-***post"},
      {"abcdefabcdef", "******"},  // adjacent matches are masked one by one
      {"nothing here", "nothing here"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(r.redact(c.in) == c.out);
  }
}

TEST_CASE("redact: masks every line of a multi-line value", "[redact]") {
  const hush::Redactor r(
      secrets({{"KEY", "-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----"}}));
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
      "p%40ss%20w%2Frd%22%2B%3F~",
      "p%40ss+w%2Frd%22%2B%3F~",
      "p%40ss%20w%2frd%22%2b%3f~",
      "p@ss w/rd\\\"+?~",
      "p@ss w\\/rd\\\"+?~",
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
  const hush::Redactor r(secrets({{"DB_PASSWORD", "hunter22"}}),
                         {.mask = "[{name}]", .min_length = 4});
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

TEST_CASE("redact: masks exactly the matched bytes, escapes included whole", "[redact]") {
  const hush::Redactor r(secrets({{"A", "deploy"}, {"B", "s3cr3t-k3y"}}));
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"deploying", "***ing"},  // the match only: "ing" is not part of the value
      {"redeploy now", "re*** now"},
      {"k=s3cr3t%2Dk3y&x", "k=***&x"},
      {"k=s3cr3t%2dk3y", "k=***"},
      {"%64eploy", "***"},  // the value's first byte percent-encoded: the escape goes too
      {"\"s3cr3t\\u002Dk3y\"", "\"***\""},
      {"\"\\u0064eploy\\u0021\"", "\"***\\u0021\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(r.redact(c.in) == c.out);
  }
}

TEST_CASE("redact: overlapping and adjacent matches of different values leave no fragment",
          "[redact]") {
  const hush::Redactor r(secrets({{"A", "alpha-1234"}, {"B", "1234-omega"}}),
                         {.mask = "[{name}]", .min_length = 4});
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"alpha-1234-omega", "[A]"},               // raw over raw
      {"alpha-12341234-omega", "[A][B]"},        // adjacent raw
      {"alpha%2D1234-omega", "[A]"},             // A percent-encoded overlapping B raw
      {"alpha-1234%2domega", "[A]"},             // A raw overlapping B percent-encoded
      {"alpha\\u002d1234-omega!", "[A]!"},       // A JSON-escaped overlapping B raw
      {"x1234-omegaalpha-1234x", "x[B][A]x"},    // adjacent, other order
      {"YWxwaGEtMTIzNA==1234-omega", "[A][B]"},  // A's base64 next to B raw
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(r.redact(c.in) == c.out);
  }
}

TEST_CASE("redact: random values over a tiny alphabet match a brute-force reference", "[redact]") {
  const std::uint64_t seed = 20260511;
  std::mt19937_64 rng(seed);
  const auto random_text = [&rng](std::size_t length) {
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += "abc"[rng() % 3];
    return text;
  };
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> values;
    std::vector<hush::NamedSecret> named;
    for (std::size_t k = 0; k < 1 + rng() % 4; ++k) {
      values.push_back(random_text(4 + rng() % 3));
      named.push_back({"V" + std::to_string(k), hush::SecretValue(values.back())});
    }
    const hush::Redactor r(named, {.mask = "[{name}]", .min_length = 4});
    const std::string text = random_text(rng() % 40);
    CAPTURE(seed, round, text);
    REQUIRE(r.redact(text) == reference_mask(text, values));
  }
}

TEST_CASE("redact: a stream equals redact() for random splits of text in every encoding",
          "[redact]") {
  const std::uint64_t seed = 99;
  std::mt19937_64 rng(seed);
  const std::string values[] = {"p@ss w/rd-\xC3\xA4", "line-one\nline-two", "hunter2hunter2"};
  const hush::Redactor r(
      secrets({{"A", values[0].c_str()}, {"B", values[1].c_str()}, {"C", values[2].c_str()}}));
  std::vector<std::string> pieces = {
      " ", "\n", "\r\n", "%", "\\", "\\u00", "x", "=", "ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"};
  for (const std::string& v : values) {
    pieces.push_back(v);
    pieces.push_back(hush::test::url_encode(v, {.safe = "-._~/"}));
    pieces.push_back(hush::test::json_escape(v, {.escape = hush::test::JsonEscape::non_ascii}));
    pieces.push_back(hush::test::hex(v, hush::test::HexCase::upper));
    const std::string blob =
        hush::test::base64(std::string(50, '-') + v, sodium_base64_VARIANT_ORIGINAL);
    pieces.push_back(hush::test::wrap(blob, 64, "\r\n"));
  }
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int k = 0; k < 12; ++k) text += pieces[rng() % pieces.size()];
    std::vector<std::size_t> cuts;
    for (std::size_t k = 0; k < rng() % 8; ++k) cuts.push_back(rng() % (text.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    CAPTURE(seed, round, text);
    REQUIRE(streamed_at(r, text, cuts) == r.redact(text));
  }
  const std::string text = pieces[9] + pieces[13] + pieces[14] + pieces[16] + pieces[10];
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    CAPTURE(cut);
    REQUIRE(streamed_at(r, text, {cut}) == r.redact(text));
  }
}

TEST_CASE("redact: a run of overlapping matches is held boundedly and masked once", "[redact]") {
  const hush::Redactor r(secrets({{"A", "aaaa"}}));
  std::string out;
  std::size_t most_held = 0;
  hush::RedactStream stream(r, [&out](std::string_view piece) { out.append(piece); });
  stream.write("x");
  for (int i = 0; i < 10000; ++i) {
    stream.write("aaaaaaaaaa");
    most_held = std::max(most_held, stream.held());
  }
  stream.write("y");
  stream.finish();
  CHECK(most_held <= r.max_pattern_length());
  CHECK(out == "x***y");
}

TEST_CASE("redact: prose lines are emitted at once even with many values", "[redact]") {
  std::vector<hush::NamedSecret> planted;
  for (int i = 0; i < 300; ++i) {
    planted.push_back(
        {"S" + std::to_string(i), hush::SecretValue("val-" + std::to_string(i * 7919))});
  }
  const hush::Redactor r(planted);
  std::string out;
  hush::RedactStream stream(r, [&out](std::string_view piece) { out.append(piece); });
  stream.write("2026-05-11 INFO processed request id=42 status=200\n");
  CHECK(out == "2026-05-11 INFO processed request id=42 status=200\n");
  stream.write("Password: ");
  CHECK(out.ends_with("Password: "));  // a prompt is not held back either
  stream.finish();
}

TEST_CASE("redact: broken escapes and lone line breaks pass through unchanged", "[redact]") {
  const hush::Redactor r(secrets({{"A", "deploy-key"}}));
  const char* const texts[] = {
      "100% sure",
      "%zz %4 %",
      "\\q \\u12 \\u12zz \\",
      "\\ud83d alone \\udc00 too",
      "\\ud83d\\u0041",
      "aaaaaaaaaaaaaaaaaaaa\r\nbbbb\n\n\r",
      "%%%41\\\\\\u0041",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    CHECK(r.redact(text) == text);
    for (std::size_t cut = 0; cut <= std::strlen(text); ++cut)
      CHECK(streamed_at(r, text, {cut}) == text);
  }
}

TEST_CASE("redact: patterns and automaton tables live in the secure pool, built on first use",
          "[redact]") {
  const auto values = secrets({{"A", "a-value-of-some-length-1234567890"}});
  const std::size_t before = hush::secure_pool_stats().bytes_in_use;
  {
    const hush::Redactor r(values);
    // Before first use only the patterns are held (built lazily), in the pool too.
    const std::size_t patterns = hush::secure_pool_stats().bytes_in_use;
    CHECK(patterns > before + 33);
    CHECK(r.redact("x") == "x");
    // Hundreds of trie nodes (the value, its base64 and hex forms) at 25 bytes each.
    CHECK(hush::secure_pool_stats().bytes_in_use > patterns + 4096);
  }
  CHECK(hush::secure_pool_stats().bytes_in_use == before);
}
