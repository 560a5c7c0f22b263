#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "text/text.h"

namespace ketnoi::text {
namespace {

std::vector<std::string> Surfaces(std::string_view text, Lang lang) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text, lang)) out.emplace_back(t.span.Of(text));
  return out;
}

using V = std::vector<std::string>;

const Token* FindToken(const std::vector<Token>& toks, std::string_view text,
                       std::string_view surface) {
  for (const Token& t : toks) {
    if (t.span.Of(text) == surface) return &t;
  }
  return nullptr;
}

TEST(Tokenize, EnglishWordsNumbersAcronyms) {
  const std::string text = "NIC and IMEC signed an R&D deal worth 12.000 USD on 17/12/2023.";
  EXPECT_EQ(Surfaces(text, Lang::kEn), (V{"NIC", "and", "IMEC", "signed", "an", "R&D", "deal",
                                          "worth", "12.000", "USD", "on", "17/12/2023", "."}));
  std::vector<Token> toks = Tokenize(text, Lang::kEn);
  EXPECT_EQ(FindToken(toks, text, "NIC")->kind, TokenKind::kAcronym);
  EXPECT_EQ(FindToken(toks, text, "R&D")->kind, TokenKind::kAcronym);
  EXPECT_EQ(FindToken(toks, text, "12.000")->kind, TokenKind::kNumber);
  EXPECT_EQ(FindToken(toks, text, "17/12/2023")->kind, TokenKind::kNumber);
  EXPECT_EQ(FindToken(toks, text, "signed")->kind, TokenKind::kWord);
  EXPECT_EQ(FindToken(toks, text, ".")->kind, TokenKind::kPunct);
  EXPECT_TRUE(FindToken(toks, text, "IMEC")->all_caps);
  EXPECT_EQ(FindToken(toks, text, "IMEC")->script, Script::kLatin);
}

TEST(Tokenize, UrlsAndEmails) {
  const std::string text =
      "See https://example.org/a?b=1, write to info@lab.example.vn or www.x.com.";
  EXPECT_EQ(Surfaces(text, Lang::kEn), (V{"See", "https://example.org/a?b=1", ",", "write", "to",
                                          "info@lab.example.vn", "or", "www.x.com", "."}));
  std::vector<Token> toks = Tokenize(text, Lang::kEn);
  EXPECT_EQ(toks[1].kind, TokenKind::kUrl);
  EXPECT_EQ(toks[5].kind, TokenKind::kEmail);
  EXPECT_EQ(toks[7].kind, TokenKind::kUrl);
}

TEST(Tokenize, DottedTokens) {
  const std::string text = "The U.S. and hub.brussels, COVID-19 and D'Hose's 3,6%";
  EXPECT_EQ(Surfaces(text, Lang::kEn), (V{"The", "U.S.", "and", "hub.brussels", ",", "COVID-19",
                                          "and", "D'Hose", "'", "s", "3,6", "%"}));
  std::vector<Token> toks = Tokenize(text, Lang::kEn);
  EXPECT_EQ(toks[1].kind, TokenKind::kAcronym);
  EXPECT_EQ(toks[3].kind, TokenKind::kAcronym);
  EXPECT_EQ(toks[10].kind, TokenKind::kNumber);
}

TEST(Tokenize, VietnameseCompounds) {
  const std::string text = "Hợp tác khoa học và công nghệ, trí tuệ nhân tạo (KH&CN).";
  EXPECT_EQ(Surfaces(text, Lang::kVi), (V{"Hợp tác", "khoa học", "và", "công nghệ", ",",
                                          "trí tuệ nhân tạo", "(", "KH&CN", ")", "."}));
  std::vector<Token> toks = Tokenize(text, Lang::kVi);
  EXPECT_EQ(toks[0].kind, TokenKind::kWord);
  EXPECT_FALSE(toks[0].capitalized);  // "tác" is lower case
  EXPECT_EQ(toks[7].kind, TokenKind::kAcronym);
}

TEST(Tokenize, TitleGluedToName) {
  const std::string text = "TP.Hồ Chí Minh, ThS.Lê An, TP.HCM và hub.brussels";
  EXPECT_EQ(Surfaces(text, Lang::kEn), (V{"TP", ".", "Hồ", "Chí", "Minh", ",", "ThS", ".", "Lê",
                                          "An", ",", "TP", ".", "HCM", "và", "hub.brussels"}));
}

TEST(Tokenize, VietnameseCompoundInOldToneStyle) {
  const std::string text = "hoá học và thuỷ sản";
  EXPECT_EQ(Surfaces(text, Lang::kVi), (V{"hoá học", "và", "thuỷ sản"}));
}

TEST(Tokenize, VietnameseCapitalizedCompoundAndLineBreak) {
  const std::string text = "Viện Khoa Học\ncông\nnghệ";
  std::vector<Token> toks = Tokenize(text, Lang::kVi);
  EXPECT_EQ(Surfaces(text, Lang::kVi), (V{"Viện", "Khoa Học", "công", "nghệ"}));
  EXPECT_TRUE(toks[1].capitalized);
  EXPECT_FALSE(toks[1].all_caps);
}

TEST(Tokenize, ChineseWithPosTags) {
  std::error_code ec;
  if (!std::filesystem::exists(std::string(KETNOI_CPPJIEBA_DICT_DIR) + "/jieba.dict.utf8", ec)) {
    GTEST_SKIP() << "cppjieba dictionaries missing (tools/fetch-cppjieba.sh)";
  }
  const std::string text = "华为公司在北京与IMEC签署协议，投资3.5亿元。";
  std::vector<Token> toks = Tokenize(text, Lang::kZh);
  ASSERT_FALSE(toks.empty());
  // Tokens tile the non-space text in order.
  std::string joined;
  uint32_t prev_end = 0;
  for (const Token& t : toks) {
    EXPECT_GE(t.span.begin, prev_end);
    prev_end = t.span.end;
    joined += t.span.Of(text);
  }
  EXPECT_EQ(joined, text);
  const Token* beijing = FindToken(toks, text, "北京");
  ASSERT_NE(beijing, nullptr);
  EXPECT_EQ(beijing->pos, "ns");
  EXPECT_EQ(beijing->script, Script::kHan);
  const Token* imec = FindToken(toks, text, "IMEC");
  ASSERT_NE(imec, nullptr);
  EXPECT_EQ(imec->kind, TokenKind::kAcronym);
  EXPECT_TRUE(imec->pos.empty());
  EXPECT_NE(FindToken(toks, text, "3.5"), nullptr);
  EXPECT_NE(FindToken(toks, text, "，"), nullptr);
}

TEST(Tokenize, InvalidBytesAreSymbols) {
  const std::string text =
      "ab\xFF"
      "cd \xE4\xB8";
  std::vector<Token> toks = Tokenize(text, Lang::kZh);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[1].kind, TokenKind::kSymbol);
  EXPECT_TRUE(Tokenize("", Lang::kVi).empty());
}

TEST(MakeTokenizer, EveryLanguage) {
  for (Lang lang : {Lang::kUnknown, Lang::kVi, Lang::kZh, Lang::kEn}) {
    std::unique_ptr<Tokenizer> t = MakeTokenizer(lang);
    ASSERT_NE(t, nullptr);
    std::vector<Token> out;
    t->Tokenize("Hello 世界", out);
    EXPECT_GE(out.size(), 2u);
  }
}

}  // namespace
}  // namespace ketnoi::text
