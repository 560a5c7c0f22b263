// extract/events.h — cooperation events from sentences and entity mentions.
//
// In:  page text, an Analysis with sentences, mentions and field mentions filled, and the
//      publication date (for partial dates).
// Out: analysis->events: type (trigger lexicon), modality (reported / planned / proposed),
//      participants (subject and object of the trigger, coordinated parties, the speaker
//      and addressee of a proposal, implicit parties carried from the previous sentence or
//      the headline), date (absolute or partial, resolved; ranges as start/end), place,
//      fields (sentence, then paragraph), evidence sentence. Several events per sentence.
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
