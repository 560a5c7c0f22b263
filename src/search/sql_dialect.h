// search/sql_dialect.h — internal: the SQL fragments that differ between SQLite and
// PostgreSQL, for queries otherwise written once (store/sql.h). Arguments are SQL
// expressions written in code, never input.
#ifndef KETNOI_SEARCH_SQL_DIALECT_H_
#define KETNOI_SEARCH_SQL_DIALECT_H_

#include <string>
#include <string_view>

#include "store/sql.h"

namespace ketnoi::search {

// "(subquery)" of the strings in a JSON array (a column or a parameter holding one).
inline std::string JsonValues(store::Dialect d, std::string_view json_array) {
  std::string e(json_array);
  return d == store::Dialect::kSqlite
             ? "(SELECT value FROM json_each(" + e + "))"
             : "(SELECT value FROM jsonb_array_elements_text((" + e + ")::jsonb) AS value)";
}

// A FROM item of the values of a JSON array column, one row each, as `alias`.value
// (joined after the table it reads from).
inline std::string JsonTable(store::Dialect d, std::string_view json_array,
                             std::string_view alias) {
  std::string e(json_array), a(alias);
  return d == store::Dialect::kSqlite
             ? "json_each(" + e + ") AS " + a
             : "jsonb_array_elements_text((" + e + ")::jsonb) AS " + a + "(value)";
}

// The text between UTF-8 byte offsets [begin, end) of a text column.
inline std::string ByteSlice(store::Dialect d, std::string_view text, std::string_view begin,
                             std::string_view end) {
  std::string t(text), b(begin), e(end);
  return d == store::Dialect::kSqlite
             ? "CAST(substr(CAST(" + t + " AS BLOB), " + b + " + 1, " + e + " - " + b + ") AS TEXT)"
             : "convert_from(substring(convert_to(" + t + ", 'UTF8') FROM " + b + " + 1 FOR " + e +
                   " - " + b + "), 'UTF8')";
}

// A JSON array (as text) of the distinct values of `expr` over a group: '["a","b"]'.
inline std::string JsonArrayOfDistinct(store::Dialect d, std::string_view expr) {
  std::string e(expr);
  return d == store::Dialect::kSqlite ? "json_group_array(DISTINCT " + e + ")"
                                      : "coalesce(json_agg(DISTINCT " + e + ")::text, '[]')";
}

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_SQL_DIALECT_H_
