// Readers during writes: while `ketnoi ingest` writes generated pages, `ketnoi stats --json`
// and `ketnoi search --json` run again and again; every one must answer (exit 0, valid JSON)
// and the document count must never go down (SQLite WAL: readers see whole transactions).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/regress/reliability_util.h"

namespace ketnoi::testing {
namespace {

namespace fs = std::filesystem;

TEST(ReadersDuringWritesTest, StatsAndSearchAnswerWhileIngestRuns) {
  const int pages = PagesFromEnv("KETNOI_READERS_PAGES", kSanitized ? 150 : 600);
  fs::path dir = fs::temp_directory_path() / ("ketnoi_readers_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "first");
  if (!GeneratePages(dir / "pages", pages, 5)) GTEST_SKIP() << "cannot run bench/gen_pages.py";
  // One page first, so that the database exists with its schema before the readers start.
  fs::path one;
  for (const auto& e : fs::recursive_directory_iterator(dir / "pages")) {
    if (e.is_regular_file()) {
      one = e.path();
      break;
    }
  }
  ASSERT_FALSE(one.empty());
  fs::copy_file(one, dir / "first" / one.filename());
  RunResult first = RunKetnoi(dir, "ingest --db kb.db first");
  ASSERT_EQ(first.exit_code, 0) << first.err;

  pid_t pid = SpawnKetnoi(
      dir, {"ingest", "--db", (dir / "kb.db").string(), "--jobs", "2", (dir / "pages").string()});
  ASSERT_GT(pid, 0);
  int64_t last = 0;
  int stats_runs = 0, search_runs = 0, rising = 0;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    RunResult stats = RunKetnoi(dir, "stats --db kb.db --json");
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    auto j = nlohmann::json::parse(stats.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << stats.out;
    int64_t docs = j.value("documents", int64_t{-1});
    EXPECT_GE(docs, last);
    if (docs > last) ++rising;
    last = docs;
    ++stats_runs;

    RunResult search = RunKetnoi(dir, "search --db kb.db --json --limit 5 chip");
    ASSERT_EQ(search.exit_code, 0) << search.err;
    ASSERT_FALSE(nlohmann::json::parse(search.out, nullptr, false).is_discarded()) << search.out;
    ++search_runs;
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(dir / ".spawn_stderr");
  RunResult final_stats = RunKetnoi(dir, "stats --db kb.db --json");
  ASSERT_EQ(final_stats.exit_code, 0) << final_stats.err;
  EXPECT_EQ(nlohmann::json::parse(final_stats.out)["documents"].get<int64_t>(), pages);
  EXPECT_GE(stats_runs, 2);
  std::printf(
      "readers during writes: %d pages, %d stats and %d searches answered, count rose "
      "%d times\n",
      pages, stats_runs, search_runs, rising);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ketnoi::testing
