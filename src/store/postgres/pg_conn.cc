#include "store/postgres/pg_conn.h"

#include <chrono>
#include <functional>
#include <random>
#include <thread>

namespace ketnoi::store {
namespace {

using core::Result;
using core::Status;

std::string FirstLine(const char* message) {
  std::string s = message ? message : "";
  size_t nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

void IgnoreNotice(void*, const char*) {}  // "extension already exists" and the like

}  // namespace

int64_t PgResult::Int(int row, int col) const {
  const char* v = PQgetvalue(res_.get(), row, col);
  return v && *v ? std::strtoll(v, nullptr, 10) : 0;
}

Result<std::unique_ptr<PgConn>> PgConn::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return core::IoError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return core::IoError("cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(conn, &IgnoreNotice, nullptr);
  std::unique_ptr<PgConn> db(new PgConn(conn));
  // Offsets are UTF-8 byte offsets: the server must hand back exactly the bytes we stored.
  KETNOI_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'"));
  // Our queries are short and index-driven; the JIT's cost estimates misfire on them (half a
  // second compiling a match query that then runs in a tenth of that), so it stays off.
  KETNOI_RETURN_IF_ERROR(db->Exec("SET jit = off"));
  return db;
}

Status PgConn::ResultStatus(PGresult* res, std::string_view what) const {
  ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
    return Status::Ok();
  }
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  std::string msg =
      std::string(what) + ": " + FirstLine(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
  if (code == "40001" || code == "40P01") return core::Busy(msg);
  if (code == "23505") return {core::StatusCode::kAlreadyExists, msg};
  if (PQstatus(conn_) != CONNECTION_OK) return core::IoError(msg);
  if (code.rfind("22", 0) == 0) return core::InvalidInput(msg);  // data exceptions
  return core::Internal(msg);
}

Status PgConn::Exec(std::string_view sql) {
  PGresult* res = PQexec(conn_, std::string(sql).c_str());
  Status st = ResultStatus(res, "PostgreSQL");
  PQclear(res);
  return st;
}

Result<PgResult> PgConn::Query(const std::string& sql, const std::vector<PgParam>& params,
                               const std::vector<Oid>& types) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* res =
      PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                   types.size() == values.size() && !types.empty() ? types.data() : nullptr,
                   values.data(), nullptr, nullptr, 0);
  Status st = ResultStatus(res, "PostgreSQL");
  if (!st.ok()) {
    PQclear(res);
    return st;
  }
  return PgResult(res);
}

Status InSerializableTransaction(PgConn& db, int attempts, const std::function<Status()>& body) {
  thread_local std::mt19937 rng(std::random_device{}());
  Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    KETNOI_RETURN_IF_ERROR(db.Exec("BEGIN ISOLATION LEVEL SERIALIZABLE"));
    Status st = body();
    if (st.ok()) st = db.Exec("COMMIT");
    if (st.ok()) return st;
    (void)db.Exec("ROLLBACK");
    if (st.code() != core::StatusCode::kBusy && st.code() != core::StatusCode::kAlreadyExists) {
      return st;
    }
    last = st;
    // Jittered exponential backoff so two colliding writers do not collide again.
    int cap_ms = 2 << std::min(attempt, 8);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(1, cap_ms)(rng)));
  }
  return core::Busy("gave up after " + std::to_string(attempts) +
                    " conflicting attempts: " + last.message());
}

}  // namespace ketnoi::store
