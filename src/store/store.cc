#include "store/store.h"

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::store {

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

}  // namespace ketnoi::store
