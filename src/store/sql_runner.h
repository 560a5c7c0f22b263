// store/sql_runner.h — the few SQL operations the backend-neutral parts of the store
// (curation edits, store/curation_edits.cc) need, implemented once per backend.
//
// SQL given here is the dialect both SQLite and PostgreSQL accept (standard UPDATE/DELETE
// with subqueries, INSERT ... ON CONFLICT) with `?` placeholders; the PostgreSQL runner
// numbers them $1..$n. Parameters are always bound, never spliced into the SQL.
// Thread safety: a runner belongs to its store; one thread at a time.
#ifndef KETNOI_STORE_SQL_RUNNER_H_
#define KETNOI_STORE_SQL_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql.h"

namespace ketnoi::store {

using SqlRow = std::vector<std::string>;  // NULL reads as ""

class SqlRunner {
 public:
  virtual ~SqlRunner() = default;
  // For the few fragments the dialects write differently (JSON arrays).
  virtual Dialect dialect() const = 0;
  virtual core::Status Exec(const std::string& sql, const std::vector<std::string>& args) = 0;
  virtual core::Result<std::vector<SqlRow>> Rows(const std::string& sql,
                                                 const std::vector<std::string>& args) = 0;
  // `body` in one write transaction, rolled back when it fails.
  virtual core::Status InTransaction(const std::function<core::Status()>& body) = 0;
  // `body`'s reads all from one snapshot of the database, taking no write lock (SQLite: a
  // deferred transaction, or the one already open; PostgreSQL: REPEATABLE READ READ ONLY).
  virtual core::Status InReadSnapshot(const std::function<core::Status()>& body) = 0;
};

// Runs `prefix` + "(row),(row)..." + `suffix` over `rows` in statements of a few fixed
// sizes (64, 16, 4, 1 rows), largest first: SQLite's prepared statements are reused whatever
// the number of rows, and PostgreSQL still needs only a few round trips. `row` is the
// parenthesized placeholders of one row (at most 8 parameters: 64 rows of them stay well
// under every backend's limit), `bind` appends its values.
template <typename Rows, typename Bind>
core::Status InsertRowsInStatements(SqlRunner& sql, const std::string& prefix,
                                    const std::string& row, const std::string& suffix,
                                    const Rows& rows, const Bind& bind) {
  constexpr size_t kStatementSizes[] = {64, 16, 4, 1};
  size_t at = 0;
  for (size_t size : kStatementSizes) {
    if (rows.size() - at < size) continue;
    std::string statement = prefix + row;
    for (size_t i = 1; i < size; ++i) statement += "," + row;
    statement += suffix;
    for (; rows.size() - at >= size; at += size) {
      std::vector<std::string> args;
      for (size_t i = at; i < at + size; ++i) bind(rows[i], &args);
      KETNOI_RETURN_IF_ERROR(sql.Exec(statement, args));
    }
  }
  return core::Status::Ok();
}

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQL_RUNNER_H_
