// store/sqlite/sqlite_store.h — the SQLite implementation of store::Store.
#ifndef KETNOI_STORE_SQLITE_SQLITE_STORE_H_
#define KETNOI_STORE_SQLITE_SQLITE_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/entity_stats.h"
#include "store/resolver_index.h"
#include "store/sql_runner.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace ketnoi::store {

class SqliteStore final : public Store {
 public:
  static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  core::Result<std::optional<std::string>> FindByHash(const std::string& hash) override;
  core::Result<PutOutcome> PutDocument(const DocumentRecord& record) override;
  core::Status BeginBatch() override;
  core::Status CommitBatch() override;
  core::Result<std::vector<DocumentSummary>> ListDocuments() override;
  core::Result<std::optional<StoredDocument>> GetDocument(const std::string& id) override;
  core::Status LoadKnownEntities(
      const std::function<void(const std::vector<resolve::KnownMention>&)>& per_document) override;
  int SchemaVersion() const override { return schema_version_; }

  SqliteDb& db() { return *db_; }

 protected:
  SqlRunner& Sql() override { return *runner_; }
  const ResolverIndexDelta* UnwrittenResolverContext() const override {
    return &unwritten_context_;
  }

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db);
  core::Status Migrate();
  core::Result<std::string> UniqueId(const std::string& wanted);
  core::Status DeleteDocumentRows(const std::string& id);
  core::Status InsertDocumentRows(const std::string& id, const DocumentRecord& record);
  // Whether the store holds a curation edit that ReplayCuration applies to new rows (merge,
  // split, alias, rejection): then a new document's rows may differ from its record.
  core::Result<bool> CurationChangesNewRows();
  // Adds a new document, stored as its record says, to the resolver index's names now; its
  // context rows go to `context`, for the caller to write (now, or at the batch's commit).
  core::Status IndexFreshDocument(const DocumentRecord& record, ResolverIndexDelta* context);
  // The batch's unwritten counts: written into the transaction, or forgotten.
  core::Status WriteUnwritten();
  void ForgetUnwritten();

  // Inserts `rows` rows, up to kRowsPerInsert per statement: `head` + "(?,...),(?,...)" +
  // `tail`, `columns` parameters a row, bound by `bind(statement, first parameter - 1, row)`.
  // One statement for many rows runs once (one statement journal, one transaction check);
  // OR IGNORE still applies row by row, in order. (The written tables have no row triggers:
  // with one, SQLite copies a multi-row INSERT's rows into a temporary table first.)
  core::Status InsertRows(std::string_view head, int columns, std::string_view tail, size_t rows,
                          const std::function<void(Statement&, int, size_t)>& bind);
  static constexpr size_t kRowsPerInsert = 32;

  // A statement prepared once per store and reused (reset, bindings cleared) on every call:
  // the write path runs the same nine statements for every document.
  core::Result<Statement*> Cached(const char* sql);

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqlRunner> runner_;
  int schema_version_ = 0;
  bool in_batch_ = false;  // between BeginBatch and CommitBatch: PutDocument uses a savepoint
  // The batch's new documents whose entity counts and lists and resolver context are not
  // written yet: CommitBatch writes them, or a PutDocument that must read them first.
  // LoadResolverMemory adds the context; nothing else on this connection reads those tables
  // during a batch.
  entity_stats::FreshDocuments fresh_documents_;
  ResolverIndexDelta unwritten_context_;
  std::map<const char*, Statement> statements_;      // after db_: finalized before it closes
  std::map<std::string, Statement> row_statements_;  // InsertRows' statements, by their SQL
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQLITE_SQLITE_STORE_H_
