// store/postgres/pg_sql.h — store::SqlConnection over a PostgreSQL connection.
#ifndef KETNOI_STORE_POSTGRES_PG_SQL_H_
#define KETNOI_STORE_POSTGRES_PG_SQL_H_

#include <memory>
#include <string>
#include <string_view>

#include "store/postgres/pg_conn.h"
#include "store/sql.h"

namespace ketnoi::store {

// Borrows `db`, which must outlive it.
std::unique_ptr<SqlConnection> PgSql(PgConn& db);

// SQLite placeholders to PostgreSQL ones: "?N" -> "$N", each bare "?" -> the next number;
// quoted text ('...', "...") is copied unchanged.
std::string PgPlaceholders(std::string_view sql);

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_POSTGRES_PG_SQL_H_
