#include "store/store.h"

#include <string>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "store/record_encoding.h"
#include "store/sql_runner.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::store {

using core::Status;

std::string DocumentRecord::Body() const {
  std::string body;
  for (core::Span p : paragraphs) {
    if (!body.empty()) body.push_back('\n');
    body.append(p.Of(text));
  }
  return body;
}

core::Result<std::unique_ptr<Store>> Store::Open(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    auto pg = PostgresStore::Open(location);
    if (!pg.ok()) return pg.status();
    return std::unique_ptr<Store>(std::move(pg).value().release());
  }
  auto db = SqliteStore::Open(location);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Store>(std::move(db).value().release());
}

core::Result<Stats> Store::GetStats() {
  SqlRunner& sql = Sql();
  Stats s;
  // Each (key, count) row of a GROUP BY, added into `out`.
  auto group = [&](const std::string& query, std::map<std::string, int64_t>* out) -> Status {
    auto rows = sql.Rows(query, {});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& r : *rows) (*out)[r.at(0)] += std::stoll(r.at(1));
    return Status::Ok();
  };
  auto count = [&](const std::string& query, int64_t* out) -> Status {
    auto rows = sql.Rows(query, {});
    if (!rows.ok()) return rows.status();
    *out = rows->empty() ? 0 : std::stoll(rows->front().at(0));
    return Status::Ok();
  };
  auto sum = [](const std::map<std::string, int64_t>& counts) {
    int64_t n = 0;
    for (const auto& entry : counts) n += entry.second;
    return n;
  };
  Status st = sql.InReadSnapshot([&]() -> Status {
    // Every count walks an index, never the documents' rows (their texts).
    KETNOI_RETURN_IF_ERROR(
        group("SELECT lang, count(*) FROM documents GROUP BY lang", &s.by_language));
    s.documents = sum(s.by_language);
    KETNOI_RETURN_IF_ERROR(count("SELECT count(*) FROM mentions", &s.mentions));
    // Entities with at least one mention: one probe of the mentions' entity index per entity,
    // instead of every mention joined with its entity.
    KETNOI_RETURN_IF_ERROR(
        group("SELECT kind, count(*) FROM entities e WHERE EXISTS (SELECT 1 FROM mentions m "
              "WHERE m.entity_id = e.id) GROUP BY kind",
              &s.entities_by_kind));
    s.entities = sum(s.entities_by_kind);
    KETNOI_RETURN_IF_ERROR(
        group("SELECT type, count(*) FROM events GROUP BY type", &s.events_by_type));
    s.events = sum(s.events_by_type);
    std::map<std::string, int64_t> by_path;
    KETNOI_RETURN_IF_ERROR(
        group("SELECT source, count(*) FROM documents GROUP BY source", &by_path));
    for (const auto& [path, n] : by_path) s.by_source[SourceFolder(path)] += n;
    auto dates = sql.Rows(
        "SELECT min(published), max(published) FROM documents WHERE published IS NOT NULL", {});
    if (!dates.ok()) return dates.status();
    if (!dates->empty() && !dates->front().at(0).empty()) {
      s.first_date = dates->front().at(0);
      s.last_date = dates->front().at(1);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return s;
}

}  // namespace ketnoi::store
