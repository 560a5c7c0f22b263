#include <gtest/gtest.h>

#include <string>

#include "text/text.h"

namespace ketnoi::text {
namespace {

// The offset invariant: every rewritten piece maps back to what the user saw.
std::string Original(const NormalizedText& n, std::string_view input, Span normalized) {
  return std::string(n.ToOriginal(normalized).Of(input));
}

Span Find(const NormalizedText& n, std::string_view needle) {
  size_t at = n.text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

TEST(Normalize, AsciiIsIdentity) {
  NormalizedText n = Normalize("Hello, world.");
  EXPECT_EQ(n.text, "Hello, world.");
  ASSERT_EQ(n.to_original.size(), n.text.size() + 1);
  EXPECT_EQ(n.to_original.back(), 13u);
  EXPECT_EQ(n.repaired, 0u);
}

TEST(Normalize, ToneplacementNewStyle) {
  EXPECT_EQ(Normalize("hoà").text, "hòa");
  EXPECT_EQ(Normalize("thuý").text, "thúy");
  EXPECT_EQ(Normalize("Hoá học").text, "Hóa học");
  EXPECT_EQ(Normalize("khoẻ").text, "khỏe");
  EXPECT_EQ(Normalize("uỷ ban").text, "ủy ban");
  EXPECT_EQ(Normalize("HOÀ BÌNH").text, "HÒA BÌNH");
  EXPECT_EQ(Normalize("Thuỵ Sĩ").text, "Thụy Sĩ");
  EXPECT_EQ(Normalize("toạ đàm").text, "tọa đàm");
}

TEST(Normalize, ToneplacementLeavesOtherSyllables) {
  EXPECT_EQ(Normalize("hoàng").text, "hoàng");  // closed syllable
  EXPECT_EQ(Normalize("quý").text, "quý");      // "qu" onset
  EXPECT_EQ(Normalize("Quỳnh").text, "Quỳnh");
  EXPECT_EQ(Normalize("già").text, "già");
  EXPECT_EQ(Normalize("khuya").text, "khuya");
  EXPECT_EQ(Normalize("Chloé").text, "Chloé");  // not a Vietnamese onset
  EXPECT_EQ(Normalize("hòa").text, "hòa");      // already canonical
}

TEST(Normalize, ToneOffsetsPointIntoInput) {
  const std::string input = "Văn hoá Việt";
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.text, "Văn hóa Việt");
  EXPECT_EQ(Original(n, input, Find(n, "hóa")), "hoá");
  EXPECT_EQ(Original(n, input, Find(n, "Việt")), "Việt");
}

TEST(Normalize, ComposesDecomposedText) {
  const std::string input = "Vie\xCC\xA3\xCC\x82t Nam";  // e + dot below + circumflex
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.text, "Việt Nam");
  EXPECT_EQ(Original(n, input, Find(n, "ệ")), "e\xCC\xA3\xCC\x82");
  EXPECT_EQ(Original(n, input, Find(n, "Nam")), "Nam");
}

TEST(Normalize, DecomposedOldStyleToneGetsBoth) {
  const std::string input = "hoa\xCC\x80 bi\xCC\x80nh";  // "hoà bình" decomposed
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.text, "hòa bình");
  EXPECT_EQ(Original(n, input, Find(n, "hòa")), "hoa\xCC\x80");
}

TEST(Normalize, QuotesDashesSpaces) {
  const std::string input = "“Đổi mới” – ‘AI’\xC2\xA0và\xE3\x80\x80R&D\xE2\x80\x89x—y";
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.text, "\"Đổi mới\" - 'AI' và R&D x-y");
  EXPECT_EQ(Original(n, input, Find(n, "\"Đổi")), "“Đổi");
  EXPECT_EQ(Original(n, input, Find(n, "mới\"")), "mới”");
  EXPECT_EQ(Original(n, input, Find(n, " - ")), " – ");
  EXPECT_EQ(Original(n, input, Find(n, "'AI'")), "‘AI’");
  EXPECT_EQ(Original(n, input, Find(n, " và ")), "\xC2\xA0và\xE3\x80\x80");
  EXPECT_EQ(Original(n, input, Find(n, "x-y")), "x—y");
}

TEST(Normalize, RemovesInvisibleCharacters) {
  const std::string input = "co\xC2\xADoperation\xE2\x80\x8B!";
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.text, "cooperation!");
  EXPECT_EQ(Original(n, input, Find(n, "cooperation")), "co\xC2\xADoperation");
}

TEST(Normalize, RepairsInvalidUtf8) {
  const std::string input =
      "ab\xFF"
      "c\xE1\xBB"
      " hoà";
  NormalizedText n = Normalize(input);
  EXPECT_EQ(n.repaired, 2u);
  EXPECT_EQ(n.text,
            "ab\xEF\xBF\xBD"
            "c\xEF\xBF\xBD hòa");
  EXPECT_EQ(Original(n, input,
                     Find(n,
                          "\xEF\xBF\xBD"
                          "c")),
            "\xFF"
            "c");
  EXPECT_EQ(Original(n, input, Find(n, "hòa")), "hoà");
  EXPECT_EQ(n.to_original.back(), input.size());
}

TEST(Normalize, EmptyAndSpans) {
  NormalizedText n = Normalize("");
  EXPECT_EQ(n.text, "");
  ASSERT_EQ(n.to_original.size(), 1u);
  EXPECT_EQ(n.ToOriginal({0, 0}), (Span{0, 0}));
  EXPECT_EQ(n.ToOriginal({5, 9}), (Span{0, 0}));  // out of range is clamped, no crash
}

TEST(Normalize, MapIsMonotonic) {
  const std::string input = "« Hoà » — thuý\xC2\xA0khoẻ\xF0\x9F";
  NormalizedText n = Normalize(input);
  ASSERT_EQ(n.to_original.size(), n.text.size() + 1);
  for (size_t i = 1; i < n.to_original.size(); ++i) {
    EXPECT_LE(n.to_original[i - 1], n.to_original[i]) << i;
  }
  EXPECT_EQ(n.to_original.back(), input.size());
}

}  // namespace
}  // namespace ketnoi::text
