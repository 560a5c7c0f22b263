// extract/annotations.h — what the extract stage finds in one document.
//
// Everything is a Span into ingest::Page::text (the page as seen) plus labels; a fact is
// stored once (a mention is referenced by index from events, never copied).
#ifndef KETNOI_EXTRACT_ANNOTATIONS_H_
#define KETNOI_EXTRACT_ANNOTATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/lang.h"
#include "core/span.h"

namespace ketnoi::extract {

enum class EntityKind { kOrganization, kPerson, kPlace };
enum class PlaceType { kNone, kCountry, kCity, kRegion, kOther };

const char* EntityKindName(EntityKind kind);  // "organization" | "person" | "place"
const char* PlaceTypeName(PlaceType type);    // "country" | "city" | "region" | "other" | ""

struct Sentence {
  core::Span span;    // into Page::text
  int paragraph = 0;  // index into clean::Article::paragraphs; -1 for the title
};

struct Role {
  std::string title;  // as stated, in the text's language ("Bộ trưởng Bộ Kế hoạch và Đầu tư")
  core::Span span;
};

struct Mention {
  EntityKind kind = EntityKind::kOrganization;
  core::Span span;          // into Page::text
  std::string surface;      // == span.Of(page.text)
  std::string canonical;    // lexicon canonical name when known, else the fullest form
  std::string lexicon_key;  // lexicon key when known ("imec", "BE"), else empty
  PlaceType place_type = PlaceType::kNone;
  std::vector<Role> roles;  // persons only
  int sentence = -1;        // index into Analysis::sentences; -1 for the title
  int antecedent = -1;      // index of the fuller mention this one abbreviates in the
                            // same document (acronym, "Bộ trưởng Dũng", "the Centre")
  std::string acronym;      // organizations: the acronym the text binds to it, if any
};

struct FieldMention {
  std::string field;  // id from fields.txt
  core::Span span;
  int sentence = -1;
};

enum class EventType {
  kMouSigned,
  kAgreementSigned,
  kMeeting,
  kVisit,
  kDialogue,
  kProposal,
  kTrainingProgram,
  kInvestment,
  kConference,
  kOther,
};
enum class Modality { kReported, kPlanned, kProposed };

const char* EventTypeName(EventType type);  // FORMAT.md names: "mou_signed", ...
std::optional<EventType> EventTypeFromName(std::string_view name);
const char* ModalityName(Modality m);  // "reported" | "planned" | "proposed"

struct Event {
  EventType type = EventType::kOther;
  Modality modality = Modality::kReported;
  std::vector<int> participants;       // indices into Analysis::mentions
  std::optional<core::Date> date;      // start
  std::optional<core::Date> end_date;  // ranges
  int place = -1;                      // index into Analysis::mentions (a place), or -1
  std::vector<std::string> fields;     // field ids
  int sentence = -1;                   // evidence sentence (index into sentences)
  core::Span evidence;                 // the sentence span
  core::Span trigger;                  // the trigger words
};

struct Analysis {
  core::Lang lang = core::Lang::kUnknown;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;
  std::vector<FieldMention> field_mentions;
  std::vector<std::string> fields;  // document-level field ids, most salient first
  std::vector<Event> events;
};

}  // namespace ketnoi::extract

#endif  // KETNOI_EXTRACT_ANNOTATIONS_H_
