// The resolver index (store/resolver_index.h), written once for both backends over SqlRunner.
#include "store/resolver_index.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>

#include "store/record_encoding.h"
#include "store/store.h"

namespace ketnoi::store {
namespace {

using core::Result;
using core::Status;

// Ids per IN (...) list.
constexpr size_t kIdsPerQuery = 500;

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

// `query` with " IN (?,...)" appended, over `ids` in chunks; `each` gets every row.
Status ForIdsIn(SqlRunner& sql, const std::string& query, const std::vector<std::string>& ids,
                const std::string& suffix, const std::function<void(const SqlRow&)>& each) {
  for (size_t at = 0; at < ids.size(); at += kIdsPerQuery) {
    std::vector<std::string> chunk(
        ids.begin() + static_cast<std::ptrdiff_t>(at),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + kIdsPerQuery)));
    auto rows = sql.Rows(query + " IN (" + Placeholders(chunk.size()) + ")" + suffix, chunk);
    if (!rows.ok()) return rows.status();
    for (const SqlRow& r : *rows) each(r);
  }
  return Status::Ok();
}

bool IsTrue(const std::string& v) { return v == "1" || v == "t" || v == "true"; }

}  // namespace

void ResolverIndexDelta::AddDocument(const std::vector<resolve::KnownMention>& document, int sign) {
  std::map<std::string, std::string> anchor_of;  // the document's entities -> their anchor
  for (const resolve::KnownMention& m : document) {
    if (m.entity_id.empty() || resolve::IsDocumentScopedId(m.entity_id)) continue;
    names_[{m.entity_id, extract::EntityKindName(m.kind), m.surface}] += sign;
    auto [it, fresh] = anchor_of.emplace(m.entity_id, "");
    if (fresh && !m.lexicon_key.empty()) it->second = resolve::ContextAnchor(m.kind, m.lexicon_key);
  }
  std::set<std::string> anchors;
  for (const auto& [id, anchor] : anchor_of) {
    if (!anchor.empty()) anchors.insert(anchor);
  }
  for (const auto& [id, own] : anchor_of) {
    std::map<std::string, int64_t>* counts = nullptr;
    for (const std::string& a : anchors) {
      if (a == id) continue;
      if (counts == nullptr) counts = &context_[id];
      (*counts)[a] += sign;
    }
  }
}

Status ResolverIndexDelta::Apply(SqlRunner& sql) const {
  std::vector<std::pair<std::tuple<std::string, std::string, std::string>, int64_t>> names;
  std::set<std::string> shrunk;  // entities that may have rows at zero now
  for (const auto& [name, n] : names_) {
    if (n == 0) continue;
    names.emplace_back(name, n);
    if (n < 0) shrunk.insert(std::get<0>(name));
  }
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql, "INSERT INTO resolver_names (entity_id, kind, surface, mentions) VALUES ",
      "(?,?,?,CAST(? AS INTEGER))",
      " ON CONFLICT (entity_id, kind, surface) DO UPDATE SET "
      "mentions = resolver_names.mentions + excluded.mentions",
      names, [](const auto& r, std::vector<std::string>* args) {
        args->push_back(std::get<0>(r.first));
        args->push_back(std::get<1>(r.first));
        args->push_back(std::get<2>(r.first));
        args->push_back(std::to_string(r.second));
      }));
  std::vector<std::pair<std::pair<std::string, std::string>, int64_t>> context;
  for (const auto& [id, anchors] : context_) {
    for (const auto& [anchor, n] : anchors) {
      if (n == 0) continue;
      context.push_back({{id, anchor}, n});
      if (n < 0) shrunk.insert(id);
    }
  }
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql, "INSERT INTO resolver_context (entity_id, anchor, documents) VALUES ",
      "(?,?,CAST(? AS INTEGER))",
      " ON CONFLICT (entity_id, anchor) DO UPDATE SET "
      "documents = resolver_context.documents + excluded.documents",
      context, [](const auto& r, std::vector<std::string>* args) {
        args->push_back(r.first.first);
        args->push_back(r.first.second);
        args->push_back(std::to_string(r.second));
      }));
  for (const std::string& id : shrunk) {
    KETNOI_RETURN_IF_ERROR(
        sql.Exec("DELETE FROM resolver_names WHERE entity_id = ? AND mentions <= 0", {id}));
    KETNOI_RETURN_IF_ERROR(
        sql.Exec("DELETE FROM resolver_context WHERE entity_id = ? AND documents <= 0", {id}));
  }
  return Status::Ok();
}

ResolverIndexDelta ResolverIndexDelta::TakeContext() {
  ResolverIndexDelta out;
  out.context_ = std::move(context_);
  context_.clear();
  return out;
}

void ResolverIndexDelta::Add(const ResolverIndexDelta& other) {
  for (const auto& [name, n] : other.names_) names_[name] += n;
  for (const auto& [id, anchors] : other.context_) {
    std::map<std::string, int64_t>& counts = context_[id];
    for (const auto& [anchor, n] : anchors) counts[anchor] += n;
  }
}

std::vector<std::string> ResolverIndexDelta::AnchorsOf(const std::string& entity_id) const {
  std::vector<std::string> out;
  auto it = context_.find(entity_id);
  if (it == context_.end()) return out;
  for (const auto& [anchor, n] : it->second) {
    if (n > 0) out.push_back(anchor);
  }
  return out;
}

void ResolverIndexDelta::Clear() {
  names_.clear();
  context_.clear();
}

Status CountDocumentsInResolverIndex(SqlRunner& sql, const std::vector<std::string>& doc_ids,
                                     int sign) {
  ResolverIndexDelta delta;
  std::map<std::string, std::vector<resolve::KnownMention>> by_document;
  KETNOI_RETURN_IF_ERROR(ForIdsIn(
      sql, std::string(kKnownMentionsQuery) + "WHERE m.doc_id", doc_ids, "", [&](const SqlRow& r) {
        by_document[r[0]].push_back({r[1], EntityKindOf(r[2]), r[3], r[4]});
      }));
  for (const auto& [doc, mentions] : by_document) delta.AddDocument(mentions, sign);
  return delta.Apply(sql);
}

Status KeepResolverIndex(SqlRunner& sql, const std::string& mentions_query,
                         const std::vector<std::string>& args,
                         const std::function<Status()>& body) {
  auto rows = sql.Rows(mentions_query, args);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> docs;
  for (const SqlRow& r : *rows) docs.push_back(r.front());
  KETNOI_RETURN_IF_ERROR(CountDocumentsInResolverIndex(sql, docs, -1));
  KETNOI_RETURN_IF_ERROR(body());
  return CountDocumentsInResolverIndex(sql, docs, 1);
}

Status WriteNameKeys(SqlRunner& sql, const std::vector<resolve::NameKey>& keys) {
  return InsertRowsInStatements(
      sql, "INSERT INTO resolver_keys (kind, surface, key, weight, full_name) VALUES ",
      "(?,?,?,CAST(? AS REAL),CAST(? AS INTEGER))", " ON CONFLICT DO NOTHING", keys,
      [](const resolve::NameKey& k, std::vector<std::string>* args) {
        args->push_back(std::string(extract::EntityKindName(k.kind)));
        args->push_back(k.surface);
        args->push_back(k.key);
        args->push_back(std::to_string(k.weight));
        args->push_back(k.full_name ? "1" : "0");
      });
}

Result<resolve::StoredMemory> LoadResolverMemory(SqlRunner& sql,
                                                 const resolve::MemoryRequest& request,
                                                 const ResolverIndexDelta* unwritten) {
  resolve::StoredMemory out;
  std::set<std::string> ids(request.ids.begin(), request.ids.end());
  KETNOI_RETURN_IF_ERROR(
      ForIdsIn(sql,
               "SELECT k.key, n.entity_id, k.weight FROM resolver_keys k JOIN resolver_names n "
               "ON n.kind = k.kind AND n.surface = k.surface WHERE k.key",
               request.keys, "", [&](const SqlRow& r) {
                 out.entries.push_back({r[0], r[1], std::strtof(r[2].c_str(), nullptr)});
                 ids.insert(r[1]);
               }));
  for (const resolve::MemoryRequest::Lexicon& l : request.lexicon_keys) {
    auto rows = sql.Rows(
        "SELECT e.id FROM entities e WHERE e.lexicon_key = ? AND e.kind = ? AND "
        "EXISTS (SELECT 1 FROM resolver_names n WHERE n.entity_id = e.id)",
        {l.key, std::string(extract::EntityKindName(l.kind))});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& r : *rows) ids.insert(r.front());
  }
  std::vector<std::string> wanted(ids.begin(), ids.end());
  std::map<std::string, size_t> at;
  KETNOI_RETURN_IF_ERROR(ForIdsIn(
      sql,
      "SELECT e.id, e.kind, e.lexicon_key, CASE WHEN EXISTS (SELECT 1 FROM resolver_names n "
      "JOIN resolver_keys k ON k.kind = n.kind AND k.surface = n.surface "
      "WHERE n.entity_id = e.id AND k.full_name = 1) THEN 1 ELSE 0 END FROM entities e "
      "WHERE EXISTS (SELECT 1 FROM resolver_names n WHERE n.entity_id = e.id) AND e.id",
      wanted, "", [&](const SqlRow& r) {
        at[r[0]] = out.entities.size();
        out.entities.push_back({r[0], EntityKindOf(r[1]), r[2], IsTrue(r[3]), {}});
      }));
  KETNOI_RETURN_IF_ERROR(ForIdsIn(sql,
                                  "SELECT entity_id, anchor FROM resolver_context WHERE "
                                  "documents > 0 AND entity_id",
                                  wanted, "", [&](const SqlRow& r) {
                                    auto it = at.find(r[0]);
                                    if (it != at.end()) {
                                      out.entities[it->second].context.push_back(r[1]);
                                    }
                                  }));
  if (unwritten != nullptr) {
    for (resolve::StoredEntity& e : out.entities) {
      for (std::string& anchor : unwritten->AnchorsOf(e.id)) {
        if (std::find(e.context.begin(), e.context.end(), anchor) == e.context.end()) {
          e.context.push_back(std::move(anchor));
        }
      }
    }
  }
  return out;
}

// ---- Store ---------------------------------------------------------------------------

Result<resolve::StoredMemory> Store::LoadResolverMemory(const resolve::MemoryRequest& request) {
  return store::LoadResolverMemory(Sql(), request, UnwrittenResolverContext());
}

Result<std::string> Store::NameKeysFingerprint() {
  auto rows = Sql().Rows("SELECT value FROM resolver_state WHERE name = 'name_keys'", {});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : rows->front().front();
}

Status Store::RewriteNameKeys(
    const std::string& fingerprint,
    const std::function<std::vector<resolve::NameKey>(extract::EntityKind, const std::string&)>&
        keys_of) {
  SqlRunner& sql = Sql();
  return sql.InTransaction([&]() -> Status {
    KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM resolver_keys", {}));
    auto names = sql.Rows("SELECT DISTINCT kind, surface FROM resolver_names", {});
    if (!names.ok()) return names.status();
    std::vector<resolve::NameKey> keys;
    for (const SqlRow& r : *names) {
      for (resolve::NameKey& k : keys_of(EntityKindOf(r[0]), r[1])) keys.push_back(std::move(k));
    }
    KETNOI_RETURN_IF_ERROR(WriteNameKeys(sql, keys));
    return sql.Exec(
        "INSERT INTO resolver_state (name, value) VALUES ('name_keys', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        {fingerprint});
  });
}

Status Store::BuildResolverIndex() {
  SqlRunner& sql = Sql();
  auto built = sql.Rows("SELECT 1 FROM resolver_state WHERE name = 'index'", {});
  if (!built.ok()) return built.status();
  if (!built->empty()) return Status::Ok();
  // The backfill of a database made before migration 6: one pass over the stored mentions
  // (outside the write transaction: PostgreSQL reads them in a snapshot of its own).
  ResolverIndexDelta delta;
  KETNOI_RETURN_IF_ERROR(LoadKnownEntities(
      [&](const std::vector<resolve::KnownMention>& document) { delta.AddDocument(document, 1); }));
  return sql.InTransaction([&]() -> Status {
    auto again = sql.Rows("SELECT 1 FROM resolver_state WHERE name = 'index'", {});
    if (!again.ok()) return again.status();
    if (!again->empty()) return Status::Ok();  // a concurrent process built it
    KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM resolver_names", {}));
    KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM resolver_context", {}));
    KETNOI_RETURN_IF_ERROR(delta.Apply(sql));
    // A constant, not a time: two stores holding the same documents hold the same rows.
    return sql.Exec("INSERT INTO resolver_state (name, value) VALUES ('index', 'built')", {});
  });
}

}  // namespace ketnoi::store
