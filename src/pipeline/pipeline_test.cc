#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
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
        if (col == "ingested_at" || col == "created_at" || col == "written") continue;
        const unsigned char* v = sqlite3_column_text(q, c);
        row += "|" + (v ? std::string(reinterpret_cast<const char*>(v)) : std::string("NULL"));
      }
      table_rows.push_back(row);
    }
    sqlite3_finalize(q);
    // Sorted: the per-entity lists lie in the order their rows were written within a month
    // (entity_stats.h), and batches end at different documents from run to run.
    std::sort(table_rows.begin(), table_rows.end());
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

// Each mention's entity, keyed by what does not depend on id allocation (the document's
// content hash and the mention's index), then the number of entity rows.
std::vector<std::string> MentionEntities(store::SqliteStore& s) {
  sqlite3* db = s.db().raw();
  std::vector<std::string> out;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT d.content_hash || '#' || m.idx || ' ' || m.entity_id FROM mentions m "
                     "JOIN documents d ON d.id = m.doc_id ORDER BY d.content_hash, m.idx",
                     -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  }
  sqlite3_finalize(q);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM entities", -1, &q, nullptr);
  if (sqlite3_step(q) == SQLITE_ROW)
    out.push_back("entities " + std::to_string(sqlite3_column_int(q, 0)));
  sqlite3_finalize(q);
  return out;
}

// The bundled examples: pages in three languages naming the same organizations and persons
// in different ways (an acronym alone, a Chinese transcription), so links need the memory.
std::vector<std::string> ExamplePages() {
  std::vector<std::string> paths;
  fs::path dir = fs::path(KETNOI_SOURCE_DIR) / "examples";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".txt" || ext == ".html"))
      paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST_F(IngestFilesTest, IngestingInTwoProcessesEqualsOneRun) {
  std::vector<std::string> inputs = ExamplePages();
  if (inputs.size() < 4) GTEST_SKIP() << "no examples/";
  // Each ingest job runs on a Pipeline of its own, as a new process would.
  auto pipeline = [] { return Pipeline::Create(PipelineOptions{}); };
  auto whole = pipeline();
  if (!whole.ok()) GTEST_SKIP() << "no lexicons: " << whole.status().message();
  auto one_db = store::SqliteStore::Open((dir_ / "one.db").string());
  ASSERT_TRUE(one_db.ok());
  EXPECT_EQ(IngestFiles(**whole, **one_db, inputs, 2).inserted, static_cast<int>(inputs.size()));
  const std::vector<std::string> one_run = MentionEntities(**one_db);

  // Pages in an order where bare acronyms and transcriptions come before their full names
  // too, cut at several points: the first run stores A, a new one adds B.
  std::vector<std::string> reversed(inputs.rbegin(), inputs.rend());
  for (const std::vector<std::string>* order : {&inputs, &reversed}) {
    auto order_db = store::SqliteStore::Open(
        (dir_ / ("order" + std::to_string(order == &inputs) + ".db")).string());
    ASSERT_TRUE(order_db.ok());
    auto p0 = pipeline();
    ASSERT_TRUE(p0.ok());
    IngestFiles(**p0, **order_db, *order, 1);
    const std::vector<std::string> in_order = MentionEntities(**order_db);
    for (size_t cut : {size_t{1}, order->size() / 3, order->size() / 2, order->size() - 2}) {
      SCOPED_TRACE("cut after " + std::to_string(cut) + (order == &inputs ? "" : " (reversed)"));
      fs::path path = dir_ / ("two_" + std::to_string(cut) + ".db");
      fs::remove(path);
      for (size_t part = 0; part < 2; ++part) {
        auto p = pipeline();
        ASSERT_TRUE(p.ok());
        auto db = store::SqliteStore::Open(path.string());
        ASSERT_TRUE(db.ok());
        std::vector<std::string> half(order->begin() + (part ? cut : 0),
                                      part ? order->end() : order->begin() + cut);
        IngestReport r = IngestFiles(**p, **db, half, 2);
        EXPECT_EQ(r.inserted, static_cast<int>(half.size()));
      }
      auto db = store::SqliteStore::Open(path.string());
      ASSERT_TRUE(db.ok());
      EXPECT_EQ(MentionEntities(**db), in_order);
    }
    if (order == &inputs) {
      EXPECT_EQ(in_order, one_run);  // two jobs resolve as one does
    }
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
