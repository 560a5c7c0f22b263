// Entity lookup by id, key or any alias, and entity profiles.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "search/search.h"
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
  KETNOI_RETURN_IF_ERROR(CatchUpIndex());
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
      "ORDER BY (SELECT sum(c.mentions) FROM entity_alias_counts c WHERE c.entity_id = e.id) "
      "DESC, e.id";
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

  // Every list and count comes from the store's per-entity tables (store/entity_stats.h):
  // a few index ranges, the capped lists in the order they are keyed, whatever the size of
  // the entity.
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
      each("SELECT surface, lang, mentions FROM entity_alias_counts "
           "WHERE entity_id = ? AND mentions > 0 ORDER BY lang, mentions DESC, surface",
           [&](store::SqlQuery& q) {
             p.aliases.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
           }));
  const std::string cap = std::to_string(kProfileListCap);
  // Roles: the first kProfileListCap documents with any, by date, give at least that many
  // distinct (title, document) pairs; listed in date order until the cap.
  std::set<std::pair<std::string, std::string>> seen_roles;
  KETNOI_RETURN_IF_ERROR(
      each("SELECT m.roles, ed.doc_id, ed.undated, ed.published FROM (SELECT doc_id, undated, "
           "published FROM entity_documents WHERE entity_id = ?1 AND role_mentions > 0 "
           "ORDER BY undated, month, published, doc_id LIMIT " +
               cap +
               ") ed JOIN mentions m ON m.doc_id = ed.doc_id AND m.entity_id = ?1 "
               "WHERE m.roles != '[]' ORDER BY ed.undated, ed.published, ed.doc_id, m.idx",
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
               if (q.Int(2) == 0) role.date = q.Text(3);
               p.roles.push_back(std::move(role));
             }
           }));
  // Partners: those sharing the most events first.
  KETNOI_RETURN_IF_ERROR(
      each("SELECT s.partner_id, en.name, s.events FROM entity_partners s "
           "JOIN entities en ON en.id = s.partner_id WHERE s.entity_id = ? AND s.events > 0 "
           "ORDER BY s.events DESC, s.partner_id LIMIT " +
               cap,
           [&](store::SqlQuery& q) {
             p.partners.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
           }));
  // Documents: the first ones by date, then only those looked up.
  KETNOI_RETURN_IF_ERROR(
      each("SELECT d.id, d.title, d.lang, d.source, d.published, ed.mentions FROM (SELECT "
           "doc_id, undated, published, mentions FROM entity_documents WHERE entity_id = ? "
           "ORDER BY undated, month, published, doc_id LIMIT " +
               cap +
               ") ed JOIN documents d ON d.id = ed.doc_id "
               "ORDER BY ed.undated, ed.published, ed.doc_id",
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
      each("SELECT field, count FROM entity_fields WHERE entity_id = ? AND count > 0",
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
