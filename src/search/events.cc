// Events with filters, timelines and the cooperation graph.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "search/search.h"
#include "search/sql_dialect.h"
#include "store/sql.h"

namespace ketnoi::search {
namespace {

using core::Result;
using core::Status;

// Events are finished (participants, clusters, per-event checks) and given this many at a
// time, so a listing of every event holds one chunk, not all of them (1.5 GB for an entity
// with 655k events at 100k documents).
constexpr size_t kEventChunk = 1000;

// Whether any id of `group` is among `ids` (a few each: linear search).
bool Intersects(const std::vector<std::string>& group, const std::vector<std::string>& ids) {
  return std::any_of(group.begin(), group.end(), [&](const std::string& x) {
    return std::find(ids.begin(), ids.end(), x) != ids.end();
  });
}

}  // namespace

// A filter's events as SQL: `with` (a WITH clause or ""), then SELECT ..., then `from`
// and `where` (parameters ?1-?7, bound by Bind) and `order` (the listing's order).
struct SelectedEvents {
  std::string with, from, where, order;
  std::string date = "coalesce(e.date, d.published)";  // the event's date, else its page's
  std::vector<std::vector<std::string>> participant_groups, country_groups;
  bool one_entity = false;
  std::string from_date, to_date;  // normalized bounds

  // Groups past the first of either kind are checked per event, after SQL.
  bool checked_per_event() const {
    return participant_groups.size() > 1 || country_groups.size() > 1;
  }
  void Bind(store::SqlQuery& q, const EventFilter& filter) const {
    auto json_ids = [](const std::vector<std::vector<std::string>>& groups) {
      return groups.empty() ? std::string("[]") : nlohmann::json(groups.front()).dump();
    };
    q.Bind(1, filter.type).Bind(2, filter.modality).Bind(3, filter.field).Bind(4, from_date);
    q.Bind(5, to_date)
        .Bind(6, one_entity ? participant_groups.front().front() : json_ids(participant_groups))
        .Bind(7, json_ids(country_groups));
  }
};

Result<SelectedEvents> KnowledgeBase::SelectEvents(const EventFilter& filter) {
  SelectedEvents s;
  auto from = NormalizeDateBound(filter.from);
  if (!from.ok()) return from.status();
  auto to = NormalizeDateBound(filter.to);
  if (!to.ok()) return to.status();
  s.from_date = *from;
  s.to_date = *to;
  for (const std::string& name : filter.participants) {
    auto ids = ResolveIds(name, false);
    if (!ids.ok()) return ids.status();
    s.participant_groups.push_back(std::move(ids).value());
  }
  for (const std::string& name : filter.countries) {
    auto ids = ResolveIds(name, true);
    if (!ids.ok()) return ids.status();
    s.country_groups.push_back(std::move(ids).value());
  }
  const store::Dialect d = sql_->dialect();
  // One participant (a profile's events, `events --with ID`): its events in date order come
  // from the store's per-entity list (store/entity_stats.h), so the limit stops the scan.
  s.one_entity = s.participant_groups.size() == 1 && s.participant_groups.front().size() == 1;
  const std::string participant_filter =
      s.one_entity ? "ee.entity_id = ?6 "
                   : "(?6 = '[]' OR EXISTS (SELECT 1 FROM event_participants p WHERE p.doc_id = "
                     "e.doc_id AND p.event_idx = e.idx AND p.entity_id IN " +
                         JsonValues(d, "?6") + ")) ";
  // A country (the first group) without one participant: the events that name it, from its
  // own rows (places, participants, mentions in the events' sentences), instead of checking
  // every stored event (three index probes each: 34 s for 4.4M events at 100k documents).
  const bool from_country_rows = !s.country_groups.empty() && !s.one_entity;
  const std::string country_ids = "(SELECT id FROM country_ids)";
  if (from_country_rows) {
    s.with = "WITH country_ids(id) AS " + JsonValues(d, "?7") +
             ", country_events(doc_id, idx) AS ("
             "SELECT doc_id, idx FROM events WHERE place_entity IN " +
             country_ids +
             " UNION SELECT doc_id, event_idx FROM entity_events WHERE entity_id IN " +
             country_ids +
             " UNION SELECT ce.doc_id, ce.idx FROM mentions m JOIN events ce ON ce.doc_id = "
             "m.doc_id AND ce.sentence = m.sentence WHERE m.entity_id IN " +
             country_ids + ") ";
  }
  s.from = "FROM ";
  // A profile's first events (the one participant, a limit, nothing else): the limit is taken
  // from the list alone. The list's order needs a sort within each month, and sorting a
  // month of its rows before the joins costs a third of sorting a month of joined events
  // (the most frequent entity's first 20 events at 100k documents: 29 ms against 9 ms).
  const bool limit_in_list = s.one_entity && filter.limit > 0 && !filter.one_per_act &&
                             filter.type.empty() && filter.modality.empty() &&
                             filter.field.empty() && s.from_date.empty() && s.to_date.empty() &&
                             s.country_groups.empty();
  if (limit_in_list) {
    s.from +=
        "(SELECT entity_id, undated, month, date, doc_id, event_idx FROM entity_events "
        "WHERE entity_id = ?6 ORDER BY undated, month, date, "
        "doc_id, event_idx LIMIT " +
        std::to_string(filter.limit) +
        ") ee JOIN events e ON e.doc_id = ee.doc_id AND e.idx = ee.event_idx ";
  } else if (s.one_entity) {
    s.from += "entity_events ee JOIN events e ON e.doc_id = ee.doc_id AND e.idx = ee.event_idx ";
  } else if (from_country_rows) {
    s.from += "country_events c JOIN events e ON e.doc_id = c.doc_id AND e.idx = c.idx ";
  } else {
    s.from += "events e ";
  }
  s.from += "JOIN documents d ON d.id = e.doc_id ";
  const std::string country_filter =
      from_country_rows
          ? std::string()
          : "AND (?7 = '[]' OR e.place_entity IN " + JsonValues(d, "?7") +
                "  OR EXISTS (SELECT 1 FROM event_participants p WHERE p.doc_id = e.doc_id "
                "  AND p.event_idx = e.idx AND p.entity_id IN " +
                JsonValues(d, "?7") +
                ") "
                "  OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = e.doc_id "
                "  AND m.sentence = e.sentence AND m.entity_id IN " +
                JsonValues(d, "?7") + ")) ";
  s.where =
      "WHERE (?1 = '' OR e.type = ?1) AND (?2 = '' OR e.modality = ?2) "
      "AND (?3 = '' OR ?3 IN " +
      JsonValues(d, "e.fields") + ") AND (?4 = '' OR " + s.date + " >= ?4) " +
      "AND (?5 = '' OR substr(" + s.date + ", 1, length(?5)) <= ?5) AND " + participant_filter +
      country_filter;
  // The list is keyed by month, so its order serves (undated, month) and a sort the rest,
  // one month at a time.
  s.order = s.one_entity ? "ee.undated, ee.month, ee.date, ee.doc_id, ee.event_idx"
                         : s.date + " IS NULL, " + s.date + ", e.doc_id, e.idx";
  return s;
}

Status KnowledgeBase::ForEachEvent(const EventFilter& filter,
                                   const std::function<bool(EventRow&&)>& on_event) {
  auto selected = SelectEvents(filter);
  if (!selected.ok()) return selected.status();
  return StreamEvents(filter, *selected, true, on_event);
}

Status KnowledgeBase::StreamEvents(const EventFilter& filter, const SelectedEvents& sel,
                                   bool in_order, const std::function<bool(EventRow&&)>& on_event) {
  const auto& participant_groups = sel.participant_groups;
  const auto& country_groups = sel.country_groups;
  store::SqlConnection& db = *sql_;
  const store::Dialect d = db.dialect();
  // Without checks per event every row is kept, so the limit can stop SQL itself (no
  // evidence sliced from the texts of events past it).
  const std::string sql_limit = filter.limit > 0 && !sel.checked_per_event() && !filter.one_per_act
                                    ? " LIMIT " + std::to_string(filter.limit)
                                    : std::string();
  auto q =
      db.Prepare(sel.with + "SELECT e.doc_id, e.idx, e.type, e.modality, " + sel.date + ", " +
                 "CASE WHEN e.date IS NULL AND d.published IS NOT NULL THEN 1 ELSE 0 END, "
                 "e.place_entity, pe.name, pe.kind, e.fields, " +
                 (filter.with_texts
                      ? ByteSlice(d, "d.text", "e.evidence_begin", "e.evidence_end") + ", d.title"
                      : std::string("'', ''")) +
                 ", e.sentence " + sel.from + "LEFT JOIN entities pe ON pe.id = e.place_entity " +
                 sel.where + (in_order ? "ORDER BY " + sel.order : std::string()) + sql_limit);
  if (!q.ok()) return q.status();
  sel.Bind(*q, filter);

  auto sentence_entities =
      db.Prepare("SELECT DISTINCT entity_id FROM mentions WHERE doc_id = ? AND sentence = ?");
  if (!sentence_entities.ok()) return sentence_entities.status();
  // Participants of a chunk's events in one query, not one per event (a round trip each on
  // a database server).
  auto parts = db.Prepare(
      "SELECT p.doc_id, p.event_idx, p.entity_id, en.name, en.kind FROM event_participants p "
      "JOIN entities en ON en.id = p.entity_id WHERE p.doc_id IN " +
      JsonValues(d, "?1") + " ORDER BY p.doc_id, p.event_idx, p.mention_idx");
  if (!parts.ok()) return parts.status();
  // Acts reported by several pages (event_clusters, filled by `cluster-events`): each
  // listed event's other reports.
  auto clusters = db.Prepare(
      "SELECT c.doc_id, c.event_idx, c.cluster_id, m.doc_id, m.event_idx FROM event_clusters c "
      "JOIN event_clusters m ON m.cluster_id = c.cluster_id WHERE c.doc_id IN " +
      JsonValues(d, "?1") + " ORDER BY c.doc_id, c.event_idx, m.doc_id, m.event_idx");
  if (!clusters.ok()) return clusters.status();

  std::set<std::string> acts_listed;  // one_per_act: clusters already given
  int given = 0;
  bool stopped = false;
  // Finishes a chunk of events (in order, with their sentences): participants, clusters and
  // the per-event checks, then gives each kept one to `on_event`.
  auto finish = [&](std::vector<std::pair<EventRow, int64_t>>& chunk) -> Status {
    // Each page's events in the chunk, by position: rows of other events of those pages are
    // skipped (a page holds tens of events; an entity with a hundred thousand events would
    // otherwise hold every participant of all their pages).
    // Sorted by event index, so a page with thousands of events is searched, not scanned.
    std::map<std::string, std::vector<std::pair<int64_t, size_t>>> at;
    for (size_t k = 0; k < chunk.size(); ++k) {
      at[chunk[k].first.doc_id].emplace_back(chunk[k].first.idx, k);
    }
    for (auto& [doc_id, events] : at) std::sort(events.begin(), events.end());
    auto position = [&](const std::string& doc_id, int64_t idx) -> std::optional<size_t> {
      auto page = at.find(doc_id);
      if (page == at.end()) return std::nullopt;
      auto it = std::lower_bound(page->second.begin(), page->second.end(),
                                 std::pair<int64_t, size_t>(idx, 0));
      if (it == page->second.end() || it->first != idx) return std::nullopt;
      return it->second;
    };
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& [doc_id, events] : at) docs.push_back(doc_id);
    const std::string doc_ids = docs.dump();
    parts->Reset();
    parts->Bind(1, doc_ids);
    while (true) {
      auto p = parts->Step();
      if (!p.ok()) return p.status();
      if (!*p) break;
      auto k = position(parts->Text(0), parts->Int(1));
      if (!k) continue;
      std::vector<EntityRef>& involved = chunk[*k].first.participants;
      std::string id = parts->Text(2);
      if (std::none_of(involved.begin(), involved.end(),
                       [&](const EntityRef& r) { return r.id == id; })) {
        involved.push_back({std::move(id), parts->Text(3), parts->Text(4)});
      }
    }
    std::vector<std::string> cluster_of(chunk.size());        // "" when in none
    std::map<std::string, std::set<std::string>> reports_of;  // cluster -> doc#idx, sorted
    clusters->Reset();
    clusters->Bind(1, doc_ids);
    while (true) {
      auto c = clusters->Step();
      if (!c.ok()) return c.status();
      if (!*c) break;
      const std::string cluster = clusters->Text(2);
      const std::string member = clusters->Text(3) + "#" + std::to_string(clusters->Int(4));
      if (auto k = position(clusters->Text(0), clusters->Int(1))) cluster_of[*k] = cluster;
      reports_of[cluster].insert(member);
    }
    for (size_t k = 0; k < chunk.size(); ++k) {
      EventRow& e = chunk[k].first;
      const int64_t sentence = chunk[k].second;
      std::vector<std::string> involved;  // its participants, then (countries) place and sentence
      for (const EntityRef& p : e.participants) involved.push_back(p.id);
      bool keep = true;
      for (size_t g = 1; g < participant_groups.size() && keep; ++g) {
        keep = Intersects(participant_groups[g], involved);
      }
      if (keep && country_groups.size() > 1) {
        if (e.place) involved.push_back(e.place->id);
        sentence_entities->Reset();
        sentence_entities->Bind(1, e.doc_id).Bind(2, sentence);
        while (true) {
          auto s = sentence_entities->Step();
          if (!s.ok()) return s.status();
          if (!*s) break;
          involved.push_back(sentence_entities->Text(0));
        }
        for (size_t g = 1; g < country_groups.size() && keep; ++g) {
          keep = Intersects(country_groups[g], involved);
        }
      }
      if (!keep) continue;
      if (const std::string& cluster = cluster_of[k]; !cluster.empty()) {
        if (filter.one_per_act && !acts_listed.insert(cluster).second) continue;
        const std::string self = e.doc_id + "#" + std::to_string(e.idx);
        for (const std::string& m : reports_of[cluster]) {
          if (m != self) e.other_reports.push_back(m);
        }
      }
      ++given;
      if (!on_event(std::move(e)) || (filter.limit > 0 && given >= filter.limit)) {
        stopped = true;
        break;
      }
    }
    chunk.clear();
    return Status::Ok();
  };

  std::vector<std::pair<EventRow, int64_t>> chunk;  // with the event's sentence
  while (!stopped) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    EventRow e;
    e.doc_id = q->Text(0);
    e.idx = static_cast<int>(q->Int(1));
    e.type = q->Text(2);
    e.modality = q->Text(3);
    if (!q->IsNull(4)) e.date = q->Text(4);
    e.date_from_document = q->Int(5) != 0;
    if (!q->IsNull(6)) e.place = EntityRef{q->Text(6), q->Text(7), q->Text(8)};
    auto fields = nlohmann::json::parse(q->Text(9), nullptr, false);
    if (fields.is_array()) {
      for (const auto& f : fields) {
        if (f.is_string()) e.fields.push_back(f.get<std::string>());
      }
    }
    e.evidence = q->Text(10);
    e.doc_title = q->Text(11);
    chunk.emplace_back(std::move(e), q->Int(12));
    if (chunk.size() >= kEventChunk) KETNOI_RETURN_IF_ERROR(finish(chunk));
  }
  if (!stopped && !chunk.empty()) KETNOI_RETURN_IF_ERROR(finish(chunk));
  return Status::Ok();
}

Result<std::vector<EventRow>> KnowledgeBase::Events(const EventFilter& filter) {
  std::vector<EventRow> out;
  KETNOI_RETURN_IF_ERROR(ForEachEvent(filter, [&](EventRow&& e) {
    out.push_back(std::move(e));
    return true;
  }));
  return out;
}

Result<Graph> KnowledgeBase::CooperationGraph(const EventFilter& filter) {
  EventFilter all = filter;
  all.limit = 0;
  all.with_texts = false;
  // Counted as the events arrive (in the order they are stored), none of them kept.
  // Entities and dates are numbered as they come, and an edge is found by one hash lookup on
  // the pair's numbers: string-keyed ordered maps (three lookups per pair) took most of a
  // graph of 4.4M events' time.
  std::unordered_map<std::string, uint32_t> number_of, date_number;
  std::vector<EntityRef> nodes;
  std::vector<std::string> date_of;
  struct EdgeCounts {
    int count = 0;
    std::vector<std::string> types;  // distinct
    std::vector<uint32_t> dates;     // date numbers, distinct up to `distinct`
    size_t distinct = 0;
  };
  std::unordered_map<uint64_t, EdgeCounts> edges;  // (lower number) << 32 | higher
  std::vector<uint32_t> numbers;
  auto selected = SelectEvents(all);
  if (!selected.ok()) return selected.status();
  KETNOI_RETURN_IF_ERROR(StreamEvents(all, *selected, false, [&](EventRow&& e) {
    numbers.clear();
    for (EntityRef& p : e.participants) {
      auto [it, added] = number_of.emplace(p.id, static_cast<uint32_t>(nodes.size()));
      if (added) nodes.push_back(std::move(p));
      numbers.push_back(it->second);
    }
    uint32_t date = 0;
    if (e.date) {
      auto [it, added] = date_number.emplace(*e.date, static_cast<uint32_t>(date_of.size()));
      if (added) date_of.push_back(*e.date);
      date = it->second;
    }
    for (size_t i = 0; i < numbers.size(); ++i) {
      for (size_t j = i + 1; j < numbers.size(); ++j) {
        auto [a, b] = std::minmax(numbers[i], numbers[j]);
        EdgeCounts& edge = edges[static_cast<uint64_t>(a) << 32 | b];
        ++edge.count;
        if (std::find(edge.types.begin(), edge.types.end(), e.type) == edge.types.end()) {
          edge.types.push_back(e.type);
        }
        if (!e.date || (!edge.dates.empty() && edge.dates.back() == date)) continue;
        edge.dates.push_back(date);
        // Repeats are dropped whenever the list doubles, so it stays within twice the
        // edge's distinct dates.
        if (edge.dates.size() >= 2 * edge.distinct + 64) {
          std::sort(edge.dates.begin(), edge.dates.end());
          edge.dates.erase(std::unique(edge.dates.begin(), edge.dates.end()), edge.dates.end());
          edge.distinct = edge.dates.size();
        }
      }
    }
    return true;
  }));
  Graph g;
  g.edges.reserve(edges.size());
  for (auto& [key, counts] : edges) {
    GraphEdge edge;
    edge.source = nodes[key >> 32].id;
    edge.target = nodes[key & 0xffffffffu].id;
    if (edge.target < edge.source) std::swap(edge.source, edge.target);
    edge.count = counts.count;
    edge.types = std::move(counts.types);
    for (uint32_t d : counts.dates) edge.dates.push_back(date_of[d]);
    for (auto* v : {&edge.types, &edge.dates}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    g.edges.push_back(std::move(edge));
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& x, const GraphEdge& y) {
    return std::tie(x.source, x.target) < std::tie(y.source, y.target);
  });
  g.nodes = std::move(nodes);
  std::sort(g.nodes.begin(), g.nodes.end(),
            [](const EntityRef& x, const EntityRef& y) { return x.id < y.id; });
  return g;
}

Result<std::vector<PeriodCount>> KnowledgeBase::EventCounts(const EventFilter& filter,
                                                            bool by_month) {
  const size_t period_size = by_month ? 7 : 4;
  std::map<std::string, std::map<std::string, int>> counts;  // period -> type -> events
  auto selected = SelectEvents(filter);
  if (!selected.ok()) return selected.status();
  const SelectedEvents& sel = *selected;
  if (sel.checked_per_event() || filter.limit > 0) {
    EventFilter listed = filter;
    listed.with_texts = false;
    KETNOI_RETURN_IF_ERROR(StreamEvents(listed, sel, true, [&](EventRow&& e) {
      if (e.date && e.date->size() >= period_size) counts[e.date->substr(0, period_size)][e.type]++;
      return true;
    }));
  } else {
    // In SQL: every event of the selection, or with one_per_act the events in no cluster and
    // the first listed report of each cluster, by the listing's order (a timeline of 4.4M
    // events read and finished one by one took 32 s CPU at 100k documents).
    const std::string n = std::to_string(period_size);
    const std::string dated = "length(" + sel.date + ") >= " + n + " ";
    std::vector<std::string> statements;
    statements.push_back(sel.with + "SELECT substr(" + sel.date + ", 1, " + n +
                         "), e.type, count(*) " + sel.from + sel.where + "AND " + dated +
                         (filter.one_per_act
                              ? "AND NOT EXISTS (SELECT 1 FROM event_clusters ec WHERE ec.doc_id = "
                                "e.doc_id AND ec.event_idx = e.idx) "
                              : "") +
                         "GROUP BY 1, 2");
    if (filter.one_per_act) {
      statements.push_back(
          sel.with + "SELECT substr(date, 1, " + n + "), type, count(*) FROM (SELECT " + sel.date +
          " AS date, e.type AS type, row_number() OVER (PARTITION BY ec.cluster_id "
          "ORDER BY " +
          sel.order + ") AS nth " + sel.from +
          "JOIN event_clusters ec ON ec.doc_id = e.doc_id AND ec.event_idx = e.idx " + sel.where +
          ") firsts WHERE nth = 1 AND length(date) >= " + n + " GROUP BY 1, 2");
    }
    for (const std::string& sql : statements) {
      auto q = sql_->Prepare(sql);
      if (!q.ok()) return q.status();
      sel.Bind(*q, filter);
      while (true) {
        auto row = q->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        counts[q->Text(0)][q->Text(1)] += static_cast<int>(q->Int(2));
      }
    }
  }
  std::vector<PeriodCount> out;
  for (auto& [period, types] : counts) {
    PeriodCount c{period, 0, std::move(types)};
    for (const auto& [type, events] : c.by_type) c.count += events;
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string DotEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string GraphToGraphMl(const Graph& graph) {
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
       "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
       "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
       "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
       "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
       "  <key id=\"types\" for=\"edge\" attr.name=\"types\" attr.type=\"string\"/>\n"
       "  <key id=\"first\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n"
       "  <key id=\"last\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n"
       "  <graph id=\"ketnoi\" edgedefault=\"undirected\">\n";
  for (const EntityRef& n : graph.nodes) {
    o << "    <node id=\"" << XmlEscape(n.id) << "\"><data key=\"label\">" << XmlEscape(n.name)
      << "</data><data key=\"kind\">" << XmlEscape(n.kind) << "</data></node>\n";
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const GraphEdge& e = graph.edges[i];
    o << "    <edge id=\"e" << i << "\" source=\"" << XmlEscape(e.source) << "\" target=\""
      << XmlEscape(e.target) << "\"><data key=\"weight\">" << e.count
      << "</data><data key=\"types\">" << XmlEscape(Join(e.types, ",")) << "</data>";
    if (!e.dates.empty()) {
      o << "<data key=\"first\">" << e.dates.front() << "</data><data key=\"last\">"
        << e.dates.back() << "</data>";
    }
    o << "</edge>\n";
  }
  o << "  </graph>\n</graphml>\n";
  return o.str();
}

std::string GraphToJson(const Graph& graph) {
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  for (const EntityRef& n : graph.nodes) {
    nodes.push_back({{"id", n.id}, {"name", n.name}, {"kind", n.kind}});
  }
  for (const GraphEdge& e : graph.edges) {
    edges.push_back({{"source", e.source},
                     {"target", e.target},
                     {"count", e.count},
                     {"types", e.types},
                     {"dates", e.dates}});
  }
  return nlohmann::json{{"nodes", nodes}, {"edges", edges}}.dump(1) + "\n";
}

std::string GraphToDot(const Graph& graph) {
  std::ostringstream o;
  o << "graph ketnoi {\n  node [shape=box];\n";
  for (const EntityRef& n : graph.nodes) {
    o << "  \"" << DotEscape(n.id) << "\" [label=\"" << DotEscape(n.name) << "\", kind=\""
      << DotEscape(n.kind) << "\"];\n";
  }
  for (const GraphEdge& e : graph.edges) {
    o << "  \"" << DotEscape(e.source) << "\" -- \"" << DotEscape(e.target)
      << "\" [weight=" << e.count << ", penwidth=" << std::min(1 + e.count, 8) << ", label=\""
      << DotEscape(Join(e.types, ",")) << "\"];\n";
  }
  o << "}\n";
  return o.str();
}

}  // namespace ketnoi::search
