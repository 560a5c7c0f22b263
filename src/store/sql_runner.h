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
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQL_RUNNER_H_
