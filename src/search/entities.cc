// Entity lookup by id, key or any alias, and entity profiles.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "search/search.h"
#include "search/sql_dialect.h"
#include "store/sql.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

using core::Result;
using core::Status;

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
}

}  // namespace

Result<std::vector<EntityRef>> KnowledgeBase::FindEntities(const std::string& name_or_id) {
  auto updated = UpdateIndex();
  if (!updated.ok()) return updated.status();
  store::SqlConnection& db = *sql_;
  std::vector<EntityRef> out;
  auto collect = [&](store::SqlQuery& q) -> Status {
    std::set<std::string> seen;
    for (const EntityRef& e : out) seen.insert(e.id);
    while (true) {
      auto row = q.Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      EntityRef e{q.Text(0), q.Text(1), q.Text(2)};
      if (seen.insert(e.id).second) out.push_back(std::move(e));
    }
  };
  // Most mentioned first: the likelier meaning of an ambiguous name.
  constexpr std::string_view kByIdOrKey =
      "SELECT e.id, e.name, e.kind FROM entities e "
      "WHERE (e.id = ?1 OR (e.lexicon_key != '' AND lower(e.lexicon_key) = lower(?1))) "
      "AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id) "
      "ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) DESC, e.id";
  auto q = db.Prepare(kByIdOrKey);
  if (!q.ok()) return q.status();
  q->Bind(1, name_or_id);
  KETNOI_RETURN_IF_ERROR(collect(*q));
  if (!out.empty()) return out;

  std::string key = text::SearchKey(name_or_id);
  if (key.empty()) return out;
  constexpr std::string_view kByAlias =
      "SELECT e.id, e.name, e.kind FROM search_aliases a JOIN entities e ON e.id = a.entity_id "
      "WHERE a.key = ? GROUP BY e.id ORDER BY count(DISTINCT a.doc_id) DESC, e.id";
  auto a = db.Prepare(kByAlias);
  if (!a.ok()) return a.status();
  a->Bind(1, key);
  KETNOI_RETURN_IF_ERROR(collect(*a));
  if (!out.empty()) return out;

  // A part of a name: whole words of a Latin alias ("dung"), any substring of a CJK one.
  // PostgreSQL: the leading LIKE (a superset of both) lets the trigram index find them.
  const bool pg = db.dialect() == store::Dialect::kPostgres;
  auto p = db.Prepare(std::string("SELECT e.id, e.name, e.kind FROM search_aliases a "
                                  "JOIN entities e ON e.id = a.entity_id WHERE ") +
                      (pg ? "a.key LIKE '%' || ?1 || '%' AND ((?2 = 1 AND strpos(a.key, ?1) > 0)"
                          : "((?2 = 1 AND instr(a.key, ?1) > 0)") +
                      " OR (' ' || a.key || ' ') LIKE ('% ' || ?1 || ' %')) "
                      "GROUP BY e.id ORDER BY count(DISTINCT a.doc_id) DESC, e.id LIMIT 50");
  if (!p.ok()) return p.status();
  p->Bind(1, key).Bind(2, int64_t{HasNonAscii(key) ? 1 : 0});
  KETNOI_RETURN_IF_ERROR(collect(*p));
  return out;
}

Result<std::vector<std::string>> KnowledgeBase::ResolveIds(const std::string& name_or_id,
                                                           bool places_only) {
  auto found = FindEntities(name_or_id);
  if (!found.ok()) return found.status();
  std::vector<std::string> ids;
  for (const EntityRef& e : *found) {
    if (!places_only || e.kind == "place") ids.push_back(e.id);
  }
  if (ids.empty()) {
    return core::NotFound(std::string(places_only ? "no place" : "no entity") + " named '" +
                          name_or_id + "' in the database");
  }
  // An exact id or key names one entity; a name may mean several (all count as it).
  return ids;
}

Result<EntityProfile> KnowledgeBase::Profile(const std::string& name_or_id) {
  auto found = FindEntities(name_or_id);
  if (!found.ok()) return found.status();
  if (found->empty()) return core::NotFound("no entity named '" + name_or_id + "' in the database");
  store::SqlConnection& db = *sql_;
  EntityProfile p;
  p.entity = found->front();
  p.also_matched.assign(found->begin() + 1, found->end());
  const std::string& id = p.entity.id;

  auto each = [&](std::string_view sql, auto&& on_row) -> Status {
    auto q = db.Prepare(sql);
    if (!q.ok()) return q.status();
    q->Bind(1, id);
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      on_row(*q);
    }
  };
  KETNOI_RETURN_IF_ERROR(
      each("SELECT place_type, lexicon_key FROM entities WHERE id = ?", [&](store::SqlQuery& q) {
        p.place_type = q.Text(0);
        p.lexicon_key = q.Text(1);
      }));
  KETNOI_RETURN_IF_ERROR(
      each("SELECT x.surface, d.lang, CAST(sum(x.n) AS BIGINT) AS n FROM (SELECT doc_id, surface, "
           "count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY doc_id, surface) x "
           "JOIN documents d ON d.id = x.doc_id GROUP BY d.lang, x.surface "
           "ORDER BY d.lang, n DESC, x.surface",
           [&](store::SqlQuery& q) {
             p.aliases.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
           }));
  // Roles: rows in date order until kProfileListCap distinct (title, document) pairs.
  std::set<std::pair<std::string, std::string>> seen_roles;
  KETNOI_RETURN_IF_ERROR(
      each("SELECT m.roles, m.doc_id, d.published FROM mentions m JOIN documents d "
           "ON d.id = m.doc_id WHERE m.entity_id = ? AND m.roles != '[]' "
           "ORDER BY d.published IS NULL, d.published, m.doc_id, m.idx",
           [&](store::SqlQuery& q) {
             if (p.roles.size() >= static_cast<size_t>(kProfileListCap)) return;
             auto roles = nlohmann::json::parse(q.Text(0), nullptr, false);
             if (!roles.is_array()) return;
             for (const auto& r : roles) {
               if (p.roles.size() >= static_cast<size_t>(kProfileListCap)) return;
               if (!r.is_object() || !r.contains("title") || !r["title"].is_string()) continue;
               std::string title = r["title"].get<std::string>();
               if (!seen_roles.insert({title, q.Text(1)}).second) continue;
               RoleAt role{title, q.Text(1), std::nullopt};
               if (!q.IsNull(2)) role.date = q.Text(2);
               p.roles.push_back(std::move(role));
             }
           }));
  const std::string cap = std::to_string(kProfileListCap);
  // Partners: the entity's distinct events first, then each co-participant once per event.
  KETNOI_RETURN_IF_ERROR(each(
      "SELECT s.entity_id, en.name, count(*) AS n FROM (SELECT DISTINCT p2.entity_id, "
      "p2.doc_id, p2.event_idx FROM (SELECT DISTINCT doc_id, event_idx FROM event_participants "
      "WHERE entity_id = ?1) own JOIN event_participants p2 ON p2.doc_id = own.doc_id "
      "AND p2.event_idx = own.event_idx WHERE p2.entity_id != ?1) s "
      "JOIN entities en ON en.id = s.entity_id GROUP BY s.entity_id, en.name "
      "ORDER BY n DESC, s.entity_id LIMIT " +
          cap,
      [&](store::SqlQuery& q) {
        p.partners.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
      }));
  // Documents: mentions counted per document from the entity index alone, then only the
  // documents themselves looked up.
  KETNOI_RETURN_IF_ERROR(
      each("SELECT d.id, d.title, d.lang, d.source, d.published, c.n FROM (SELECT doc_id, "
           "count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY doc_id) c "
           "JOIN documents d ON d.id = c.doc_id "
           "ORDER BY d.published IS NULL, d.published, d.id LIMIT " +
               cap,
           [&](store::SqlQuery& q) {
             DocumentRef d{q.Text(0), q.Text(1),    q.Text(2),
                           q.Text(3), std::nullopt, static_cast<int>(q.Int(5))};
             if (!q.IsNull(4)) d.date = q.Text(4);
             p.documents.push_back(std::move(d));
           }));
  // Fields: each of its events in the field and each of its documents about it counts once,
  // over all of them (not only the listed ones).
  std::map<std::string, int> fields;
  KETNOI_RETURN_IF_ERROR(
      each("SELECT f.field, count(*) FROM document_fields f WHERE f.doc_id IN "
           "(SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ?) GROUP BY f.field",
           [&](store::SqlQuery& q) { fields[q.Text(0)] += static_cast<int>(q.Int(1)); }));
  KETNOI_RETURN_IF_ERROR(each(
      "SELECT f.value, count(*) FROM (SELECT DISTINCT doc_id, event_idx FROM event_participants "
      "WHERE entity_id = ?) own JOIN events e ON e.doc_id = own.doc_id AND e.idx = "
      "own.event_idx, " +
          JsonTable(db.dialect(), "e.fields", "f") + " GROUP BY f.value",
      [&](store::SqlQuery& q) { fields[q.Text(0)] += static_cast<int>(q.Int(1)); }));

  EventFilter filter;
  filter.participants = {id};
  filter.limit = kProfileListCap;
  auto events = Events(filter);
  if (!events.ok()) return events.status();
  p.events = std::move(events).value();
  for (const auto& [f, n] : fields) p.fields.push_back({f, f, n});
  std::stable_sort(p.fields.begin(), p.fields.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });
  return p;
}

}  // namespace ketnoi::search
