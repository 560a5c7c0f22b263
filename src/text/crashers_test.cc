// Replays the kept fuzz crashers (tests/cases/text/crashers/*.bin) through the invariants
// fuzz/text_fuzz.cc checks, so every fixed crash stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/utf8.h"
#include "text/text.h"

namespace ketnoi::text {
namespace {

namespace fs = std::filesystem;

void CheckInvariants(const std::string& input, const std::string& name) {
  NormalizedText n = Normalize(input);
  EXPECT_TRUE(core::IsValidUtf8(n.text)) << name;
  ASSERT_EQ(n.to_original.size(), n.text.size() + 1) << name;
  EXPECT_EQ(n.to_original.back(), input.size()) << name;
  for (size_t i = 1; i < n.to_original.size(); ++i) {
    ASSERT_LE(n.to_original[i - 1], n.to_original[i]) << name;
  }
  for (Lang lang : {Lang::kUnknown, Lang::kVi, Lang::kZh, Lang::kEn}) {
    uint32_t prev = 0;
    for (Span s : SplitSentences(input, lang)) {
      EXPECT_LE(prev, s.begin) << name;
      EXPECT_LE(s.end, input.size()) << name;
      prev = s.end;
    }
    prev = 0;
    for (const Token& t : Tokenize(n.text, lang)) {
      EXPECT_FALSE(t.span.empty()) << name;
      EXPECT_LE(prev, t.span.begin) << name;
      EXPECT_LE(t.span.end, n.text.size()) << name;
      prev = t.span.end;
    }
  }
  std::string key = SearchKey(input);
  EXPECT_TRUE(core::IsValidUtf8(key)) << name;
  EXPECT_EQ(SearchKey(key), key) << name;
}

TEST(Crashers, ReplayKeptInputs) {
  fs::path dir = fs::path(KETNOI_SOURCE_DIR) / "tests/cases/text/crashers";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) GTEST_SKIP() << "no crashers at " << dir;
  int replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".bin") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    CheckInvariants(ss.str(), entry.path().filename().string());
    ++replayed;
  }
  EXPECT_GE(replayed, 2);
}

}  // namespace
}  // namespace ketnoi::text
