// Curation made through the store wins over a resolver whose memory was recalled from the
// store (Resolver::Recall after Store::LoadKnownEntities), as in a new ingest process.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "resolve/curation.h"
#include "resolve/han_viet.h"
#include "resolve/resolve.h"
#include "store/curation_test_page.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::resolve {
namespace {

namespace fs = std::filesystem;
using extract::EntityKind;

class CurationRecallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_curation_recall_test_" + std::to_string(::getpid()) + "_" +
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
    r.analysis.mentions = store::curation_test::CurationPageMentions();
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

  fs::path dir_;
  extract::Lexicons lex_;
  HanVietTable readings_;
  Resolver resolver_{lex_, readings_};
};

TEST_F(CurationRecallTest, CurationWinsOverARecalledMemory) {
  auto opened = store::SqliteStore::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::SqliteStore& st = **opened;
  ASSERT_TRUE(st.PutDocument(Record("h1")).ok());
  store::SqliteDb& db = st.db();
  const std::string beta = EntityOf(db, 0), holdings = EntityOf(db, 1), binh = EntityOf(db, 2);
  // What `ketnoi split` and `ketnoi merge` do.
  auto split = st.Split(binh, {"Bình"}, "test");
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  const std::string split_id = split->entity_id;
  ASSERT_TRUE(st.Merge(holdings, beta, "test").ok());

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

TEST_F(CurationRecallTest, ASplitOffNameIsRecalledUnderTheEntityItLeft) {
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
  auto split = st.Split(centre, {"Alpha Centre"}, "test");
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  const std::string split_id = split->entity_id;

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
