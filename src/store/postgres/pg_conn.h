// store/postgres/pg_conn.h — thin RAII over libpq (parameterized queries only: no SQL is
// ever assembled from input).
#ifndef KETNOI_STORE_POSTGRES_PG_CONN_H_
#define KETNOI_STORE_POSTGRES_PG_CONN_H_

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ketnoi::store {

// One query parameter in text form; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;
inline PgParam PgInt(int64_t v) { return std::to_string(v); }

class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res, &PQclear) {}
  int Rows() const { return PQntuples(res_.get()); }
  int Columns() const { return PQnfields(res_.get()); }
  std::string Text(int row, int col) const { return PQgetvalue(res_.get(), row, col); }
  int64_t Int(int row, int col) const;
  bool IsNull(int row, int col) const { return PQgetisnull(res_.get(), row, col) != 0; }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> res_;
};

class PgConn {
 public:
  // `url` is a libpq connection URI (postgresql://user@host:port/db?...). Errors never echo
  // the URL, which may hold a password.
  static core::Result<std::unique_ptr<PgConn>> Open(const std::string& url);
  ~PgConn() { PQfinish(conn_); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // One or more statements without parameters (migrations, BEGIN/COMMIT).
  core::Status Exec(std::string_view sql);
  // One statement with text parameters $1..$n; `types` (OIDs, 0 = infer), when given,
  // has one entry per parameter.
  core::Result<PgResult> Query(const std::string& sql, const std::vector<PgParam>& params = {},
                               const std::vector<Oid>& types = {});

 private:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  // Busy for SQLSTATE 40001 (serialization failure) and 40P01 (deadlock): retry;
  // AlreadyExists for 23505 (unique violation): a concurrent writer won, retry sees it.
  core::Status ResultStatus(PGresult* res, std::string_view what) const;

  PGconn* conn_;
};

// Runs `body` in a SERIALIZABLE transaction, retrying the whole transaction (with backoff)
// while it fails with Busy or AlreadyExists, at most `attempts` times.
core::Status InSerializableTransaction(PgConn& db, int attempts,
                                       const std::function<core::Status()>& body);

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_POSTGRES_PG_CONN_H_
