// store/postgres/pg_scratch.h — for tests: the PostgreSQL server the PG half of a suite runs
// against (KETNOI_TEST_PG_URL, see tools/pg-test-cluster.sh) and a throw-away database on it.
#ifndef KETNOI_STORE_POSTGRES_PG_SCRATCH_H_
#define KETNOI_STORE_POSTGRES_PG_SCRATCH_H_

#include <cstdlib>
#include <string>

#include "store/postgres/pg_conn.h"

namespace ketnoi::store {

// KETNOI_TEST_PG_URL, or nullptr when unset (the PostgreSQL tests then skip).
inline const char* PgUrl() {
  const char* url = std::getenv("KETNOI_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

// `url` with its database name replaced: postgresql://u@h:p/old?x -> postgresql://u@h:p/new?x
inline std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?');
  std::string head = start == std::string::npos ? url.substr(0, query) : url.substr(0, start);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + db + tail;
}

// A fresh database on the server, dropped when this goes. `name` must be a plain
// identifier (the tests make it from their pid and a counter).
class PgScratchDatabase {
 public:
  explicit PgScratchDatabase(const std::string& name) : name_(name) {
    auto admin = PgConn::Open(PgUrl());
    if (!admin.ok()) {
      error_ = admin.status().ToString();
      return;
    }
    (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    core::Status st = (*admin)->Exec("CREATE DATABASE " + name_);
    if (!st.ok()) error_ = st.ToString();
    url_ = WithDatabase(PgUrl(), name_);
  }
  ~PgScratchDatabase() {
    auto admin = PgConn::Open(PgUrl());
    if (admin.ok()) (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  PgScratchDatabase(const PgScratchDatabase&) = delete;
  PgScratchDatabase& operator=(const PgScratchDatabase&) = delete;
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

 private:
  std::string name_, url_, error_;
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_POSTGRES_PG_SCRATCH_H_
