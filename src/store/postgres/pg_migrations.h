// store/postgres/pg_migrations.h — the versioned PostgreSQL schema, the same tables and
// versions as SqliteMigrations() (docs/DEPLOY.md) plus full-text and trigram indexes.
// Open() applies them in one transaction under pg_advisory_xact_lock(kMigrationLockKey), so
// concurrent processes migrate exactly once. Never edit a shipped migration: add one.
#ifndef KETNOI_STORE_POSTGRES_PG_MIGRATIONS_H_
#define KETNOI_STORE_POSTGRES_PG_MIGRATIONS_H_

#include <cstdint>
#include <vector>

#include "store/sqlite/migrations.h"

namespace ketnoi::store {

inline constexpr int64_t kMigrationLockKey = 0x6b65746e6f69;  // "ketnoi"

const std::vector<Migration>& PostgresMigrations();

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_POSTGRES_PG_MIGRATIONS_H_
