// Article extraction speed (docs/PERFORMANCE.md): ingest::ParsePage + clean::Clean from the
// page's bytes, the same work Readability does from HTML (DOM parse + scoring).
//
//   clean_bench --compare [--reps N] FILE...   per page: median microseconds over N runs and
//                                              the extracted body, as JSON on stdout (read by
//                                              bench/readability.py against Readability);
//   clean_bench [benchmark flags] FILE...      Google Benchmark over the pages, all together.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "clean/article.h"
#include "ingest/page.h"

namespace {

using ketnoi::ingest::PageFormat;

struct Input {
  std::string path;
  std::string bytes;
  PageFormat format;
};

std::vector<Input> ReadInputs(const std::vector<std::string>& paths) {
  std::vector<Input> out;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      std::cerr << p << ": cannot read\n";
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    PageFormat format = ketnoi::ingest::DetectFormat(p, std::string_view(bytes).substr(0, 1024));
    out.push_back({p, std::move(bytes), format});
  }
  return out;
}

// Parse + clean once; returns the body ("" when the page yields none).
std::string Extract(const Input& in) {
  auto page = ketnoi::ingest::ParsePage(in.bytes, in.format, in.path);
  if (!page.ok()) return "";
  ketnoi::clean::Article a = ketnoi::clean::Clean(*page);
  return a.ok() ? a.Body(page->text) : "";
}

int Compare(const std::vector<std::string>& paths, int reps) {
  nlohmann::json out = nlohmann::json::object();
  for (const Input& in : ReadInputs(paths)) {
    std::vector<double> us;
    std::string body;
    for (int r = 0; r < reps; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      body = Extract(in);
      us.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(us.begin(), us.begin() + us.size() / 2, us.end());
    out[in.path] = {{"body", body}, {"ms", us[us.size() / 2] / 1000.0}};
  }
  std::cout << out.dump() << "\n";
  return 0;
}

std::vector<Input>* g_inputs = nullptr;

void BM_ParseAndClean(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Input& in : *g_inputs) {
      benchmark::DoNotOptimize(Extract(in));
      bytes += in.bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * g_inputs->size()));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--compare") {
    int reps = 5;
    std::vector<std::string> paths;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--reps" && i + 1 < args.size()) {
        reps = std::max(1, std::atoi(args[++i].c_str()));
      } else {
        paths.push_back(args[i]);
      }
    }
    return Compare(paths, reps);
  }
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> paths(argv + 1, argv + argc);  // flags were consumed above
  std::vector<Input> inputs = ReadInputs(paths);
  if (inputs.empty()) {
    std::cerr << "usage: clean_bench [--compare [--reps N]] FILE...\n";
    return 2;
  }
  g_inputs = &inputs;
  benchmark::RegisterBenchmark("ParseAndClean", BM_ParseAndClean)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
