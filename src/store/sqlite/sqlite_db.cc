#include "store/sqlite/sqlite_db.h"

#include <memory>

namespace ketnoi::store {

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindView(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

core::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return core::Busy("database is busy: " + msg);
  return core::IoError("sqlite: " + msg);
}

core::Status Statement::Run() {
  while (true) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return core::Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

namespace {

// Nothing here reads SQLite's memory statistics (sqlite3_memory_used and the heap limits);
// keeping them costs a global mutex and two counters on every allocation SQLite makes. The
// setting is process-wide and only takes before SQLite initializes: the first open makes it,
// once; a call after initialization would be refused (SQLITE_MISUSE) and change nothing.
void TurnOffMemoryStatistics() {
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;
}

}  // namespace

core::Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  // Statement and savepoint journals keep SQLite's default (64 KiB in memory, then a
  // temporary file). A larger in-memory spill (SQLITE_CONFIG_STMTJRNL_SPILL, tried for the
  // batch writer's per-document savepoints) makes SQLite 3.40 fail big schema changes inside
  // a transaction with "database or disk is full": migration 5's DROP INDEX on the 100k
  // database failed so at 1 MiB and 8 MiB, and passed at the default.
  TurnOffMemoryStatistics();
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close_v2(raw);
    return core::IoError("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
  // A concurrent writer holds the lock for one batch of documents (at most about a second
  // and its commit, pipeline.cc) at a time: wait rather than fail.
  db->SetBusyTimeout(kBusyTimeout);
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

void SqliteDb::SetBusyTimeout(std::chrono::milliseconds wait) {
  sqlite3_busy_timeout(db_, static_cast<int>(wait.count()));
}

core::Status SqliteDb::Error(std::string_view what) const {
  return core::IoError(std::string(what) + ": " + sqlite3_errmsg(db_) + " (" + path_ + ")");
}

core::Status SqliteDb::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return core::Status::Ok();
  std::string msg = err ? err : "unknown error";
  sqlite3_free(err);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return core::Busy("database is busy: " + msg + " (" + path_ + ")");
  }
  if ((rc & 0xff) == SQLITE_NOTADB) {
    return core::InvalidInput(path_ + " is not a ketnoi database (not an SQLite file)");
  }
  return core::IoError("sqlite: " + msg + " (" + path_ + ")");
}

core::Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error("prepare failed");
  return Statement(db_, stmt);
}

}  // namespace ketnoi::store
