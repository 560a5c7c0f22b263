// Resolution at scale (docs/PERFORMANCE.md): time and memory to resolve 10k, 100k and 1M
// generated mentions through one Resolver (hash blocking: cost should grow near-linearly),
// and the time to resolve one more document against the memory that leaves. Run one size
// per process for a clean peak: resolve_bench --benchmark_filter='/100000$'.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "resolve/han_viet.h"
#include "resolve/resolve.h"

namespace {

using ketnoi::extract::EntityKind;

// Documents of 10 mentions, each naming one of `entities` entities (a Zipf-like choice so
// some are everywhere), half organizations, half persons; names from 20 syllables.
std::vector<ketnoi::extract::Analysis> Corpus(size_t mentions, size_t entities, uint32_t seed) {
  static const char* kSyllables[] = {"an",  "binh",  "cuong", "dung", "hai",   "hoa", "khanh",
                                     "lam", "minh",  "nam",   "phuc", "quang", "son", "tam",
                                     "thu", "trung", "vinh",  "xuan", "yen",   "long"};
  std::mt19937 rng(seed);
  auto name_of = [&](size_t e) {
    std::string name = e % 2 ? "Trung tâm" : "Nguyễn";
    for (size_t x = e + 1; x > 0; x /= 20) name += std::string(" ") + kSyllables[x % 20];
    return name;
  };
  std::vector<ketnoi::extract::Analysis> docs(std::max<size_t>(1, mentions / 10));
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (ketnoi::extract::Analysis& a : docs) {
    for (int i = 0; i < 10; ++i) {
      size_t e = static_cast<size_t>(std::pow(u(rng), 3.0) * static_cast<double>(entities));
      ketnoi::extract::Mention m;
      m.kind = e % 2 ? EntityKind::kOrganization : EntityKind::kPerson;
      m.surface = name_of(e);
      a.mentions.push_back(std::move(m));
    }
  }
  return docs;
}

long RssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

void BM_ResolveMentions(benchmark::State& state) {
  const size_t mentions = static_cast<size_t>(state.range(0));
  ketnoi::extract::Lexicons lex;
  ketnoi::resolve::HanVietTable readings;
  std::vector<ketnoi::extract::Analysis> docs = Corpus(mentions, mentions / 5, 7);
  std::vector<ketnoi::extract::Analysis> extra = Corpus(100, mentions / 5, 99);
  double one_doc_us = 0, grew_kb = 0, keys = 0;
  for (auto _ : state) {
    ketnoi::resolve::Resolver resolver(lex, readings);
    long before = RssKb();
    for (const auto& a : docs) benchmark::DoNotOptimize(resolver.Resolve("", a));
    state.PauseTiming();
    grew_kb = static_cast<double>(RssKb() - before);
    keys = static_cast<double>(resolver.MemoryKeys());
    // One more document against the full memory: the median of 10.
    std::vector<double> us;
    for (const auto& a : extra) {
      auto t0 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(resolver.Resolve("", a));
      us.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(us.begin(), us.begin() + static_cast<long>(us.size() / 2), us.end());
    one_doc_us = us[us.size() / 2];
    state.ResumeTiming();
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["memory_keys"] = keys;
  state.counters["rss_growth_MB"] = grew_kb / 1024.0;
  state.counters["peak_rss_MB"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  state.counters["one_more_doc_us"] = one_doc_us;
  state.counters["us_per_mention"] = benchmark::Counter(
      static_cast<double>(mentions) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ResolveMentions)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
