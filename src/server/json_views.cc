#include "server/json_views.h"

#include <map>

namespace ketnoi::server {

using nlohmann::json;

namespace {

json OptionalString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

}  // namespace

json SnippetParts(std::string_view marked) {
  json parts = json::array();
  bool hit = false;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) parts.push_back({{"text", current}, {"hit", hit}});
    current.clear();
  };
  for (char c : marked) {
    if (c == kMarkOpen[0] || c == kMarkClose[0]) {
      flush();
      hit = c == kMarkOpen[0];
    } else {
      current.push_back(c);
    }
  }
  flush();
  return parts;
}

json ToJson(const search::SearchHit& hit) {
  std::string plain;
  for (char c : hit.snippet) {
    if (c != kMarkOpen[0] && c != kMarkClose[0]) plain.push_back(c);
  }
  return {{"doc_id", hit.doc_id},
          {"title", hit.title},
          {"lang", hit.lang},
          {"source", hit.source},
          {"date", OptionalString(hit.date)},
          {"score", hit.score},
          {"snippet", plain},
          {"snippet_parts", SnippetParts(hit.snippet)}};
}

json ToJson(const search::EntityRef& e) {
  return {{"id", e.id}, {"name", e.name}, {"kind", e.kind}};
}

json ToJson(const search::EventRow& e) {
  json participants = json::array();
  for (const auto& p : e.participants) participants.push_back(ToJson(p));
  return {{"doc_id", e.doc_id},
          {"idx", e.idx},
          {"type", e.type},
          {"modality", e.modality},
          {"date", OptionalString(e.date)},
          {"date_from_document", e.date_from_document},
          {"place", e.place ? ToJson(*e.place) : json(nullptr)},
          {"participants", participants},
          {"fields", e.fields},
          {"evidence", e.evidence},
          {"doc_title", e.doc_title},
          {"other_reports", e.other_reports}};
}

json ToJson(const search::EntityProfile& p) {
  json aliases = json::array(), roles = json::array(), fields = json::array(),
       partners = json::array(), events = json::array(), documents = json::array(),
       also = json::array();
  for (const auto& a : p.aliases) {
    aliases.push_back({{"surface", a.surface}, {"lang", a.lang}, {"count", a.count}});
  }
  for (const auto& r : p.roles) {
    roles.push_back({{"title", r.title}, {"doc_id", r.doc_id}, {"date", OptionalString(r.date)}});
  }
  for (const auto& f : p.fields) {
    fields.push_back({{"key", f.key}, {"label", f.label}, {"count", f.count}});
  }
  for (const auto& f : p.partners) {
    partners.push_back({{"id", f.key}, {"name", f.label}, {"count", f.count}});
  }
  for (const auto& e : p.events) events.push_back(ToJson(e));
  for (const auto& d : p.documents) {
    documents.push_back({{"id", d.id},
                         {"title", d.title},
                         {"lang", d.lang},
                         {"source", d.source},
                         {"date", OptionalString(d.date)},
                         {"mentions", d.mentions}});
  }
  for (const auto& e : p.also_matched) also.push_back(ToJson(e));
  return {{"entity", ToJson(p.entity)},
          {"place_type", p.place_type},
          {"lexicon_key", p.lexicon_key},
          {"aliases", aliases},
          {"roles", roles},
          {"fields", fields},
          {"partners", partners},
          {"events", events},
          {"documents", documents},
          {"also_matched", also}};
}

json ToJson(const search::Graph& g) {
  json nodes = json::array(), edges = json::array();
  for (const auto& n : g.nodes) nodes.push_back(ToJson(n));
  for (const auto& e : g.edges) {
    edges.push_back({{"source", e.source},
                     {"target", e.target},
                     {"count", e.count},
                     {"types", e.types},
                     {"dates", e.dates}});
  }
  return {{"nodes", nodes}, {"edges", edges}};
}

json ToJson(const search::MatchReport& r) {
  json results = json::array();
  for (const auto& m : r.results) {
    json evidence = json::array();
    for (const auto& e : m.evidence) {
      evidence.push_back({{"doc_id", e.doc_id},
                          {"doc_title", e.doc_title},
                          {"sentence", e.sentence},
                          {"date", OptionalString(e.date)},
                          {"why", e.why}});
    }
    results.push_back({{"entity", ToJson(m.entity)},
                       {"score", m.score},
                       {"reasons", m.reasons},
                       {"evidence", evidence}});
  }
  return {{"fields", r.fields}, {"terms", r.terms}, {"results", results}};
}

json ToJson(const store::Stats& s) {
  return {{"documents", s.documents},
          {"by_language", s.by_language},
          {"by_source", s.by_source},
          {"first_date", OptionalString(s.first_date)},
          {"last_date", OptionalString(s.last_date)},
          {"mentions", s.mentions},
          {"entities", s.entities},
          {"events", s.events},
          {"entities_by_kind", s.entities_by_kind},
          {"events_by_type", s.events_by_type}};
}

json ToJson(const store::DocumentSummary& d) {
  return {{"id", d.id},
          {"source", d.source},
          {"lang", d.lang},
          {"title", d.title},
          {"date", OptionalString(d.date)}};
}

json ToJson(const std::vector<search::PeriodCount>& periods) {
  json out = json::array();
  for (const auto& p : periods) {
    out.push_back({{"period", p.period}, {"count", p.count}, {"by_type", p.by_type}});
  }
  return out;
}

Utf16Index::Utf16Index(std::string_view text) {
  prefix_.resize(text.size() + 1);
  uint32_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    prefix_[i] = units;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;  // lead byte: 4-byte = surrogate pair
  }
  prefix_[text.size()] = units;
}

size_t Utf16Index::At(size_t byte) const { return prefix_[std::min(byte, prefix_.size() - 1)]; }

}  // namespace ketnoi::server
