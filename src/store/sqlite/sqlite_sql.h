// store/sqlite/sqlite_sql.h — store::SqlConnection over an open SQLite database.
#ifndef KETNOI_STORE_SQLITE_SQLITE_SQL_H_
#define KETNOI_STORE_SQLITE_SQLITE_SQL_H_

#include <memory>

#include "store/sql.h"
#include "store/sqlite/sqlite_db.h"

namespace ketnoi::store {

// Borrows `db`, which must outlive it.
std::unique_ptr<SqlConnection> SqliteSql(SqliteDb& db);

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_SQLITE_SQLITE_SQL_H_
