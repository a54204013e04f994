// Throughput of the redactor over ~1 MiB of log-like text with 10, 1,000 and 10,000 secret values
// planted sparsely, against a plain copy of the same input measured in the same run (the
// baseline), plus the cost of building a redactor for 10,000 values.
#include <benchmark/benchmark.h>

#include <hush/redact.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<hush::NamedSecret> make_secrets(std::size_t count) {
  std::mt19937_64 rng(7);
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::vector<hush::NamedSecret> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string value(20 + rng() % 21, ' ');
    for (char& c : value) c = alphabet[rng() % (sizeof alphabet - 1)];
    out.push_back({"S" + std::to_string(i), hush::SecretValue(value)});
  }
  return out;
}

std::string make_log(const std::vector<hush::NamedSecret>& secrets) {
  std::mt19937_64 rng(11);
  std::string log;
  std::size_t line = 0;
  while (log.size() < (1u << 20)) {
    log += "2026-11-23T06:00:00Z INFO worker[" + std::to_string(line) +
           "] processed request id=" + std::to_string(rng() % 100000) +
           " status=200 latency=" + std::to_string(rng() % 900) + "ms";
    if (++line % 50 == 0)
      log += " token=" + std::string(secrets[rng() % secrets.size()].value.reveal());
    log += "\n";
  }
  return log;
}

void copy_baseline(benchmark::State& state) {
  const auto secrets = make_secrets(10);
  const std::string log = make_log(secrets);
  for (auto _ : state) {
    std::string copy;
    for (std::size_t i = 0; i < log.size(); i += 4096) copy.append(log, i, 4096);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}

void redact_batch(benchmark::State& state) {
  const auto secrets = make_secrets(static_cast<std::size_t>(state.range(0)));
  const hush::Redactor redactor(secrets);
  const std::string log = make_log(secrets);
  for (auto _ : state) {
    std::string out = redactor.redact(log);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}

void redact_stream(benchmark::State& state) {
  const auto secrets = make_secrets(static_cast<std::size_t>(state.range(0)));
  const hush::Redactor redactor(secrets);
  const std::string log = make_log(secrets);
  for (auto _ : state) {
    std::size_t written = 0;
    hush::RedactStream stream(redactor,
                              [&written](std::string_view piece) { written += piece.size(); });
    for (std::size_t i = 0; i < log.size(); i += 4096) {
      stream.write(std::string_view(log).substr(i, 4096));
    }
    stream.finish();
    benchmark::DoNotOptimize(written);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}

void build_redactor(benchmark::State& state) {
  const auto secrets = make_secrets(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const hush::Redactor redactor(secrets);
    benchmark::DoNotOptimize(redactor.max_pattern_length());
  }
}

}  // namespace

BENCHMARK(copy_baseline)->Unit(benchmark::kMillisecond);
BENCHMARK(redact_batch)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(redact_stream)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(build_redactor)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
