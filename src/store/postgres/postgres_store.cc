#include "store/postgres/postgres_store.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "store/entity_stats.h"
#include "store/postgres/pg_migrations.h"
#include "store/record_encoding.h"
#include "store/resolver_index.h"
#include "text/text.h"

namespace ketnoi::store {
namespace {

using core::Result;
using core::Status;

PgParam OptionalDate(const std::optional<core::Date>& d) {
  if (!d) return std::nullopt;
  return d->ToIso();
}

// "... ? ... ?" -> "... $1 ... $2" (the portable SQL of store/sql_runner.h has no '?' in
// its string literals).
std::string NumberPlaceholders(const std::string& sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// store/sql_runner.h over one PostgreSQL connection.
class PgRunner final : public SqlRunner {
 public:
  explicit PgRunner(PgConn* db) : db_(db) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(const std::string& sql, const std::vector<std::string>& args) override {
    return Query(sql, args).status();
  }
  Result<std::vector<SqlRow>> Rows(const std::string& sql,
                                   const std::vector<std::string>& args) override {
    auto q = Query(sql, args);
    if (!q.ok()) return q.status();
    std::vector<SqlRow> rows;
    for (int i = 0; i < q->Rows(); ++i) {
      SqlRow r;
      for (int c = 0; c < q->Columns(); ++c) r.push_back(q->IsNull(i, c) ? "" : q->Text(i, c));
      rows.push_back(std::move(r));
    }
    return rows;
  }
  Status InTransaction(const std::function<Status()>& body) override {
    return InSerializableTransaction(*db_, PostgresStore::kMaxAttempts, body);
  }
  Status InReadSnapshot(const std::function<Status()>& body) override {
    KETNOI_RETURN_IF_ERROR(db_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    Status st = body();
    if (st.ok()) st = db_->Exec("COMMIT");
    if (!st.ok()) (void)db_->Exec("ROLLBACK");
    return st;
  }

 private:
  Result<PgResult> Query(const std::string& sql, const std::vector<std::string>& args) {
    std::vector<PgParam> params(args.begin(), args.end());
    return db_->Query(NumberPlaceholders(sql), params);
  }
  PgConn* db_;
};

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<PgConn> db)
    : db_(std::move(db)), runner_(std::make_unique<PgRunner>(db_.get())) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url) {
  auto db = PgConn::Open(url);
  if (!db.ok()) return db.status();
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(db).value()));
  KETNOI_RETURN_IF_ERROR(store->Migrate());
  KETNOI_RETURN_IF_ERROR(store->BuildResolverIndex());
  return store;
}

Status PostgresStore::Migrate() {
  // One transaction for all pending migrations; the advisory lock makes a second process
  // wait here and then find everything applied (even CREATE TABLE IF NOT EXISTS races).
  KETNOI_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  auto body = [&]() -> Status {
    auto lock = db_->Query("SELECT pg_advisory_xact_lock($1)", {PgInt(kMigrationLockKey)});
    if (!lock.ok()) return lock.status();
    KETNOI_RETURN_IF_ERROR(
        db_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"));
    auto applied = db_->Query("SELECT version FROM schema_migrations");
    if (!applied.ok()) return applied.status();
    std::set<int64_t> done;
    for (int i = 0; i < applied->Rows(); ++i) done.insert(applied->Int(i, 0));
    for (const Migration& m : PostgresMigrations()) {
      if (!done.count(m.version)) {
        KETNOI_RETURN_IF_ERROR(db_->Exec(m.sql));
        if (m.backfill) KETNOI_RETURN_IF_ERROR(m.backfill(*runner_));
        auto ins =
            db_->Query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                       {PgInt(m.version), std::string(m.description)});
        if (!ins.ok()) return ins.status();
      }
      schema_version_ = m.version;
    }
    return Status::Ok();
  };
  Status st = body();
  if (st.ok()) st = db_->Exec("COMMIT");
  if (!st.ok()) {
    (void)db_->Exec("ROLLBACK");
    schema_version_ = 0;
    return Status(st.code(), "cannot migrate the PostgreSQL schema: " + st.message());
  }
  return st;
}

Result<std::optional<std::string>> PostgresStore::FindByHash(const std::string& hash) {
  auto q = db_->Query("SELECT id FROM documents WHERE content_hash = $1", {hash});
  if (!q.ok()) return q.status();
  if (q->Rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(q->Text(0, 0));
}

Result<std::string> PostgresStore::UniqueId(const std::string& wanted) {
  std::string base = wanted.empty() ? "doc" : wanted;
  // Every taken id of the form base or base-N in one round trip.
  auto q = db_->Query("SELECT id FROM documents WHERE id = $1 OR id LIKE $2", {base, base + "-%"});
  if (!q.ok()) return q.status();
  std::set<std::string> taken;
  for (int i = 0; i < q->Rows(); ++i) taken.insert(q->Text(i, 0));
  for (int n = 1;; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    if (!taken.count(candidate)) return candidate;
  }
}

Status PostgresStore::InsertDocumentRows(const std::string& id, const DocumentRecord& r) {
  const std::string body = r.Body();  // stored and indexed: join the paragraphs once
  auto run = [&](const std::string& sql, const std::vector<PgParam>& params) -> Status {
    return db_->Query(sql, params).status();
  };
  KETNOI_RETURN_IF_ERROR(
      run("INSERT INTO documents (id, source, content_hash, format, lang, title, published, text, "
          "body, paragraphs) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
          {id, r.source, r.content_hash, r.format, std::string(core::LangCode(r.lang)), r.title,
           OptionalDate(r.date), r.text, body, SpansJson(r.paragraphs)}));

  const extract::Analysis& a = r.analysis;
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    KETNOI_RETURN_IF_ERROR(
        run("INSERT INTO sentences (doc_id, idx, begin_byte, end_byte, paragraph) "
            "VALUES ($1,$2,$3,$4,$5)",
            {id, PgInt(static_cast<int64_t>(i)), PgInt(a.sentences[i].span.begin),
             PgInt(a.sentences[i].span.end), PgInt(a.sentences[i].paragraph)}));
  }
  for (const resolve::LocalEntity& e : r.resolved.entities) {
    // DO NOTHING: the first writer of an entity names it, as in SQLite; a concurrent
    // first writer makes this transaction retry rather than fail.
    KETNOI_RETURN_IF_ERROR(run(
        "INSERT INTO entities (id, kind, name, place_type, lexicon_key) VALUES ($1,$2,$3,$4,$5) "
        "ON CONFLICT (id) DO NOTHING",
        {e.id, std::string(extract::EntityKindName(e.kind)), e.name,
         std::string(extract::PlaceTypeName(e.place_type)), e.lexicon_key}));
  }
  std::vector<std::string> mention_entity(a.mentions.size());
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const extract::Mention& m = a.mentions[i];
    int e = i < r.resolved.mention_entity.size() ? r.resolved.mention_entity[i] : -1;
    if (e < 0 || static_cast<size_t>(e) >= r.resolved.entities.size()) continue;
    mention_entity[i] = r.resolved.entities[static_cast<size_t>(e)].id;
    KETNOI_RETURN_IF_ERROR(
        run("INSERT INTO mentions (doc_id, idx, entity_id, kind, begin_byte, end_byte, surface, "
            "sentence, antecedent, roles) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            {id, PgInt(static_cast<int64_t>(i)), mention_entity[i],
             std::string(extract::EntityKindName(m.kind)), PgInt(m.span.begin), PgInt(m.span.end),
             m.surface, PgInt(m.sentence), PgInt(m.antecedent), RolesJson(m.roles)}));
  }
  for (size_t i = 0; i < a.fields.size(); ++i) {
    KETNOI_RETURN_IF_ERROR(
        run("INSERT INTO document_fields (doc_id, field, rank) VALUES ($1,$2,$3) "
            "ON CONFLICT DO NOTHING",
            {id, a.fields[i], PgInt(static_cast<int64_t>(i))}));
  }
  for (size_t i = 0; i < a.events.size(); ++i) {
    const extract::Event& e = a.events[i];
    PgParam place;
    if (e.place >= 0 && static_cast<size_t>(e.place) < mention_entity.size() &&
        !mention_entity[static_cast<size_t>(e.place)].empty()) {
      place = mention_entity[static_cast<size_t>(e.place)];
    }
    KETNOI_RETURN_IF_ERROR(
        run("INSERT INTO events (doc_id, idx, type, modality, date, end_date, place_entity, "
            "sentence, evidence_begin, evidence_end, trigger_begin, trigger_end, fields) "
            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
            {id, PgInt(static_cast<int64_t>(i)), std::string(extract::EventTypeName(e.type)),
             std::string(extract::ModalityName(e.modality)), OptionalDate(e.date),
             OptionalDate(e.end_date), place, PgInt(e.sentence), PgInt(e.evidence.begin),
             PgInt(e.evidence.end), PgInt(e.trigger.begin), PgInt(e.trigger.end),
             nlohmann::json(e.fields).dump()}));
    for (int p : e.participants) {
      if (p < 0 || static_cast<size_t>(p) >= mention_entity.size() ||
          mention_entity[static_cast<size_t>(p)].empty()) {
        continue;
      }
      KETNOI_RETURN_IF_ERROR(run(
          "INSERT INTO event_participants (doc_id, event_idx, mention_idx, entity_id) "
          "VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING",
          {id, PgInt(static_cast<int64_t>(i)), PgInt(p), mention_entity[static_cast<size_t>(p)]}));
    }
  }
  return Status::Ok();
}

Result<PutOutcome> PostgresStore::PutDocument(const DocumentRecord& record) {
  PutOutcome out;
  Status st = InSerializableTransaction(*db_, kMaxAttempts, [&]() -> Status {
    auto same = FindByHash(record.content_hash);
    if (!same.ok()) return same.status();
    if (*same) {
      out.id = **same;
      out.result = PutResult::kUnchanged;
      return Status::Ok();
    }
    // New content from a source we already hold replaces that document under its id.
    auto prev =
        db_->Query("SELECT id FROM documents WHERE source = $1 AND source <> '-'", {record.source});
    if (!prev.ok()) return prev.status();
    if (prev->Rows() > 0) {
      out.id = prev->Text(0, 0);
      out.result = PutResult::kReplaced;
      KETNOI_RETURN_IF_ERROR(CountDocumentsInResolverIndex(*runner_, {out.id}, -1));
    } else {
      auto id = UniqueId(record.id);
      if (!id.ok()) return id.status();
      out.id = *id;
      out.result = PutResult::kInserted;
    }
    KETNOI_RETURN_IF_ERROR(
        entity_stats::SetDocuments(*runner_, entity_stats::kOneDocument, {out.id}));
    if (out.result == PutResult::kReplaced) {
      KETNOI_RETURN_IF_ERROR(entity_stats::Subtract(*runner_));
      KETNOI_RETURN_IF_ERROR(db_->Query("DELETE FROM documents WHERE id = $1", {out.id}).status());
    }
    KETNOI_RETURN_IF_ERROR(InsertDocumentRows(out.id, record));
    KETNOI_RETURN_IF_ERROR(ReplayCuration(out.id));
    KETNOI_RETURN_IF_ERROR(WriteNameKeys(*runner_, record.resolved.name_keys));
    KETNOI_RETURN_IF_ERROR(CountDocumentsInResolverIndex(*runner_, {out.id}, 1));
    return entity_stats::Add(*runner_);
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<DocumentSummary>> PostgresStore::ListDocuments() {
  std::vector<DocumentSummary> out;
  // COLLATE "C": byte order, the order SQLite's BINARY collation gives.
  auto q = db_->Query(
      "SELECT id, source, lang, title, published FROM documents ORDER BY id COLLATE \"C\"");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->Rows(); ++i) {
    DocumentSummary d{q->Text(i, 0), q->Text(i, 1), q->Text(i, 2), q->Text(i, 3), std::nullopt};
    if (!q->IsNull(i, 4)) d.date = q->Text(i, 4);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::optional<StoredDocument>> PostgresStore::GetDocument(const std::string& id) {
  auto q = db_->Query(
      "SELECT id, source, lang, title, published, content_hash, format, text, body "
      "FROM documents WHERE id = $1",
      {id});
  if (!q.ok()) return q.status();
  if (q->Rows() == 0) return std::optional<StoredDocument>();
  StoredDocument d;
  d.summary = {q->Text(0, 0), q->Text(0, 1), q->Text(0, 2), q->Text(0, 3), std::nullopt};
  if (!q->IsNull(0, 4)) d.summary.date = q->Text(0, 4);
  d.content_hash = q->Text(0, 5);
  d.format = q->Text(0, 6);
  d.text = q->Text(0, 7);
  d.body = q->Text(0, 8);
  return std::optional<StoredDocument>(std::move(d));
}

Status PostgresStore::LoadKnownEntities(
    const std::function<void(const std::vector<resolve::KnownMention>&)>& per_document) {
  // A cursor, so a large store streams in batches instead of one result in memory; one
  // read-only snapshot for the whole pass. Order of storage: the insert time (one writer's
  // transactions start one after the other), then the id.
  constexpr int kBatch = 10000;
  KETNOI_RETURN_IF_ERROR(db_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  Status st = [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_->Exec("DECLARE known_mentions NO SCROLL CURSOR FOR " +
                                     std::string(kKnownMentionsQuery) +
                                     "ORDER BY d.ingested_at, d.id COLLATE \"C\", m.idx"));
    KnownMentionsByDocument documents(per_document);
    while (true) {
      auto rows = db_->Query("FETCH " + std::to_string(kBatch) + " FROM known_mentions");
      if (!rows.ok()) return rows.status();
      for (int i = 0; i < rows->Rows(); ++i) {
        documents.Add(rows->Text(i, 0), rows->Text(i, 1), rows->Text(i, 2), rows->Text(i, 3),
                      rows->Text(i, 4));
      }
      if (rows->Rows() < kBatch) break;
    }
    documents.Finish();
    return Status::Ok();
  }();
  if (st.ok()) st = db_->Exec("COMMIT");
  if (!st.ok()) (void)db_->Exec("ROLLBACK");
  return st;
}

}  // namespace ketnoi::store
