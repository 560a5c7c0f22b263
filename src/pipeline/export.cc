#include "pipeline/export.h"

#include <string>
#include <vector>

namespace ketnoi::pipeline {
namespace {

using nlohmann::json;

// Byte offset -> code point offset, for one text.
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text) : chars_before_(text.size() + 1, 0) {
    uint32_t n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      chars_before_[i] = n;
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    }
    chars_before_[text.size()] = n;
  }
  uint32_t operator()(uint32_t byte) const {
    return chars_before_[std::min<size_t>(byte, chars_before_.size() - 1)];
  }

 private:
  std::vector<uint32_t> chars_before_;
};

const char* KindList(extract::EntityKind kind) {
  switch (kind) {
    case extract::EntityKind::kOrganization:
      return "organizations";
    case extract::EntityKind::kPerson:
      return "persons";
    case extract::EntityKind::kPlace:
      return "places";
  }
  return "organizations";
}

}  // namespace

json ToExtractionJson(const ProcessedDocument& doc) {
  const std::string& text = doc.page.text;
  const extract::Analysis& a = doc.analysis;
  CharOffsets chars(text);
  json out;
  out["id"] = doc.id;
  out["source"] = doc.page.source;
  out["language"] = std::string(core::LangCode(doc.lang));
  out["title"] = doc.article.title;
  out["date"] = doc.article.date ? json(doc.article.date->ToIso()) : json(nullptr);
  out["body"] = doc.Body();
  out["organizations"] = json::array();
  out["persons"] = json::array();
  out["places"] = json::array();

  for (const resolve::LocalEntity& e : doc.resolved.entities) {
    json ent;
    ent["id"] = e.id;
    ent["name"] = e.name;
    std::vector<std::string> surfaces;
    json mentions = json::array();
    for (int mi : e.mentions) {
      const extract::Mention& m = a.mentions[static_cast<size_t>(mi)];
      if (std::find(surfaces.begin(), surfaces.end(), m.surface) == surfaces.end()) {
        surfaces.push_back(m.surface);
      }
      mentions.push_back({{"surface", m.surface},
                          {"start", chars(m.span.begin)},
                          {"end", chars(m.span.end)},
                          {"sentence", m.sentence}});
    }
    ent["surface"] = surfaces;
    if (e.kind == extract::EntityKind::kPerson) ent["roles"] = e.roles;
    if (e.kind == extract::EntityKind::kPlace) ent["type"] = extract::PlaceTypeName(e.place_type);
    ent["mentions"] = std::move(mentions);
    out[KindList(e.kind)].push_back(std::move(ent));
  }

  out["fields"] = a.fields;
  json events = json::array();
  auto entity_name = [&](int mention) -> std::string {
    if (mention < 0 || static_cast<size_t>(mention) >= doc.resolved.mention_entity.size())
      return "";
    int e = doc.resolved.mention_entity[static_cast<size_t>(mention)];
    return e < 0 ? "" : doc.resolved.entities[static_cast<size_t>(e)].name;
  };
  for (const extract::Event& ev : a.events) {
    json j;
    j["type"] = extract::EventTypeName(ev.type);
    j["modality"] = extract::ModalityName(ev.modality);
    std::vector<std::string> parts;
    for (int p : ev.participants) {
      std::string name = entity_name(p);
      if (!name.empty() && std::find(parts.begin(), parts.end(), name) == parts.end()) {
        parts.push_back(name);
      }
    }
    j["participants"] = parts;
    j["date"] = ev.date ? json(ev.date->ToIso()) : json(nullptr);
    if (ev.end_date) j["end_date"] = ev.end_date->ToIso();
    std::string place = entity_name(ev.place);
    j["place"] = place.empty() ? json(nullptr) : json(place);
    j["fields"] = ev.fields;
    j["evidence"] = std::string(ev.evidence.Of(text));
    j["evidence_start"] = chars(ev.evidence.begin);
    j["evidence_end"] = chars(ev.evidence.end);
    j["sentence"] = ev.sentence;
    events.push_back(std::move(j));
  }
  out["events"] = std::move(events);
  return out;
}

}  // namespace ketnoi::pipeline
