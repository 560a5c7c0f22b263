#include <gtest/gtest.h>

#include <string>

#include "text/search_key_internal.h"
#include "text/text.h"

namespace ketnoi::text {
namespace {

TEST(SearchKey, VietnameseNamesFoldTogether) {
  EXPECT_EQ(SearchKey("Nguyễn Chí Dũng"), "nguyen chi dung");
  EXPECT_EQ(SearchKey("NGUYỄN  CHÍ DŨNG"), "nguyen chi dung");
  EXPECT_EQ(SearchKey("nguyen chi dung"), "nguyen chi dung");
  EXPECT_EQ(SearchKey("Đà Nẵng"), "da nang");
  EXPECT_EQ(SearchKey("ĐẠI HỌC"), "dai hoc");
}

TEST(SearchKey, DecomposedAndOldToneStyleAgree) {
  EXPECT_EQ(SearchKey("Hoá học"), SearchKey("Hóa học"));
  EXPECT_EQ(SearchKey("Vie\xCC\xA3\xCC\x82t"), "viet");
}

TEST(SearchKey, FullWidthAndTraditional) {
  EXPECT_EQ(SearchKey("ＡＢＣ"), "abc");
  EXPECT_EQ(SearchKey("臺灣"), "台湾");
  EXPECT_EQ(SearchKey("中国科学院"), "中国科学院");
}

TEST(SearchKey, SpacesQuotesDashes) {
  EXPECT_EQ(SearchKey("  a\xC2\xA0\xE3\x80\x80 b\t\nc  "), "a b c");
  EXPECT_EQ(SearchKey("“Việt–Bỉ”"), "\"viet-bi\"");
  EXPECT_EQ(SearchKey(""), "");
}

TEST(SearchKey, Idempotent) {
  for (std::string s : {"Nguyễn Chí Dũng", "臺灣 ＡＢＣ", "Straße", "  x  ", "KH&CN"}) {
    std::string k = SearchKey(s);
    EXPECT_EQ(SearchKey(k), k) << s;
  }
}

TEST(SearchKey, InvalidUtf8) { EXPECT_EQ(SearchKey("Hà\xFF Nội"), "ha\xEF\xBF\xBD noi"); }

TEST(SearchTerms, KeysOfTokens) {
  EXPECT_EQ(SearchTerms("Hợp tác với NIC, 2024.", Lang::kVi),
            (std::vector<std::string>{"hop tac", "voi", "nic", "2024"}));
  std::vector<std::string> zh = SearchTerms("北京大學", Lang::kZh);
  ASSERT_FALSE(zh.empty());
  std::string joined;
  for (const std::string& t : zh) joined += t;
  EXPECT_EQ(joined, "北京大学");
}

TEST(IdentifyLanguage, Titles) {
  EXPECT_EQ(IdentifyLanguage("Hợp tác khoa học với Bỉ"), Lang::kVi);
  EXPECT_EQ(IdentifyLanguage("Hop tac khoa hoc cong nghe voi Bi"), Lang::kVi);
  EXPECT_EQ(IdentifyLanguage("Vietnam and Belgium boost research cooperation"), Lang::kEn);
  EXPECT_EQ(IdentifyLanguage("中国与越南签署科技合作协议"), Lang::kZh);
  EXPECT_EQ(IdentifyLanguage("2024 - 12"), Lang::kUnknown);
  EXPECT_EQ(IdentifyLanguage(""), Lang::kUnknown);
}

TEST(IdentifyLanguage, MixedText) {
  EXPECT_EQ(IdentifyLanguage("IMEC总裁Luc Van den hove与越南总理会见，双方讨论半导体合作。"),
            Lang::kZh);
  EXPECT_EQ(IdentifyLanguage("Prime Minister Phạm Minh Chính visited the IMEC centre in Leuven "
                             "on Thursday."),
            Lang::kEn);
  EXPECT_EQ(IdentifyLanguage("Thủ tướng Phạm Minh Chính thăm IMEC ở Leuven, Belgium"), Lang::kVi);
}

TEST(ScriptRuns, CommonJoinsRun) {
  const std::string text = "(AI) 人工智能 2024";
  std::vector<ScriptRun> runs = ScriptRuns(text);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].script, Script::kLatin);
  EXPECT_EQ(runs[0].span.Of(text), "(AI) ");
  EXPECT_EQ(runs[1].script, Script::kHan);
  EXPECT_EQ(runs[1].span.Of(text), "人工智能 2024");
  ASSERT_EQ(ScriptRuns("123").size(), 1u);
  EXPECT_EQ(ScriptRuns("123")[0].script, Script::kCommon);
  EXPECT_TRUE(ScriptRuns("").empty());
}

}  // namespace
}  // namespace ketnoi::text

namespace ketnoi::text {
namespace {

// The table-driven fast path must agree with the all-ICU reference on generated strings.
TEST(SearchKey, FastPathMatchesReference) {
  const char* const pool[] = {
      "a",  "Ễ",         "đ",  "Đ",           "ư",  "\xC2\xA0", "\xE3\x80\x80",
      " ",  "\t",        "“",  "’",           "–",  "Ａ",       "ｂ",
      "１", "臺",        "灣", "中",          "國", "ß",        "Ǆ",
      "ﬁ",  "e\xCC\x81", "ö",  "İ",           "Σ",  "é",        "\xC2\xAD",
      "…",  "x",         "Q",  "\xE2\x80\x8B"};
  const size_t n = sizeof(pool) / sizeof(pool[0]);
  uint32_t seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int len = 1 + static_cast<int>(seed % 9);
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pool[(seed >> 16) % n];
    }
    ASSERT_EQ(SearchKey(s), internal::ReferenceSearchKey(s)) << s;
    ASSERT_EQ(SearchKey(SearchKey(s)), SearchKey(s)) << s;
  }
}

}  // namespace
}  // namespace ketnoi::text

namespace ketnoi::text {
namespace {

// Regression (fuzz crasher): a Kangxi radical folds by NFKC to a Traditional ideograph
// (U+2FBE -> U+9B25), so Traditional->Simplified must run after the fold to stay idempotent.
TEST(SearchKey, RegressionKangxiRadicalFoldsBeforeT2s) {
  const std::string radical = "\xE2\xBE\xBE";
  EXPECT_EQ(SearchKey(radical), SearchKey("\xE9\xAC\xA5"));
  EXPECT_EQ(SearchKey(SearchKey(radical)), SearchKey(radical));
  EXPECT_EQ(internal::ReferenceSearchKey(radical), SearchKey(radical));
}

}  // namespace
}  // namespace ketnoi::text

namespace ketnoi::text {
namespace {

// Regression (fuzz crasher): OpenCC's C API stops at NUL, so text after a NUL was lost
// when a supplementary-plane Han character sent the string through OpenCC.
TEST(SearchKey, RegressionNulBeforeSupplementaryHan) {
  const std::string input = std::string("A. ") + std::string(1, '\0') + "b \xF0\xA6\xAD\xBE";
  const std::string key = SearchKey(input);
  EXPECT_EQ(key, std::string("a. ") + std::string(1, '\0') + "b \xF0\xA6\xAD\xBE");
  EXPECT_EQ(SearchKey(key), key);
}

// SearchKey folds Traditional to Simplified per character, each converted on first use; the
// fold must be the one the eager table (every character converted up front) gave.
TEST(SearchKey, LazyT2sFoldIsTheEagerTable) {
  const std::vector<UChar32> eager = internal::EagerT2sTable();
  if (eager.empty()) GTEST_SKIP() << "OpenCC t2s configuration not installed";
  ASSERT_EQ(eager.size(), 0xFAFFu - 0x3400u + 1);
  size_t changed = 0;
  for (UChar32 c = 0x3400; c <= 0xFAFF; ++c) {
    const UChar32 expected = eager[static_cast<size_t>(c - 0x3400)];
    ASSERT_EQ(internal::T2sFold(c), expected) << "U+" << std::hex << c;
    changed += expected != 0;
  }
  EXPECT_GT(changed, 2000u);
  EXPECT_EQ(internal::T2sFold(0x570B), 0x56FD);  // 國 -> 国
  EXPECT_EQ(SearchKey("中華民國"), "中华民国");
}

}  // namespace
}  // namespace ketnoi::text
