// In-process `KnowledgeBase::Search` latency on an existing database (docs/PERFORMANCE.md):
// process start, migrations and the jieba dictionary load are paid once, before timing.
//
//   search_bench DB [REPEATS] [QUERY...]   (default: the 10 queries of bench/macro.py)
//
// Each query is run once untimed (page cache, lazy loads), then REPEATS times; prints per
// query the CPU (thread) and wall median, the hit count and a digest of the hits (ids,
// scores, snippets) so two builds can be checked to return the same results, then the p50 /
// p99 over all timed runs.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "search/search.h"

namespace {

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DB [REPEATS] [QUERY...]\n");
    return 2;
  }
  int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::string> queries(argv + std::min(argc, 3), argv + argc);
  if (queries.empty()) {
    queries = {"bán dẫn",        "trí tuệ nhân tạo", "半导体",  "人工智能",        "semiconductors",
               "green hydrogen", "Samsung",          "Viettel", "\"chip design\"", "hợp tác"};
  }
  auto kb = ketnoi::search::KnowledgeBase::OpenExisting(argv[1]);
  if (!kb.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[1], kb.status().message().c_str());
    return 1;
  }
  std::vector<double> all_cpu, all_wall;
  for (const std::string& text : queries) {
    ketnoi::search::SearchQuery q;
    q.text = text;
    std::vector<double> cpu, wall;
    size_t hits = 0, digest = 0;
    for (int r = 0; r <= repeats; ++r) {
      double c0 = ThreadCpuMs();
      auto w0 = std::chrono::steady_clock::now();
      auto res = (*kb)->Search(q);
      double c = ThreadCpuMs() - c0;
      double w =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count();
      if (!res.ok()) {
        std::fprintf(stderr, "%s: %s\n", text.c_str(), res.status().message().c_str());
        return 1;
      }
      if (r == 0) {
        hits = res->size();
        for (const auto& h : *res) {
          digest = digest * 31 + std::hash<std::string>{}(h.doc_id + "|" + h.snippet + "|" +
                                                          std::to_string(h.score));
        }
        continue;
      }
      cpu.push_back(c);
      wall.push_back(w);
      all_cpu.push_back(c);
      all_wall.push_back(w);
    }
    std::printf("%-20s cpu p50 %8.1f ms  wall p50 %8.1f ms  hits %zu  digest %016zx\n",
                text.c_str(), Percentile(cpu, 0.5), Percentile(wall, 0.5), hits, digest);
  }
  std::printf("ALL (%zu runs)        cpu p50 %8.1f p99 %8.1f ms  wall p50 %8.1f p99 %8.1f ms\n",
              all_cpu.size(), Percentile(all_cpu, 0.5), Percentile(all_cpu, 0.99),
              Percentile(all_wall, 0.5), Percentile(all_wall, 0.99));
  return 0;
}
