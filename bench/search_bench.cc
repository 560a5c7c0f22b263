// In-process `KnowledgeBase::Search` and `Match` latency on an existing database
// (docs/PERFORMANCE.md): process start, migrations, the lexicons and the jieba dictionary
// load are paid once, before timing.
//
//   search_bench DB [REPEATS] [QUERY... | @FILE]
//   search_bench --match DB [REPEATS] [NEED...]
//
// Needs: the 5 of bench/macro.py and 3 more in the same style by default; each is run like a
// query and its digest covers the ranked ids, scores, reasons and evidence.
//
// Queries: the 10 of bench/macro.py by default; words given on the command line; or @FILE,
// one query per line as text, lang, from, to, source, tab-separated (bench/search_queries.tsv,
// made by bench/gen_search_queries.py). Each query is run once untimed (page cache, lazy
// loads), then REPEATS times; prints per query the CPU (thread) and wall median, the hit
// count and a digest of the hits (ids, scores, snippets) so two builds can be checked to
// return the same results, then the p50 / p95 / p99 over all timed runs.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "extract/lexicon.h"
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

// One line of a query file: text, lang, from, to, source (tab-separated, trailing ones
// may be missing).
ketnoi::search::SearchQuery ParseQueryLine(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  cols.resize(5);
  ketnoi::search::SearchQuery q;
  q.text = cols[0];
  q.lang = cols[1];
  q.from = cols[2];
  q.to = cols[3];
  q.source = cols[4];
  return q;
}

std::string Describe(const ketnoi::search::SearchQuery& q) {
  std::string out = q.text;
  if (!q.lang.empty()) out += " lang=" + q.lang;
  if (!q.from.empty()) out += " from=" + q.from;
  if (!q.to.empty()) out += " to=" + q.to;
  if (!q.source.empty()) out += " source=" + q.source;
  return out;
}

// Times `run` (one query; false on error) once untimed, then `repeats` times; prints its CPU
// and wall medians with `describe`, and adds the timed runs to `all_cpu`/`all_wall`.
bool TimeQuery(const std::string& describe, int repeats, const std::function<bool()>& run,
               std::vector<double>& all_cpu, std::vector<double>& all_wall,
               const std::function<std::string()>& summary) {
  std::vector<double> cpu, wall;
  for (int r = 0; r <= repeats; ++r) {
    double c0 = ThreadCpuMs();
    auto w0 = std::chrono::steady_clock::now();
    if (!run()) return false;
    double c = ThreadCpuMs() - c0;
    double w =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count();
    if (r == 0) {
      if (all_cpu.empty()) {
        // Includes what the first query of a process loads (SQLite: the rows table).
        std::printf("first query, untimed run: cpu %.1f ms  wall %.1f ms\n", c, w);
      }
      continue;
    }
    cpu.push_back(c);
    wall.push_back(w);
    all_cpu.push_back(c);
    all_wall.push_back(w);
  }
  std::printf("cpu p50 %8.1f ms  p99 %8.1f ms  wall p50 %8.1f ms  %s  %s\n", Percentile(cpu, 0.5),
              Percentile(cpu, 0.99), Percentile(wall, 0.5), summary().c_str(), describe.c_str());
  return true;
}

void PrintOverall(size_t queries, int repeats, const std::vector<double>& all_cpu,
                  const std::vector<double>& all_wall) {
  std::printf(
      "ALL %zu queries x %d: cpu p50 %.1f p95 %.1f p99 %.1f ms  wall p50 %.1f p95 %.1f p99 %.1f "
      "ms\n",
      queries, repeats, Percentile(all_cpu, 0.5), Percentile(all_cpu, 0.95),
      Percentile(all_cpu, 0.99), Percentile(all_wall, 0.5), Percentile(all_wall, 0.95),
      Percentile(all_wall, 0.99));
}

std::string Summary(size_t hits, size_t digest) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "hits %2zu  digest %016zx", hits, digest);
  return buf;
}

int MatchMain(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: search_bench --match DB [REPEATS] [NEED...]\n");
    return 2;
  }
  int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  std::vector<std::string> needs(argv + std::min(argc, 4), argv + argc);
  if (needs.empty()) {
    needs = {"đào tạo thiết kế chip",    "chip design training",      "人工智能 合作",
             "renewable energy partner", "năng lượng tái tạo",        "hợp tác nghiên cứu bán dẫn",
             "半导体 人才 培训",         "green hydrogen pilot plant"};
  }
  auto lexicons = ketnoi::extract::Lexicons::Load(ketnoi::extract::DefaultDataDir());
  if (!lexicons.ok()) {
    std::fprintf(stderr, "lexicons: %s\n", lexicons.status().message().c_str());
    return 1;
  }
  auto kb = ketnoi::search::KnowledgeBase::OpenExisting(argv[2]);
  if (!kb.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[2], kb.status().message().c_str());
    return 1;
  }
  std::vector<double> all_cpu, all_wall;
  for (const std::string& need : needs) {
    ketnoi::search::MatchQuery q;
    q.need = need;
    size_t hits = 0, digest = 0;
    auto run = [&] {
      auto res = (*kb)->Match(q, *lexicons);
      if (!res.ok()) {
        std::fprintf(stderr, "%s: %s\n", need.c_str(), res.status().message().c_str());
        return false;
      }
      hits = res->results.size();
      digest = 0;
      for (const auto& r : res->results) {
        std::string all = r.entity.id + "|" + std::to_string(r.score);
        for (const auto& line : r.reasons) all += "|" + line;
        for (const auto& e : r.evidence) all += "|" + e.doc_id + "|" + e.sentence + "|" + e.why;
        digest = digest * 31 + std::hash<std::string>{}(all);
      }
      return true;
    };
    if (!TimeQuery(need, repeats, run, all_cpu, all_wall, [&] { return Summary(hits, digest); }))
      return 1;
  }
  PrintOverall(needs.size(), repeats, all_cpu, all_wall);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--match") return MatchMain(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DB [REPEATS] [QUERY... | @FILE]\n");
    return 2;
  }
  int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<ketnoi::search::SearchQuery> queries;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() > 1 && arg[0] == '@') {
      std::ifstream in(arg.substr(1));
      if (!in) {
        std::fprintf(stderr, "%s: cannot read the query file\n", arg.c_str() + 1);
        return 1;
      }
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) queries.push_back(ParseQueryLine(line));
      }
    } else {
      queries.push_back(ParseQueryLine(arg));
    }
  }
  if (queries.empty()) {
    for (const char* text :
         {"bán dẫn", "trí tuệ nhân tạo", "半导体", "人工智能", "semiconductors", "green hydrogen",
          "Samsung", "Viettel", "\"chip design\"", "hợp tác"}) {
      queries.push_back(ParseQueryLine(text));
    }
  }
  auto kb = ketnoi::search::KnowledgeBase::OpenExisting(argv[1]);
  if (!kb.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[1], kb.status().message().c_str());
    return 1;
  }
  std::vector<double> all_cpu, all_wall;
  for (const ketnoi::search::SearchQuery& q : queries) {
    size_t hits = 0, digest = 0;
    auto run = [&] {
      auto res = (*kb)->Search(q);
      if (!res.ok()) {
        std::fprintf(stderr, "%s: %s\n", Describe(q).c_str(), res.status().message().c_str());
        return false;
      }
      hits = res->size();
      digest = 0;
      for (const auto& h : *res) {
        digest = digest * 31 + std::hash<std::string>{}(h.doc_id + "|" + h.snippet + "|" +
                                                        std::to_string(h.score));
      }
      return true;
    };
    if (!TimeQuery(Describe(q), repeats, run, all_cpu, all_wall,
                   [&] { return Summary(hits, digest); }))
      return 1;
  }
  PrintOverall(queries.size(), repeats, all_cpu, all_wall);
  return 0;
}
