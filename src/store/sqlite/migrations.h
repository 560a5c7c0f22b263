// store/sqlite/migrations.h — the versioned SQLite schema (docs/storage-schema.md).
// Migration N is applied once, in order, inside a transaction, and recorded in
// schema_migrations; Open() re-runs safely. Never edit a shipped migration: add one.
#ifndef KETNOI_STORE_SQLITE_MIGRATIONS_H_
#define KETNOI_STORE_SQLITE_MIGRATIONS_H_

#include <string_view>
#include <vector>

#include "core/status.h"

namespace ketnoi::store {

class SqlRunner;

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Fills what `sql` created from the rows already stored, in the same transaction.
  core::Status (*backfill)(SqlRunner&) = nullptr;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQLITE_MIGRATIONS_H_
