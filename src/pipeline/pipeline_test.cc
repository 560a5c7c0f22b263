#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace ketnoi::pipeline {
namespace {

namespace fs = std::filesystem;

// Generated pages: a handful of templates filled from small lists, so every page differs and
// the worker threads finish them out of order.
std::string MakePage(int n, bool html) {
  static const char* kOrgs[] = {"Ministry of Science and Technology", "University of Tokyo",
                                "Samsung Electronics", "National Innovation Center", "World Bank"};
  static const char* kPlaces[] = {"Hanoi", "Seoul", "Berlin", "Paris", "Singapore"};
  static const char* kFields[] = {"semiconductors", "artificial intelligence", "renewable energy",
                                  "biotechnology", "space technology"};
  const char* a = kOrgs[n % 5];
  const char* b = kOrgs[(n + 2) % 5];
  const char* place = kPlaces[(n * 3) % 5];
  const char* field = kFields[(n * 7) % 5];
  std::string title = std::string(a) + " and " + b + " cooperate on " + field;
  std::vector<std::string> paras = {
      "On March " + std::to_string(1 + n % 27) + ", 2024, the " + a +
          " signed a memorandum of "
          "understanding with the " +
          b + " in " + place + " on research in " + field + ".",
      "Minister Tran Van " + std::string(n % 2 ? "Binh" : "Hoa") +
          " said the two sides would "
          "train " +
          std::to_string(10 + n) + " engineers and open a joint laboratory.",
      "The agreement covers joint projects, exchanges of researchers and shared equipment "
      "for " +
          std::string(field) + " over the next " + std::to_string(2 + n % 4) + " years.",
  };
  for (int i = 0; i < n % 4; ++i) {
    paras.push_back("Delegates from " + std::string(kPlaces[(n + i) % 5]) + " also visited the " +
                    kOrgs[(n + i + 1) % 5] + " to discuss cooperation.");
  }
  std::string out;
  if (html) {
    out = "<html><head><title>" + title +
          "</title></head><body><nav>Home | News</nav>"
          "<article><h1>" +
          title + "</h1>";
    for (const auto& p : paras) out += "<p>" + p + "</p>";
    out += "</article><footer>Copyright</footer></body></html>";
  } else {
    out = title + "\n\n";
    for (const auto& p : paras) out += p + "\n\n";
  }
  return out;
}

// Every row of every table, columns joined, minus the wall-clock columns.
std::vector<std::string> DumpRows(store::SqliteStore& s) {
  sqlite3* db = s.db().raw();
  std::vector<std::string> tables;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &q,
                     nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  }
  sqlite3_finalize(q);
  std::vector<std::string> rows;
  for (const std::string& t : tables) {
    if (t == "schema_migrations" || t.rfind("sqlite_", 0) == 0) continue;
    std::string sql = "SELECT * FROM \"" + t + "\"";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) continue;
    std::vector<std::string> table_rows;
    while (sqlite3_step(q) == SQLITE_ROW) {
      std::string row = t + ":";
      for (int c = 0; c < sqlite3_column_count(q); ++c) {
        std::string col = sqlite3_column_name(q, c);
        if (col == "ingested_at" || col == "created_at") continue;
        const unsigned char* v = sqlite3_column_text(q, c);
        row += "|" + (v ? std::string(reinterpret_cast<const char*>(v)) : std::string("NULL"));
      }
      table_rows.push_back(row);
    }
    sqlite3_finalize(q);
    rows.insert(rows.end(), table_rows.begin(), table_rows.end());
  }
  return rows;
}

class IngestFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_pipeline_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "pages");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> WritePages(int count) {
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) {
      bool html = i % 2 == 1;
      fs::path p = dir_ / "pages" / ("page" + std::to_string(1000 + i) + (html ? ".html" : ".txt"));
      std::ofstream(p) << MakePage(i, html);
      paths.push_back(p.string());
    }
    // A bad input in the middle: its error must sit at the same place in both runs.
    fs::path empty = dir_ / "pages" / "page1010_empty.txt";
    std::ofstream(empty).flush();
    paths.insert(paths.begin() + 10, empty.string());
    return paths;
  }

  fs::path dir_;
};

TEST_F(IngestFilesTest, TwoJobsStoreExactlyTheRowsOfOneJob) {
  auto pipeline = Pipeline::Create(PipelineOptions{});
  if (!pipeline.ok()) GTEST_SKIP() << "no lexicons: " << pipeline.status().message();
  std::vector<std::string> inputs = WritePages(40);

  std::vector<std::vector<std::string>> dumps;
  std::vector<IngestReport> reports;
  for (int jobs : {1, 2, 3}) {
    auto store = store::SqliteStore::Open((dir_ / ("kb" + std::to_string(jobs) + ".db")).string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    size_t last_done = 0;
    reports.push_back(
        IngestFiles(**pipeline, **store, inputs, jobs, [&](size_t done, size_t total) {
          EXPECT_EQ(done, last_done + 1);
          EXPECT_EQ(total, inputs.size());
          last_done = done;
        }));
    EXPECT_EQ(last_done, inputs.size());
    dumps.push_back(DumpRows(**store));
  }
  EXPECT_EQ(reports[0].inserted, 40);
  EXPECT_EQ(reports[0].failed, 1);
  ASSERT_FALSE(dumps[0].empty());
  for (size_t i = 1; i < dumps.size(); ++i) {
    EXPECT_EQ(reports[i].inserted, reports[0].inserted);
    EXPECT_EQ(reports[i].failed, reports[0].failed);
    EXPECT_EQ(reports[i].errors, reports[0].errors);
    ASSERT_EQ(dumps[i].size(), dumps[0].size());
    for (size_t r = 0; r < dumps[0].size(); ++r) EXPECT_EQ(dumps[i][r], dumps[0][r]) << "row " << r;
  }
}

TEST_F(IngestFilesTest, NoInputsIsAnEmptyReport) {
  auto pipeline = Pipeline::Create(PipelineOptions{});
  if (!pipeline.ok()) GTEST_SKIP() << "no lexicons: " << pipeline.status().message();
  auto store = store::SqliteStore::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(store.ok());
  IngestReport r = IngestFiles(**pipeline, **store, {}, 2);
  EXPECT_EQ(r.inserted + r.failed + r.replaced + r.unchanged, 0);
}

}  // namespace
}  // namespace ketnoi::pipeline
