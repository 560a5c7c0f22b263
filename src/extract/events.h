// extract/events.h — cooperation events from sentences and entity mentions.
//
// In:  page text, an Analysis with sentences, mentions and field mentions filled, and the
//      publication date (for partial dates).
// Out: analysis->events: type (trigger lexicon), modality (reported / planned / proposed;
//      a cue before the trigger or right after a noun trigger: "the dialogue will be held"),
//      participants (subject and object of the trigger, coordinated parties, the speaker
//      and addressee of a proposal, countries acting in the sentence — named, or by a
//      name_words word such as "Japanese" or "越方", not after a locative —, a bare title
//      "Bộ trưởng" as the latest person bearing it, "the two sides" / "under the agreement" /
//      "the two countries" as the parties of the signing or gathering referred to, "the
//      delegation" as the party of the latest led trip, implicit parties carried from the
//      previous sentence or the headline), date (absolute or partial, resolved — forward for a
//      planned event; ranges as start/end; "the same day" is the story's running day), place,
//      fields (sentence, then paragraph), evidence sentence. Several events per sentence (after a
//      proposal, only a gathering framing it: "during a visit"). A wish word is a proposal only
//      with a party right after it ("希望三星..."); goals ("aims to"), attending a gathering
//      already reported, and a gathering word opening an undated sentence of a type already
//      reported ("The forum drew ...") are no new events; a generic act ("agreed to", "nhất
//      trí") is one only between two parties the sentence names. Training or investment
//      naming one side continues the last signing.
// Thread safety: immutable after construction.
#ifndef KETNOI_EXTRACT_EVENTS_H_
#define KETNOI_EXTRACT_EVENTS_H_

#include <memory>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "extract/annotations.h"
#include "extract/lexicon.h"

namespace ketnoi::extract {

class EventExtractor {
 public:
  // Reads lexicons.triggers, modality_cues, and the country words of name_words (concepts
  // with a word that is a country name in lexicons.places).
  explicit EventExtractor(const Lexicons& lexicons);
  ~EventExtractor();

  void Extract(std::string_view page_text, std::optional<core::Date> published,
               Analysis* analysis) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::extract

#endif  // KETNOI_EXTRACT_EVENTS_H_
