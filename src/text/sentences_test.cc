#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/text.h"

namespace ketnoi::text {
namespace {

std::vector<std::string> Split(std::string_view text, Lang lang) {
  std::vector<std::string> out;
  for (Span s : SplitSentences(text, lang)) out.emplace_back(s.Of(text));
  return out;
}

using V = std::vector<std::string>;

TEST(SplitSentences, VietnameseTitlesAndPlaces) {
  EXPECT_EQ(Split("Hội thảo tổ chức tại TP. Đà Nẵng. GS. Trần Văn A và PGS. Lê B dự.", Lang::kVi),
            (V{"Hội thảo tổ chức tại TP. Đà Nẵng.", "GS. Trần Văn A và PGS. Lê B dự."}));
  EXPECT_EQ(Split("TS. Nguyễn Văn C, ThS. Phạm D phát biểu. Sau đó họ ký.", Lang::kVi),
            (V{"TS. Nguyễn Văn C, ThS. Phạm D phát biểu.", "Sau đó họ ký."}));
}

TEST(SplitSentences, NumbersAndDates) {
  EXPECT_EQ(Split("Tăng 3,6% so với 3.5 năm trước. Ngày 17/12/2023 và 25.6 là mốc.", Lang::kVi),
            (V{"Tăng 3,6% so với 3.5 năm trước.", "Ngày 17/12/2023 và 25.6 là mốc."}));
}

TEST(SplitSentences, EnglishAbbreviations) {
  EXPECT_EQ(Split("Mr. Lee met Dr. Smith in Washington, D.C. on Monday. The U.S. side agreed.",
                  Lang::kEn),
            (V{"Mr. Lee met Dr. Smith in Washington, D.C. on Monday.", "The U.S. side agreed."}));
  EXPECT_EQ(Split("Ms. Chen visited St. Louis, e.g. the lab. It works!", Lang::kEn),
            (V{"Ms. Chen visited St. Louis, e.g. the lab.", "It works!"}));
  EXPECT_EQ(Split("Prof. J. Smith spoke. Then we left.", Lang::kEn),
            (V{"Prof. J. Smith spoke.", "Then we left."}));
}

TEST(SplitSentences, DotInsideToken) {
  EXPECT_EQ(Split("The agency hub.brussels joined. Next item.", Lang::kEn),
            (V{"The agency hub.brussels joined.", "Next item."}));
  EXPECT_EQ(Split("Xem www.example.vn nhé. Hết.", Lang::kVi),
            (V{"Xem www.example.vn nhé.", "Hết."}));
}

TEST(SplitSentences, SignatureEnding) {
  EXPECT_EQ(Split("Hai bên ký kết biên bản./. Tin khác.", Lang::kVi),
            (V{"Hai bên ký kết biên bản./.", "Tin khác."}));
}

TEST(SplitSentences, QuotesAndEllipses) {
  EXPECT_EQ(Split("He said \"Wait... Then go.\" We left.", Lang::kEn),
            (V{"He said \"Wait... Then go.\"", "We left."}));
  EXPECT_EQ(Split("Ông nói: “Chúng ta sẽ… Tiếp tục hợp tác.” Sau đó ký.", Lang::kVi),
            (V{"Ông nói: “Chúng ta sẽ… Tiếp tục hợp tác.”", "Sau đó ký."}));
  EXPECT_EQ(Split("Wait... what happened? Nobody knows.", Lang::kEn),
            (V{"Wait... what happened?", "Nobody knows."}));
}

TEST(SplitSentences, EnumeratorsAndVietnameseEtc) {
  EXPECT_EQ(
      Split("1. Xây dựng cơ chế.\nII. Nội dung chính. Máy móc, thiết bị v.v. Các bên ký.",
            Lang::kVi),
      (V{"1. Xây dựng cơ chế.", "II. Nội dung chính.", "Máy móc, thiết bị v.v.", "Các bên ký."}));
}

TEST(SplitSentences, NewlineAlwaysEnds) {
  EXPECT_EQ(Split("  Title without dot\nBody one. Body two.\n\n", Lang::kEn),
            (V{"Title without dot", "Body one.", "Body two."}));
}

TEST(SplitSentences, Chinese) {
  EXPECT_EQ(Split("双方签署了合作协议。会议在北京举行！你同意吗？是的；好", Lang::kZh),
            (V{"双方签署了合作协议。", "会议在北京举行！", "你同意吗？", "是的；", "好"}));
  EXPECT_EQ(Split("他说：“我们将加强合作。”随后离开。", Lang::kZh),
            (V{"他说：“我们将加强合作。”", "随后离开。"}));
  EXPECT_EQ(Split("双方签署协议.会议结束", Lang::kZh), (V{"双方签署协议.", "会议结束"}));
  EXPECT_EQ(Split("增长3.5%。Dr. Wang出席!好", Lang::kZh),
            (V{"增长3.5%。", "Dr. Wang出席!", "好"}));
}

TEST(SplitSentences, OffsetsAreTrimmedByteRanges) {
  const std::string text = " A b. \xC2\xA0 C d. ";
  std::vector<Span> s = SplitSentences(text, Lang::kEn);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], (Span{1, 5}));
  EXPECT_EQ(s[1], (Span{9, 13}));
}

TEST(SplitSentences, EmptyAndJunk) {
  EXPECT_TRUE(SplitSentences("", Lang::kVi).empty());
  EXPECT_TRUE(SplitSentences(" \n \n", Lang::kEn).empty());
  EXPECT_EQ(Split("\xFF\xFE. Abc", Lang::kEn).size(), 2u);
}

}  // namespace
}  // namespace ketnoi::text
