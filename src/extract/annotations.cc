#include "extract/annotations.h"

#include <array>

namespace ketnoi::extract {
namespace {

constexpr std::array<const char*, 10> kEventTypeNames = {
    "mou_signed", "agreement_signed", "meeting",    "visit",      "dialogue",
    "proposal",   "training_program", "investment", "conference", "other"};

}  // namespace

const char* EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kOrganization:
      return "organization";
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kPlace:
      return "place";
  }
  return "organization";
}

const char* PlaceTypeName(PlaceType type) {
  switch (type) {
    case PlaceType::kCountry:
      return "country";
    case PlaceType::kCity:
      return "city";
    case PlaceType::kRegion:
      return "region";
    case PlaceType::kOther:
      return "other";
    case PlaceType::kNone:
      break;
  }
  return "";
}

const char* EventTypeName(EventType type) { return kEventTypeNames[static_cast<size_t>(type)]; }

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kEventTypeNames.size(); ++i) {
    if (name == kEventTypeNames[i]) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kReported:
      return "reported";
    case Modality::kPlanned:
      return "planned";
    case Modality::kProposed:
      return "proposed";
  }
  return "reported";
}

}  // namespace ketnoi::extract
