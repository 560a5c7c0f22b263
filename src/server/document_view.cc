#include "server/document_view.h"

#include <algorithm>
#include <map>

#include "server/json_views.h"

namespace ketnoi::server {

using nlohmann::json;

namespace {

json ParseJsonOr(const std::string& s, json fallback) {
  json j = json::parse(s, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace

core::Result<json> DocumentView(store::Store& store, store::SqlConnection& db,
                                const std::string& id) {
  auto doc = store.GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return core::NotFound("no document with id '" + id + "'");
  const store::StoredDocument& d = **doc;
  Utf16Index u16(d.text);
  const size_t size = d.text.size();
  auto clamp = [size](int64_t b) { return static_cast<size_t>(std::clamp<int64_t>(b, 0, size)); };

  auto mq = db.Prepare(
      "SELECT m.idx, m.entity_id, coalesce(e.name, m.surface), m.kind, m.begin_byte, "
      "m.end_byte, m.surface, m.sentence, m.roles FROM mentions m "
      "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ?1 ORDER BY m.begin_byte");
  if (!mq.ok()) return mq.status();
  mq->Bind(1, id);
  json mentions = json::array();
  std::map<int64_t, std::string> mention_entity;
  while (true) {
    auto row = mq->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    size_t b = clamp(mq->Int(4)), e = clamp(mq->Int(5));
    mention_entity[mq->Int(0)] = mq->Text(1);
    mentions.push_back({{"idx", mq->Int(0)},
                        {"entity_id", mq->Text(1)},
                        {"entity_name", mq->Text(2)},
                        {"kind", mq->Text(3)},
                        {"begin", b},
                        {"end", e},
                        {"begin16", u16.At(b)},
                        {"end16", u16.At(e)},
                        {"surface", mq->Text(6)},
                        {"sentence", mq->Int(7)},
                        {"roles", ParseJsonOr(mq->Text(8), json::array())}});
  }

  auto pq = db.Prepare(
      "SELECT p.event_idx, p.entity_id, coalesce(e.name, p.entity_id), coalesce(e.kind, '') "
      "FROM event_participants p LEFT JOIN entities e ON e.id = p.entity_id "
      "WHERE p.doc_id = ?1 ORDER BY p.event_idx, p.mention_idx");
  if (!pq.ok()) return pq.status();
  pq->Bind(1, id);
  std::map<int64_t, json> participants;
  while (true) {
    auto row = pq->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    json& list = participants[pq->Int(0)];
    if (list.is_null()) list = json::array();
    list.push_back({{"id", pq->Text(1)}, {"name", pq->Text(2)}, {"kind", pq->Text(3)}});
  }

  auto eq = db.Prepare(
      "SELECT v.idx, v.type, v.modality, v.date, v.place_entity, coalesce(pl.name, ''), "
      "v.sentence, v.evidence_begin, v.evidence_end, v.trigger_begin, v.trigger_end, v.fields "
      "FROM events v LEFT JOIN entities pl ON pl.id = v.place_entity WHERE v.doc_id = ?1 "
      "ORDER BY v.idx");
  if (!eq.ok()) return eq.status();
  eq->Bind(1, id);
  json events = json::array();
  while (true) {
    auto row = eq->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    int64_t idx = eq->Int(0);
    size_t eb = clamp(eq->Int(7)), ee = clamp(eq->Int(8));
    size_t tb = clamp(eq->Int(9)), te = clamp(eq->Int(10));
    json place = eq->IsNull(4) ? json(nullptr) : json{{"id", eq->Text(4)}, {"name", eq->Text(5)}};
    events.push_back(
        {{"idx", idx},
         {"type", eq->Text(1)},
         {"modality", eq->Text(2)},
         {"date", eq->IsNull(3) ? json(nullptr) : json(eq->Text(3))},
         {"place", place},
         {"sentence", eq->Int(6)},
         {"evidence_begin", eb},
         {"evidence_end", ee},
         {"evidence_begin16", u16.At(eb)},
         {"evidence_end16", u16.At(ee)},
         {"trigger_begin16", u16.At(tb)},
         {"trigger_end16", u16.At(te)},
         {"evidence", d.text.substr(eb, ee - eb)},
         {"fields", ParseJsonOr(eq->Text(11), json::array())},
         {"participants", participants.count(idx) ? participants[idx] : json::array()}});
  }
  json out = ToJson(d.summary);
  out["format"] = d.format;
  out["content_hash"] = d.content_hash;
  out["text"] = d.text;
  out["mentions"] = std::move(mentions);
  out["events"] = std::move(events);
  return out;
}

}  // namespace ketnoi::server
