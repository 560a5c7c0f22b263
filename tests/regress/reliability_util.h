// tests/regress/reliability_util.h — helpers of the reliability tests: generated pages,
// `ketnoi` as a child process that can be killed, and read-only checks of a database with
// the SQLite C API (independent of the store code under test).
#ifndef KETNOI_TESTS_REGRESS_RELIABILITY_UTIL_H_
#define KETNOI_TESTS_REGRESS_RELIABILITY_UTIL_H_

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/e2e/run_util.h"

extern char** environ;

namespace ketnoi::testing {

// True when this test binary (and so the `ketnoi` built with it) runs under a sanitizer:
// such builds are several times slower, so the tests use fewer pages.
constexpr bool kSanitized =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// `fallback` unless the environment variable `name` holds a positive number (local runs on
// a loaded machine use fewer pages than CI).
inline int PagesFromEnv(const char* name, int fallback) {
  const char* v = std::getenv(name);
  int n = v ? std::atoi(v) : 0;
  return n > 0 ? n : fallback;
}

// Writes `count` pages with the lead's deterministic generator; false when it cannot run.
inline bool GeneratePages(const std::filesystem::path& out, int count, int seed) {
  std::filesystem::path gen = SourceDir() / "bench" / "gen_pages.py";
  if (!std::filesystem::exists(gen)) return false;
  std::string cmd = "python3 '" + gen.string() + "' --count " + std::to_string(count) + " --out '" +
                    out.string() + "' --seed " + std::to_string(seed) + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Starts `ketnoi ARGS...` (no shell) with stdout/stderr into files in `dir`; returns the pid.
inline pid_t SpawnKetnoi(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv_s = {KETNOI_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  std::string out = (dir / ".spawn_stdout").string(), err = (dir / ".spawn_stderr").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Waits for `pid`; the exit code, or -signal when a signal ended it.
inline int WaitChild(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1000;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// A database opened with the plain SQLite C API.
class Db {
 public:
  explicit Db(const std::filesystem::path& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      db_ = nullptr;
    }
    if (db_ != nullptr) sqlite3_busy_timeout(db_, 10000);
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  bool ok() const { return db_ != nullptr; }

  // Every row of `sql`, each as its columns' text ("NULL" for null).
  std::vector<std::vector<std::string>> Rows(const std::string& sql) const {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      return {{"prepare failed: " + std::string(sqlite3_errmsg(db_))}};
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) rows.push_back({"step failed: " + std::string(sqlite3_errmsg(db_))});
    sqlite3_finalize(st);
    return rows;
  }

  // The first column of the first row, or "" when there is none.
  std::string One(const std::string& sql) const {
    auto rows = Rows(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }

  int64_t Count(const std::string& table) const {
    return std::stoll("0" + One("SELECT count(*) FROM " + table));
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace ketnoi::testing

#endif  // KETNOI_TESTS_REGRESS_RELIABILITY_UTIL_H_
