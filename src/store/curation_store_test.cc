// Curation edits (store.h) on both backends: applied at once, recorded with the editor, and
// replayed when the document is ingested again (ReplayCuration on both).
#include <gtest/gtest.h>

#include "resolve/curation.h"
#include "resolve/han_viet.h"
#include "resolve/resolve.h"
#include "store/backend_test.h"
#include "store/curation_test_page.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::store {
namespace {

class CurationStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto opened = Store::Open(location_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    BackendTest::TearDown();
  }

  // A page naming two companies, a person by full and by given name, a meeting, and a
  // signing whose evidence is the last sentence, dated in another month than the page.
  // `extra` is appended to the text (a re-ingest with new content: every offset of the
  // evidence stays put).
  DocumentRecord Record(const std::string& hash, const std::string& extra = "") {
    DocumentRecord r;
    r.id = "page";
    r.source = "news/page.txt";
    r.content_hash = hash;
    r.format = "text";
    r.lang = core::Lang::kVi;
    r.title = "t";
    r.date = core::Date{2024, 3, 9};
    const std::string sentence = "Beta ký với Gamma.";
    r.text = sentence + extra;
    r.paragraphs = {{0, static_cast<uint32_t>(r.text.size())}};
    r.analysis.mentions = curation_test::CurationPageMentions();
    r.analysis.mentions[3].antecedent = 2;  // "Bình" refers back to "Trần Văn Bình"
    extract::Event meeting;
    meeting.type = extract::EventType::kMeeting;
    meeting.participants = {1, 3};
    meeting.evidence = {0, 4};
    extract::Event signing;
    signing.type = extract::EventType::kAgreementSigned;
    signing.participants = {0, 4};
    signing.evidence = {0, static_cast<uint32_t>(sentence.size())};
    signing.date = core::Date{2023, 11, 30};
    r.analysis.events = {meeting, signing};
    r.resolved = resolver_.Resolve(r.text, r.analysis);
    return r;
  }

  // Runs `sqlite_sql` or `postgres_sql`, as the store's backend is (a test's downgrade).
  void ExecOnBackend(const std::string& sqlite_sql, const std::string& postgres_sql) {
    if (auto* sqlite = dynamic_cast<SqliteStore*>(store_.get())) {
      ASSERT_TRUE(sqlite->db().Exec(sqlite_sql).ok());
    } else {
      ASSERT_TRUE(dynamic_cast<PostgresStore*>(store_.get())->db().Exec(postgres_sql).ok());
    }
  }

  // Closes the store and opens it again: the migrations it lacks run.
  void Reopen() {
    store_.reset();
    auto reopened = Store::Open(location_);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    store_ = std::move(reopened).value();
  }

  // The single text value of `sql` (no parameters: test constants only), "" if no row.
  std::string Scalar(const std::string& sql) {
    if (auto* sqlite = dynamic_cast<SqliteStore*>(store_.get())) {
      auto q = sqlite->db().Prepare(sql);
      EXPECT_TRUE(q.ok()) << sql;
      if (!q.ok()) return "";
      auto row = q->Step();
      return row.ok() && *row && !q->IsNull(0) ? q->Text(0) : "";
    }
    auto* pg = dynamic_cast<PostgresStore*>(store_.get());
    auto q = pg->db().Query(sql);
    EXPECT_TRUE(q.ok()) << sql << ": " << q.status().ToString();
    return q.ok() && q->Rows() > 0 && !q->IsNull(0, 0) ? q->Text(0, 0) : "";
  }
  std::string EntityOf(int mention_idx) {
    return Scalar("SELECT entity_id FROM mentions WHERE doc_id = 'page' AND idx = " +
                  std::to_string(mention_idx));
  }
  // Each per-entity table of store/entity_stats.h holds exactly what a recount from the
  // stored rows gives (both differences empty), and is not empty.
  void ExpectCountsMatchRecount(const std::string& when) {
    const std::string json_fields = GetParam() == "sqlite"
                                        ? "json_each(e.fields) AS v"
                                        : "jsonb_array_elements_text(e.fields) AS v(value)";
    // A list's undated flag and month key (YYYYMM, 0 when undated) from a date column.
    auto undated_month = [](const std::string& date) {
      return "CASE WHEN " + date + " IS NULL THEN 1 ELSE 0 END, CASE WHEN " + date +
             " IS NULL THEN 0 ELSE CAST(replace(substr(" + date +
             ", 1, 7), '-', '') AS INTEGER) END";
    };
    const std::string distinct_roles =
        "(SELECT DISTINCT doc_id, event_idx, entity_id FROM event_participants)";
    const std::pair<std::string, std::string> tables[] = {
        {"SELECT entity_id, lang, surface, mentions, names_itself FROM entity_alias_counts",
         "SELECT m.entity_id, d.lang, m.surface, count(*), "
         "sum(CASE WHEN m.antecedent < 0 THEN 1 ELSE 0 END) FROM mentions m "
         "JOIN documents d ON d.id = m.doc_id GROUP BY m.entity_id, d.lang, m.surface"},
        {"SELECT entity_id, partner_id, events FROM entity_partners",
         "SELECT a.entity_id, b.entity_id, count(*) FROM " + distinct_roles + " a JOIN " +
             distinct_roles +
             " b ON b.doc_id = a.doc_id AND b.event_idx = a.event_idx "
             "AND b.entity_id <> a.entity_id GROUP BY a.entity_id, b.entity_id"},
        {"SELECT entity_id, field, count FROM entity_fields",
         "SELECT x.entity_id, x.field, count(*) FROM (SELECT m.entity_id, f.field FROM "
         "(SELECT DISTINCT entity_id, doc_id FROM mentions) m JOIN document_fields f ON "
         "f.doc_id = m.doc_id UNION ALL SELECT p.entity_id, v.value FROM " +
             distinct_roles + " p JOIN events e ON e.doc_id = p.doc_id AND e.idx = p.event_idx, " +
             json_fields + ") x GROUP BY x.entity_id, x.field"},
        {"SELECT entity_id, undated, month, published, doc_id, mentions, role_mentions "
         "FROM entity_documents",
         "SELECT m.entity_id, " + undated_month("d.published") +
             ", coalesce(d.published, ''), m.doc_id, count(*), sum(CASE WHEN m.roles != '[]' "
             "THEN 1 ELSE 0 END) FROM mentions m JOIN documents d ON d.id = m.doc_id "
             "GROUP BY m.entity_id, m.doc_id, d.published"},
        {"SELECT entity_id, undated, month, date, doc_id, event_idx FROM entity_events",
         "SELECT p.entity_id, " + undated_month("coalesce(e.date, d.published)") +
             ", coalesce(e.date, d.published, ''), p.doc_id, p.event_idx FROM " + distinct_roles +
             " p JOIN events e ON e.doc_id = p.doc_id AND e.idx = p.event_idx "
             "JOIN documents d ON d.id = p.doc_id"},
    };
    for (const auto& [stored, recount] : tables) {
      EXPECT_NE(Scalar("SELECT count(*) FROM (" + stored + ") s"), "0") << when << ": " << stored;
      EXPECT_EQ(Scalar("SELECT count(*) FROM (" + stored + " EXCEPT " + recount + ") s"), "0")
          << when << ": " << stored;
      EXPECT_EQ(Scalar("SELECT count(*) FROM (" + recount + " EXCEPT " + stored + ") s"), "0")
          << when << ": " << stored;
    }
  }
  std::string ParticipantOf(int event_idx, int mention_idx) {
    return Scalar(
        "SELECT entity_id FROM event_participants WHERE doc_id = 'page' AND "
        "event_idx = " +
        std::to_string(event_idx) + " AND mention_idx = " + std::to_string(mention_idx));
  }

  extract::Lexicons lex_;
  resolve::HanVietTable readings_;
  resolve::Resolver resolver_{lex_, readings_};
  std::unique_ptr<Store> store_;
};

TEST_P(CurationStoreTest, EditsApplyNowAreLoggedAndAreReplayedOnReingest) {
  ASSERT_GE(store_->SchemaVersion(), 4);
  ASSERT_TRUE(store_->PutDocument(Record("h1")).ok());
  const std::string beta = EntityOf(0), holdings = EntityOf(1), binh = EntityOf(2),
                    gamma = EntityOf(4);
  ASSERT_NE(beta, holdings);
  ASSERT_EQ(EntityOf(3), binh);

  auto merged = store_->Merge(holdings, beta, "lan");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->entity_id, beta);
  EXPECT_EQ(merged->changed, 1);
  EXPECT_EQ(merged->message, "merged " + holdings + " into " + beta + " (1 mentions)");
  EXPECT_EQ(EntityOf(1), beta);
  EXPECT_EQ(ParticipantOf(0, 1), beta);  // the meeting's role followed its mention

  auto split = store_->Split(binh, {"Bình"}, "lan");
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  const std::string split_id = resolve::Curation::SplitId(binh, "Bình");
  EXPECT_EQ(split->entity_id, split_id);
  EXPECT_EQ(EntityOf(3), split_id);
  EXPECT_EQ(Scalar("SELECT name FROM entities WHERE id = '" + split_id + "'"), "Bình");

  ASSERT_TRUE(store_->Rename(beta, "Beta Group", "minh").ok());
  auto alias = store_->AddAlias(beta, "Gamma Labs", "minh");
  ASSERT_TRUE(alias.ok()) << alias.status().ToString();
  EXPECT_EQ(alias->changed, 1);
  EXPECT_EQ(EntityOf(4), beta);
  EXPECT_EQ(Scalar("SELECT name FROM entities WHERE id = '" + beta + "'"), "Beta Group");
  EXPECT_NE(gamma, beta);

  // Reject the person's full-name mention and the signing.
  auto rm = store_->RejectMention("page", 2, "lan");
  ASSERT_TRUE(rm.ok()) << rm.status().ToString();
  EXPECT_EQ(rm->changed, 1);
  EXPECT_EQ(EntityOf(2), "");
  auto re = store_->RejectEvent("page", 1, "lan");
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE doc_id = 'page'"), "1");

  // Who and when, one row per edit.
  EXPECT_EQ(Scalar("SELECT count(*) FROM curation_log"), "6");
  EXPECT_EQ(Scalar("SELECT editor FROM curation_merges WHERE from_id = '" + holdings + "'"), "lan");
  EXPECT_EQ(Scalar("SELECT editor FROM curation_log WHERE action = 'rename'"), "minh");
  EXPECT_EQ(Scalar("SELECT length(created_at) FROM curation_log WHERE action = 'merge'"), "20");

  // Re-ingest: new content from the same source replaces the document.
  auto again = store_->PutDocument(Record("h2", " Thêm."));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->result, PutResult::kReplaced);
  EXPECT_EQ(EntityOf(0), beta);
  EXPECT_EQ(EntityOf(1), beta);      // merged
  EXPECT_EQ(EntityOf(2), "");        // rejected
  EXPECT_EQ(EntityOf(3), split_id);  // split by surface
  EXPECT_EQ(EntityOf(4), beta);      // curated alias
  EXPECT_EQ(Scalar("SELECT name FROM entities WHERE id = '" + beta + "'"), "Beta Group");
  // The meeting stays with its roles following their mentions; the signing stays out.
  EXPECT_EQ(Scalar("SELECT type FROM events WHERE doc_id = 'page'"), "meeting");
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE doc_id = 'page'"), "1");
  EXPECT_EQ(ParticipantOf(0, 1), beta);
  EXPECT_EQ(ParticipantOf(0, 3), split_id);
}

// The replay's other cases: a rejected mention takes its event roles along, an event's place
// follows a merge, a rejected event takes its roles, and a new document (not a replacement)
// gets the same edits.
TEST_P(CurationStoreTest, ReplayDropsRolesOfRejectedRowsAndMovesMergedPlaces) {
  auto with_places = [&](const std::string& hash, const std::string& extra) {
    DocumentRecord r = Record(hash, extra);
    extract::Mention hanoi, danang;
    hanoi.kind = danang.kind = extract::EntityKind::kPlace;
    hanoi.surface = "Hà Nội";
    danang.surface = "Đà Nẵng";
    r.analysis.mentions.push_back(hanoi);   // 5
    r.analysis.mentions.push_back(danang);  // 6
    r.analysis.events[0].place = 5;
    r.resolved = resolver_.Resolve(r.text, r.analysis);
    return r;
  };
  ASSERT_TRUE(store_->PutDocument(with_places("h1", "")).ok());
  const std::string hanoi = EntityOf(5), danang = EntityOf(6), binh = EntityOf(3);
  ASSERT_FALSE(hanoi.empty());
  ASSERT_NE(hanoi, danang);
  ASSERT_EQ(Scalar("SELECT place_entity FROM events WHERE doc_id = 'page' AND idx = 0"), hanoi);
  ASSERT_EQ(ParticipantOf(0, 3), binh);
  ASSERT_TRUE(store_->Merge(hanoi, danang, "lan").ok());
  EXPECT_EQ(Scalar("SELECT place_entity FROM events WHERE doc_id = 'page' AND idx = 0"), danang);
  ASSERT_TRUE(store_->RejectMention("page", 3, "lan").ok());
  EXPECT_EQ(ParticipantOf(0, 3), "");
  ASSERT_TRUE(store_->RejectEvent("page", 1, "lan").ok());

  auto again = store_->PutDocument(with_places("h2", " Thêm."));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->result, PutResult::kReplaced);
  EXPECT_EQ(EntityOf(5), danang);
  EXPECT_EQ(EntityOf(3), "");
  EXPECT_EQ(Scalar("SELECT place_entity FROM events WHERE doc_id = 'page' AND idx = 0"), danang);
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE doc_id = 'page'"), "1");
  EXPECT_EQ(ParticipantOf(0, 1), EntityOf(1));
  EXPECT_EQ(ParticipantOf(0, 3), "");
  EXPECT_EQ(Scalar("SELECT count(*) FROM event_participants WHERE doc_id = 'page'"), "1");

  // A new document: the merge applies; the rejections were of the other document only.
  DocumentRecord fresh = with_places("n1", "");
  fresh.id = "fresh";
  fresh.source = "news/fresh.txt";
  ASSERT_TRUE(store_->PutDocument(fresh).ok());
  EXPECT_EQ(Scalar("SELECT place_entity FROM events WHERE doc_id = 'fresh' AND idx = 0"), danang);
  EXPECT_EQ(Scalar("SELECT entity_id FROM mentions WHERE doc_id = 'fresh' AND idx = 5"), danang);
  EXPECT_EQ(Scalar("SELECT entity_id FROM event_participants WHERE doc_id = 'fresh' AND "
                   "event_idx = 0 AND mention_idx = 3"),
            binh);
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE doc_id = 'fresh'"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM event_participants WHERE doc_id = 'fresh'"), "4");
}

TEST_P(CurationStoreTest, EntityCountsFollowIngestEditsAndReplacement) {
  auto with_fields = [&](DocumentRecord r) {
    r.analysis.fields = {"chip_design", "semiconductors"};
    r.analysis.events[1].fields = {"chip_design"};
    r.analysis.mentions[2].roles = {{"Bộ trưởng", {0, 4}}};
    return r;
  };
  ASSERT_TRUE(store_->PutDocument(with_fields(Record("h1"))).ok());
  DocumentRecord other = with_fields(Record("o1"));
  other.id = "other";
  other.source = "news/other.txt";
  other.lang = core::Lang::kEn;
  other.date = core::Date{2024, 5, 2};
  ASSERT_TRUE(store_->PutDocument(other).ok());
  ExpectCountsMatchRecount("after ingest");
  // The back-reference is a mention of its alias but does not name the entity on its own.
  EXPECT_EQ(Scalar("SELECT sum(mentions) FROM entity_alias_counts WHERE surface = 'Bình'"), "2");
  EXPECT_EQ(Scalar("SELECT sum(names_itself) FROM entity_alias_counts WHERE surface = 'Bình'"),
            "0");
  EXPECT_EQ(Scalar("SELECT sum(names_itself) FROM entity_alias_counts "
                   "WHERE surface = 'Trần Văn Bình'"),
            "2");
  const std::string beta = EntityOf(0), holdings = EntityOf(1), binh = EntityOf(2);
  ASSERT_TRUE(store_->Merge(holdings, beta, "lan").ok());
  ExpectCountsMatchRecount("after merge");
  ASSERT_TRUE(store_->Split(binh, {"Bình"}, "lan").ok());
  ExpectCountsMatchRecount("after split");
  ASSERT_TRUE(store_->AddAlias(beta, "Gamma Labs", "minh").ok());
  ExpectCountsMatchRecount("after alias");
  ASSERT_TRUE(store_->RejectMention("page", 2, "lan").ok());
  ExpectCountsMatchRecount("after reject-mention");
  ASSERT_TRUE(store_->RejectEvent("other", 0, "lan").ok());
  ExpectCountsMatchRecount("after reject-event");
  ASSERT_TRUE(store_->PutDocument(with_fields(Record("h2", " Thêm."))).ok());
  ExpectCountsMatchRecount("after replacement");
  // The merged-away entity has no counts left; the one it went into has both documents'.
  EXPECT_EQ(Scalar("SELECT count(*) FROM entity_alias_counts WHERE entity_id = '" + holdings + "'"),
            "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM entity_documents WHERE entity_id = '" + beta + "'"), "2");
}

// A batch (SQLite: one transaction; PostgreSQL: a transaction per document) keeps the counts
// exact through new documents, a replacement that reads them mid-batch, a document that fails
// after that read (SQLite: rolled back alone), and new documents after a curation edit.
TEST_P(CurationStoreTest, EntityCountsOfBatchesEqualARecount) {
  auto page = [&](const std::string& hash, const std::string& extra, const std::string& stem,
                  core::Lang lang) {
    DocumentRecord r = Record(hash, extra);
    r.id = stem;
    r.source = "news/" + stem + ".txt";
    r.lang = lang;
    r.analysis.fields = {"chip_design", "semiconductors", "chip_design"};
    r.analysis.events[0].participants = {1, 2, 3};  // the person by both names
    r.analysis.events[1].fields = {"chip_design", "chip_design"};
    r.analysis.events[1].date = core::Date{2024, 6, 1};
    r.analysis.mentions[2].roles = {{"Bộ trưởng", {0, 4}}};
    return r;
  };
  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->PutDocument(page("b1", "", "first", core::Lang::kVi)).ok());
  DocumentRecord dated = page("b2", "", "second", core::Lang::kEn);
  dated.date = core::Date{2024, 5, 2};
  ASSERT_TRUE(store_->PutDocument(dated).ok());
  ASSERT_TRUE(store_->PutDocument(page("b3", " Thêm.", "first", core::Lang::kVi)).ok());
  ASSERT_TRUE(store_->PutDocument(page("b4", "", "third", core::Lang::kVi)).ok());
  if (auto* sqlite = dynamic_cast<SqliteStore*>(store_.get())) {
    ASSERT_TRUE(sqlite->db()
                    .Exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON mentions "
                          "WHEN NEW.surface = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END")
                    .ok());
    DocumentRecord refused = page("b5", " Lại.", "third", core::Lang::kVi);
    refused.analysis.mentions[4].surface = "refused";
    EXPECT_FALSE(store_->PutDocument(refused).ok());
  }
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents WHERE content_hash = 'b4'"), "1");
  ExpectCountsMatchRecount("after a batch");
  const std::string holdings =
      Scalar("SELECT entity_id FROM mentions WHERE doc_id = 'first' AND idx = 1");
  const std::string beta =
      Scalar("SELECT entity_id FROM mentions WHERE doc_id = 'first' AND idx = 0");
  ASSERT_TRUE(store_->Merge(holdings, beta, "lan").ok());
  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->PutDocument(page("b6", "", "fourth", core::Lang::kVi)).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM mentions WHERE entity_id = '" + holdings + "'"), "0");
  ExpectCountsMatchRecount("after a batch following a merge");
}

// A database from before migration 8 (its alias counts without names_itself) gets the column
// counted from the stored mentions when it is opened.
TEST_P(CurationStoreTest, MigrationEightCountsTheNamesOfStoredDocuments) {
  ASSERT_GE(store_->SchemaVersion(), 8);
  for (const std::string stem : {"first", "second", "third"}) {
    DocumentRecord r = Record("h-" + stem);
    r.id = stem;
    r.source = "news/" + stem + ".txt";
    r.analysis.fields = {"chip_design"};
    if (stem == "second") r.lang = core::Lang::kEn;
    ASSERT_TRUE(store_->PutDocument(r).ok());
  }
  auto entity_of = [&](int idx) {
    return Scalar("SELECT entity_id FROM mentions WHERE doc_id = 'first' AND idx = " +
                  std::to_string(idx));
  };
  ASSERT_TRUE(store_->Merge(entity_of(1), entity_of(0), "lan").ok());
  const std::string downgrade =
      "ALTER TABLE entity_alias_counts DROP COLUMN names_itself; "
      "DELETE FROM schema_migrations WHERE version = 8";
  ASSERT_NO_FATAL_FAILURE(ExecOnBackend(downgrade, downgrade));
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_GE(store_->SchemaVersion(), 8);
  ExpectCountsMatchRecount("after migration 8");
  EXPECT_EQ(Scalar("SELECT sum(names_itself) FROM entity_alias_counts WHERE surface = 'Bình'"),
            "0");
  EXPECT_EQ(Scalar("SELECT sum(names_itself) FROM entity_alias_counts "
                   "WHERE surface = 'Trần Văn Bình'"),
            "3");
}

// A database from before migration 11 (its lists keyed by exact date) gets them keyed by
// month when it is opened, and new documents then go into the new layout.
TEST_P(CurationStoreTest, MigrationElevenKeysTheListsByMonth) {
  ASSERT_GE(store_->SchemaVersion(), 11);
  for (const std::string stem : {"first", "second"}) {
    DocumentRecord r = Record("h-" + stem);
    r.id = stem;
    r.source = "news/" + stem + ".txt";
    r.analysis.fields = {"chip_design"};
    if (stem == "second") r.date.reset();
    ASSERT_TRUE(store_->PutDocument(r).ok());
  }
  // SQLite rebuilds the tables with the old keys; PostgreSQL drops the new columns, as
  // migration 7 made them before.
  const std::string sqlite_downgrade =
      "CREATE TABLE old_documents (entity_id TEXT NOT NULL, undated INTEGER NOT NULL, "
      "published TEXT NOT NULL, doc_id TEXT NOT NULL, mentions INTEGER NOT NULL, role_mentions "
      "INTEGER NOT NULL, PRIMARY KEY (entity_id, undated, published, doc_id)) WITHOUT ROWID; "
      "INSERT INTO old_documents SELECT entity_id, undated, published, doc_id, mentions, "
      "role_mentions FROM entity_documents; DROP TABLE entity_documents; "
      "ALTER TABLE old_documents RENAME TO entity_documents; "
      "CREATE INDEX entity_documents_doc ON entity_documents(doc_id); "
      "CREATE TABLE old_events (entity_id TEXT NOT NULL, undated INTEGER NOT NULL, date TEXT NOT "
      "NULL, doc_id TEXT NOT NULL, event_idx INTEGER NOT NULL, PRIMARY KEY (entity_id, undated, "
      "date, doc_id, event_idx)) WITHOUT ROWID; INSERT INTO old_events SELECT entity_id, "
      "undated, date, doc_id, event_idx FROM entity_events; DROP TABLE entity_events; "
      "ALTER TABLE old_events RENAME TO entity_events; "
      "CREATE INDEX entity_events_event ON entity_events(doc_id, event_idx); "
      "DELETE FROM schema_migrations WHERE version = 11";
  const std::string postgres_downgrade =
      "ALTER TABLE entity_documents DROP CONSTRAINT entity_documents_pkey, DROP COLUMN month, "
      "DROP COLUMN written, ADD PRIMARY KEY (entity_id, undated, published, doc_id); "
      "ALTER TABLE entity_events DROP CONSTRAINT entity_events_pkey, DROP COLUMN month, "
      "DROP COLUMN written, ADD PRIMARY KEY (entity_id, undated, date, doc_id, event_idx); "
      "DELETE FROM schema_migrations WHERE version = 11";
  ASSERT_NO_FATAL_FAILURE(ExecOnBackend(sqlite_downgrade, postgres_downgrade));
  // The signing's two participants on each page.
  ASSERT_EQ(Scalar("SELECT count(*) FROM entity_events WHERE date = '2023-11-30'"), "4");
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_GE(store_->SchemaVersion(), 11);
  ExpectCountsMatchRecount("after migration 11");
  EXPECT_EQ(Scalar("SELECT count(*) FROM entity_events WHERE month = 202311 AND written = 0"), "4");
  EXPECT_EQ(Scalar("SELECT count(*) FROM entity_documents WHERE month = 202403"),
            Scalar("SELECT count(DISTINCT entity_id) FROM mentions WHERE doc_id = 'first'"));
  DocumentRecord third = Record("h-third");
  third.id = "third";
  third.source = "news/third.txt";
  third.analysis.fields = {"chip_design"};
  ASSERT_TRUE(store_->PutDocument(third).ok());
  ExpectCountsMatchRecount("after a document following migration 11");
  EXPECT_EQ(Scalar("SELECT count(*) FROM entity_events WHERE doc_id = 'third' AND written > 0"),
            Scalar("SELECT count(*) FROM entity_events WHERE doc_id = 'first'"));
}

TEST_P(CurationStoreTest, MigrationTwelveDropsTheIndexesNoQueryNeeds) {
  DocumentRecord r = Record("h1");
  r.analysis.fields = {"chip_design"};
  ASSERT_TRUE(store_->PutDocument(r).ok());
  const std::string downgrade =
      "CREATE INDEX event_participants_entity ON event_participants(entity_id); "
      "CREATE INDEX mentions_doc_sentence ON mentions(doc_id, sentence); "
      "CREATE INDEX events_date ON events(date); DELETE FROM schema_migrations WHERE version = 12";
  ASSERT_NO_FATAL_FAILURE(ExecOnBackend(downgrade, downgrade));
  const std::string dropped =
      "('event_participants_entity', 'mentions_doc_sentence', 'events_date')";
  const std::string count_indexes =
      GetParam() == "sqlite"
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN " + dropped
          : "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname "
            "IN " +
                dropped;
  ASSERT_EQ(Scalar(count_indexes), "3");
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_GE(store_->SchemaVersion(), 12);
  EXPECT_EQ(Scalar(count_indexes), "0");
  // What the participants' index answered, the entity's list answers.
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT DISTINCT entity_id, doc_id, event_idx FROM "
                   "event_participants) p"),
            Scalar("SELECT count(*) FROM entity_events"));
  ExpectCountsMatchRecount("after migration 12");
}

TEST_P(CurationStoreTest, ImpossibleEditsAreRefusedAndWriteNothing) {
  ASSERT_TRUE(store_->PutDocument(Record("h1")).ok());
  const std::string beta = EntityOf(0), binh = EntityOf(2);
  auto self = store_->Merge(beta, beta, "lan");
  EXPECT_EQ(self.status().code(), core::StatusCode::kInvalidInput);
  EXPECT_EQ(self.status().message(), "cannot merge " + beta + " into itself");
  auto kinds = store_->Merge(beta, binh, "lan");
  EXPECT_EQ(kinds.status().code(), core::StatusCode::kInvalidInput);
  EXPECT_EQ(kinds.status().message(), "cannot merge organization " + beta + " into person " + binh);
  auto unknown = store_->Rename("org:nobody", "X", "lan");
  EXPECT_EQ(unknown.status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), "no entity with id org:nobody");
  auto no_editor = store_->Rename(beta, "X", "");
  EXPECT_EQ(no_editor.status().code(), core::StatusCode::kInvalidInput);
  auto empty = store_->AddAlias(beta, "", "lan");
  EXPECT_EQ(empty.status().message(), "an alias cannot be empty");
  auto no_surface = store_->Split(binh, {"Nobody"}, "lan");
  EXPECT_EQ(no_surface.status().code(), core::StatusCode::kNotFound);
  auto no_mention = store_->RejectMention("page", 99, "lan");
  EXPECT_EQ(no_mention.status().message(), "document page has no mention 99");
  auto no_event = store_->RejectEvent("nodoc", 0, "lan");
  EXPECT_EQ(no_event.status().message(), "document nodoc has no event 0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM curation_log"), "0");
  EXPECT_EQ(EntityOf(0), beta);
}

TEST_P(CurationStoreTest, DocumentPagesAreBoundedAndFilteredByLanguage) {
  for (int i = 0; i < 5; ++i) {
    DocumentRecord r = Record("h" + std::to_string(i));
    r.id = "doc" + std::to_string(i);
    r.source = "news/doc" + std::to_string(i) + ".txt";
    if (i == 4) r.lang = core::Lang::kEn;
    r.date.reset();  // only doc1 is dated
    if (i == 1) r.date = core::Date{2024, 2, 1};
    ASSERT_TRUE(store_->PutDocument(r).ok());
  }
  auto page = store_->ListDocumentsPage("", 2, 1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->documents.size(), 2u);
  EXPECT_EQ(page->documents[0].id, "doc1");
  EXPECT_EQ(page->documents[0].date.value_or(""), "2024-02-01");
  EXPECT_EQ(page->documents[1].id, "doc2");
  EXPECT_FALSE(page->documents[1].date.has_value());
  auto en = store_->ListDocumentsPage("en", 10, 0);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->total, 1);
  ASSERT_EQ(en->documents.size(), 1u);
  EXPECT_EQ(en->documents[0].id, "doc4");
  auto past = store_->ListDocumentsPage("", 10, 50);
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->total, 5);
  EXPECT_TRUE(past->documents.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CurationStoreTest, ::testing::Values("sqlite", "postgres"),
                         BackendName);

}  // namespace
}  // namespace ketnoi::store
