// Data-file golden cases (tests/cases/text/*.tsv): anyone can add a case without C++.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "text/text.h"

namespace ketnoi::text {
namespace {

namespace fs = std::filesystem;

std::string Unescape(std::string s) {
  for (size_t p = s.find("\\n"); p != std::string::npos; p = s.find("\\n", p + 1)) {
    s.replace(p, 2, "\n");
  }
  return s;
}

std::vector<std::string> SplitOn(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t b = 0;
  for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep, b)) {
    out.push_back(s.substr(b, p - b));
    b = p + sep.size();
  }
  out.push_back(s.substr(b));
  return out;
}

TEST(Golden, SentencesTsv) {
  fs::path file = fs::path(KETNOI_SOURCE_DIR) / "tests/cases/text/sentences.tsv";
  std::ifstream in(file);
  if (!in) GTEST_SKIP() << "no golden file at " << file;
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitOn(line, "\t");
    ASSERT_EQ(cols.size(), 3u) << "malformed line: " << line;
    const Lang lang = core::LangFromCode(cols[0]);
    const std::string input = Unescape(cols[1]);
    std::vector<std::string> got;
    for (Span s : SplitSentences(input, lang)) got.emplace_back(s.Of(input));
    EXPECT_EQ(got, SplitOn(Unescape(cols[2]), " ||| ")) << input;
    ++cases;
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace ketnoi::text
