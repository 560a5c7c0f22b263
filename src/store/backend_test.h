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

#include "store/postgres/pg_scratch.h"

namespace ketnoi::store {

namespace fs = std::filesystem;

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
