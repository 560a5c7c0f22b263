// The search index: FTS5 tables over documents and sentences, the entity alias keys, and
// the queue drain that keeps them in step with the store.
#include <filesystem>
#include <string>
#include <vector>

#include "search/search.h"
#include "search/tokenizer.h"
#include "store/sqlite/sqlite_store.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

using core::Result;
using core::Status;
using store::SqliteDb;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search_documents
  USING fts5(doc_id UNINDEXED, title, body, tokenize='ketnoi');
CREATE VIRTUAL TABLE IF NOT EXISTS search_sentences
  USING fts5(doc_id UNINDEXED, idx UNINDEXED, text, tokenize='ketnoi');
CREATE TABLE IF NOT EXISTS search_rows (
  doc_id TEXT PRIMARY KEY, doc_row INTEGER NOT NULL, sent_lo INTEGER, sent_hi INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_aliases (
  key TEXT NOT NULL, entity_id TEXT NOT NULL, doc_id TEXT NOT NULL,
  PRIMARY KEY (key, entity_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_aliases_doc ON search_aliases(doc_id);
)sql";

constexpr std::string_view kDrop = R"sql(
DROP TABLE IF EXISTS search_documents;
DROP TABLE IF EXISTS search_sentences;
DROP TABLE IF EXISTS search_rows;
DROP TABLE IF EXISTS search_aliases;
)sql";

// Documents indexed per transaction: short write locks, so a running ingest is not starved.
constexpr int kBatch = 64;

Result<std::optional<std::string>> MetaValue(SqliteDb& db, std::string_view key) {
  auto q = db.Prepare("SELECT value FROM search_meta WHERE key = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, key);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->Text(0));
}

Status RemoveDocument(SqliteDb& db, const std::string& doc_id) {
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
  for (std::string_view sql : {"DELETE FROM search_rows WHERE doc_id = ?",
                               "DELETE FROM search_aliases WHERE doc_id = ?"}) {
    auto del = db.Prepare(sql);
    if (!del.ok()) return del.status();
    del->Bind(1, doc_id);
    KETNOI_RETURN_IF_ERROR(del->Run());
  }
  return Status::Ok();
}

Status IndexAliases(SqliteDb& db, const std::string& doc_id) {
  auto q = db.Prepare(
      "SELECT DISTINCT m.entity_id, m.surface FROM mentions m WHERE m.doc_id = ? "
      "UNION SELECT DISTINCT e.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
      "WHERE m.doc_id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, doc_id).Bind(2, doc_id);
  auto ins =
      db.Prepare("INSERT OR IGNORE INTO search_aliases (key, entity_id, doc_id) VALUES (?, ?, ?)");
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

Status IndexDocument(SqliteDb& db, const std::string& doc_id) {
  auto q = db.Prepare("SELECT title, body, text FROM documents WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, doc_id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();  // deleted: removing it was all there was to do
  std::string page = q->Text(2);
  auto ins = db.Prepare("INSERT INTO search_documents (doc_id, title, body) VALUES (?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, doc_id).Bind(2, q->Text(0)).Bind(3, q->Text(1));
  KETNOI_RETURN_IF_ERROR(ins->Run());
  int64_t doc_row = db.LastInsertId();

  auto sq =
      db.Prepare("SELECT idx, begin_byte, end_byte FROM sentences WHERE doc_id = ? ORDER BY idx");
  if (!sq.ok()) return sq.status();
  sq->Bind(1, doc_id);
  auto si = db.Prepare("INSERT INTO search_sentences (doc_id, idx, text) VALUES (?, ?, ?)");
  if (!si.ok()) return si.status();
  std::optional<int64_t> lo, hi;
  while (true) {
    auto r = sq->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    int64_t b = sq->Int(1), e = sq->Int(2);
    if (b < 0 || e <= b || static_cast<size_t>(e) > page.size()) continue;
    si->Reset();
    si->Bind(1, doc_id).Bind(2, sq->Int(0));
    si->Bind(3, std::string_view(page).substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    KETNOI_RETURN_IF_ERROR(si->Run());
    int64_t rowid = db.LastInsertId();
    if (!lo) lo = rowid;
    hi = rowid;
  }
  auto rows =
      db.Prepare("INSERT INTO search_rows (doc_id, doc_row, sent_lo, sent_hi) VALUES (?, ?, ?, ?)");
  if (!rows.ok()) return rows.status();
  rows->Bind(1, doc_id).Bind(2, doc_row);
  if (lo) {
    rows->Bind(3, *lo).Bind(4, *hi);
  } else {
    rows->BindNull(3).BindNull(4);
  }
  KETNOI_RETURN_IF_ERROR(rows->Run());
  return IndexAliases(db, doc_id);
}

}  // namespace

KnowledgeBase::KnowledgeBase(std::unique_ptr<store::SqliteStore> store)
    : store_(std::move(store)) {}
KnowledgeBase::~KnowledgeBase() = default;

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return core::Unsupported("search needs the SQLite backend: " + location);
  }
  auto st = store::SqliteStore::Open(location);
  if (!st.ok()) return st.status();
  std::unique_ptr<KnowledgeBase> kb(new KnowledgeBase(std::move(st).value()));
  KETNOI_RETURN_IF_ERROR(kb->Prepare());
  auto n = kb->UpdateIndex();
  if (!n.ok()) return n.status();
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
  SqliteDb& db = store_->db();
  KETNOI_RETURN_IF_ERROR(RegisterTokenizer(db.raw()));
  return store::InTransaction(db, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db.Exec(
        "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
        "WITHOUT ROWID"));
    auto version = MetaValue(db, "tokenizer_version");
    if (!version.ok()) return version.status();
    const std::string want = std::to_string(kTokenizerVersion);
    if (*version && **version == want) return db.Exec(kSchema);
    // New or built by another tokenizer version: rebuild from every document.
    KETNOI_RETURN_IF_ERROR(db.Exec(kDrop));
    KETNOI_RETURN_IF_ERROR(db.Exec(kSchema));
    KETNOI_RETURN_IF_ERROR(
        db.Exec("INSERT OR IGNORE INTO search_queue (doc_id) SELECT id FROM documents"));
    auto set = db.Prepare(
        "INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!set.ok()) return set.status();
    set->Bind(1, want);
    return set->Run();
  });
}

Result<int> KnowledgeBase::UpdateIndex() {
  SqliteDb& db = store_->db();
  {
    // Most queries find the queue empty: check without taking the write lock.
    auto any = db.Prepare("SELECT 1 FROM search_queue LIMIT 1");
    if (!any.ok()) return any.status();
    auto row = any->Step();
    if (!row.ok()) return row.status();
    if (!*row) return 0;
  }
  int total = 0;
  while (true) {
    int done = 0;
    Status st = store::InTransaction(db, [&]() -> Status {
      auto q = db.Prepare("SELECT doc_id FROM search_queue LIMIT ?");
      if (!q.ok()) return q.status();
      q->Bind(1, int64_t{kBatch});
      std::vector<std::string> ids;
      while (true) {
        auto row = q->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        ids.push_back(q->Text(0));
      }
      auto dq = db.Prepare("DELETE FROM search_queue WHERE doc_id = ?");
      if (!dq.ok()) return dq.status();
      for (const std::string& id : ids) {
        KETNOI_RETURN_IF_ERROR(RemoveDocument(db, id));
        KETNOI_RETURN_IF_ERROR(IndexDocument(db, id));
        dq->Reset();
        dq->Bind(1, id);
        KETNOI_RETURN_IF_ERROR(dq->Run());
      }
      done = static_cast<int>(ids.size());
      return Status::Ok();
    });
    KETNOI_RETURN_IF_ERROR(st);
    total += done;
    if (done < kBatch) return total;
  }
}

}  // namespace ketnoi::search
