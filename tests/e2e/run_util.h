// tests/e2e/run_util.h — run the built `ketnoi` binary the way a user does and capture
// what it prints.
#ifndef KETNOI_TESTS_E2E_RUN_UTIL_H_
#define KETNOI_TESTS_E2E_RUN_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ketnoi::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// Runs `ketnoi ARGS` through the shell (ARGS is shell syntax) in `dir`.
inline RunResult RunKetnoi(const std::filesystem::path& dir, const std::string& args) {
  std::filesystem::path out = dir / ".stdout", err = dir / ".stderr";
  std::string cmd = "cd '" + dir.string() + "' && '" KETNOI_BINARY "' " + args + " >'" +
                    out.string() + "' 2>'" + err.string() + "'";
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

inline std::filesystem::path SourceDir() { return KETNOI_SOURCE_DIR; }

// ../shared/eval next to the repository, or empty when it is not there.
inline std::filesystem::path SharedEvalDir() {
  const char* env = std::getenv("KETNOI_SHARED_DIR");
  std::filesystem::path shared = env ? env : (SourceDir() / ".." / "shared").string();
  std::filesystem::path eval = shared / "eval";
  return std::filesystem::exists(eval / "score.py") ? eval : std::filesystem::path();
}

}  // namespace ketnoi::testing

#endif  // KETNOI_TESTS_E2E_RUN_UTIL_H_
