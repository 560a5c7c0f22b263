#include "search/fulltext.h"

#include <gtest/gtest.h>

namespace ketnoi::search {
namespace {

TEST(FullText, TsVectorHoldsTheFoldedKeysAtTheirPositions) {
  // Title "Hợp tác" at 1-2, a gap at 3, body "Hợp tác, hợp tác!" at 4-7.
  EXPECT_EQ(TsVector({Positions("Hợp tác"), Positions("Hợp tác, hợp tác!")}),
            "'hop':1,4,6 'tac':2,5,7");
  // Chinese: one key per character, the segmenter's words at their first character.
  std::string zh = TsVector({Positions("越南氢能")});
  EXPECT_NE(zh.find("'氢':3"), std::string::npos) << zh;
  EXPECT_NE(zh.find("'氢能':3"), std::string::npos) << zh;
  // Quotes and backslashes are escaped inside the literal.
  EXPECT_EQ(TsVector({Positions("l'été")}), "'ete':2 'l':1");
}

TEST(FullText, TsQueryJoinsPhrasesAsTheMatchExpression) {
  EXPECT_EQ(TsQuery({Phrases({"thiết kế", "chip"}), {}}), "(('thiet' <-> 'ke') & 'chip')");
  EXPECT_EQ(TsQuery({Phrases({"chip"}), Phrases({"Đặng Văn Hùng"})}),
            "'chip' | ('dang' <-> 'van' <-> 'hung')");
  EXPECT_EQ(TsQuery({Phrases({"a", "b"}), Phrases({"c d"})}), "('a' & 'b') | ('c' <-> 'd')");
  EXPECT_EQ(TsQuery({}), "");
}

TEST(FullText, AllTermsCountOnlyWhenEveryOneOccurs) {
  std::vector<PositionedText> row = {Positions("Chip"), Positions("thiết kế chip ở Hà Nội")};
  auto both = ActivePhrases({Phrases({"chip", "ha noi"}), {}}, row);
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(*both, (std::vector<bool>{true, true}));
  EXPECT_FALSE(ActivePhrases({Phrases({"chip", "hue"}), {}}, row).has_value());
  // An alternative name alone matches; then the partial "all" group does not count.
  auto alias = ActivePhrases({Phrases({"chip", "hue"}), Phrases({"thiet ke"})}, row);
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ(*alias, (std::vector<bool>{false, false, true}));
}

TEST(FullText, SnippetMarksPhrasesInTheOriginalText) {
  const std::string body = "Bộ trưởng Đặng Văn Hùng tiếp đoàn. Hai bên bàn về thiết kế chip.";
  EXPECT_EQ(BodySnippet({Phrases({"hung"}), Phrases({"Đặng Văn Hùng"})}, "", body, "[", "]"),
            "Bộ trưởng [Đặng Văn Hùng] tiếp đoàn. Hai bên bàn về thiết kế chip.");
  EXPECT_EQ(BodySnippet({Phrases({"thiet ke chip"}), {}}, "", body, "<", ">"),
            "Bộ trưởng Đặng Văn Hùng tiếp đoàn. Hai bên bàn về <thiết kế chip>.");
  // A long text is cut to 20 tokens: centred on the match, or from the start of the
  // sentence holding it when the match is not its first word.
  std::string long_body;
  for (int i = 0; i < 30; ++i) long_body += "word" + std::to_string(i) + " ";
  long_body += "end. Target here now.";
  for (int i = 0; i < 30; ++i) long_body += " tail" + std::to_string(i);
  EXPECT_EQ(BodySnippet({Phrases({"target"}), {}}, "", long_body, "[", "]"),
            "…word22 word23 word24 word25 word26 word27 word28 word29 end. [Target] here now. "
            "tail0 tail1 tail2 tail3 tail4 tail5 tail6 tail7…");
  EXPECT_EQ(BodySnippet({Phrases({"here"}), {}}, "", long_body, "[", "]"),
            "…Target [here] now. tail0 tail1 tail2 tail3 tail4 tail5 tail6 tail7 tail8 tail9 "
            "tail10 tail11 tail12 tail13 tail14 tail15 tail16…");
}

}  // namespace
}  // namespace ketnoi::search
