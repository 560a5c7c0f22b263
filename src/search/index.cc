// The search index: FTS5 tables over documents and sentences, the entity alias keys, and
// the queue drain that keeps them in step with the store.
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/ordered_pool.h"
#include "search/fulltext.h"
#include "search/rank.h"
#include "search/search.h"
#include "search/tokenizer.h"
#include "store/postgres/pg_sql.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_sql.h"
#include "store/sqlite/sqlite_store.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

using core::Result;
using core::Status;
using store::Dialect;
using store::SqlConnection;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search_documents
  USING fts5(doc_id UNINDEXED, title, body, tokenize='ketnoi');
CREATE VIRTUAL TABLE IF NOT EXISTS search_sentences
  USING fts5(doc_id UNINDEXED, idx UNINDEXED, text, tokenize='ketnoi');
CREATE TABLE IF NOT EXISTS search_rows (
  doc_id TEXT PRIMARY KEY, doc_row INTEGER NOT NULL, sent_lo INTEGER, sent_hi INTEGER,
  lang TEXT, published TEXT, source TEXT  -- the document's, for filters (search/rank.h)
) WITHOUT ROWID;
-- doc_row -> doc_id without reading the FTS content row (the whole document's text).
CREATE INDEX IF NOT EXISTS search_rows_doc_row ON search_rows(doc_row);
CREATE TABLE IF NOT EXISTS search_aliases (
  key TEXT NOT NULL, entity_id TEXT NOT NULL, doc_id TEXT NOT NULL,
  PRIMARY KEY (key, entity_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_aliases_doc ON search_aliases(doc_id);
-- The names indexed as one term each (search/tokenizer.h), fixed when the index is built.
CREATE TABLE IF NOT EXISTS search_names (term TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

constexpr std::string_view kDrop = R"sql(
DROP TABLE IF EXISTS search_documents;
DROP TABLE IF EXISTS search_sentences;
DROP TABLE IF EXISTS search_rows;
DROP TABLE IF EXISTS search_aliases;
DROP TABLE IF EXISTS search_names;
)sql";

// PostgreSQL's tables come from its migration 4 (src/store/postgres/pg_migrations.cc); a
// new tokenizer version empties them and queues every document.
constexpr std::string_view kPgReset = R"sql(
DELETE FROM search_documents;
DELETE FROM search_sentences;
DELETE FROM search_aliases;
)sql";

// The terms of the shipped lexicons' organization and place names (data/organizations.tsv,
// places.tsv, countries.tsv), read once per process: a new or rebuilt SQLite index indexes
// them. None when the data cannot be read; names are then found through their pairs, with
// the same results.
const std::vector<std::string>& ShippedNameTerms() {
  static const std::vector<std::string> terms = [] {
    auto lexicons = extract::Lexicons::Load(extract::DefaultDataDir());
    std::vector<std::string> names;
    if (lexicons.ok()) {
      for (const extract::OrgEntry& org : lexicons->organizations) names.push_back(org.name);
      for (const extract::PlaceEntry& place : lexicons->places) names.push_back(place.name);
    }
    return IndexedNames::TermsOf(names);
  }();
  return terms;
}

// Documents indexed per transaction: short write locks, so a running ingest is not starved.
constexpr int kBatch = 64;

Result<std::optional<std::string>> MetaValue(SqlConnection& db, std::string_view key) {
  auto q = db.Prepare("SELECT value FROM search_meta WHERE key = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, key);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->Text(0));
}

// Runs each `DELETE ... WHERE doc_id = ?` of `statements` for `doc_id`.
Status DeleteRowsOf(SqlConnection& db, const std::string& doc_id,
                    std::initializer_list<std::string_view> statements) {
  for (std::string_view sql : statements) {
    auto del = db.Prepare(sql);
    if (!del.ok()) return del.status();
    del->Bind(1, doc_id);
    KETNOI_RETURN_IF_ERROR(del->Run());
  }
  return Status::Ok();
}

Status RemoveDocument(SqlConnection& db, const std::string& doc_id) {
  if (db.dialect() == Dialect::kPostgres) {
    return DeleteRowsOf(db, doc_id,
                        {"DELETE FROM search_documents WHERE doc_id = ?",
                         "DELETE FROM search_sentences WHERE doc_id = ?",
                         "DELETE FROM search_aliases WHERE doc_id = ?"});
  }
  auto q = db.Prepare("SELECT doc_row, sent_lo, sent_hi FROM search_rows WHERE doc_id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, doc_id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    int64_t doc_row = q->Int(0);
    bool has_sentences = !q->IsNull(1);
    int64_t lo = q->Int(1), hi = q->Int(2);
    auto del = db.Prepare("DELETE FROM search_documents WHERE rowid = ?");
    if (!del.ok()) return del.status();
    del->Bind(1, doc_row);
    KETNOI_RETURN_IF_ERROR(del->Run());
    if (has_sentences) {
      auto ds =
          db.Prepare("DELETE FROM search_sentences WHERE rowid BETWEEN ? AND ? AND doc_id = ?");
      if (!ds.ok()) return ds.status();
      ds->Bind(1, lo).Bind(2, hi).Bind(3, doc_id);
      KETNOI_RETURN_IF_ERROR(ds->Run());
    }
  }
  return DeleteRowsOf(
      db, doc_id,
      {"DELETE FROM search_rows WHERE doc_id = ?", "DELETE FROM search_aliases WHERE doc_id = ?"});
}

Status IndexAliases(SqlConnection& db, const std::string& doc_id) {
  auto q = db.Prepare(
      "SELECT DISTINCT m.entity_id, m.surface FROM mentions m WHERE m.doc_id = ? "
      "UNION SELECT DISTINCT e.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
      "WHERE m.doc_id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, doc_id).Bind(2, doc_id);
  auto ins = db.Prepare(
      "INSERT INTO search_aliases (key, entity_id, doc_id) VALUES (?, ?, ?) "
      "ON CONFLICT DO NOTHING");
  if (!ins.ok()) return ins.status();
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string key = text::SearchKey(q->Text(1));
    if (key.empty()) continue;
    ins->Reset();
    ins->Bind(1, key).Bind(2, q->Text(0)).Bind(3, doc_id);
    KETNOI_RETURN_IF_ERROR(ins->Run());
  }
  return Status::Ok();
}

// The first column of `q`'s first row as an integer; 0 when it returns no row.
Result<int64_t> FirstInt(store::SqlQuery& q) {
  auto row = q.Step();
  if (!row.ok()) return row.status();
  return *row ? q.Int(0) : 0;
}

// The same for the statement `sql`.
Result<int64_t> FirstInt(SqlConnection& db, std::string_view sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  return FirstInt(*q);
}

// The first column of every row `q` returns, as text.
Result<std::vector<std::string>> FirstColumnTexts(store::SqlQuery& q) {
  std::vector<std::string> texts;
  while (true) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return texts;
    texts.push_back(q.Text(0));
  }
}

// SQLite: an index built before search_rows held the documents' filter facts gets them
// from the documents (once; ~2 s at 100k documents).
Status AddSearchRowFacts(SqlConnection& db) {
  auto has =
      FirstInt(db, "SELECT count(*) FROM pragma_table_info('search_rows') WHERE name = 'lang'");
  if (!has.ok()) return has.status();
  if (*has > 0) return Status::Ok();
  return db.InTransaction([&] {
    return db.Exec(
        "ALTER TABLE search_rows ADD COLUMN lang TEXT;"
        "ALTER TABLE search_rows ADD COLUMN published TEXT;"
        "ALTER TABLE search_rows ADD COLUMN source TEXT;"
        "UPDATE search_rows SET (lang, published, source) = "
        "(SELECT d.lang, d.published, d.source FROM documents d WHERE d.id = search_rows.doc_id)");
  });
}

// FTS5 merges a level's segments into one segment of the next level once the level holds
// `automerge` of them (SQLite's default: 4). A merge rewrites every leaf it reads, so each
// token is written once per level, and the levels number log_k of the index's size: at 8, two
// thirds as many as at 4 (at 100k documents the sentences' index has 4 levels, not 6). 1,000
// more pages then cost 9 % less CPU at ~110k documents and 5 % less into an empty file, and
// queries, which read up to k - 1 segments per level, were not slower. Not 16, though its
// median was 7 % lower still: FTS5's crisis merge also starts at 16 segments, so a level's
// merge is done at once inside one commit instead of a little per commit (docs/PERFORMANCE.md,
// "Session 12").
constexpr int kFts5Automerge = 8;

// SQLite: gives both FTS5 tables that merge policy. FTS5 keeps it in each table's config, so
// an index built with another one changes policy the first time it is opened (its next merges
// follow it); opening one already set only reads. While another process holds the write lock
// the old policy stays until a later open: it changes speed, never results.
Status SetMergePolicy(SqlConnection& db) {
  for (const std::string table : {"search_documents", "search_sentences"}) {
    auto set = FirstInt(db, "SELECT v FROM " + table + "_config WHERE k = 'automerge'");
    if (!set.ok()) return set.status();
    if (*set == kFts5Automerge) continue;
    Status changed =
        db.Exec("INSERT INTO " + table + " (" + table + ", rank) VALUES ('automerge', " +
                std::to_string(kFts5Automerge) + ")");
    if (changed.code() == core::StatusCode::kBusy) return Status::Ok();
    KETNOI_RETURN_IF_ERROR(changed);
  }
  return Status::Ok();
}

// What search filters on, copied from the document into search_rows.
struct DocumentFacts {
  std::string lang, source;
  std::optional<std::string> published;
};

// A queued document as the drain reads it: what its index rows are made of.
struct QueuedDocument {
  std::string id;
  bool stored = false;  // false: deleted, so removing its rows was all there was to do
  std::string title, body;
  DocumentFacts facts;
  std::vector<std::pair<int64_t, std::string>> sentences;  // (idx, text)
};

// SQLite: the FTS5 rows, and their rowids so RemoveDocument can find them. With `reuse` (the
// connection's tokenizer state), the sentences get the body's tokens (BodyTokens): `made`
// ahead by a helper, or (nullopt) made when the body is indexed.
Status IndexSqliteRows(SqlConnection& db, const QueuedDocument& doc, BodyTokens* reuse,
                       std::optional<std::vector<IndexToken>> made) {
  struct ClearOnExit {
    BodyTokens* reuse;
    ~ClearOnExit() {
      if (reuse != nullptr) reuse->Clear();
    }
  } clear{reuse};
  if (reuse != nullptr) reuse->Expect(doc.body, std::move(made));
  auto ins = db.Prepare("INSERT INTO search_documents (doc_id, title, body) VALUES (?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, doc.id).Bind(2, doc.title).Bind(3, doc.body);
  KETNOI_RETURN_IF_ERROR(ins->Run());
  // Prepared once per document, not once per row: a page has ~50 sentences.
  auto last_rowid = db.Prepare("SELECT last_insert_rowid()");
  if (!last_rowid.ok()) return last_rowid.status();
  auto doc_row = FirstInt(*last_rowid);
  if (!doc_row.ok()) return doc_row.status();
  auto si = db.Prepare("INSERT INTO search_sentences (doc_id, idx, text) VALUES (?, ?, ?)");
  if (!si.ok()) return si.status();
  std::optional<int64_t> lo, hi;
  for (const auto& [idx, text] : doc.sentences) {
    si->Reset();
    si->Bind(1, doc.id).Bind(2, idx).Bind(3, text);
    KETNOI_RETURN_IF_ERROR(si->Run());
    last_rowid->Reset();
    auto rowid = FirstInt(*last_rowid);
    if (!rowid.ok()) return rowid.status();
    if (!lo) lo = *rowid;
    hi = *rowid;
  }
  auto rows = db.Prepare(
      "INSERT INTO search_rows (doc_id, doc_row, sent_lo, sent_hi, lang, published, source) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!rows.ok()) return rows.status();
  rows->Bind(1, doc.id).Bind(2, *doc_row);
  if (lo) {
    rows->Bind(3, *lo).Bind(4, *hi);
  } else {
    rows->BindNull(3).BindNull(4);
  }
  rows->Bind(5, doc.facts.lang).Bind(7, doc.facts.source);
  if (doc.facts.published) {
    rows->Bind(6, *doc.facts.published);
  } else {
    rows->BindNull(6);
  }
  return rows->Run();
}

// PostgreSQL: the same tokens as tsvectors (search/fulltext.h), with their counts.
Status IndexPostgresRows(SqlConnection& db, const std::string& doc_id, const std::string& title,
                         const std::string& body,
                         const std::vector<std::pair<int64_t, std::string>>& sentences) {
  std::vector<PositionedText> columns = {Positions(title), Positions(body)};
  auto ins = db.Prepare(
      "INSERT INTO search_documents (doc_id, tokens, tsv) VALUES (?1, ?2, ?3::tsvector)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, doc_id)
      .Bind(2, static_cast<int64_t>(columns[0].keys.size() + columns[1].keys.size()))
      .Bind(3, TsVector(columns));
  KETNOI_RETURN_IF_ERROR(ins->Run());
  auto si = db.Prepare(
      "INSERT INTO search_sentences (doc_id, idx, text, tokens, tsv) "
      "VALUES (?1, ?2, ?3, ?4, ?5::tsvector)");
  if (!si.ok()) return si.status();
  for (const auto& [idx, text] : sentences) {
    std::vector<PositionedText> sentence = {Positions(text)};
    si->Reset();
    si->Bind(1, doc_id).Bind(2, idx).Bind(3, text);
    si->Bind(4, static_cast<int64_t>(sentence[0].keys.size())).Bind(5, TsVector(sentence));
    KETNOI_RETURN_IF_ERROR(si->Run());
  }
  return Status::Ok();
}

// Queued document `doc_id` as stored now (not stored: deleted since it was queued).
Result<QueuedDocument> ReadQueued(SqlConnection& db, const std::string& doc_id) {
  QueuedDocument doc;
  doc.id = doc_id;
  auto q =
      db.Prepare("SELECT title, body, text, lang, published, source FROM documents WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, doc_id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return doc;
  doc.stored = true;
  doc.title = q->Text(0);
  doc.body = q->Text(1);
  const std::string page = q->Text(2);
  doc.facts = {q->Text(3), q->Text(5), std::nullopt};
  if (!q->IsNull(4)) doc.facts.published = q->Text(4);

  auto sq =
      db.Prepare("SELECT idx, begin_byte, end_byte FROM sentences WHERE doc_id = ? ORDER BY idx");
  if (!sq.ok()) return sq.status();
  sq->Bind(1, doc_id);
  while (true) {
    auto r = sq->Step();
    if (!r.ok()) return r.status();
    if (!*r) return doc;
    int64_t b = sq->Int(1), e = sq->Int(2);
    if (b < 0 || e <= b || static_cast<size_t>(e) > page.size()) continue;
    doc.sentences.emplace_back(sq->Int(0),
                               page.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
  }
}

Status IndexDocument(SqlConnection& db, const QueuedDocument& doc, BodyTokens* reuse,
                     std::optional<std::vector<IndexToken>> made) {
  if (!doc.stored) return Status::Ok();
  KETNOI_RETURN_IF_ERROR(db.dialect() == Dialect::kSqlite
                             ? IndexSqliteRows(db, doc, reuse, std::move(made))
                             : IndexPostgresRows(db, doc.id, doc.title, doc.body, doc.sentences));
  return IndexAliases(db, doc.id);
}

// A queued body's BodyTokens::Make, made by a helper of the drain (nullopt: the drain's thread
// makes the tokens, as without help). The same function the drain's own thread would call,
// with the same names, so the index is the same with any number of helpers.
std::optional<std::vector<IndexToken>> MadeAhead(const QueuedDocument& doc,
                                                 const IndexedNames* names) {
  if (!doc.stored) return std::nullopt;
  try {
    return BodyTokens::Make(doc.body, names);
  } catch (const std::exception&) {
    return std::nullopt;  // e.g. out of memory: the drain's thread tries again
  }
}

// Takes up to kBatch queued ids off the queue (PostgreSQL: rows other readers hold are
// skipped, so two processes never index the same document at once).
Result<std::vector<std::string>> TakeQueued(SqlConnection& db) {
  const bool pg = db.dialect() == Dialect::kPostgres;
  auto q = db.Prepare(pg ? "DELETE FROM search_queue WHERE doc_id IN (SELECT doc_id FROM "
                           "search_queue ORDER BY doc_id LIMIT ? FOR UPDATE SKIP LOCKED) "
                           "RETURNING doc_id"
                         : "SELECT doc_id FROM search_queue LIMIT ?");
  if (!q.ok()) return q.status();
  q->Bind(1, int64_t{kBatch});
  auto ids = FirstColumnTexts(*q);
  if (!ids.ok() || pg) return ids;
  auto dq = db.Prepare("DELETE FROM search_queue WHERE doc_id = ?");
  if (!dq.ok()) return dq.status();
  for (const std::string& id : *ids) {
    dq->Reset();
    dq->Bind(1, id);
    KETNOI_RETURN_IF_ERROR(dq->Run());
  }
  return ids;
}

}  // namespace

KnowledgeBase::KnowledgeBase(std::unique_ptr<store::Store> store,
                             std::unique_ptr<store::SqlConnection> sql)
    : store_(std::move(store)), sql_(std::move(sql)) {}
KnowledgeBase::~KnowledgeBase() = default;

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const std::string& location) {
  std::unique_ptr<KnowledgeBase> kb;
  sqlite3* raw = nullptr;  // SQLite: the connection, for the ranking function
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    auto st = store::PostgresStore::Open(location);
    if (!st.ok()) return st.status();
    auto sql = store::PgSql((*st)->db());
    kb.reset(new KnowledgeBase(std::move(st).value(), std::move(sql)));
  } else {
    auto st = store::SqliteStore::Open(location);
    if (!st.ok()) return st.status();
    raw = (*st)->db().raw();
    auto state = std::make_shared<TokenizerState>();
    KETNOI_RETURN_IF_ERROR(RegisterTokenizer(raw, state));
    auto sql = store::SqliteSql((*st)->db());
    kb.reset(new KnowledgeBase(std::move(st).value(), std::move(sql)));
    kb->tokenizer_state_ = std::move(state);
  }
  if (kb->sql_->dialect() == Dialect::kPostgres) {
    auto q = kb->sql_->Prepare("SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END");
    if (!q.ok()) return q.status();
    auto row = q->Step();
    if (!row.ok()) return row.status();
    kb->replica_ = *row && q->Int(0) == 1;
  }
  if (kb->replica_) return kb;
  KETNOI_RETURN_IF_ERROR(kb->Prepare());
  if (raw != nullptr) {  // after Prepare: its statement reads the search tables
    auto ranker = SqliteRanker::Create(raw);
    if (!ranker.ok()) return ranker.status();
    kb->ranker_ = std::move(ranker).value();
  }
  return kb;
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::OpenExisting(const std::string& location) {
  std::error_code ec;
  if (location.find("://") == std::string::npos && !std::filesystem::exists(location, ec)) {
    return core::NotFound("no database at " + location + " (run `ketnoi ingest` first)");
  }
  return Open(location);
}

Status KnowledgeBase::Prepare() {
  SqlConnection& db = *sql_;
  const bool pg = db.dialect() == Dialect::kPostgres;
  // SQLite: creates what is missing. When every table is there, CREATE ... IF NOT EXISTS only
  // reads, so opening a database another process is writing to does not wait for its lock.
  if (!pg) KETNOI_RETURN_IF_ERROR(db.Exec(kSchema));
  const std::string want = std::to_string(pg ? kTokenizerVersion : kFts5TokenizerVersion);
  auto built_by_this_version = [&]() -> Result<bool> {
    auto version = MetaValue(db, "tokenizer_version");
    if (!version.ok()) return version.status();
    return *version && **version == want;
  };
  auto current = built_by_this_version();
  if (!current.ok()) return current.status();
  if (*current) {
    if (!pg) {
      KETNOI_RETURN_IF_ERROR(AddSearchRowFacts(db));
      KETNOI_RETURN_IF_ERROR(SetMergePolicy(db));
    }
    return ReadIndexedNames();
  }
  // New or built by another tokenizer version: rebuild from every document.
  Status rebuilt = db.InTransaction([&]() -> Status {
    auto done = built_by_this_version();  // by another process meanwhile
    if (!done.ok()) return done.status();
    if (*done) return Status::Ok();
    if (pg) {
      KETNOI_RETURN_IF_ERROR(db.Exec(kPgReset));
    } else {
      KETNOI_RETURN_IF_ERROR(db.Exec(kDrop));
      KETNOI_RETURN_IF_ERROR(db.Exec(kSchema));
      KETNOI_RETURN_IF_ERROR(SetMergePolicy(db));
      auto name = db.Prepare("INSERT INTO search_names (term) VALUES (?)");
      if (!name.ok()) return name.status();
      for (const std::string& term : ShippedNameTerms()) {
        name->Reset();
        name->Bind(1, term);
        KETNOI_RETURN_IF_ERROR(name->Run());
      }
    }
    KETNOI_RETURN_IF_ERROR(
        db.Exec("INSERT INTO search_queue (doc_id) SELECT id FROM documents WHERE true "
                "ON CONFLICT DO NOTHING"));
    auto set = db.Prepare(
        "INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!set.ok()) return set.status();
    set->Bind(1, want);
    return set->Run();
  });
  return rebuilt.ok() ? ReadIndexedNames() : rebuilt;
}

Status KnowledgeBase::ReadIndexedNames() {
  if (tokenizer_state_ == nullptr) return Status::Ok();  // PostgreSQL: tsvectors, no names
  auto q = sql_->Prepare("SELECT term FROM search_names ORDER BY term");
  if (!q.ok()) return q.status();
  auto terms = FirstColumnTexts(*q);
  if (!terms.ok()) return terms.status();
  tokenizer_state_->names = std::make_shared<const IndexedNames>(*terms);
  return Status::Ok();
}

Result<int> KnowledgeBase::UpdateIndex(int threads) { return DrainQueue(std::nullopt, threads); }

Status KnowledgeBase::CatchUpIndex() {
  auto drained = DrainQueue(kQueryLockWait, 1);
  if (drained.ok()) {
    unindexed_ = 0;
    return Status::Ok();
  }
  if (drained.status().code() != core::StatusCode::kBusy) return drained.status();
  auto waiting = FirstInt(*sql_, "SELECT count(*) FROM search_queue");  // a read: no lock
  if (!waiting.ok()) return waiting.status();
  unindexed_ = *waiting;
  return Status::Ok();
}

Result<int> KnowledgeBase::DrainQueue(std::optional<std::chrono::milliseconds> lock_wait,
                                      int threads) {
  if (replica_) return 0;
  SqlConnection& db = *sql_;
  // Most queries find the queue empty: check without taking the write lock.
  auto queued = FirstInt(db, "SELECT 1 FROM search_queue LIMIT 1");
  if (!queued.ok()) return queued.status();
  if (*queued == 0) return 0;
  BodyTokens* reuse = tokenizer_state_ ? &tokenizer_state_->body : nullptr;
  const IndexedNames* names = tokenizer_state_ ? tokenizer_state_->names.get() : nullptr;
  // SQLite: threads - 1 helpers tokenize each transaction's bodies while the drain's thread
  // indexes them in order. Tokenizing is about a quarter of a drain's CPU and needs no
  // database. The helpers live as long as the drain: one a transaction (~1,600 at 100k
  // documents) cost 7 % more system CPU.
  std::optional<pipeline::OrderedPool<std::optional<std::vector<IndexToken>>>> ahead;
  if (reuse != nullptr && threads > 1) {
    ahead.emplace(threads - 1, static_cast<size_t>(kBatch), std::numeric_limits<size_t>::max());
  }
  int total = 0;
  while (true) {
    int done = 0;
    auto index_batch = [&]() -> Status {
      auto ids = TakeQueued(db);
      if (!ids.ok()) return ids.status();
      std::vector<QueuedDocument> docs;
      for (const std::string& id : *ids) {
        auto doc = ReadQueued(db, id);
        if (!doc.ok()) return doc.status();
        docs.push_back(std::move(doc).value());
      }
      struct FinishOnExit {  // before `docs` go: the helpers read them
        decltype(ahead)& pool;
        ~FinishOnExit() {
          if (pool) pool->Finish();
        }
      } finish{ahead};
      if (ahead) ahead->Start(docs.size(), [&](size_t i) { return MadeAhead(docs[i], names); });
      for (const QueuedDocument& doc : docs) {
        KETNOI_RETURN_IF_ERROR(RemoveDocument(db, doc.id));
        KETNOI_RETURN_IF_ERROR(IndexDocument(db, doc, reuse, ahead ? ahead->Next() : std::nullopt));
      }
      done = static_cast<int>(ids->size());
      return Status::Ok();
    };
    KETNOI_RETURN_IF_ERROR(lock_wait ? db.InTransactionWaitingAtMost(index_batch, *lock_wait)
                                     : db.InTransaction(index_batch));
    total += done;
    if (done < kBatch) return total;
  }
}

}  // namespace ketnoi::search
