#include "clean/dates.h"

#include <gtest/gtest.h>

#include <string>

namespace ketnoi::clean {
namespace {

struct Expect {
  std::string surface;
  int year, month, day, end_day = 0, end_month = 0;
  bool has_time = false;
};

void ExpectDates(std::string_view text, const std::vector<Expect>& expected) {
  std::vector<DateMention> found = FindDates(text);
  ASSERT_EQ(found.size(), expected.size()) << text;
  for (size_t i = 0; i < found.size(); ++i) {
    const DateMention& m = found[i];
    const Expect& e = expected[i];
    EXPECT_EQ(std::string(m.span.Of(text)), e.surface) << text;
    EXPECT_EQ(m.year, e.year) << e.surface;
    EXPECT_EQ(m.month, e.month) << e.surface;
    EXPECT_EQ(m.day, e.day) << e.surface;
    EXPECT_EQ(m.end_day, e.end_day) << e.surface;
    EXPECT_EQ(m.end_month, e.end_month) << e.surface;
    EXPECT_EQ(m.has_time, e.has_time) << e.surface;
  }
}

TEST(FindDatesTest, VietnameseDatelines) {
  ExpectDates("Thời sự 03/11/2021 08:45", {{"03/11/2021 08:45", 2021, 11, 3, 0, 0, true}});
  ExpectDates("07:05 21/4/2022", {{"07:05 21/4/2022", 2022, 4, 21, 0, 0, true}});
  ExpectDates("Minh Anh 09/09/2020 | 10:00", {{"09/09/2020 | 10:00", 2020, 9, 9, 0, 0, true}});
  ExpectDates("Thứ hai, 9-1-2023, 12h30", {{"9-1-2023, 12h30", 2023, 1, 9, 0, 0, true}});
  ExpectDates("ngày 4 tháng 7 năm 2019", {{"4 tháng 7 năm 2019", 2019, 7, 4}});
}

TEST(FindDatesTest, VietnamesePartialDatesNeedACue) {
  ExpectDates("Sáng 3/8, đoàn công tác đến Hà Nội.", {{"3/8", 0, 8, 3}});
  ExpectDates("Ngày 14.2 (giờ địa phương), hai bên gặp nhau.", {{"14.2", 0, 2, 14}});
  ExpectDates("hội nghị vào ngày mai (5/10)", {{"5/10", 0, 10, 5}});
  ExpectDates("Tối 30/4", {{"30/4", 0, 4, 30}});
  ExpectDates("từ 7 đến 9/11", {{"7 đến 9/11", 0, 11, 7, 9}});
  ExpectDates("từ 7/11 đến 9/12", {{"7/11 đến 9/12", 0, 11, 7, 9, 12}});
  ExpectDates("diễn ra 12-14/5/2024 tại Đà Nẵng", {{"12-14/5/2024", 2024, 5, 12, 14}});
  ExpectDates("ngày 3-4/12, tại Huế", {{"3-4/12", 0, 12, 3, 4}});
  // Two consecutive days joined by "và" / "and" are a range; a list of days is not.
  ExpectDates("Trong hai ngày 3 và 4/12, hội nghị", {{"3 và 4/12", 0, 12, 3, 4}});
  ExpectDates("ngày 3/12 và 4/12", {{"3/12 và 4/12", 0, 12, 3, 4}});
  ExpectDates("ngày 3/12 và 9/12", {{"3/12", 0, 12, 3}, {"9/12", 0, 12, 9}});
  ExpectDates("ngày 3 và 9/12", {{"9/12", 0, 12, 9}});
  ExpectDates("on December 3 and 4, 2025", {{"December 3 and 4, 2025", 2025, 12, 3, 4}});
}

TEST(FindDatesTest, NumbersThatAreNotDates) {
  ExpectDates("tăng trưởng 3,6% so với 2,1%", {});
  ExpectDates("diện tích 12.000ha và 1.500 tỷ đồng", {});
  ExpectDates("kỷ niệm 50 năm quan hệ, năm 2023", {});
  ExpectDates("chiếm 1/3 số dự án, tỷ lệ 2.5 lần", {});
  ExpectDates("nhiệm kỳ 2021-2026 và phiên bản 3.10.2", {});
  ExpectDates("số 2844/QĐ-UBND", {});
  ExpectDates("lúc 10:30 sáng", {});
}

TEST(FindDatesTest, ChineseDates) {
  ExpectDates("2021年3月9日,双方签署协议。", {{"2021年3月9日", 2021, 3, 9}});
  ExpectDates("5月8日上午", {{"5月8日", 0, 5, 8}});
  ExpectDates("从4月11日至13日访问", {{"4月11日至13日", 0, 4, 11, 13}});
  ExpectDates("10月30日至11月2日", {{"10月30日至11月2日", 0, 10, 30, 2, 11}});
  ExpectDates("2019年12月", {{"2019年12月", 2019, 12, 0}});
  ExpectDates("1945年9月2日—2025年9月2日",
              {{"1945年9月2日", 1945, 9, 2}, {"2025年9月2日", 2025, 9, 2}});
  ExpectDates("近40年来,约3400万亿越盾", {});
}

TEST(FindDatesTest, EnglishAndIsoDates) {
  ExpectDates("Published March 7, 2022", {{"March 7, 2022", 2022, 3, 7}});
  ExpectDates("on 14 October 2021 in Hanoi", {{"14 October 2021", 2021, 10, 14}});
  ExpectDates("Sept. 4 and Nov 30th", {{"Sept. 4", 0, 9, 4}, {"Nov 30th", 0, 11, 30}});
  ExpectDates("from July 8-10", {{"July 8-10", 0, 7, 8, 10}});
  ExpectDates("in December 2020", {{"December 2020", 2020, 12, 0}});
  ExpectDates("2022-08-01T09:30:00+07:00", {{"2022-08-01T09:30:00", 2022, 8, 1, 0, 0, true}});
  ExpectDates("You may go. May 2 is fine", {{"May 2", 0, 5, 2}});
  ExpectDates("12/25/2024", {{"12/25/2024", 2024, 12, 25}});
}

TEST(FindDatesTest, RejectsImpossibleDates) {
  ExpectDates("31/02/2023 và 30/13/2023", {});
  ExpectDates("2023年2月30日", {});
}

TEST(FindDatesTest, LongChainsOfRangesDoNotRecurse) {
  std::string chain;
  for (int i = 0; i < 200000; ++i) chain += "1月1日至";
  std::vector<DateMention> found = FindDates(chain);
  EXPECT_FALSE(found.empty());
  for (const DateMention& m : found) EXPECT_LE(m.span.end, chain.size());
}

TEST(ResolveDateTest, CompletesPartialDates) {
  core::Date ref{2023, 5, 20};
  DateMention m;
  m.month = 5;
  m.day = 18;
  EXPECT_EQ(ResolveDate(m, ref)->ToIso(), "2023-05-18");
  m.month = 12;
  m.day = 28;  // more than two months after the reference: last year
  EXPECT_EQ(ResolveDate(m, core::Date{2023, 1, 6})->ToIso(), "2022-12-28");
  m.month = 1;
  m.day = 4;  // almost a year before: early next year
  EXPECT_EQ(ResolveDate(m, core::Date{2023, 12, 20})->ToIso(), "2024-01-04");
  EXPECT_FALSE(ResolveDate(m, std::nullopt).has_value());
  EXPECT_EQ(ResolveDate(m, std::nullopt, 2019)->ToIso(), "2019-01-04");
  m.year = 2020;
  EXPECT_EQ(ResolveDate(m, ref)->ToIso(), "2020-01-04");
  DateMention month_only;
  month_only.year = 2020;
  month_only.month = 3;
  EXPECT_FALSE(ResolveDate(month_only, ref).has_value());
}

TEST(ParseMetaDateTest, ReadsCommonMetaValues) {
  EXPECT_EQ(ParseMetaDate("2024-06-25T12:30:00+07:00")->ToIso(), "2024-06-25");
  EXPECT_EQ(ParseMetaDate(" 2024/6/5 08:00")->ToIso(), "2024-06-05");
  EXPECT_EQ(ParseMetaDate("20240625")->ToIso(), "2024-06-25");
  EXPECT_EQ(ParseMetaDate("Tue, 25 Jun 2024 10:00:00 +0700")->ToIso(), "2024-06-25");
  EXPECT_EQ(ParseMetaDate("25/06/2024 12:30")->ToIso(), "2024-06-25");
  EXPECT_FALSE(ParseMetaDate("").has_value());
  EXPECT_FALSE(ParseMetaDate("yesterday").has_value());
  EXPECT_FALSE(ParseMetaDate("2024-13-45").has_value());
}

}  // namespace
}  // namespace ketnoi::clean
