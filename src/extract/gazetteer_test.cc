// The entity recognizer's lexicon matcher (entities_internal.h): which spans it finds at a
// unit, in which order, and the case rules of each entry.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "extract/entities_internal.h"

namespace ketnoi::extract::internal {
namespace {

using core::Lang;

SentenceView ViewOf(const std::string& text) {
  Sentence sentence;
  sentence.span = {0, static_cast<uint32_t>(text.size())};
  return BuildView(text, sentence, 0, Lang::kEn);
}

GazEntry Entry(GazKind kind, int index, bool first_upper = false, bool exact_case = false) {
  GazEntry e;
  e.kind = kind;
  e.index = index;
  e.lang = Lang::kEn;
  e.first_upper = first_upper;
  e.exact_case = exact_case;
  return e;
}

// (first unit, last unit, entry index) of each match.
std::vector<std::tuple<size_t, size_t, int>> Found(const Gazetteer& gaz, const SentenceView& view,
                                                   size_t first) {
  std::vector<std::tuple<size_t, size_t, int>> out;
  for (const GazMatch& m : gaz.MatchAt(view, first))
    out.emplace_back(m.first, m.last, m.entry->index);
  return out;
}

Gazetteer TestGazetteer() {
  Gazetteer gaz;
  gaz.Add("New York", Entry(GazKind::kPlace, 1, /*first_upper=*/true));
  gaz.Add("New York University", Entry(GazKind::kOrg, 2, /*first_upper=*/true));
  gaz.Add("new york", Entry(GazKind::kName, 3));  // same key as entry 1, added after it
  gaz.Add("EU", Entry(GazKind::kOrg, 4, false, /*exact_case=*/true));
  gaz.Add("Bà Rịa - Vũng Tàu", Entry(GazKind::kPlace, 5, /*first_upper=*/true));
  gaz.Add("Mr.", Entry(GazKind::kHonorific, 6));
  gaz.Add("Rịa -", Entry(GazKind::kName, 7));  // ends with a dash: never matched
  return gaz;
}

TEST(Gazetteer, LongestSpanFirstAndEntriesOfOneKeyInInsertionOrder) {
  Gazetteer gaz = TestGazetteer();
  SentenceView view = ViewOf("At New York University today");
  // Units: At(0) New(1) York(2) University(3) today(4).
  EXPECT_EQ(Found(gaz, view, 1),
            (std::vector<std::tuple<size_t, size_t, int>>{{1, 4, 2}, {1, 3, 1}, {1, 3, 3}}));
  EXPECT_TRUE(Found(gaz, view, 2).empty());
  EXPECT_TRUE(Found(gaz, view, 5).empty());  // past the end
}

TEST(Gazetteer, CaseRulesPerEntry) {
  Gazetteer gaz = TestGazetteer();
  SentenceView lower = ViewOf("in new york the eu met");
  EXPECT_EQ(
      Found(gaz, lower, 1),
      (std::vector<std::tuple<size_t, size_t, int>>{{1, 3, 3}}));  // proper names need a capital
  EXPECT_TRUE(Found(gaz, lower, 4).empty());                       // "EU" is not "eu"
  SentenceView upper = ViewOf("the EU met");
  EXPECT_EQ(Found(gaz, upper, 1), (std::vector<std::tuple<size_t, size_t, int>>{{1, 2, 4}}));
}

TEST(Gazetteer, PunctuationInsideANameButNotAtItsEndExceptAnAbbreviation) {
  Gazetteer gaz = TestGazetteer();
  SentenceView view = ViewOf("Bà Rịa - Vũng Tàu and Mr. Smith");
  // Units: Bà(0) Rịa(1) -(2) Vũng(3) Tàu(4) and(5) Mr(6) .(7) Smith(8).
  EXPECT_EQ(Found(gaz, view, 0), (std::vector<std::tuple<size_t, size_t, int>>{{0, 5, 5}}));
  EXPECT_TRUE(Found(gaz, view, 1).empty());  // "Rịa -" ends with a dash
  EXPECT_TRUE(Found(gaz, view, 2).empty());  // a match never starts at punctuation
  EXPECT_EQ(Found(gaz, view, 6), (std::vector<std::tuple<size_t, size_t, int>>{{6, 8, 6}}));
}

TEST(Gazetteer, EmptyUntilSomethingIsAdded) {
  Gazetteer gaz;
  EXPECT_TRUE(gaz.empty());
  EXPECT_TRUE(Found(gaz, ViewOf("imec"), 0).empty());
  gaz.Add("IMEC", Entry(GazKind::kOrg, 1));
  EXPECT_FALSE(gaz.empty());
  EXPECT_EQ(Found(gaz, ViewOf("imec"), 0),
            (std::vector<std::tuple<size_t, size_t, int>>{{0, 1, 1}}));
}

}  // namespace
}  // namespace ketnoi::extract::internal
