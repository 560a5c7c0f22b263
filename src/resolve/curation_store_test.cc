// Curation stored in the database survives re-ingesting a document (migration 3 triggers).
#include <gtest/gtest.h>

#include <filesystem>

#include "resolve/curation.h"
#include "resolve/han_viet.h"
#include "resolve/resolve.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::resolve {
namespace {

namespace fs = std::filesystem;
using extract::EntityKind;

class CurationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_curation_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A page naming two companies, a person by full and by given name, and a meeting.
  store::DocumentRecord Record(const std::string& hash, const std::string& stem = "page",
                               const Resolver* resolver = nullptr) {
    store::DocumentRecord r;
    r.id = stem;
    r.source = "news/" + stem + ".txt";
    r.content_hash = hash;
    r.format = "text";
    r.lang = core::Lang::kVi;
    r.title = "t";
    r.text = "x";
    auto m = [](EntityKind kind, const char* surface) {
      extract::Mention mention;
      mention.kind = kind;
      mention.surface = surface;
      return mention;
    };
    r.analysis.mentions = {m(EntityKind::kOrganization, "Công ty Beta"),
                           m(EntityKind::kOrganization, "Beta Holdings"),
                           m(EntityKind::kPerson, "Trần Văn Bình"), m(EntityKind::kPerson, "Bình"),
                           m(EntityKind::kOrganization, "Gamma Labs")};
    extract::Event ev;
    ev.type = extract::EventType::kMeeting;
    ev.participants = {1, 3};
    r.analysis.events = {ev};
    r.resolved = (resolver ? *resolver : resolver_).Resolve(r.text, r.analysis);
    return r;
  }

  std::string EntityOf(store::SqliteDb& db, int mention_idx, const std::string& doc = "page") {
    auto q = db.Prepare("SELECT entity_id FROM mentions WHERE doc_id = ? AND idx = ?");
    EXPECT_TRUE(q.ok());
    q->Bind(1, doc).Bind(2, int64_t{mention_idx});
    auto row = q->Step();
    return row.ok() && *row ? q->Text(0) : "";
  }

  std::string Scalar(store::SqliteDb& db, const std::string& sql) {
    auto q = db.Prepare(sql);
    EXPECT_TRUE(q.ok());
    auto row = q->Step();
    return row.ok() && *row ? q->Text(0) : "";
  }

  fs::path dir_;
  extract::Lexicons lex_;
  HanVietTable readings_;
  Resolver resolver_{lex_, readings_};
};

TEST_F(CurationStoreTest, MergeSplitAliasRenameAreReplayedOnReingest) {
  auto opened = store::SqliteStore::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::SqliteStore& st = **opened;
  ASSERT_GE(st.SchemaVersion(), 3);
  ASSERT_TRUE(st.PutDocument(Record("h1")).ok());
  store::SqliteDb& db = st.db();
  const std::string beta = EntityOf(db, 0), holdings = EntityOf(db, 1), binh = EntityOf(db, 2);
  ASSERT_NE(beta, holdings);
  ASSERT_EQ(EntityOf(db, 3), binh);

  // What `ketnoi merge / split / alias add / rename` store.
  const std::string split_id = Curation::SplitId(binh, "Bình");
  ASSERT_TRUE(
      db.Exec("INSERT INTO entities (id, kind, name) VALUES ('" + split_id + "', 'person', 'Bình')")
          .ok());
  ASSERT_TRUE(
      db.Exec("INSERT INTO curation_merges VALUES ('" + holdings + "', '" + beta + "', 'now')")
          .ok());
  ASSERT_TRUE(db.Exec("INSERT INTO curation_splits VALUES ('" + binh + "', 'Bình', '" + split_id +
                      "', 'now')")
                  .ok());
  ASSERT_TRUE(
      db.Exec("INSERT INTO curation_renames VALUES ('" + beta + "', 'Beta Group', 'now')").ok());
  ASSERT_TRUE(db.Exec("UPDATE entities SET name = 'Beta Group' WHERE id = '" + beta + "'").ok());
  ASSERT_TRUE(
      db.Exec("INSERT INTO entity_aliases VALUES ('" + beta + "', 'Gamma Labs', 'now')").ok());

  // Re-ingest: new content from the same source replaces the document.
  auto again = st.PutDocument(Record("h2"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->result, store::PutResult::kReplaced);
  EXPECT_EQ(EntityOf(db, 0), beta);
  EXPECT_EQ(EntityOf(db, 1), beta);  // merged
  EXPECT_EQ(EntityOf(db, 2), binh);
  EXPECT_EQ(EntityOf(db, 3), split_id);  // split by surface
  EXPECT_EQ(EntityOf(db, 4), beta);      // curated alias
  EXPECT_EQ(Scalar(db, "SELECT name FROM entities WHERE id = '" + beta + "'"), "Beta Group");
  // The meeting's participants follow their mentions.
  EXPECT_EQ(Scalar(db,
                   "SELECT group_concat(entity_id, ',') FROM (SELECT entity_id FROM "
                   "event_participants WHERE doc_id = 'page' ORDER BY mention_idx)"),
            beta + "," + split_id);
}

TEST_F(CurationStoreTest, CurationWinsOverARecalledMemory) {
  auto opened = store::SqliteStore::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::SqliteStore& st = **opened;
  ASSERT_TRUE(st.PutDocument(Record("h1")).ok());
  store::SqliteDb& db = st.db();
  const std::string beta = EntityOf(db, 0), holdings = EntityOf(db, 1), binh = EntityOf(db, 2);
  const std::string split_id = Curation::SplitId(binh, "Bình");
  // What `ketnoi split` and `ketnoi merge` do: record the curation and move the mentions.
  ASSERT_TRUE(
      db.Exec("INSERT INTO entities (id, kind, name) VALUES ('" + split_id + "', 'person', 'Bình')")
          .ok());
  ASSERT_TRUE(db.Exec("INSERT INTO curation_splits VALUES ('" + binh + "', 'Bình', '" + split_id +
                      "', 'now')")
                  .ok());
  ASSERT_TRUE(
      db.Exec("INSERT INTO curation_merges VALUES ('" + holdings + "', '" + beta + "', 'now')")
          .ok());
  ASSERT_TRUE(db.Exec("UPDATE mentions SET entity_id = '" + split_id +
                      "' WHERE surface = 'Bình'; UPDATE mentions SET entity_id = '" + beta +
                      "' WHERE entity_id = '" + holdings + "'")
                  .ok());

  // A new process recalls the store, then ingests another page naming the same things.
  Resolver recalled(lex_, readings_);
  ASSERT_TRUE(st.LoadKnownEntities([&](const std::vector<KnownMention>& document) {
                  recalled.Recall(document);
                }).ok());
  ASSERT_TRUE(st.PutDocument(Record("h2", "other", &recalled)).ok());
  EXPECT_EQ(EntityOf(db, 0, "other"), beta);
  EXPECT_EQ(EntityOf(db, 1, "other"), beta);      // merged
  EXPECT_EQ(EntityOf(db, 2, "other"), binh);      // the full name stays
  EXPECT_EQ(EntityOf(db, 3, "other"), split_id);  // split by surface
}

TEST_F(CurationStoreTest, ASplitOffNameIsRecalledUnderTheEntityItLeft) {
  auto opened = store::SqliteStore::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::SqliteStore& st = **opened;
  auto record = [&](const std::string& stem, std::vector<extract::Mention> mentions,
                    const Resolver& resolver) {
    store::DocumentRecord r = Record("h-" + stem, stem);
    r.analysis.mentions = std::move(mentions);
    r.analysis.events.clear();
    r.resolved = resolver.Resolve(r.text, r.analysis);
    return r;
  };
  auto org = [](const char* surface, int antecedent, const char* acronym) {
    extract::Mention m;
    m.kind = EntityKind::kOrganization;
    m.surface = surface;
    m.antecedent = antecedent;
    m.acronym = acronym;
    return m;
  };
  // One centre by three names; then `ketnoi split` moves "Alpha Centre" off it.
  ASSERT_TRUE(st.PutDocument(record("first",
                                    {org("Trung tâm Alpha", -1, "ACX"), org("ACX", 0, ""),
                                     org("Alpha Centre", 0, "")},
                                    resolver_))
                  .ok());
  store::SqliteDb& db = st.db();
  const std::string centre = EntityOf(db, 0, "first");
  ASSERT_EQ(EntityOf(db, 2, "first"), centre);
  const std::string split_id = Curation::SplitId(centre, "Alpha Centre");
  ASSERT_TRUE(db.Exec("INSERT INTO entities (id, kind, name) VALUES ('" + split_id +
                      "', 'organization', 'Alpha Centre'); INSERT INTO curation_splits VALUES ('" +
                      centre + "', 'Alpha Centre', '" + split_id +
                      "', 'now'); UPDATE mentions SET entity_id = '" + split_id +
                      "' WHERE surface = 'Alpha Centre'")
                  .ok());

  // A new process recalls the store; a page names the centre by the split-off name and
  // its acronym: only the mention written "Alpha Centre" leaves the centre.
  Resolver recalled(lex_, readings_);
  ASSERT_TRUE(st.LoadKnownEntities([&](const std::vector<KnownMention>& document) {
                  recalled.Recall(document);
                }).ok());
  ASSERT_TRUE(st.PutDocument(
                    record("second", {org("Alpha Centre", -1, "ACX"), org("ACX", 0, "")}, recalled))
                  .ok());
  EXPECT_EQ(EntityOf(db, 0, "second"), split_id);
  EXPECT_EQ(EntityOf(db, 1, "second"), centre);
}

}  // namespace
}  // namespace ketnoi::resolve
