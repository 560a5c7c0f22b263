#include "store/sqlite/sqlite_sql.h"

namespace ketnoi::store {
namespace {

class SqliteCursor final : public SqlCursor {
 public:
  explicit SqliteCursor(Statement stmt) : stmt_(std::move(stmt)) {}
  void BindText(int index, std::string_view value) override { stmt_.Bind(index, value); }
  void BindInt(int index, int64_t value) override { stmt_.Bind(index, value); }
  void BindNull(int index) override { stmt_.BindNull(index); }
  core::Result<bool> Step() override { return stmt_.Step(); }
  void Reset() override { stmt_.Reset(); }
  int64_t Int(int col) const override { return stmt_.Int(col); }
  std::string Text(int col) const override { return stmt_.Text(col); }
  bool IsNull(int col) const override { return stmt_.IsNull(col); }

 private:
  Statement stmt_;
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(SqliteDb& db) : db_(db) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  core::Result<SqlQuery> Prepare(std::string_view sql) override {
    auto stmt = db_.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    return SqlQuery(std::make_unique<SqliteCursor>(std::move(stmt).value()));
  }
  core::Status Exec(std::string_view sql) override { return db_.Exec(sql); }
  core::Status InTransaction(const std::function<core::Status()>& body) override {
    return store::InTransaction(db_, body);
  }
  core::Status InTransactionWaitingAtMost(const std::function<core::Status()>& body,
                                          std::chrono::milliseconds lock_wait) override {
    // In WAL mode only BEGIN IMMEDIATE waits: inside the write transaction nothing does.
    db_.SetBusyTimeout(lock_wait);
    core::Status st = store::InTransaction(db_, body);
    db_.SetBusyTimeout(SqliteDb::kBusyTimeout);
    return st;
  }

 private:
  SqliteDb& db_;
};

}  // namespace

std::unique_ptr<SqlConnection> SqliteSql(SqliteDb& db) {
  return std::make_unique<SqliteConnection>(db);
}

}  // namespace ketnoi::store
