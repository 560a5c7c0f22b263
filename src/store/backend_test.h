// store/backend_test.h — test support: one fixture that runs a suite on SQLite and on
// PostgreSQL (the server from tools/pg-test-cluster.sh, named by KETNOI_TEST_PG_URL).
#ifndef KETNOI_STORE_BACKEND_TEST_H_
#define KETNOI_STORE_BACKEND_TEST_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/postgres/pg_conn.h"

namespace ketnoi::store {

namespace fs = std::filesystem;

// The PostgreSQL server the PG half of the suite runs against (tools/pg-test-cluster.sh).
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

// A fresh database per test on the server, dropped afterwards.
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
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

 private:
  std::string name_, url_, error_;
};

// A fresh database per test on the backend named by the parameter: "sqlite" or "postgres"
// (skipped without KETNOI_TEST_PG_URL).
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ketnoi_store_test_" + std::to_string(getpid()) + "_" +
                                        GetParam() + "_" + std::to_string(++counter_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == "sqlite") {
      location_ = (dir_ / "kb.db").string();
      return;
    }
    if (PgUrl() == nullptr) {
      GTEST_SKIP() << "set KETNOI_TEST_PG_URL (tools/pg-test-cluster.sh prints one) to run "
                      "the store suite on PostgreSQL";
    }
    pg_ = std::make_unique<PgScratchDatabase>("ketnoi_t_" + std::to_string(getpid()) + "_" +
                                              std::to_string(counter_));
    ASSERT_TRUE(pg_->error().empty()) << pg_->error();
    location_ = pg_->url();
  }
  void TearDown() override {
    pg_.reset();
    fs::remove_all(dir_);
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string location_;
  std::unique_ptr<PgScratchDatabase> pg_;
};

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& p) { return p.param; }

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_BACKEND_TEST_H_
