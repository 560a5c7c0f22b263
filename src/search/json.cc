#include "search/json.h"

namespace ketnoi::search {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ToJson(const SearchHit& h) {
  return {{"id", h.doc_id},         {"title", h.title}, {"lang", h.lang},      {"source", h.source},
          {"date", OrNull(h.date)}, {"score", h.score}, {"snippet", h.snippet}};
}

nlohmann::json ToJson(const EntityRef& e) {
  return {{"id", e.id}, {"name", e.name}, {"kind", e.kind}};
}

nlohmann::json ToJson(const EventRow& e) {
  nlohmann::json parts = nlohmann::json::array();
  for (const EntityRef& p : e.participants) parts.push_back(ToJson(p));
  return {{"doc_id", e.doc_id},
          {"idx", e.idx},
          {"type", e.type},
          {"modality", e.modality},
          {"date", OrNull(e.date)},
          {"date_from_document", e.date_from_document},
          {"place", e.place ? ToJson(*e.place) : nlohmann::json(nullptr)},
          {"participants", parts},
          {"fields", e.fields},
          {"evidence", e.evidence},
          {"doc_title", e.doc_title},
          {"other_reports", e.other_reports}};
}

nlohmann::json ToJson(const EntityProfile& p) {
  nlohmann::json aliases = nlohmann::json::object();
  for (const Alias& a : p.aliases) {
    aliases[a.lang].push_back({{"surface", a.surface}, {"count", a.count}});
  }
  nlohmann::json roles = nlohmann::json::array(), fields = nlohmann::json::array(),
                 partners = nlohmann::json::array(), events = nlohmann::json::array(),
                 docs = nlohmann::json::array(), also = nlohmann::json::array();
  for (const RoleAt& r : p.roles) {
    roles.push_back({{"title", r.title}, {"date", OrNull(r.date)}, {"doc_id", r.doc_id}});
  }
  for (const Count& f : p.fields) fields.push_back({{"field", f.key}, {"count", f.count}});
  for (const Count& c : p.partners) {
    partners.push_back({{"id", c.key}, {"name", c.label}, {"events", c.count}});
  }
  for (const EventRow& e : p.events) events.push_back(ToJson(e));
  for (const DocumentRef& d : p.documents) {
    docs.push_back({{"id", d.id},
                    {"title", d.title},
                    {"lang", d.lang},
                    {"source", d.source},
                    {"date", OrNull(d.date)},
                    {"mentions", d.mentions}});
  }
  for (const EntityRef& e : p.also_matched) also.push_back(ToJson(e));
  nlohmann::json j = ToJson(p.entity);
  j["place_type"] = p.place_type;
  j["lexicon_key"] = p.lexicon_key;
  j["aliases"] = aliases;
  j["roles"] = roles;
  j["fields"] = fields;
  j["partners"] = partners;
  j["events"] = events;
  j["documents"] = docs;
  j["also_matched"] = also;
  return j;
}

nlohmann::json ToJson(const MatchReport& r) {
  nlohmann::json results = nlohmann::json::array();
  for (const MatchResult& m : r.results) {
    nlohmann::json ev = nlohmann::json::array();
    for (const Evidence& e : m.evidence) {
      ev.push_back({{"doc_id", e.doc_id},
                    {"doc_title", e.doc_title},
                    {"date", OrNull(e.date)},
                    {"sentence", e.sentence},
                    {"why", e.why}});
    }
    nlohmann::json j = ToJson(m.entity);
    j["score"] = m.score;
    j["reasons"] = m.reasons;
    j["evidence"] = ev;
    results.push_back(j);
  }
  return {{"fields", r.fields}, {"terms", r.terms}, {"results", results}};
}

}  // namespace ketnoi::search
