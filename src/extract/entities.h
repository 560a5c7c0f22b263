// extract/entities.h — organizations, persons with roles, places and technology fields.
//
// In:  page text, the sentences (title first, then body) and the language.
// Out: mentions (Analysis::mentions, in text order), field mentions and document fields.
// Method: lexicon matches (known organizations, places, titles, field keywords) plus
//      recognition from the shape of the text for names no lexicon holds: capitalized
//      syllable runs after titles / honorifics / org head words in vi and en; acronyms bound
//      to their expansions "X (ABC)"; Chinese person names by surname + title context and
//      transliterations with "·"; Chinese organizations by suffix (中心, 部, 大学, 集团...)
//      and country prefixes. A place or organization inside a longer organization name is
//      not a separate mention. Partial references ("Bộ trưởng Dũng", "the Centre", an
//      acronym) get `antecedent` set to their full mention.
// Thread safety: immutable after construction.
#ifndef KETNOI_EXTRACT_ENTITIES_H_
#define KETNOI_EXTRACT_ENTITIES_H_

#include <memory>
#include <string_view>

#include "extract/annotations.h"
#include "extract/lexicon.h"

namespace ketnoi::extract {

class EntityRecognizer {
 public:
  explicit EntityRecognizer(const Lexicons& lexicons);
  ~EntityRecognizer();

  // Fills analysis->mentions, ->field_mentions and ->fields from analysis->sentences.
  void Recognize(std::string_view page_text, Analysis* analysis) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::extract

#endif  // KETNOI_EXTRACT_ENTITIES_H_
