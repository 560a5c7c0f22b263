// The query side answers alike on both backends: the examples corpus (examples/, our own
// pages) is ingested into SQLite and into PostgreSQL, and every query command's answer
// (search, entity, events, timeline, graph, match) is compared as the JSON the CLI prints.
// Needs KETNOI_TEST_PG_URL (tools/pg-test-cluster.sh); skipped without it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "pipeline/pipeline.h"
#include "search/json.h"
#include "search/search.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_scratch.h"
#include "store/store.h"

namespace ketnoi::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> ExamplePages() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(KETNOI_SOURCE_DIR) / "examples")) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".html" || ext == ".txt")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T>
json Answer(const core::Result<T>& r) {
  if (!r.ok()) return {{"error", r.status().ToString()}};
  return ToJson(*r);
}

json Answer(const core::Result<std::vector<SearchHit>>& r) {
  if (!r.ok()) return {{"error", r.status().ToString()}};
  json out = json::array();
  for (const SearchHit& h : *r) out.push_back(ToJson(h));
  return out;
}

json Answer(const core::Result<std::vector<EventRow>>& r) {
  if (!r.ok()) return {{"error", r.status().ToString()}};
  json out = json::array();
  for (const EventRow& e : *r) out.push_back(ToJson(e));
  return out;
}

json Answer(const core::Result<Graph>& r) {
  if (!r.ok()) return {{"error", r.status().ToString()}};
  return json::parse(GraphToJson(*r));
}

class PostgresParityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (store::PgUrl() == nullptr) {
      GTEST_SKIP() << "set KETNOI_TEST_PG_URL (tools/pg-test-cluster.sh prints one) to compare "
                      "the query answers of PostgreSQL and SQLite";
    }
    dir_ = fs::temp_directory_path() / ("ketnoi_parity_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    pg_ = std::make_unique<store::PgScratchDatabase>("ketnoi_parity_" + std::to_string(getpid()));
    ASSERT_TRUE(pg_->error().empty()) << pg_->error();
    auto pipe = pipeline::Pipeline::Create({});
    ASSERT_TRUE(pipe.ok()) << pipe.status().ToString();
    pipeline_ = std::move(pipe).value();
    const std::vector<std::string> pages = ExamplePages();
    ASSERT_GE(pages.size(), 10u);
    for (const std::string& location : {(dir_ / "kb.db").string(), pg_->url()}) {
      auto st = store::Store::Open(location);
      ASSERT_TRUE(st.ok()) << st.status().ToString();
      pipeline::IngestReport report = pipeline::IngestFiles(*pipeline_, **st, pages, 1);
      ASSERT_EQ(report.inserted, static_cast<int>(pages.size()));
      auto kb = KnowledgeBase::OpenExisting(location);
      ASSERT_TRUE(kb.ok()) << kb.status().ToString();
      ASSERT_TRUE((*kb)->UpdateIndex().ok());  // as `ketnoi ingest` does when it is done
      kbs_.push_back(std::move(kb).value());
    }
  }
  void TearDown() override {
    kbs_.clear();
    pg_.reset();
    fs::remove_all(dir_);
  }

  // The same question to both: `ask(kb)` gives the answer as JSON.
  template <typename Fn>
  json Both(const std::string& what, Fn&& ask) {
    json sqlite = ask(*kbs_[0]);
    json pg = ask(*kbs_[1]);
    EXPECT_EQ(sqlite.dump(1), pg.dump(1)) << what;
    ++compared_;
    if (sqlite.is_object() && sqlite.contains("error")) ++errors_;
    bool empty = sqlite.empty() || (sqlite.contains("results") && sqlite["results"].empty());
    if (!empty) ++non_empty_;
    return sqlite;
  }

  fs::path dir_;
  std::unique_ptr<store::PgScratchDatabase> pg_;
  std::unique_ptr<pipeline::Pipeline> pipeline_;
  std::vector<std::unique_ptr<KnowledgeBase>> kbs_;  // SQLite, PostgreSQL
  int compared_ = 0, errors_ = 0, non_empty_ = 0;
};

TEST_F(PostgresParityTest, EveryQueryCommandAnswersAlike) {
  // The graph of everything: its nodes are the entities asked about below.
  json graph = Both("graph", [](KnowledgeBase& kb) { return Answer(kb.CooperationGraph({})); });
  ASSERT_GE(graph["nodes"].size(), 5u);
  ASSERT_GE(graph["edges"].size(), 3u);
  json all_events = Both("events", [](KnowledgeBase& kb) { return Answer(kb.Events({})); });
  ASSERT_GE(all_events.size(), 10u);

  std::set<std::string> types, fields, dates;
  for (const json& e : all_events) {
    types.insert(e["type"].get<std::string>());
    for (const json& f : e["fields"]) fields.insert(f.get<std::string>());
  }
  for (const std::string& t : types) {
    EventFilter f;
    f.type = t;
    Both("events --type " + t, [&](KnowledgeBase& kb) { return Answer(kb.Events(f)); });
  }
  for (const std::string& field : fields) {
    EventFilter f;
    f.field = field;
    f.from = "2023";
    Both("events --field " + field, [&](KnowledgeBase& kb) { return Answer(kb.Events(f)); });
    Both("graph --field " + field,
         [&](KnowledgeBase& kb) { return Answer(kb.CooperationGraph(f)); });
    MatchQuery m{field, "", field, 5};
    Both("match --field " + field,
         [&](KnowledgeBase& kb) { return Answer(kb.Match(m, pipeline_->lexicons())); });
  }

  std::vector<std::string> names;
  for (const json& n : graph["nodes"]) {
    const std::string id = n["id"], name = n["name"];
    names.push_back(name);
    Both("entity " + id, [&](KnowledgeBase& kb) { return Answer(kb.Profile(id)); });
    Both("entity " + name, [&](KnowledgeBase& kb) { return Answer(kb.Profile(name)); });
    EventFilter timeline;
    timeline.participants = {id};
    Both("timeline " + id, [&](KnowledgeBase& kb) { return Answer(kb.Events(timeline)); });
    Both("search " + name, [&](KnowledgeBase& kb) { return Answer(kb.Search({name})); });
    if (n["kind"] == "place") {
      EventFilter countries;
      countries.countries = {name};
      Both("events --countries " + name,
           [&](KnowledgeBase& kb) { return Answer(kb.Events(countries)); });
      MatchQuery m{"hợp tác đào tạo nghiên cứu", name, "", 5};
      Both("match --country " + name,
           [&](KnowledgeBase& kb) { return Answer(kb.Match(m, pipeline_->lexicons())); });
    }
  }

  // Words in the three languages, phrases, filters, parts of names, a miss.
  const std::vector<std::string> queries = {
      "chip",      "thiết kế chip", "\"thiet ke\"", "hydro xanh", "green hydrogen",
      "氢能",      "人工智能",      "合作 论坛",    "Việt Nam",   "hợp tác",
      "agreement", "rice",          "AI",           "Berlin",     "university",
      "trung tâm", "2024",          "nghien cuu",   "研发",       "no-such-word-zz"};
  for (const std::string& text : queries) {
    Both("search " + text, [&](KnowledgeBase& kb) { return Answer(kb.Search({text})); });
    SearchQuery q{text};
    q.lang = "vi";
    q.from = "2022";
    q.limit = 3;
    Both("search --lang vi --from 2022 " + text,
         [&](KnowledgeBase& kb) { return Answer(kb.Search(q)); });
    MatchQuery m{text, "", "", 10};
    Both("match " + text,
         [&](KnowledgeBase& kb) { return Answer(kb.Match(m, pipeline_->lexicons())); });
  }
  for (const char* need : {"đào tạo thiết kế chip", "green hydrogen pilot plant",
                           "人工智能 合作 研究", "rice breeding partner", "vệ tinh vũ trụ"}) {
    MatchQuery m{need, "Vietnam", "", 10};
    Both("match --country Vietnam " + std::string(need),
         [&](KnowledgeBase& kb) { return Answer(kb.Match(m, pipeline_->lexicons())); });
  }
  // Not vacuous: hundreds of answers, no error on either side, most of them not empty.
  EXPECT_GE(compared_, 300);
  EXPECT_EQ(errors_, 0);
  EXPECT_GE(non_empty_, compared_ * 3 / 4);
}

// The PostgreSQL index holds the search stage's own keys: folded words at their positions in
// the tsvector (phrases with <->), Chinese characters one by one plus segmented words, and
// folded names under the trigram index.
TEST_F(PostgresParityTest, FoldedKeysAreInTheTsvectorAndTrigramIndexes) {
  auto db = store::PgConn::Open(pg_->url());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto count = [&](const std::string& sql, const std::string& param) -> int64_t {
    auto r = (*db)->Query(sql, {param});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->Rows() == 1 ? r->Int(0, 0) : -1;
  };
  const std::string docs = "SELECT count(*) FROM search_documents WHERE tsv @@ $1::tsquery";
  EXPECT_EQ(count(docs, "'thiet' <-> 'ke' <-> 'chip'"), 2);  // "thiết kế chip", folded
  EXPECT_EQ(count(docs, "'ke' <-> 'thiet'"), 0);             // order matters in a phrase
  EXPECT_EQ(count(docs, "'氢' <-> '能'"), 2);                // per character...
  EXPECT_EQ(count(docs, "'氢能'"), 2);                       // ...and the segmented word
  auto near = (*db)->Query(
      "SELECT DISTINCT entity_id FROM search_aliases WHERE key % $1 ORDER BY entity_id",
      {"vien cong nghe tien tien samsun"});
  ASSERT_TRUE(near.ok()) << near.status().ToString();
  ASSERT_GE(near->Rows(), 1);
  EXPECT_EQ(near->Text(0, 0).rfind("org:", 0), 0u) << near->Text(0, 0);
}

}  // namespace
}  // namespace ketnoi::search
