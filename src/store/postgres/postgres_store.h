// store/postgres/postgres_store.h — the PostgreSQL implementation of store::Store, for a
// shared deployment with several ingest processes and many readers (docs/DEPLOY.md).
//
// Concurrency: every PutDocument is one SERIALIZABLE transaction, retried whole on
// serialization failure, deadlock or a unique violation lost to a concurrent writer; unique
// constraints on content hash, source and id make the outcome equal to some serial order:
// no duplicate documents or entities, no lost updates, ids unique without a race.
// Search: a trigger queues every changed document (search_queue) in the document's own
// transaction; the search stage (src/search/search.h) indexes it, as on SQLite.
// Curation: the edits stored by store.h's curation methods are replayed on every
// PutDocument by Store::ReplayCuration (statements scoped to the document, shared with SQLite).
// Thread safety: one connection, one thread at a time, like every Store.
#ifndef KETNOI_STORE_POSTGRES_POSTGRES_STORE_H_
#define KETNOI_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "store/postgres/pg_conn.h"
#include "store/sql_runner.h"
#include "store/store.h"

namespace ketnoi::store {

class PostgresStore final : public Store {
 public:
  // Whole transactions retried at most this often before PutDocument returns Busy.
  static constexpr int kMaxAttempts = 30;

  static core::Result<std::unique_ptr<PostgresStore>> Open(const std::string& url);

  core::Result<std::optional<std::string>> FindByHash(const std::string& hash) override;
  core::Result<PutOutcome> PutDocument(const DocumentRecord& record) override;
  core::Result<std::vector<DocumentSummary>> ListDocuments() override;
  core::Result<std::optional<StoredDocument>> GetDocument(const std::string& id) override;
  core::Status LoadKnownEntities(
      const std::function<void(const std::vector<resolve::KnownMention>&)>& per_document) override;
  int SchemaVersion() const override { return schema_version_; }

  PgConn& db() { return *db_; }

 protected:
  SqlRunner& Sql() override { return *runner_; }

 private:
  explicit PostgresStore(std::unique_ptr<PgConn> db);
  core::Status Migrate();
  core::Result<std::string> UniqueId(const std::string& wanted);
  core::Status InsertDocumentRows(const std::string& id, const DocumentRecord& record);

  std::unique_ptr<PgConn> db_;
  std::unique_ptr<SqlRunner> runner_;
  int schema_version_ = 0;
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_POSTGRES_POSTGRES_STORE_H_
