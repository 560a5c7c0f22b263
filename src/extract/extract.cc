#include "extract/extract.h"

#include "extract/entities.h"
#include "extract/events.h"
#include "text/text.h"

namespace ketnoi::extract {
namespace {

// Sentences of one text region, shifted into page coordinates.
void AddSentences(std::string_view page_text, core::Span region, core::Lang lang, int paragraph,
                  std::vector<Sentence>* out) {
  std::string_view part = region.Of(page_text);
  for (core::Span s : text::SplitSentences(part, lang)) {
    out->push_back({{region.begin + s.begin, region.begin + s.end}, paragraph});
  }
}

}  // namespace

Extractor::Extractor(const Lexicons& lexicons, ExtractOptions options)
    : options_(options),
      entities_(std::make_unique<EntityRecognizer>(lexicons)),
      events_(std::make_unique<EventExtractor>(lexicons)) {}

Extractor::~Extractor() = default;

Analysis Extractor::Analyze(std::string_view page_text, const clean::Article& article,
                            core::Lang lang) const {
  Analysis analysis;
  analysis.lang = lang;
  // The title is sentence material only when it is part of the page text; a title that came
  // from HTML meta has no offsets and is not annotated.
  if (article.title_span && article.title_span->end <= page_text.size()) {
    AddSentences(page_text, *article.title_span, lang, -1, &analysis.sentences);
  }
  for (size_t p = 0; p < article.paragraphs.size(); ++p) {
    AddSentences(page_text, article.paragraphs[p], lang, static_cast<int>(p), &analysis.sentences);
  }
  entities_->Recognize(page_text, &analysis);
  if (analysis.mentions.size() > options_.max_mentions) {
    analysis.mentions.resize(options_.max_mentions);
    for (Mention& m : analysis.mentions) {
      if (m.antecedent >= static_cast<int>(options_.max_mentions)) m.antecedent = -1;
    }
  }
  events_->Extract(page_text, article.date, &analysis);
  return analysis;
}

}  // namespace ketnoi::extract
