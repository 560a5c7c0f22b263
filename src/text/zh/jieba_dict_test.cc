#include "text/zh/jieba_dict.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cppjieba/MixSegment.hpp"

namespace ketnoi::text::internal {
namespace {

const std::string kDictDir = KETNOI_CPPJIEBA_DICT_DIR;

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every word of `dict_path` has the same weight (to the bit) and tag in both tries.
void ExpectSameWords(const std::string& dict_path, const cppjieba::DictTrie& expected,
                     const cppjieba::DictTrie& actual) {
  EXPECT_TRUE(SameBits(expected.GetMinWeight(), actual.GetMinWeight()));
  std::ifstream in(dict_path);
  std::string line;
  int words = 0;
  while (std::getline(in, line)) {
    std::string word = line.substr(0, line.find(' '));
    cppjieba::RuneStrArray runes;
    ASSERT_TRUE(cppjieba::DecodeUTF8RunesInString(word, runes)) << word;
    const cppjieba::DictUnit* e = expected.Find(runes.begin(), runes.end());
    const cppjieba::DictUnit* a = actual.Find(runes.begin(), runes.end());
    ASSERT_NE(e, nullptr) << word;
    ASSERT_NE(a, nullptr) << word;
    ASSERT_TRUE(SameBits(e->weight, a->weight)) << word;
    ASSERT_EQ(e->tag, a->tag) << word;
    ++words;
  }
  EXPECT_GT(words, 0);
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path =
      (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".utf8"))
          .string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(JiebaDictTest, ShippedDictionaryGivesCppjiebasWeightsTagsAndSegmentation) {
  const std::string dict = kDictDir + "/jieba.dict.utf8";
  const std::string hmm = kDictDir + "/hmm_model.utf8";
  if (!std::filesystem::exists(dict) || !std::filesystem::exists(hmm)) {
    GTEST_SKIP() << "cppjieba dictionaries not fetched (tools/fetch-cppjieba.sh)";
  }
  cppjieba::DictTrie expected(dict);
  std::unique_ptr<cppjieba::DictTrie> actual = LoadJiebaDictTrie(dict);
  ASSERT_NE(actual, nullptr);
  ExpectSameWords(dict, expected, *actual);

  cppjieba::HMMModel model(hmm);
  cppjieba::MixSegment expected_segment(&expected, &model);
  cppjieba::MixSegment actual_segment(actual.get(), &model);
  const std::vector<std::string> texts = {
      "越南科技部与比利时微电子研究中心在河内签署了半导体人才培养合作备忘录",
      "中国科学院和新加坡国立大学将于明年联合举办人工智能国际会议",
      "工程师和高校讲师参加了为期两周的集成电路设计培训班",
      "习近平主席会见了来访的越南国家主席",
  };
  for (const std::string& text : texts) {
    std::vector<std::string> e;
    std::vector<std::string> a;
    expected_segment.Cut(text, e, true);
    actual_segment.Cut(text, a, true);
    EXPECT_EQ(e, a) << text;
    EXPECT_GT(a.size(), 3u) << text;
  }
}

// Loads a dictionary of `lines` both ways and compares every word (ExpectSameWords); the
// trie our loader built, or null when it failed (a test failure too).
std::unique_ptr<cppjieba::DictTrie> LoadLikeCppjieba(const std::string& name,
                                                     const std::string& lines) {
  const std::string dict = WriteTemp(name, lines);
  cppjieba::DictTrie expected(dict);
  std::unique_ptr<cppjieba::DictTrie> actual = LoadJiebaDictTrie(dict);
  EXPECT_NE(actual, nullptr);
  if (actual != nullptr) ExpectSameWords(dict, expected, *actual);
  std::remove(dict.c_str());
  return actual;
}

TEST(JiebaDictTest, SmallDictionaryKeepsTheLastOfDuplicateWords) {
  std::unique_ptr<cppjieba::DictTrie> actual =
      LoadLikeCppjieba("jieba-small", "中心 30 n\n研究 20 vn\n中心 7 ns\n所 2 n\n");
  ASSERT_NE(actual, nullptr);
  cppjieba::RuneStrArray runes;
  ASSERT_TRUE(cppjieba::DecodeUTF8RunesInString(std::string("中心"), runes));
  EXPECT_EQ(actual->Find(runes.begin(), runes.end())->tag, "ns");
}

TEST(JiebaDictTest, IrregularLinesGoToCppjiebasLoader) {
  // A trailing space is three fields for cppjieba's Split; a fractional frequency is an atof.
  EXPECT_NE(LoadLikeCppjieba("jieba-irregular", "中心 30 n \n研究 2.5 vn\n所 9 n\n"), nullptr);
}

TEST(JiebaDictTest, MissingFileIsNull) {
  EXPECT_EQ(LoadJiebaDictTrie("/nonexistent/jieba.dict.utf8"), nullptr);
}

}  // namespace
}  // namespace ketnoi::text::internal
