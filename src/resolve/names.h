// resolve/names.h — the name keys resolution compares (pure functions over names).
//
// Every key is folded with text::SearchKey (case, diacritics, đ, width, Traditional ->
// Simplified), so "NGUYỄN Chí Dũng" and "Nguyen Chi Dung" give one key.
// * NameAtoms: a folded name cut into comparable units: Latin/digit words and single Han
//   characters; punctuation, "·" and spaces separate and are dropped.
// * NameComposer::ConceptKey: an organization name as a bag of concepts from the
//   multilingual name words (data/name_words.tsv) and place names (data/places.tsv), so
//   "Trung tâm Đổi mới sáng tạo Quốc gia", "国家创新中心" and "National Innovation Centre"
//   all give "centre+innovation+national". The home country (Việt Nam / 越南 / Vietnam)
//   is dropped at the start or end of a name that names no other place, because
//   Vietnamese pages omit it where Chinese and English pages add it. Unknown Latin words
//   stay as themselves; an unknown Han character makes the name not composable ("").
// Thread safety: a NameComposer is immutable after construction.
#ifndef KETNOI_RESOLVE_NAMES_H_
#define KETNOI_RESOLVE_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/lexicon.h"

namespace ketnoi::resolve {

// Folded units of `name`: {"trung","tam","imec"}; {"国","家","创","新"}.
std::vector<std::string> NameAtoms(std::string_view name);
// The atoms joined by spaces: the fold names are compared by ("bo ke hoach dau tu").
std::string FoldedName(std::string_view name);
bool HasHan(std::string_view text);
// "NIC", "KH&CN", "VJOIN", "hub.brussels" is not: 2..12 chars, no space, >= 2 capitals,
// no lower-case letter after the first capital run.
bool LooksLikeAcronym(std::string_view surface);

class NameComposer {
 public:
  // `home_country`: the place key dropped at a name's edge (ISO code, "VN").
  NameComposer(const extract::Lexicons& lexicons, std::string home_country = "VN");

  // Sorted concepts joined with '+', or "" when the name cannot be composed or has fewer
  // than two concepts (a bare head word is a reference, not a name).
  std::string ConceptKey(std::string_view name) const;
  // A bare head word ("Lab", "Trung tâm", "the Centre"): a reference that names nothing
  // outside its own document.
  bool IsGeneric(std::string_view name) const;

 private:
  // Concepts of `name` in order (connectors dropped) and how many are unknown Latin
  // words; false when an unknown Han character makes it not composable.
  bool Compose(std::string_view name, std::vector<std::string>* concepts, int* literals) const;

  std::unordered_map<std::string, std::string> concept_of_;  // atoms joined by ' ' -> concept
  // First atom of a concept_of_ key -> the most atoms of a key starting with it: Compose
  // tries only those lengths at a position (atoms hold no ' ', so a key's atoms are its own).
  std::unordered_map<std::string, size_t> longest_from_;
  size_t max_atoms_ = 1;
  std::string home_concept_;
};

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_NAMES_H_
