// Incremental ingest on a large database (docs/PERFORMANCE.md): a SQLite database of N
// documents (KETNOI_BENCH_DOCS, default 100000) is built once under the build directory from
// generated resolved documents of 10 mentions (the store and resolver code of a real ingest,
// without extraction, so it builds in minutes); then
//   BM_RecallStore       a new process's start: the resolver recalls every stored entity;
//   BM_AddOneDocument    one real page (examples/, made new each time) analyzed, resolved
//                        against that memory and written: what `ketnoi ingest page` adds.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "pipeline/pipeline.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using ketnoi::extract::EntityKind;

size_t Documents() {
  const char* n = std::getenv("KETNOI_BENCH_DOCS");
  return n && *n ? static_cast<size_t>(std::atol(n)) : 100'000;
}

// Generated names: `entities` organizations and persons from 20 syllables.
std::string NameOf(size_t e) {
  static const char* kSyllables[] = {"an",  "binh",  "cuong", "dung", "hai",   "hoa", "khanh",
                                     "lam", "minh",  "nam",   "phuc", "quang", "son", "tam",
                                     "thu", "trung", "vinh",  "xuan", "yen",   "long"};
  std::string name = e % 2 ? "Trung tâm" : "Nguyễn";
  for (size_t x = e + 1; x > 0; x /= 20) name += std::string(" ") + kSyllables[x % 20];
  return name;
}

// The database, built on first use (and kept: delete it to rebuild).
const std::string& Database(const ketnoi::pipeline::Pipeline& pipeline) {
  static const std::string path = [&] {
    const size_t docs = Documents();
    fs::path p = fs::path(KETNOI_BENCH_DIR) / ("bench-kb-" + std::to_string(docs) + ".db");
    if (fs::exists(p)) return p.string();
    auto store = ketnoi::store::SqliteStore::Open(p.string() + ".tmp");
    if (!store.ok()) return std::string();
    ketnoi::resolve::Resolver resolver(pipeline.lexicons());
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const size_t entities = docs * 2;  // 10 mentions per document, ~1 in 5 a new name
    for (size_t d = 0; d < docs; ++d) {
      ketnoi::store::DocumentRecord r;
      r.id = "doc" + std::to_string(d);
      r.source = "gen/" + r.id + ".txt";
      r.content_hash = "gen-" + std::to_string(d);
      r.format = "text";
      r.lang = ketnoi::core::Lang::kVi;
      for (int i = 0; i < 10; ++i) {
        size_t e = static_cast<size_t>(std::pow(u(rng), 3.0) * static_cast<double>(entities));
        ketnoi::extract::Mention m;
        m.kind = e % 2 ? EntityKind::kOrganization : EntityKind::kPerson;
        m.surface = NameOf(e);
        m.span = {static_cast<uint32_t>(r.text.size()),
                  static_cast<uint32_t>(r.text.size() + m.surface.size())};
        r.text += m.surface + ". ";
        r.analysis.mentions.push_back(std::move(m));
      }
      r.title = r.analysis.mentions[0].surface;
      r.paragraphs = {{0, static_cast<uint32_t>(r.text.size())}};
      r.resolved = resolver.Resolve(r.text, r.analysis);
      if (!(*store)->PutDocument(r).ok()) return std::string();
    }
    store->reset();
    fs::rename(p.string() + ".tmp", p);
    return p.string();
  }();
  return path;
}

const ketnoi::pipeline::Pipeline* SharedPipeline() {
  static auto pipeline = ketnoi::pipeline::Pipeline::Create({});
  return pipeline.ok() ? pipeline->get() : nullptr;
}

void BM_RecallStore(benchmark::State& state) {
  const auto* pipeline = SharedPipeline();
  if (pipeline == nullptr || Database(*pipeline).empty()) {
    state.SkipWithError("no lexicons or cannot build the database");
    return;
  }
  auto store = ketnoi::store::Store::Open(Database(*pipeline));
  for (auto _ : state) {
    if (!pipeline->RecallStore(**store).ok()) state.SkipWithError("recall failed");
  }
  state.counters["documents"] = static_cast<double>(Documents());
}
BENCHMARK(BM_RecallStore)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_AddOneDocument(benchmark::State& state) {
  const auto* pipeline = SharedPipeline();
  if (pipeline == nullptr || Database(*pipeline).empty()) {
    state.SkipWithError("no lexicons or cannot build the database");
    return;
  }
  // A copy, so the benchmark's additions never change the database other runs measure.
  fs::path copy = fs::path(KETNOI_BENCH_DIR) / "bench-kb-add.db";
  fs::copy_file(Database(*pipeline), copy, fs::copy_options::overwrite_existing);
  auto store = ketnoi::store::Store::Open(copy.string());
  if (!store.ok() || !pipeline->RecallStore(**store).ok()) {
    state.SkipWithError("cannot open the copy");
    return;
  }
  fs::path page = fs::path(KETNOI_SOURCE_DIR) / "examples" / "vi_hoi_thao_ai.html";
  std::ifstream in(page);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  int n = 0;
  for (auto _ : state) {
    // New bytes (a comment) and a new source each time: an insert, never "unchanged".
    std::string html = bytes + "<!-- " + std::to_string(n) + " -->";
    auto parsed = ketnoi::ingest::ParsePage(html, ketnoi::ingest::PageFormat::kHtml,
                                            "add/page" + std::to_string(n++) + ".html");
    auto doc = pipeline->Analyze(std::move(parsed).value());
    pipeline->Resolve(&*doc);
    auto put = (*store)->PutDocument(doc->ToRecord());
    if (!put.ok()) state.SkipWithError(put.status().message().c_str());
  }
  store->reset();
  fs::remove(copy);
  fs::remove(copy.string() + "-wal");
  fs::remove(copy.string() + "-shm");
  state.counters["documents"] = static_cast<double>(Documents());
}
BENCHMARK(BM_AddOneDocument)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(50);

}  // namespace

BENCHMARK_MAIN();
