// The resolver index (store/resolver_index.h) on both backends: a new document loads only
// what its own keys reach and resolves exactly as after a full Recall of the store; the
// index stays equal to one rebuilt from the stored mentions through replace and curation.
#include "store/resolver_index.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "resolve/han_viet.h"
#include "resolve/resolve.h"
#include "store/backend_test.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace ketnoi::store {
namespace {

using extract::EntityKind;

class ResolverIndexStoreTest : public BackendTest {
 protected:
  ResolverIndexStoreTest() {
    lex_.organizations.push_back({"gamma", "Gamma Institute", core::Lang::kVi, "Viện Gamma"});
    for (auto [concept_id, word] : {std::pair{"centre", "Trung tâm"},
                                    {"centre", "Centre"},
                                    {"innovation", "Đổi mới"},
                                    {"innovation", "Innovation"}}) {
      lex_.name_words.push_back({concept_id, core::Lang::kUnknown, word});
    }
    readings_.Add("爐", {"lo"});
    readings_.Add("文", {"van"});
    readings_.Add("江", {"giang"});
  }

  static extract::Mention M(EntityKind kind, const char* surface, const char* acronym = "") {
    extract::Mention m;
    m.kind = kind;
    m.surface = surface;
    m.acronym = acronym;
    return m;
  }

  DocumentRecord Record(const std::string& stem, const std::string& hash,
                        std::vector<extract::Mention> mentions, const resolve::Resolver& r) {
    DocumentRecord rec;
    rec.id = stem;
    rec.source = "news/" + stem + ".txt";
    rec.content_hash = hash;
    rec.format = "text";
    rec.lang = core::Lang::kVi;
    rec.title = stem;
    rec.text = stem + " " + hash;
    rec.analysis.mentions = std::move(mentions);
    rec.resolved = r.Resolve(rec.text, rec.analysis);
    return rec;
  }

  // The first stored page: one entity for each kind of key the new page matches by.
  std::vector<extract::Mention> StoredPage() {
    return {M(EntityKind::kOrganization, "Delta Research Institute", "DRI"),
            M(EntityKind::kOrganization, "DRI"),
            M(EntityKind::kPerson, "Maria Fernandez"),
            M(EntityKind::kPerson, "Lò Văn Giàng"),
            M(EntityKind::kOrganization, "Viện Gamma"),
            M(EntityKind::kOrganization, "Trung tâm Đổi mới Omega")};
  }
  // The new page names them otherwise: acronym alone, word order, a Chinese transcription,
  // the lexicon's English name, name words in English, the full name in capitals.
  std::vector<extract::Mention> NewPage() {
    return {M(EntityKind::kOrganization, "DRI"),
            M(EntityKind::kPerson, "Fernandez Maria"),
            M(EntityKind::kPerson, "爐文江"),
            M(EntityKind::kOrganization, "Gamma Institute"),
            M(EntityKind::kOrganization, "Omega Innovation Centre"),
            M(EntityKind::kOrganization, "DELTA RESEARCH INSTITUTE")};
  }

  static std::vector<std::string> Ids(const resolve::ResolvedDocument& d) {
    std::vector<std::string> out;
    for (int e : d.mention_entity) out.push_back(d.entities[static_cast<size_t>(e)].id);
    return out;
  }

  extract::Lexicons lex_;
  resolve::HanVietTable readings_;
};

TEST_P(ResolverIndexStoreTest, ANewPageLoadsOnlyWhatItsKeysReachAndResolvesAsAfterAFullRecall) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  resolve::Resolver first(lex_, readings_);
  ASSERT_TRUE((*store)->PutDocument(Record("stored", "h1", StoredPage(), first)).ok());
  // An unrelated page: nothing of it may come back for the new page.
  ASSERT_TRUE((*store)
                  ->PutDocument(Record("other", "h2",
                                       {M(EntityKind::kPerson, "Trần Văn Bình"),
                                        M(EntityKind::kOrganization, "Công ty Zeta")},
                                       first))
                  .ok());

  DocumentRecord page = Record("new", "h3", NewPage(), first);  // for its analysis only
  resolve::Resolver lazy(lex_, readings_);
  resolve::MemoryRequest request = lazy.Needs(page.analysis);
  auto memory = (*store)->LoadResolverMemory(request);
  ASSERT_TRUE(memory.ok()) << memory.status().ToString();

  // Each kind of key reaches the stored entity.
  std::vector<std::string> entries;
  for (const resolve::StoredMemory::Entry& e : memory->entries) {
    entries.push_back(e.key + " -> " + e.entity_id);
  }
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::string>{
                         "org|A:DRI -> org:delta research institute",
                         "org|C:centre+innovation+omega -> org:centre+innovation+omega",
                         "org|N:delta research institute -> org:delta research institute",
                         "per|N:lo van giang -> per:lo van giang",
                         "per|W:fernandez maria -> per:maria fernandez",
                     }));
  std::vector<std::string> entities;
  for (const resolve::StoredEntity& e : memory->entities) {
    std::string context;
    for (const std::string& c : e.context) context += " " + c;
    entities.push_back(e.id + " [" + e.lexicon_key + "]" + (e.has_full_name ? " full" : "") +
                       context);
  }
  std::sort(entities.begin(), entities.end());
  EXPECT_EQ(entities, (std::vector<std::string>{
                          "org:centre+innovation+omega [] full org:gamma",
                          "org:delta research institute [] full org:gamma",
                          "org:gamma [gamma] full",
                          "per:lo van giang [] full org:gamma",
                          "per:maria fernandez [] full org:gamma",
                      }));

  lazy.Remember(request, *memory);
  EXPECT_TRUE(lazy.Needs(page.analysis).empty());  // all loaded: a second look asks nothing
  std::vector<std::string> lazily = Ids(lazy.Resolve(page.text, page.analysis));

  resolve::Resolver full(lex_, readings_);
  ASSERT_TRUE((*store)
                  ->LoadKnownEntities([&](const std::vector<resolve::KnownMention>& document) {
                    full.Recall(document);
                  })
                  .ok());
  resolve::Resolver alone(lex_, readings_);
  EXPECT_EQ(lazily, Ids(full.Resolve(page.text, page.analysis)));
  EXPECT_EQ(lazily,
            (std::vector<std::string>{
                "org:delta research institute", "per:maria fernandez", "per:lo van giang",
                "org:gamma", "org:centre+innovation+omega", "org:delta research institute"}));
  // Without the store, the acronym, the word order and the transcription stay apart.
  std::vector<std::string> by_itself = Ids(alone.Resolve(page.text, page.analysis));
  EXPECT_EQ(by_itself[0], "org:dri");
  EXPECT_EQ(by_itself[1], "per:fernandez maria");
  EXPECT_EQ(by_itself[2], "per:炉文江");  // folded to Simplified
}

// Rows of `sql` on either backend, each row's columns joined with '|'.
std::vector<std::string> Rows(Store& st, const std::string& sql) {
  std::vector<std::string> out;
  if (auto* sqlite = dynamic_cast<SqliteStore*>(&st)) {
    auto q = sqlite->db().Prepare(sql);
    EXPECT_TRUE(q.ok());
    if (!q.ok()) return out;
    while (true) {
      auto row = q->Step();
      if (!row.ok() || !*row) break;
      std::string line;
      for (int c = 0; c < q->ColumnCount(); ++c) line += (c ? "|" : "") + q->Text(c);
      out.push_back(line);
    }
    return out;
  }
  auto q = dynamic_cast<PostgresStore&>(st).db().Query(sql);
  EXPECT_TRUE(q.ok());
  if (!q.ok()) return out;
  for (int i = 0; i < q->Rows(); ++i) {
    std::string line;
    for (int c = 0; c < q->Columns(); ++c) line += (c ? "|" : "") + q->Text(i, c);
    out.push_back(line);
  }
  return out;
}

// Every row of the index's names and context, sorted.
std::vector<std::string> IndexRows(Store& st) {
  std::vector<std::string> out = Rows(
      st, "SELECT 'name', entity_id, kind, surface, CAST(mentions AS TEXT) FROM resolver_names");
  for (std::string& r : Rows(st,
                             "SELECT 'context', entity_id, anchor, CAST(documents AS TEXT) "
                             "FROM resolver_context")) {
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(ResolverIndexStoreTest, TheIndexEqualsARebuildAfterReplaceAndEveryCurationEdit) {
  std::vector<std::string> kept;
  {
    auto store = Store::Open(location_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    resolve::Resolver r(lex_, readings_);
    Store& st = **store;
    ASSERT_TRUE(st.PutDocument(Record("stored", "h1", StoredPage(), r)).ok());
    ASSERT_TRUE(st.PutDocument(Record("new", "h2", NewPage(), r)).ok());
    // New content from the first page's source replaces it.
    std::vector<extract::Mention> changed = StoredPage();
    changed.push_back(M(EntityKind::kPerson, "Trần Văn Bình"));
    ASSERT_TRUE(st.PutDocument(Record("stored", "h3", changed, r)).ok());
    ASSERT_TRUE(st.Merge("per:lo van giang", "per:tran van binh", "editor").ok());
    ASSERT_TRUE(st.Split("org:delta research institute", {"DRI"}, "editor").ok());
    ASSERT_TRUE(st.AddAlias("org:gamma", "Omega Innovation Centre", "editor").ok());
    ASSERT_TRUE(st.RejectMention("new", 1, "editor").ok());
    kept = IndexRows(st);
    // The split-off "DRI" stays under the id the resolver gave; the merged, aliased and
    // rejected names moved or went; context counts the documents naming both.
    EXPECT_EQ(kept, (std::vector<std::string>{
                        "context|org:centre+innovation+omega|org:gamma|1",
                        "context|org:delta research institute|org:gamma|2",
                        "context|per:maria fernandez|org:gamma|1",
                        "context|per:tran van binh|org:gamma|2",
                        "name|org:centre+innovation+omega|organization|Trung tâm Đổi mới Omega|1",
                        "name|org:delta research institute|organization|DELTA RESEARCH INSTITUTE|1",
                        "name|org:delta research institute|organization|DRI|2",
                        "name|org:delta research institute|organization|Delta Research Institute|1",
                        "name|org:gamma|organization|Gamma Institute|1",
                        "name|org:gamma|organization|Omega Innovation Centre|1",
                        "name|org:gamma|organization|Viện Gamma|1",
                        "name|per:maria fernandez|person|Maria Fernandez|1",
                        "name|per:tran van binh|person|Lò Văn Giàng|1",
                        "name|per:tran van binh|person|Trần Văn Bình|1",
                        "name|per:tran van binh|person|爐文江|1",
                    }));
  }
  // Forget that the index was built: opening builds it again from the stored mentions.
  {
    auto store = Store::Open(location_);
    ASSERT_TRUE(store.ok());
    Rows(**store, "DELETE FROM resolver_state WHERE name = 'index'");
    Rows(**store, "DELETE FROM resolver_names");
  }
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(IndexRows(**store), kept);
}

// Inside a batch (SQLite) a document's resolver context is written at the commit; until
// then the memory reads it from the batch, so the next page sees the same as after the commit.
TEST_P(ResolverIndexStoreTest, TheMemoryInsideABatchEqualsTheMemoryAfterItsCommit) {
  auto store = Store::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& st = **store;
  resolve::Resolver first(lex_, readings_), second(lex_, readings_);
  const DocumentRecord stored = Record("stored", "h1", StoredPage(), first);
  const DocumentRecord page = Record("new", "h3", NewPage(), second);  // for its analysis only
  const resolve::MemoryRequest request = resolve::Resolver(lex_, readings_).Needs(page.analysis);
  auto described = [&]() {
    std::vector<std::string> out;
    auto memory = st.LoadResolverMemory(request);
    EXPECT_TRUE(memory.ok()) << memory.status().ToString();
    if (!memory.ok()) return out;
    for (const resolve::StoredEntity& e : memory->entities) {
      std::string context;
      for (const std::string& c : e.context) context += " " + c;
      out.push_back(e.id + context);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  ASSERT_TRUE(st.BeginBatch().ok());
  ASSERT_TRUE(st.PutDocument(stored).ok());
  if (GetParam() == "sqlite") {
    EXPECT_EQ(Rows(st, "SELECT count(*) FROM resolver_context"), std::vector<std::string>{"0"});
  }
  const std::vector<std::string> in_batch = described();
  ASSERT_TRUE(st.CommitBatch().ok());
  EXPECT_EQ(Rows(st, "SELECT count(*) FROM resolver_context"), std::vector<std::string>{"4"});
  EXPECT_EQ(in_batch, described());
  EXPECT_EQ(in_batch, (std::vector<std::string>{
                          "org:centre+innovation+omega org:gamma",
                          "org:delta research institute org:gamma",
                          "org:gamma",
                          "per:lo van giang org:gamma",
                          "per:maria fernandez org:gamma",
                      }));
}

INSTANTIATE_TEST_SUITE_P(Backends, ResolverIndexStoreTest, ::testing::Values("sqlite", "postgres"),
                         BackendName);

}  // namespace
}  // namespace ketnoi::store
