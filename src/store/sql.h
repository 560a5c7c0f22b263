// store/sql.h — one way to run SQL on either backend, for the code that reads the store
// (the search stage, the server's document view).
//
// A SqlConnection prepares statements written once: placeholders are "?" or "?N" as in
// SQLite, and the PostgreSQL connection renumbers them to "$N" (outside quoted text), so a
// query that uses portable SQL is the same string on both. Where the dialects really differ
// (full-text, JSON arrays, byte slices) callers branch on dialect(). Parameters are typed by
// the Bind call: text or 64-bit integer. PostgreSQL statements run when first stepped and
// their rows are read from the fetched result.
// Errors: the backends' codes (kBusy for a lock or serialization conflict, kIoError, ...).
// Thread safety: one connection, one thread at a time.
#ifndef KETNOI_STORE_SQL_H_
#define KETNOI_STORE_SQL_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ketnoi::store {

enum class Dialect { kSqlite, kPostgres };

// What a backend implements for one prepared statement.
class SqlCursor {
 public:
  virtual ~SqlCursor() = default;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindNull(int index) = 0;
  // A row -> true, no more rows -> false.
  virtual core::Result<bool> Step() = 0;
  // Back to before the first row, bindings cleared.
  virtual void Reset() = 0;
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
};

// A prepared statement (value type; what Prepare returns).
class SqlQuery {
 public:
  explicit SqlQuery(std::unique_ptr<SqlCursor> cursor) : cursor_(std::move(cursor)) {}

  SqlQuery& Bind(int index, std::string_view value) {
    cursor_->BindText(index, value);
    return *this;
  }
  SqlQuery& Bind(int index, int64_t value) {
    cursor_->BindInt(index, value);
    return *this;
  }
  SqlQuery& BindNull(int index) {
    cursor_->BindNull(index);
    return *this;
  }
  core::Result<bool> Step() { return cursor_->Step(); }
  core::Status Run();  // Step until done
  void Reset() { cursor_->Reset(); }
  int64_t Int(int col) const { return cursor_->Int(col); }
  std::string Text(int col) const { return cursor_->Text(col); }
  bool IsNull(int col) const { return cursor_->IsNull(col); }

 private:
  std::unique_ptr<SqlCursor> cursor_;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  virtual core::Result<SqlQuery> Prepare(std::string_view sql) = 0;
  // Statements without parameters (DDL, several at once).
  virtual core::Status Exec(std::string_view sql) = 0;
  // Runs `body` in one write transaction, rolled back when it fails (SQLite: BEGIN
  // IMMEDIATE; PostgreSQL: READ COMMITTED).
  virtual core::Status InTransaction(const std::function<core::Status()>& body) = 0;
  // Same, but gives up with kBusy (body not run) when another writer keeps the lock for
  // longer than `lock_wait`: for readers that can answer without writing (search/search.h).
  // PostgreSQL's writers never hold what this waits for, so it is InTransaction there.
  virtual core::Status InTransactionWaitingAtMost(const std::function<core::Status()>& body,
                                                  std::chrono::milliseconds lock_wait) {
    (void)lock_wait;
    return InTransaction(body);
  }
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQL_H_
