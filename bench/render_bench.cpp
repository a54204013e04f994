// Rendering cost for a generated OpsiMate config with N services (each with 4 references),
// against parsing the same text alone (the baseline) in the same run.
#include <benchmark/benchmark.h>

#include <string>

#include "core/render/render.hpp"
#include "core/resolve/resolver_setup.hpp"

namespace {

std::string make_config(int services) {
  std::string text = "server: {port: 3001}\nservices:\n";
  for (int i = 0; i < services; ++i) {
    const std::string n = std::to_string(i);
    text += "  - name: svc-" + n + "\n    type: postgres\n    env:\n" +
            "      DB_PASSWORD: ${DB_PASSWORD}\n      URL: \"postgres://u:${DB_PASSWORD}@h" + n +
            "/db\"\n      TOKEN: $<API_TOKEN>\n      NOTE: |\n        token ${API_TOKEN} here\n";
  }
  return text;
}

hush::SourceSettings settings() {
  hush::SourceSettings s;
  s.environment = {{"DB_PASSWORD", "p@ss: w#rd"}, {"API_TOKEN", "tok-1234567890"}};
  return s;
}

void parse_baseline(benchmark::State& state) {
  const std::string text = make_config(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const hush::YamlSource source = hush::parse_yaml_source("bench.yaml", text);
    benchmark::DoNotOptimize(source.documents.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void render_config(benchmark::State& state) {
  const std::string text = make_config(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const hush::YamlSource source = hush::parse_yaml_source("bench.yaml", text);
    std::vector<hush::Finding> findings;
    hush::Resolver resolver = hush::make_resolver(settings(), &source, findings);
    const hush::RenderResult result = hush::render(source, resolver, {});
    benchmark::DoNotOptimize(result.text.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK(parse_baseline)->Arg(10)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(render_config)->Arg(10)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
