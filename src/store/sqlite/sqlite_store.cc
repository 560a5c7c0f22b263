#include "store/sqlite/sqlite_store.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "store/entity_stats.h"
#include "store/record_encoding.h"
#include "store/resolver_index.h"
#include "store/sqlite/migrations.h"

namespace ketnoi::store {
namespace {

using core::Result;
using core::Status;

// Resets a cached SELECT when the caller is done with it, so it holds no read snapshot open
// (an unfinished statement would pin the WAL and block checkpoints).
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement* s) : s_(s) {}
  ~ResetOnExit() { s_->Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement* s_;
};

// store/sql_runner.h over one SQLite connection.
class SqliteRunner final : public SqlRunner {
 public:
  explicit SqliteRunner(SqliteDb* db) : db_(db) {}

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Exec(const std::string& sql, const std::vector<std::string>& args) override {
    auto q = Prepared(sql, args);
    if (!q.ok()) return q.status();
    ResetOnExit reset(*q);
    return (*q)->Run();
  }
  Result<std::vector<SqlRow>> Rows(const std::string& sql,
                                   const std::vector<std::string>& args) override {
    auto prepared = Prepared(sql, args);
    if (!prepared.ok()) return prepared.status();
    Statement* q = *prepared;
    ResetOnExit reset(q);
    int columns = q->ColumnCount();
    std::vector<SqlRow> rows;
    for (;;) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      SqlRow r;
      for (int c = 0; c < columns; ++c) r.push_back(q->Text(c));
      rows.push_back(std::move(r));
    }
    return rows;
  }
  Status InTransaction(const std::function<Status()>& body) override {
    return store::InTransaction(*db_, body);
  }
  Status InReadSnapshot(const std::function<Status()>& body) override {
    if (sqlite3_get_autocommit(db_->raw()) == 0) return body();  // a batch: its snapshot
    KETNOI_RETURN_IF_ERROR(db_->Exec("BEGIN"));
    Status st = body();
    (void)db_->Exec(st.ok() ? "COMMIT" : "ROLLBACK");
    return st;
  }

 private:
  // Statements are kept by their SQL: the resolver index runs the same few per document.
  Result<Statement*> Prepared(const std::string& sql, const std::vector<std::string>& args) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      if (cache_.size() >= kMaxCached) cache_.clear();
      auto q = db_->Prepare(sql);
      if (!q.ok()) return q.status();
      it = cache_.emplace(sql, std::move(q).value()).first;
    }
    Statement* q = &it->second;
    q->Reset();
    // The caller's `args` outlive the statement's run, and ResetOnExit clears the bindings.
    for (size_t i = 0; i < args.size(); ++i) q->BindView(static_cast<int>(i + 1), args[i]);
    return q;
  }
  static constexpr size_t kMaxCached = 256;
  SqliteDb* db_;
  std::unordered_map<std::string, Statement> cache_;
};

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<SqliteDb> db)
    : db_(std::move(db)), runner_(std::make_unique<SqliteRunner>(db_.get())) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return core::InvalidInput("database path " + path + " is a directory");
  }
  auto db = SqliteDb::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db).value()));
  // WAL: readers (search, server) never block the ingest writer and vice versa; a crash
  // mid-transaction leaves the last committed state.
  KETNOI_RETURN_IF_ERROR(store->db_->Exec("PRAGMA journal_mode=WAL"));
  KETNOI_RETURN_IF_ERROR(store->db_->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"));
  // This connection's commits checkpoint the WAL into the database once it holds 8,192 pages
  // (32 MB) rather than SQLite's 1,000: an ingest batch changes more than 1,000 pages, so
  // every commit checkpointed, copying and syncing again the index pages that every batch
  // changes (the WAL file keeps its largest size: 32 MB more on disk).
  KETNOI_RETURN_IF_ERROR(store->db_->Exec("PRAGMA wal_autocheckpoint=8192"));
  KETNOI_RETURN_IF_ERROR(store->Migrate());
  KETNOI_RETURN_IF_ERROR(store->BuildResolverIndex());
  return store;
}

Status SqliteStore::Migrate() {
  KETNOI_RETURN_IF_ERROR(
      db_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  // Opening an up-to-date database only reads: a write transaction per migration would wait
  // for a running ingest's batch on every command that opens the store.
  std::set<int> applied;
  {
    auto q = db_->Prepare("SELECT version FROM schema_migrations");
    if (!q.ok()) return q.status();
    for (;;) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      applied.insert(static_cast<int>(q->Int(0)));
    }
  }
  for (const Migration& m : SqliteMigrations()) {
    if (applied.count(m.version)) {
      schema_version_ = m.version;
      continue;
    }
    Status st = InTransaction(*db_, [&]() -> Status {
      auto q = db_->Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
      if (!q.ok()) return q.status();
      q->Bind(1, static_cast<int64_t>(m.version));
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (*row) return Status::Ok();  // already applied (by us or a concurrent process)
      KETNOI_RETURN_IF_ERROR(db_->Exec(m.sql));
      if (m.backfill) KETNOI_RETURN_IF_ERROR(m.backfill(*runner_));
      auto ins = db_->Prepare(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
      if (!ins.ok()) return ins.status();
      ins->Bind(1, static_cast<int64_t>(m.version)).Bind(2, m.description).Bind(3, NowUtcIso());
      return ins->Run();
    });
    KETNOI_RETURN_IF_ERROR(st);
    schema_version_ = m.version;
  }
  return Status::Ok();
}

Result<Statement*> SqliteStore::Cached(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.status();
    it = statements_.emplace(sql, std::move(st).value()).first;
  }
  it->second.Reset();
  return &it->second;
}

Result<std::optional<std::string>> SqliteStore::FindByHash(const std::string& hash) {
  auto q_or = Cached("SELECT id FROM documents WHERE content_hash = ?");
  if (!q_or.ok()) return q_or.status();
  Statement* q = *q_or;
  ResetOnExit reset(q);
  q->Bind(1, hash);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->Text(0));
}

Result<std::string> SqliteStore::UniqueId(const std::string& wanted) {
  auto q_or = Cached("SELECT 1 FROM documents WHERE id = ?");
  if (!q_or.ok()) return q_or.status();
  Statement* q = *q_or;
  ResetOnExit reset(q);
  std::string base = wanted.empty() ? "doc" : wanted;
  for (int n = 1;; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    q->Reset();
    q->Bind(1, candidate);
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return candidate;
  }
}

Status SqliteStore::DeleteDocumentRows(const std::string& id) {
  // Child rows go by ON DELETE CASCADE.
  auto del_or = Cached("DELETE FROM documents WHERE id = ?");
  if (!del_or.ok()) return del_or.status();
  Statement* del = *del_or;
  del->Bind(1, id);
  return del->Run();
}

Status SqliteStore::InsertDocumentRows(const std::string& id, const DocumentRecord& r) {
  auto doc_or = Cached(
      "INSERT INTO documents (id, source, content_hash, format, lang, title, published, text, "
      "body, paragraphs, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!doc_or.ok()) return doc_or.status();
  Statement* doc = *doc_or;
  std::optional<std::string> published;
  if (r.date) published = r.date->ToIso();
  doc->Bind(1, id).Bind(2, r.source).Bind(3, r.content_hash).Bind(4, r.format);
  doc->Bind(5, core::LangCode(r.lang)).Bind(6, r.title).BindOptional(7, published).Bind(8, r.text);
  doc->Bind(9, r.Body()).Bind(10, SpansJson(r.paragraphs));
  doc->Bind(11, NowUtcIso());
  KETNOI_RETURN_IF_ERROR(doc->Run());

  const extract::Analysis& a = r.analysis;
  KETNOI_RETURN_IF_ERROR(
      InsertRows("INSERT INTO sentences (doc_id, idx, begin_byte, end_byte, paragraph) VALUES ", 5,
                 "", a.sentences.size(), [&](Statement& q, int p, size_t i) {
                   q.Bind(p + 1, id).Bind(p + 2, static_cast<int64_t>(i));
                   q.Bind(p + 3, int64_t{a.sentences[i].span.begin});
                   q.Bind(p + 4, int64_t{a.sentences[i].span.end});
                   q.Bind(p + 5, int64_t{a.sentences[i].paragraph});
                 }));

  const std::vector<resolve::LocalEntity>& entities = r.resolved.entities;
  KETNOI_RETURN_IF_ERROR(InsertRows(
      "INSERT INTO entities (id, kind, name, place_type, lexicon_key) VALUES ", 5,
      " ON CONFLICT(id) DO NOTHING", entities.size(), [&](Statement& q, int p, size_t i) {
        const resolve::LocalEntity& e = entities[i];
        q.Bind(p + 1, e.id).Bind(p + 2, extract::EntityKindName(e.kind)).Bind(p + 3, e.name);
        q.Bind(p + 4, extract::PlaceTypeName(e.place_type)).Bind(p + 5, e.lexicon_key);
      }));

  const std::vector<std::string> mention_entity = MentionEntityIds(a, r.resolved);
  std::vector<size_t> resolved_mentions;
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    if (!mention_entity[i].empty()) resolved_mentions.push_back(i);
  }
  KETNOI_RETURN_IF_ERROR(InsertRows(
      "INSERT INTO mentions (doc_id, idx, entity_id, kind, begin_byte, end_byte, surface, "
      "sentence, antecedent, roles) VALUES ",
      10, "", resolved_mentions.size(), [&](Statement& q, int p, size_t row) {
        const size_t i = resolved_mentions[row];
        const extract::Mention& m = a.mentions[i];
        q.Bind(p + 1, id).Bind(p + 2, static_cast<int64_t>(i)).Bind(p + 3, mention_entity[i]);
        q.Bind(p + 4, extract::EntityKindName(m.kind)).Bind(p + 5, int64_t{m.span.begin});
        q.Bind(p + 6, int64_t{m.span.end}).Bind(p + 7, m.surface).Bind(p + 8, int64_t{m.sentence});
        q.Bind(p + 9, int64_t{m.antecedent}).Bind(p + 10, RolesJson(m.roles));
      }));

  KETNOI_RETURN_IF_ERROR(
      InsertRows("INSERT OR IGNORE INTO document_fields (doc_id, field, rank) VALUES ", 3, "",
                 a.fields.size(), [&](Statement& q, int p, size_t i) {
                   q.Bind(p + 1, id).Bind(p + 2, a.fields[i]).Bind(p + 3, static_cast<int64_t>(i));
                 }));

  auto entity_of = [&](int mention) -> const std::string* {
    if (mention < 0 || static_cast<size_t>(mention) >= mention_entity.size() ||
        mention_entity[static_cast<size_t>(mention)].empty()) {
      return nullptr;
    }
    return &mention_entity[static_cast<size_t>(mention)];
  };
  KETNOI_RETURN_IF_ERROR(InsertRows(
      "INSERT INTO events (doc_id, idx, type, modality, date, end_date, place_entity, sentence, "
      "evidence_begin, evidence_end, trigger_begin, trigger_end, fields) VALUES ",
      13, "", a.events.size(), [&](Statement& q, int p, size_t i) {
        const extract::Event& e = a.events[i];
        std::optional<std::string> date, end_date, place;
        if (e.date) date = e.date->ToIso();
        if (e.end_date) end_date = e.end_date->ToIso();
        if (const std::string* entity = entity_of(e.place)) place = *entity;
        q.Bind(p + 1, id).Bind(p + 2, static_cast<int64_t>(i));
        q.Bind(p + 3, extract::EventTypeName(e.type))
            .Bind(p + 4, extract::ModalityName(e.modality));
        q.BindOptional(p + 5, date).BindOptional(p + 6, end_date).BindOptional(p + 7, place);
        q.Bind(p + 8, int64_t{e.sentence}).Bind(p + 9, int64_t{e.evidence.begin});
        q.Bind(p + 10, int64_t{e.evidence.end}).Bind(p + 11, int64_t{e.trigger.begin});
        q.Bind(p + 12, int64_t{e.trigger.end}).Bind(p + 13, nlohmann::json(e.fields).dump());
      }));

  // After every event (a participant row needs its event and its mention).
  std::vector<std::pair<size_t, int>> participants;  // (event, mention)
  for (size_t i = 0; i < a.events.size(); ++i) {
    for (int m : a.events[i].participants) {
      if (entity_of(m) != nullptr) participants.emplace_back(i, m);
    }
  }
  return InsertRows(
      "INSERT OR IGNORE INTO event_participants (doc_id, event_idx, mention_idx, entity_id) "
      "VALUES ",
      4, "", participants.size(), [&](Statement& q, int p, size_t row) {
        const auto [event, mention] = participants[row];
        q.Bind(p + 1, id).Bind(p + 2, static_cast<int64_t>(event)).Bind(p + 3, int64_t{mention});
        q.Bind(p + 4, *entity_of(mention));
      });
}

Status SqliteStore::InsertRows(std::string_view head, int columns, std::string_view tail,
                               size_t rows,
                               const std::function<void(Statement&, int, size_t)>& bind) {
  for (size_t first = 0; first < rows; first += kRowsPerInsert) {
    const size_t n = std::min(kRowsPerInsert, rows - first);
    std::string sql(head);
    for (size_t row = 0; row < n; ++row) {
      sql += row == 0 ? "(" : ",(";
      for (int c = 0; c < columns; ++c) sql += c == 0 ? "?" : ",?";
      sql += ")";
    }
    sql += tail;
    auto it = row_statements_.find(sql);
    if (it == row_statements_.end()) {
      auto prepared = db_->Prepare(sql);
      if (!prepared.ok()) return prepared.status();
      it = row_statements_.emplace(sql, std::move(prepared).value()).first;
    }
    Statement& q = it->second;
    q.Reset();
    for (size_t row = 0; row < n; ++row) bind(q, static_cast<int>(row) * columns, first + row);
    KETNOI_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status SqliteStore::BeginBatch() {
  if (in_batch_) return Status::Ok();
  // A batch writes all its documents at its commit: a page cache that holds a batch's
  // changed pages (32 MB; SQLite's default is 2 MB) keeps them from spilling into the WAL
  // before it. Only the batch writer's connection grows; readers keep the default.
  KETNOI_RETURN_IF_ERROR(db_->Exec("PRAGMA cache_size=-32768"));
  // A batch's savepoint and statement journals live in memory (SQLite keeps them there when
  // temporary storage is, from the transaction's start: pager.c openSubJournal), bounded by
  // one document's changes since each savepoint's release empties them. As temporary files
  // they cost 2.0-2.4 s of system CPU per 1,000 pages, 0.9 s so. Only for the batch: a
  // migration or a merge is one big statement whose journal in memory grows with the
  // database (917 MB upgrading the 100k database). SQLITE_CONFIG_STMTJRNL_SPILL is not the
  // way either: see SqliteDb::Open.
  KETNOI_RETURN_IF_ERROR(db_->Exec("PRAGMA temp_store=MEMORY"));
  KETNOI_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  in_batch_ = true;
  return Status::Ok();
}

Status SqliteStore::CommitBatch() {
  if (!in_batch_) return Status::Ok();
  in_batch_ = false;
  // Some errors (disk full, I/O) make SQLite roll the whole transaction back: the batch's
  // documents are gone, and the caller must not count them as stored.
  Status st = core::Internal("an error rolled back the batch's transaction of " + db_->path());
  if (sqlite3_get_autocommit(db_->raw()) == 0) {
    st = WriteUnwritten();
    if (st.ok()) st = db_->Exec("COMMIT");
    if (!st.ok()) (void)db_->Exec("ROLLBACK");
  }
  ForgetUnwritten();
  // Changing it drops the connection's temporary tables, recreated on use (entity_stats.cc).
  Status default_temp_store = db_->Exec("PRAGMA temp_store=DEFAULT");
  return st.ok() ? default_temp_store : st;
}

Status SqliteStore::WriteUnwritten() {
  KETNOI_RETURN_IF_ERROR(fresh_documents_.Write(*runner_));
  return unwritten_context_.Apply(*runner_);
}

void SqliteStore::ForgetUnwritten() {
  fresh_documents_.Clear();
  unwritten_context_.Clear();
}

Result<bool> SqliteStore::CurationChangesNewRows() {
  // Renames change only an entity's name, which no derived table holds.
  auto q_or = Cached(
      "SELECT EXISTS (SELECT 1 FROM curation_merges) OR EXISTS (SELECT 1 FROM curation_splits) "
      "OR EXISTS (SELECT 1 FROM entity_aliases) "
      "OR EXISTS (SELECT 1 FROM curation_rejected_mentions) "
      "OR EXISTS (SELECT 1 FROM curation_rejected_events)");
  if (!q_or.ok()) return q_or.status();
  Statement* q = *q_or;
  ResetOnExit reset(q);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row && q->Int(0) != 0;
}

Status SqliteStore::IndexFreshDocument(const DocumentRecord& record, ResolverIndexDelta* context) {
  // What CountDocumentsInResolverIndex would read back: the stored mentions in index order,
  // each with its entity's lexicon key as stored (by the first document that named it).
  auto key_or = Cached("SELECT lexicon_key FROM entities WHERE id = ?");
  if (!key_or.ok()) return key_or.status();
  Statement* key = *key_or;
  ResetOnExit reset(key);
  std::map<std::string, std::string> lexicon_key;
  const std::vector<std::string> entity_of = MentionEntityIds(record.analysis, record.resolved);
  std::vector<resolve::KnownMention> mentions;
  for (size_t i = 0; i < entity_of.size(); ++i) {
    if (entity_of[i].empty()) continue;
    auto [it, first] = lexicon_key.emplace(entity_of[i], "");
    if (first) {
      key->Reset();
      key->Bind(1, entity_of[i]);
      auto row = key->Step();
      if (!row.ok()) return row.status();
      if (*row) it->second = key->Text(0);
    }
    const extract::Mention& m = record.analysis.mentions[i];
    mentions.push_back({entity_of[i], m.kind, m.surface, it->second});
  }
  ResolverIndexDelta names;
  names.AddDocument(mentions, 1);
  // Names are read back by the next document's resolution (the keys join them); context
  // rows, about twenty times as many, only per entity, where the unwritten ones are added.
  *context = names.TakeContext();
  return names.Apply(*runner_);
}

Result<PutOutcome> SqliteStore::PutDocument(const DocumentRecord& record) {
  PutOutcome out;
  bool fresh = false;          // a new document no curation edit changes: counted from `record`
  bool wrote_batch = false;    // the batch's unwritten counts were written in this savepoint
  ResolverIndexDelta context;  // a fresh document's resolver context, left for the batch
  auto put = [&]() -> Status {
    auto same = FindByHash(record.content_hash);
    if (!same.ok()) return same.status();
    if (*same) {
      out.id = **same;
      out.result = PutResult::kUnchanged;
      return Status::Ok();
    }
    // New content from a source we already hold replaces that document under its id.
    auto prev_or = Cached("SELECT id FROM documents WHERE source = ? AND source != '-'");
    if (!prev_or.ok()) return prev_or.status();
    Statement* prev = *prev_or;
    ResetOnExit reset(prev);
    prev->Bind(1, record.source);
    auto row = prev->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      out.id = prev->Text(0);
      out.result = PutResult::kReplaced;
    } else {
      auto id = UniqueId(record.id);
      if (!id.ok()) return id.status();
      out.id = *id;
      out.result = PutResult::kInserted;
    }
    auto curated = CurationChangesNewRows();
    if (!curated.ok()) return curated.status();
    fresh = out.result == PutResult::kInserted && !*curated;
    if (fresh) {
      KETNOI_RETURN_IF_ERROR(InsertDocumentRows(out.id, record));
      KETNOI_RETURN_IF_ERROR(WriteNameKeys(*runner_, record.resolved.name_keys));
      // The entity counts and the resolver context wait for the batch's commit (outside a
      // batch: they are written in this transaction).
      KETNOI_RETURN_IF_ERROR(IndexFreshDocument(record, &context));
      if (in_batch_) return Status::Ok();
      entity_stats::FreshDocuments own;
      own.Add(out.id, record);
      KETNOI_RETURN_IF_ERROR(own.Write(*runner_));
      return context.Apply(*runner_);
    }
    // The counting below reads the stored rows: the batch's unwritten counts go in first.
    KETNOI_RETURN_IF_ERROR(WriteUnwritten());
    wrote_batch = true;
    if (out.result == PutResult::kReplaced) {
      KETNOI_RETURN_IF_ERROR(CountDocumentsInResolverIndex(*runner_, {out.id}, -1));
    }
    KETNOI_RETURN_IF_ERROR(
        entity_stats::SetDocuments(*runner_, entity_stats::kOneDocument, {out.id}));
    if (out.result == PutResult::kReplaced) {
      KETNOI_RETURN_IF_ERROR(entity_stats::Subtract(*runner_));
      KETNOI_RETURN_IF_ERROR(DeleteDocumentRows(out.id));
    }
    KETNOI_RETURN_IF_ERROR(InsertDocumentRows(out.id, record));
    // Before the counts, so that they see the final entities.
    KETNOI_RETURN_IF_ERROR(ReplayCuration(out.id));
    KETNOI_RETURN_IF_ERROR(WriteNameKeys(*runner_, record.resolved.name_keys));
    KETNOI_RETURN_IF_ERROR(CountDocumentsInResolverIndex(*runner_, {out.id}, 1));
    return entity_stats::Add(*runner_);
  };
  Status st = in_batch_ ? InSavepoint(*db_, put) : InTransaction(*db_, put);
  // A failed savepoint took back everything it wrote, unwritten counts included: they stay
  // unwritten.
  if (!st.ok()) return st;
  if (wrote_batch) ForgetUnwritten();
  if (fresh && in_batch_) {
    fresh_documents_.Add(out.id, record);
    unwritten_context_.Add(context);
  }
  return out;
}

Result<std::vector<DocumentSummary>> SqliteStore::ListDocuments() {
  std::vector<DocumentSummary> out;
  auto q = db_->Prepare("SELECT id, source, lang, title, published FROM documents ORDER BY id");
  if (!q.ok()) return q.status();
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    DocumentSummary d{q->Text(0), q->Text(1), q->Text(2), q->Text(3), std::nullopt};
    if (!q->IsNull(4)) d.date = q->Text(4);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::optional<StoredDocument>> SqliteStore::GetDocument(const std::string& id) {
  auto q = db_->Prepare(
      "SELECT id, source, lang, title, published, content_hash, format, text, body "
      "FROM documents WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoredDocument>();
  StoredDocument d;
  d.summary = {q->Text(0), q->Text(1), q->Text(2), q->Text(3), std::nullopt};
  if (!q->IsNull(4)) d.summary.date = q->Text(4);
  d.content_hash = q->Text(5);
  d.format = q->Text(6);
  d.text = q->Text(7);
  d.body = q->Text(8);
  return std::optional<StoredDocument>(std::move(d));
}

Status SqliteStore::LoadKnownEntities(
    const std::function<void(const std::vector<resolve::KnownMention>&)>& per_document) {
  // Documents in rowid order (the order they were inserted; a replaced document is
  // inserted again), each one's mentions by their primary key: no sort.
  auto q = db_->Prepare(std::string(kKnownMentionsQuery) + "ORDER BY d.rowid, m.idx");
  if (!q.ok()) return q.status();
  KnownMentionsByDocument documents(per_document);
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    documents.Add(q->Text(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4));
  }
  documents.Finish();
  return Status::Ok();
}

}  // namespace ketnoi::store
