#include "store/store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "store/backend_test.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_scratch.h"
#include "store/postgres/pg_sql.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::store {
namespace {

namespace fs = std::filesystem;

// A small document with one organization, one person and a meeting between them.
DocumentRecord MakeRecord(const std::string& source, const std::string& hash) {
  DocumentRecord r;
  r.id = fs::path(source).stem().string();
  r.source = source;
  r.content_hash = hash;
  r.format = "text";
  r.lang = core::Lang::kEn;
  r.title = "Minister meets the Centre";
  r.date = core::Date{2024, 3, 5};
  r.text = "Minister meets the Centre\nMinister An met the Centre in Hanoi.";
  r.paragraphs = {{26, 62}};
  r.analysis.lang = core::Lang::kEn;
  r.analysis.sentences = {{{0, 25}, -1}, {{26, 62}, 0}};
  extract::Mention person;
  person.kind = extract::EntityKind::kPerson;
  person.span = {35, 37};
  person.surface = "An";
  person.sentence = 1;
  person.roles = {{"Minister", {26, 34}}};
  extract::Mention org;
  org.kind = extract::EntityKind::kOrganization;
  org.span = {42, 52};
  org.surface = "the Centre";
  org.sentence = 1;
  r.analysis.mentions = {person, org};
  r.analysis.fields = {"semiconductors"};
  extract::Event ev;
  ev.type = extract::EventType::kMeeting;
  ev.participants = {0, 1};
  ev.sentence = 1;
  ev.evidence = {26, 62};
  ev.trigger = {38, 41};
  ev.date = core::Date{2024, 3, 4};
  r.analysis.events = {ev};
  r.resolved.entities = {{"per:an",
                          extract::EntityKind::kPerson,
                          extract::PlaceType::kNone,
                          "An",
                          "",
                          {0},
                          {"Minister"}},
                         {"org:the centre",
                          extract::EntityKind::kOrganization,
                          extract::PlaceType::kNone,
                          "the Centre",
                          "",
                          {1},
                          {}}};
  r.resolved.mention_entity = {0, 1};
  return r;
}

std::string TestName() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

// The suite every backend must pass: parameter "sqlite" or "postgres".
class StoreTest : public BackendTest {};

TEST_P(StoreTest, PutIsIdempotentOnContentAndReplacesBySource) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto first = (*store)->PutDocument(MakeRecord("news/a.txt", "h1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->id, "a");
  EXPECT_EQ(first->result, PutResult::kInserted);

  auto again = (*store)->PutDocument(MakeRecord("elsewhere/a-copy.txt", "h1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->result, PutResult::kUnchanged);
  EXPECT_EQ(again->id, "a");

  auto changed = (*store)->PutDocument(MakeRecord("news/a.txt", "h2"));
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->result, PutResult::kReplaced);
  EXPECT_EQ(changed->id, "a");

  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->mentions, 2);
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(stats->entities, 2);
  EXPECT_EQ(stats->by_language.at("en"), 1);
  EXPECT_EQ(stats->by_source.at("news"), 1);
  EXPECT_EQ(stats->entities_by_kind.at("person"), 1);
  EXPECT_EQ(stats->events_by_type.size(), 1u);
  EXPECT_EQ(stats->first_date.value(), "2024-03-05");
  auto found = (*store)->FindByHash("h2");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value_or(""), "a");
  auto gone = (*store)->FindByHash("h1");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST_P(StoreTest, SameStemFromAnotherSourceGetsAUniqueId) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutDocument(MakeRecord("x/report.txt", "h1")).ok());
  auto second = (*store)->PutDocument(MakeRecord("y/report.txt", "h2"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->id, "report-2");
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].id, "report");
  EXPECT_EQ((*docs)[1].id, "report-2");
}

TEST_P(StoreTest, ReopeningKeepsDataAndDoesNotReapplyMigrations) {
  int version = 0;
  {
    auto store = Store::Open(location_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    version = (*store)->SchemaVersion();
    ASSERT_TRUE((*store)->PutDocument(MakeRecord("a.txt", "h1")).ok());
  }
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_GE((*store)->SchemaVersion(), 1);
  EXPECT_EQ((*store)->SchemaVersion(), version);
  auto doc = (*store)->GetDocument("a");
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(doc->has_value());
  EXPECT_EQ((*doc)->body, "Minister An met the Centre in Hanoi.");
  EXPECT_EQ((*doc)->summary.date.value(), "2024-03-05");
  EXPECT_EQ((*doc)->content_hash, "h1");
  auto missing = (*store)->GetDocument("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StoreTest, NonAsciiTextRoundTripsByteForByte) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  DocumentRecord r = MakeRecord("vi/tin.txt", "h-vi");
  r.title = "Hợp tác khoa học 科技合作";
  r.text = r.title + "\nBộ trưởng gặp Viện.";
  r.paragraphs = {
      {static_cast<uint32_t>(r.title.size()) + 1, static_cast<uint32_t>(r.text.size())}};
  r.analysis = {};
  r.resolved = {};
  ASSERT_TRUE((*store)->PutDocument(r).ok());
  auto doc = (*store)->GetDocument("tin");
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(doc->has_value());
  EXPECT_EQ((*doc)->text, r.text);
  EXPECT_EQ((*doc)->summary.title, r.title);
  EXPECT_EQ((*doc)->body, "Bộ trưởng gặp Viện.");
}

TEST_P(StoreTest, KnownEntitiesComeBackPerDocumentInOrderOfStorage) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& st = **store;
  ASSERT_TRUE(st.PutDocument(MakeRecord("news/a.txt", "h-a")).ok());
  // b's "An" was split off by curation (`ketnoi split per:an An`): it comes back under the
  // id the resolver gave, per:an, which the store splits again on every new row.
  DocumentRecord b = MakeRecord("news/b.txt", "h-b");
  b.resolved.entities[0].id = "per:an~an";
  ASSERT_TRUE(st.PutDocument(b).ok());
  const std::string split =
      "INSERT INTO curation_splits (entity_id, surface, new_id, created_at) "
      "VALUES ('per:an', 'An', 'per:an~an', 'now')";
  if (auto* sqlite = dynamic_cast<SqliteStore*>(&st)) {
    ASSERT_TRUE(sqlite->db().Exec(split).ok());
  } else {
    ASSERT_TRUE(dynamic_cast<PostgresStore&>(st).db().Exec(split).ok());
  }
  // New content from a's source replaces it: stored again, so it comes last.
  DocumentRecord a2 = MakeRecord("news/a.txt", "h-a2");
  a2.analysis.mentions[0].surface = "Bình";
  a2.resolved.entities[0].id = "per:binh";
  ASSERT_TRUE(st.PutDocument(a2).ok());

  std::vector<std::string> got;
  ASSERT_TRUE(st.LoadKnownEntities([&](const std::vector<resolve::KnownMention>& document) {
                  std::string line;
                  for (const resolve::KnownMention& m : document) {
                    line +=
                        m.entity_id + "/" + extract::EntityKindName(m.kind) + "/" + m.surface + ";";
                  }
                  got.push_back(line);
                }).ok());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "per:an/person/An;org:the centre/organization/the Centre;",
                     "per:binh/person/Bình;org:the centre/organization/the Centre;"}));
}

TEST_P(StoreTest, KnownEntitiesOfAnEmptyStoreAreNone) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int documents = 0;
  ASSERT_TRUE(
      (*store)
          ->LoadKnownEntities([&](const std::vector<resolve::KnownMention>&) { ++documents; })
          .ok());
  EXPECT_EQ(documents, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// ---- SQLite only ---------------------------------------------------------------------

class SqliteOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_store_test_" + std::to_string(getpid()) + "_" + TestName());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "kb.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteOnlyTest, NotADatabaseIsAClearError) {
  {
    std::ofstream f(path_, std::ios::binary);
    f << "this is a text file, not a database\n";
  }
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("is not a ketnoi database"), std::string::npos)
      << store.status().message();
}

TEST_F(SqliteOnlyTest, DirectoryAsDatabaseIsRefused) {
  auto store = Store::Open(dir_.string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "database path " + dir_.string() + " is a directory");
}

TEST_F(SqliteOnlyTest, BatchCommitsTogetherAndAFailedDocumentRollsBackAlone) {
  auto reader = Store::Open(path_);  // opened first: opening migrates, which needs the lock
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->BeginBatch().ok());
  // A real failure half-way through a document: its document row is already written when
  // its second mention is refused. (Made inside the batch: starting one resets the
  // connection's temporary storage, which drops its temporary triggers.)
  ASSERT_TRUE((*store)
                  ->db()
                  .Exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON mentions "
                        "WHEN NEW.surface = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END")
                  .ok());
  DocumentRecord bad = MakeRecord("news/b.txt", "h2");
  bad.analysis.mentions[1].surface = "refused";

  ASSERT_TRUE((*store)->PutDocument(MakeRecord("news/a.txt", "h1")).ok());
  auto failed = (*store)->PutDocument(bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("refused"), std::string::npos)
      << failed.status().message();
  ASSERT_TRUE((*store)->PutDocument(MakeRecord("news/c.txt", "h3")).ok());
  auto before = (*reader)->GetStats();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->documents, 0);  // nothing is visible before the commit

  ASSERT_TRUE((*store)->CommitBatch().ok());
  auto after = (*reader)->GetStats();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->documents, 2);
  EXPECT_EQ(after->mentions, 4);
  EXPECT_EQ(after->events, 2);
  auto docs = (*reader)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].id, "a");
  EXPECT_EQ((*docs)[1].id, "c");
  auto gone = (*reader)->FindByHash("h2");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  // After the batch, each document is its own transaction again.
  ASSERT_TRUE((*store)->PutDocument(MakeRecord("news/d.txt", "h4")).ok());
  auto last = (*reader)->GetStats();
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->documents, 3);
}

// ---- PostgreSQL only -----------------------------------------------------------------

TEST(PostgresUrlTest, UnreachableServerIsAClearErrorWithoutThePassword) {
  // Port 1 on loopback: nothing listens there, so this needs no server at all.
  auto store = Store::Open("postgresql://someone:s3cret@127.0.0.1:1/kb?connect_timeout=2");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), core::StatusCode::kIoError);
  EXPECT_EQ(store.status().message().rfind("cannot connect to PostgreSQL: ", 0), 0u)
      << store.status().message();
  EXPECT_EQ(store.status().message().find("s3cret"), std::string::npos);
}

TEST(PostgresUrlTest, WithDatabaseReplacesOnlyTheName) {
  EXPECT_EQ(WithDatabase("postgresql://u@h:5/a?x=1", "b"), "postgresql://u@h:5/b?x=1");
  EXPECT_EQ(WithDatabase("postgresql://u@h:5", "b"), "postgresql://u@h:5/b");
}

class PostgresConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PgUrl() == nullptr) GTEST_SKIP() << "set KETNOI_TEST_PG_URL to run PostgreSQL tests";
    pg_ = std::make_unique<PgScratchDatabase>("ketnoi_c_" + std::to_string(getpid()) + "_" +
                                              std::to_string(++counter_));
    ASSERT_TRUE(pg_->error().empty()) << pg_->error();
    dir_ = fs::temp_directory_path() /
           ("ketnoi_pg_conc_" + std::to_string(getpid()) + "_" + std::to_string(counter_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    pg_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Runs `child(k)` in `n` forked processes at once; true when all exit 0.
  template <typename Fn>
  static bool RunProcesses(int n, Fn child) {
    std::vector<pid_t> pids;
    for (int k = 0; k < n; ++k) {
      pid_t pid = fork();
      if (pid == 0) _exit(child(k));
      pids.push_back(pid);
    }
    bool ok = true;
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return ok;
  }

  static inline int counter_ = 0;
  std::unique_ptr<PgScratchDatabase> pg_;
  fs::path dir_;
};

TEST_F(PostgresConcurrencyTest, TwoWritersWithOverlappingDocumentsStoreEachOnce) {
  // Writer k puts documents [10k, 10k+30): 40 distinct sources, 20 written by both; every
  // document also shares its stem with one other source, so ids race for "-2" suffixes.
  constexpr int kWriters = 2;
  const std::string url = pg_->url();
  {
    auto store = Store::Open(url);  // migrate first, so children race only on documents
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  bool ok = RunProcesses(kWriters, [&](int k) {
    auto store = Store::Open(url);
    if (!store.ok()) return 3;
    for (int i = 10 * k; i < 10 * k + 30; ++i) {
      std::string stem = "page" + std::to_string(i / 2);
      DocumentRecord r = MakeRecord("dir" + std::to_string(i % 2) + "/" + stem + ".txt",
                                    "hash" + std::to_string(i));
      r.resolved.entities[1].id = "org:centre " + std::to_string(i % 7);
      auto put = (*store)->PutDocument(r);
      if (!put.ok()) {
        std::fprintf(stderr, "writer %d: %s\n", k, put.status().ToString().c_str());
        return 1;
      }
    }
    return 0;
  });
  ASSERT_TRUE(ok);
  auto store = Store::Open(url);
  ASSERT_TRUE(store.ok());
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 40);
  EXPECT_EQ(stats->mentions, 80);
  EXPECT_EQ(stats->events, 40);
  EXPECT_EQ(stats->entities, 1 + 7);
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  std::set<std::string> ids;
  for (const auto& d : *docs) ids.insert(d.id);
  EXPECT_EQ(ids.size(), 40u);
  for (int s = 0; s < 20; ++s) {
    EXPECT_TRUE(ids.count("page" + std::to_string(s))) << s;
    EXPECT_TRUE(ids.count("page" + std::to_string(s) + "-2")) << s;
  }
}

TEST_F(PostgresConcurrencyTest, ProcessesOpeningAnEmptyDatabaseAtOnceMigrateOnce) {
  const std::string url = pg_->url();
  ASSERT_TRUE(RunProcesses(4, [&](int) {
    auto store = Store::Open(url);
    if (!store.ok()) std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return store.ok() ? 0 : 1;
  }));
  auto db = PgConn::Open(url);
  ASSERT_TRUE(db.ok());
  auto rows = (*db)->Query("SELECT count(*), count(DISTINCT version) FROM schema_migrations");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), rows->Int(0, 1));
  EXPECT_GE(rows->Int(0, 0), 1);
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

TEST_F(PostgresConcurrencyTest, TwoIngestProcessesWithOverlappingPagesStoreEachOnce) {
  fs::path cli = fs::path(KETNOI_BINARY_DIR) / "ketnoi";
  if (!fs::exists(cli)) GTEST_SKIP() << "build the ketnoi binary to run this test: " << cli;
  // Process A ingests pages 0..7, B pages 4..11 (the same files, so the same sources).
  fs::path pages = dir_ / "pages";
  const char* kCountries[] = {"Vietnam", "Japan", "Korea", "France", "Germany", "India"};
  for (int i = 0; i < 12; ++i) {
    fs::create_directories(pages / std::to_string(i / 4));
    std::ofstream(pages / std::to_string(i / 4) / ("note" + std::to_string(i) + ".txt"))
        << "Research cooperation note " << i << "\n\nOn 3 March 2024 the Ministry of Science "
        << "and Technology of " << kCountries[i % 6] << " signed a cooperation agreement on "
        << "artificial intelligence with the National University of Singapore (item " << i
        << ").\n";
  }
  std::vector<std::vector<std::string>> sets(2);
  for (int i = 0; i < 12; ++i) {
    std::string p = (pages / std::to_string(i / 4) / ("note" + std::to_string(i) + ".txt"));
    if (i < 8) sets[0].push_back(p);
    if (i >= 4) sets[1].push_back(p);
  }
  const std::string url = pg_->url();
  bool ok = RunProcesses(2, [&](int k) {
    std::vector<std::string> args = {cli.string(), "--db", url, "ingest", "--jobs", "2"};
    args.insert(args.end(), sets[k].begin(), sets[k].end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string out = (dir_ / ("ingest" + std::to_string(k) + ".log")).string();
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(out.c_str(), "a", stderr)) {
      return 4;
    }
    execv(argv[0], argv.data());
    return 5;
  });
  EXPECT_TRUE(ok) << Slurp(dir_ / "ingest0.log") << Slurp(dir_ / "ingest1.log");
  auto store = Store::Open(url);
  ASSERT_TRUE(store.ok());
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  std::set<std::string> ids;
  for (const auto& d : *docs) ids.insert(d.id);
  ASSERT_EQ(docs->size(), 12u);
  for (int i = 0; i < 12; ++i) EXPECT_TRUE(ids.count("note" + std::to_string(i))) << i;
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 12);
}

// The query side's SQL is written once with SQLite placeholders (store/sql.h).
TEST(PgPlaceholders, NumberedAndBareBecomeDollarsOutsideQuotes) {
  EXPECT_EQ(PgPlaceholders("SELECT ?1, ?2 WHERE a = ?1"), "SELECT $1, $2 WHERE a = $1");
  EXPECT_EQ(PgPlaceholders("INSERT INTO t VALUES (?, ?, ?)"), "INSERT INTO t VALUES ($1, $2, $3)");
  EXPECT_EQ(PgPlaceholders("SELECT '?', \"a?\" FROM t WHERE x LIKE '%' || ?1 || '%'"),
            "SELECT '?', \"a?\" FROM t WHERE x LIKE '%' || $1 || '%'");
  EXPECT_EQ(PgPlaceholders("SELECT 'it''s ?' || ?"), "SELECT 'it''s ?' || $1");
}

}  // namespace
}  // namespace ketnoi::store
