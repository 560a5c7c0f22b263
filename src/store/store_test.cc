#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace ketnoi::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_store_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "kb.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A small document with one organization, one person and a meeting between them.
  static DocumentRecord MakeRecord(const std::string& source, const std::string& hash) {
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
    r.resolved.entities = {
        {"per:an", extract::EntityKind::kPerson, extract::PlaceType::kNone, "An", "", {0}, {"Minister"}},
        {"org:the centre", extract::EntityKind::kOrganization, extract::PlaceType::kNone,
         "the Centre", "", {1}, {}}};
    r.resolved.mention_entity = {0, 1};
    return r;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(StoreTest, PutIsIdempotentOnContentAndReplacesBySource) {
  auto store = Store::Open(path_);
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
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->result, PutResult::kReplaced);
  EXPECT_EQ(changed->id, "a");

  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->mentions, 2);
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(stats->entities, 2);
  EXPECT_EQ(stats->by_language.at("en"), 1);
  EXPECT_EQ(stats->by_source.at("news"), 1);
  EXPECT_EQ(stats->first_date.value(), "2024-03-05");
}

TEST_F(StoreTest, SameStemFromAnotherSourceGetsAUniqueId) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
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

TEST_F(StoreTest, ReopeningKeepsDataAndDoesNotReapplyMigrations) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutDocument(MakeRecord("a.txt", "h1")).ok());
  }
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_GE((*store)->SchemaVersion(), 1);
  auto doc = (*store)->GetDocument("a");
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(doc->has_value());
  EXPECT_EQ((*doc)->body, "Minister An met the Centre in Hanoi.");
  EXPECT_EQ((*doc)->summary.date.value(), "2024-03-05");
}

TEST_F(StoreTest, NotADatabaseIsAClearError) {
  {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    std::fputs("this is a text file, not a database\n", f);
    std::fclose(f);
  }
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("is not a ketnoi database"), std::string::npos)
      << store.status().message();
}

TEST_F(StoreTest, DirectoryAsDatabaseIsRefused) {
  auto store = Store::Open(dir_.string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "database path " + dir_.string() + " is a directory");
}

}  // namespace
}  // namespace ketnoi::store
