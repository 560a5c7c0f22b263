#include <gtest/gtest.h>

#include "core/date.h"
#include "core/lang.h"
#include "core/status.h"
#include "core/utf8.h"

namespace ketnoi::core {
namespace {

TEST(StatusTest, ResultCarriesValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = NotFound("no such file: a.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "not found: no such file: a.txt");
}

TEST(DateTest, IsoRoundTripAndValidity) {
  auto d = ParseIsoDate("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->ToIso(), "2024-02-29");
  EXPECT_FALSE(ParseIsoDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-2-9").has_value());
  EXPECT_EQ((Date{1970, 1, 2}).DaysSinceEpoch(), 1);
  EXPECT_EQ((Date{2024, 6, 25}).DaysSinceEpoch() - (Date{2024, 6, 20}).DaysSinceEpoch(), 5);
}

TEST(LangTest, CodesRoundTrip) {
  for (Lang l : {Lang::kVi, Lang::kZh, Lang::kEn}) EXPECT_EQ(LangFromCode(LangCode(l)), l);
  EXPECT_EQ(LangCode(Lang::kUnknown), "und");
}

TEST(Utf8Test, RepairReplacesEachBadSequence) {
  EXPECT_TRUE(IsValidUtf8("Nguyễn 阮"));
  std::string bad =
      "ab\xC3(\xFF"
      "c";
  EXPECT_FALSE(IsValidUtf8(bad));
  Utf8Repair r = RepairUtf8(bad);
  EXPECT_EQ(r.text,
            "ab\xEF\xBF\xBD(\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(r.replaced, 2u);
  EXPECT_EQ(r.first_bad_offset, 2u);
  EXPECT_EQ(CountCodePoints("Việt 越"), 6u);
}

// Valid runs (multi-byte characters included) are copied whole between the bad sequences,
// at the start and at the end of the input too.
TEST(Utf8Test, RepairKeepsValidRunsBetweenBadSequences) {
  Utf8Repair r = RepairUtf8(
      "\xFF"
      "Việt 越\xC3"
      "x\xE8");
  EXPECT_EQ(r.text,
            "\xEF\xBF\xBD"
            "Việt 越\xEF\xBF\xBD"
            "x\xEF\xBF\xBD");
  EXPECT_EQ(r.replaced, 3u);
  EXPECT_EQ(r.first_bad_offset, 0u);
  Utf8Repair clean = RepairUtf8("Nguyễn 阮");
  EXPECT_EQ(clean.text, "Nguyễn 阮");
  EXPECT_EQ(clean.replaced, 0u);
}

}  // namespace
}  // namespace ketnoi::core
