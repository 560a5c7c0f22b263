// Extract-stage throughput (docs/PERFORMANCE.md): entities + fields + events on the article
// bodies of the bundled examples (vi / zh / en), MB/s of body text on one core. The pages
// are read and cleaned once, outside the timed loop; the lexicons are the shipped ones.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "clean/article.h"
#include "extract/extract.h"
#include "ingest/page.h"
#include "text/text.h"

namespace {

struct Prepared {
  ketnoi::ingest::Page page;
  ketnoi::clean::Article article;
  ketnoi::core::Lang lang;
  size_t body_bytes;
};

const std::vector<Prepared>& Pages() {
  static const std::vector<Prepared> pages = [] {
    std::vector<Prepared> out;
    std::filesystem::path dir = std::filesystem::path(KETNOI_SOURCE_DIR) / "examples";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
      auto page = ketnoi::ingest::ReadPage(entry.path().string());
      if (!page.ok()) continue;
      Prepared p{std::move(page).value(), {}, ketnoi::core::Lang::kUnknown, 0};
      p.article = ketnoi::clean::Clean(p.page);
      std::string body = p.article.Body(p.page.text);
      p.lang = ketnoi::text::IdentifyLanguage(body);
      p.body_bytes = body.size();
      out.push_back(std::move(p));
    }
    return out;
  }();
  return pages;
}

void BM_ExtractExamples(benchmark::State& state) {
  auto lexicons = ketnoi::extract::Lexicons::Load(ketnoi::extract::DefaultDataDir());
  if (!lexicons.ok()) {
    state.SkipWithError(lexicons.status().message().c_str());
    return;
  }
  ketnoi::extract::Extractor extractor(*lexicons);
  const auto& pages = Pages();
  for (const Prepared& p : pages) (void)extractor.Analyze(p.page.text, p.article, p.lang);  // warm
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Prepared& p : pages) {
      benchmark::DoNotOptimize(extractor.Analyze(p.page.text, p.article, p.lang));
      bytes += p.body_bytes;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["pages"] = static_cast<double>(pages.size());
}
BENCHMARK(BM_ExtractExamples)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
