// extract/extract.h — stage 4: Article -> Analysis (sentences, entities, fields, events).
//
// In:  the page text, its clean::Article (title + body paragraph spans) and its language.
// Out: an Analysis whose spans all point into the page text: sentences of the title and the
//      body; organization / person (with roles) / place mentions; technology fields; and
//      cooperation events with participants, date, place, fields and evidence sentence.
//      Nothing is extracted from text outside the title and body (boilerplate never yields
//      a mention or an event).
// Limits: at most ExtractOptions::max_mentions mentions per document (extra ones dropped,
//      counted in Analysis warnings by the caller).
// Thread safety: an Extractor is immutable after construction; Analyze is const and may be
//      called from many threads at once.
#ifndef KETNOI_EXTRACT_EXTRACT_H_
#define KETNOI_EXTRACT_EXTRACT_H_

#include <memory>
#include <string_view>

#include "clean/article.h"
#include "extract/annotations.h"
#include "extract/lexicon.h"

namespace ketnoi::extract {

struct ExtractOptions {
  // A page with more mentions than this is pathological (lists, tables): keep the first ones.
  size_t max_mentions = 5000;
};

class EntityRecognizer;
class EventExtractor;

class Extractor {
 public:
  explicit Extractor(const Lexicons& lexicons, ExtractOptions options = {});
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  Analysis Analyze(std::string_view page_text, const clean::Article& article,
                   core::Lang lang) const;

 private:
  ExtractOptions options_;
  std::unique_ptr<EntityRecognizer> entities_;
  std::unique_ptr<EventExtractor> events_;
};

}  // namespace ketnoi::extract

#endif  // KETNOI_EXTRACT_EXTRACT_H_
