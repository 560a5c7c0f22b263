#include "store/entity_stats.h"

#include <chrono>
#include <functional>
#include <optional>
#include <set>

#include "core/date.h"
#include "store/record_encoding.h"
#include "store/sql_runner.h"

namespace ketnoi::store::entity_stats {
namespace {

using core::Status;

// The scratch set, as a subquery.
constexpr const char* kDocs = "(SELECT doc_id FROM entity_stats_docs)";

std::string In(const std::string& column) { return column + " IN " + kDocs; }

// SQL for a list's month key of the date `column` (YYYY-MM-DD, '' or NULL when undated:
// YYYYMM, YYYY00 for a bare year, 0), as the migrations compute it.
std::string MonthOf(const std::string& column) {
  const std::string year = "CAST(substr(" + column + ", 1, 4) AS INTEGER) * 100";
  return "CASE WHEN length(" + column + ") >= 7 THEN " + year + " + CAST(substr(" + column +
         ", 6, 2) AS INTEGER) WHEN length(" + column + ") >= 4 THEN " + year + " ELSE 0 END";
}

// A list row's `written`: microseconds since 1970 now. It only orders rows within a month
// (a clock set back costs locality, never correctness: readers order by date).
int64_t WrittenNow() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A list's month key of `date` (YYYYMM, 0 when undated), as MonthOf computes it in SQL.
int MonthKey(const std::optional<core::Date>& date) {
  return date ? date->year * 100 + date->month : 0;
}

// The scratch set's alias counts times `sign` ("" or "-") added to what is stored: `mentions`
// as `mentions_counted` counts them (count(*), or 0 to leave it), names_itself as the
// mentions that name the entity on their own (no antecedent: search's names, EntityNames).
Status AddAliasCounts(SqlRunner& sql, const std::string& sign,
                      const std::string& mentions_counted) {
  // SQLite reads `ON CONFLICT` after a SELECT with a WHERE clause as the upsert.
  return sql.Exec(
      "INSERT INTO entity_alias_counts (entity_id, lang, surface, mentions, names_itself) "
      "SELECT m.entity_id, d.lang, m.surface, " +
          sign + mentions_counted + ", " + sign +
          "sum(CASE WHEN m.antecedent < 0 THEN 1 ELSE 0 END) FROM mentions m "
          "JOIN documents d ON d.id = m.doc_id WHERE " +
          In("m.doc_id") +
          " GROUP BY m.entity_id, d.lang, m.surface "
          "ON CONFLICT (entity_id, lang, surface) DO UPDATE SET "
          "mentions = entity_alias_counts.mentions + excluded.mentions, "
          "names_itself = entity_alias_counts.names_itself + excluded.names_itself",
      {});
}

// The counted tables' shares of the scratch set's documents, each multiplied by `sign`
// ("" or "-") and added to what is stored. Partners and fields read the per-document lists,
// so those must hold the scratch set's rows.
Status AddCounts(SqlRunner& sql, const std::string& sign) {
  KETNOI_RETURN_IF_ERROR(AddAliasCounts(sql, sign, "count(*)"));
  KETNOI_RETURN_IF_ERROR(
      sql.Exec("INSERT INTO entity_partners (entity_id, partner_id, events) "
               "SELECT a.entity_id, b.entity_id, " +
                   sign +
                   "count(*) FROM entity_events a JOIN entity_events b ON b.doc_id = a.doc_id "
                   "AND b.event_idx = a.event_idx AND b.entity_id <> a.entity_id WHERE " +
                   In("a.doc_id") +
                   " GROUP BY a.entity_id, b.entity_id "
                   "ON CONFLICT (entity_id, partner_id) DO UPDATE SET "
                   "events = entity_partners.events + excluded.events",
               {}));
  // Each document mentioning the entity counts its fields once, and so does each of its
  // events.
  const std::string event_fields = sql.dialect() == Dialect::kSqlite
                                       ? "json_each(e.fields) AS v"
                                       : "jsonb_array_elements_text(e.fields) AS v(value)";
  return sql.Exec(
      "INSERT INTO entity_fields (entity_id, field, count) "
      "SELECT x.entity_id, x.field, " +
          sign +
          "count(*) FROM (SELECT ed.entity_id, f.field FROM entity_documents ed "
          "JOIN document_fields f ON f.doc_id = ed.doc_id WHERE " +
          In("ed.doc_id") +
          " UNION ALL SELECT ee.entity_id, v.value AS field FROM entity_events ee "
          "JOIN events e ON e.doc_id = ee.doc_id AND e.idx = ee.event_idx, " +
          event_fields + " WHERE " + In("ee.doc_id") +
          ") x WHERE true GROUP BY x.entity_id, x.field "
          "ON CONFLICT (entity_id, field) DO UPDATE SET "
          "count = entity_fields.count + excluded.count",
      {});
}

Status DeleteLists(SqlRunner& sql) {
  KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM entity_documents WHERE " + In("doc_id"), {}));
  return sql.Exec("DELETE FROM entity_events WHERE " + In("doc_id"), {});
}

}  // namespace

Status SetDocuments(SqlRunner& sql, const std::string& select_doc_ids,
                    const std::vector<std::string>& args) {
  KETNOI_RETURN_IF_ERROR(
      sql.Exec("CREATE TEMP TABLE IF NOT EXISTS entity_stats_docs (doc_id TEXT PRIMARY KEY)", {}));
  KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM entity_stats_docs", {}));
  return sql.Exec(
      "INSERT INTO entity_stats_docs (doc_id) SELECT DISTINCT * FROM (" + select_doc_ids + ") AS d",
      args);
}

Status Subtract(SqlRunner& sql) {
  KETNOI_RETURN_IF_ERROR(AddCounts(sql, "-"));
  // Rows counted down to nothing go, for the entities these documents mention.
  const std::string touched =
      " <= 0 AND entity_id IN (SELECT entity_id FROM entity_documents WHERE " + In("doc_id") + ")";
  KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM entity_alias_counts WHERE mentions" + touched, {}));
  KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM entity_partners WHERE events" + touched, {}));
  KETNOI_RETURN_IF_ERROR(sql.Exec("DELETE FROM entity_fields WHERE count" + touched, {}));
  return DeleteLists(sql);
}

Status Add(SqlRunner& sql) {
  KETNOI_RETURN_IF_ERROR(DeleteLists(sql));
  const std::string written = std::to_string(WrittenNow());
  KETNOI_RETURN_IF_ERROR(sql.Exec(
      "INSERT INTO entity_documents (entity_id, undated, month, written, published, doc_id, "
      "mentions, role_mentions) SELECT m.entity_id, CASE WHEN d.published IS NULL THEN 1 ELSE "
      "0 END, " +
          MonthOf("d.published") +
          ", CAST(? AS BIGINT), coalesce(d.published, ''), m.doc_id, count(*), sum(CASE WHEN "
          "m.roles != '[]' THEN 1 ELSE 0 END) FROM mentions m JOIN documents d ON d.id = "
          "m.doc_id WHERE " +
          In("m.doc_id") + " GROUP BY m.entity_id, m.doc_id, d.published",
      {written}));
  const std::string event_date = "coalesce(e.date, d.published)";
  KETNOI_RETURN_IF_ERROR(sql.Exec(
      "INSERT INTO entity_events (entity_id, undated, month, written, date, doc_id, event_idx) "
      "SELECT DISTINCT p.entity_id, CASE WHEN " +
          event_date + " IS NULL THEN 1 ELSE 0 END, " + MonthOf(event_date) +
          ", CAST(? AS BIGINT), coalesce(" + event_date +
          ", ''), p.doc_id, p.event_idx FROM event_participants p JOIN events e ON e.doc_id = "
          "p.doc_id AND e.idx = p.event_idx JOIN documents d ON d.id = p.doc_id WHERE " +
          In("p.doc_id"),
      {written}));
  return AddCounts(sql, "");
}

namespace {

// Puts every stored document into the scratch set, a batch at a time, and calls `each`.
Status ForEachBatchOfDocuments(SqlRunner& sql, const std::function<Status()>& each) {
  // Batches in id order (the database's own collation), each one after the last id done.
  constexpr const char* kBatch = "500";
  std::string after;
  bool first = true;
  while (true) {
    KETNOI_RETURN_IF_ERROR(SetDocuments(sql,
                                        std::string("SELECT id FROM documents WHERE ") +
                                            (first ? "CAST(? AS TEXT) = ''" : "id > ?") +
                                            " ORDER BY id LIMIT " + kBatch,
                                        {after}));
    auto last = sql.Rows("SELECT max(doc_id) FROM entity_stats_docs", {});
    if (!last.ok()) return last.status();
    if (last->empty() || last->front().front().empty()) return Status::Ok();
    KETNOI_RETURN_IF_ERROR(each());
    after = last->front().front();
    first = false;
  }
}

}  // namespace

Status Backfill(SqlRunner& sql) {
  return ForEachBatchOfDocuments(sql, [&] { return Add(sql); });
}

Status BackfillNamesItself(SqlRunner& sql) {
  return ForEachBatchOfDocuments(sql, [&] { return AddAliasCounts(sql, "", "0"); });
}

void FreshDocuments::Add(const std::string& doc_id, const DocumentRecord& record) {
  const extract::Analysis& a = record.analysis;
  const std::vector<std::string> entity_of = MentionEntityIds(a, record.resolved);
  const std::string lang(core::LangCode(record.lang));
  const std::string published = record.date ? record.date->ToIso() : "";
  // As Add: entity_documents groups the stored (resolved) mentions by entity, document_fields
  // holds each field once, entity_events one row per entity and event however many of its
  // mentions take part, and event fields count as often as the event lists them.
  std::map<std::string, DocumentRow> mentioned;
  for (size_t i = 0; i < entity_of.size(); ++i) {
    if (entity_of[i].empty()) continue;
    const extract::Mention& m = a.mentions[i];
    AliasCount& alias = alias_counts_[{entity_of[i], lang, m.surface}];
    ++alias.mentions;
    if (m.antecedent < 0) ++alias.names_itself;
    DocumentRow& row = mentioned[entity_of[i]];
    ++row.mentions;
    if (!m.roles.empty()) ++row.role_mentions;
  }
  const std::set<std::string> document_fields(a.fields.begin(), a.fields.end());
  for (auto& [entity, row] : mentioned) {
    row.entity_id = entity;
    row.published = published;
    row.month = MonthKey(record.date);
    row.doc_id = doc_id;
    std::map<std::string, int64_t>& fields = fields_[entity];
    for (const std::string& field : document_fields) ++fields[field];
    documents_.push_back(std::move(row));
  }
  for (size_t e = 0; e < a.events.size(); ++e) {
    const extract::Event& event = a.events[e];
    std::set<std::string> taking_part;
    for (int m : event.participants) {
      if (m >= 0 && static_cast<size_t>(m) < entity_of.size() &&
          !entity_of[static_cast<size_t>(m)].empty()) {
        taking_part.insert(entity_of[static_cast<size_t>(m)]);
      }
    }
    const std::string date = event.date ? event.date->ToIso() : published;
    const int month = MonthKey(event.date ? event.date : record.date);
    for (const std::string& entity : taking_part) {
      events_.push_back({entity, date, doc_id, month, static_cast<int64_t>(e)});
      std::map<std::string, int64_t>& fields = fields_[entity];
      for (const std::string& field : event.fields) ++fields[field];
      std::map<std::string, int64_t>& partners = partners_[entity];
      for (const std::string& partner : taking_part) {
        if (partner != entity) ++partners[partner];
      }
    }
  }
}

Status FreshDocuments::Write(SqlRunner& sql) const {
  auto rows_of = [](const auto& counts) {
    using Counts = std::decay_t<decltype(counts)>;
    return std::vector<std::pair<typename Counts::key_type, typename Counts::mapped_type>>(
        counts.begin(), counts.end());
  };
  // (entity, key, count) rows in key order, as from one map of pairs (an entity without keys
  // has none).
  auto flat_rows_of = [](const CountsByEntity& counts) {
    std::vector<std::tuple<std::string, std::string, int64_t>> rows;
    for (const auto& [entity, by_key] : counts) {
      for (const auto& [key, n] : by_key) rows.emplace_back(entity, key, n);
    }
    return rows;
  };
  auto undated = [](const std::string& date) { return date.empty() ? "1" : "0"; };
  const std::string written = std::to_string(WrittenNow());
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql,
      "INSERT INTO entity_documents (entity_id, undated, month, written, published, doc_id, "
      "mentions, role_mentions) VALUES ",
      "(?,CAST(? AS INTEGER),CAST(? AS INTEGER),CAST(? AS BIGINT),?,?,CAST(? AS INTEGER),"
      "CAST(? AS INTEGER))",
      "", documents_, [&](const DocumentRow& r, std::vector<std::string>* args) {
        args->insert(args->end(), {r.entity_id, undated(r.published), std::to_string(r.month),
                                   written, r.published, r.doc_id, std::to_string(r.mentions),
                                   std::to_string(r.role_mentions)});
      }));
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql,
      "INSERT INTO entity_events (entity_id, undated, month, written, date, doc_id, event_idx) "
      "VALUES ",
      "(?,CAST(? AS INTEGER),CAST(? AS INTEGER),CAST(? AS BIGINT),?,?,CAST(? AS INTEGER))", "",
      events_, [&](const EventRow& r, std::vector<std::string>* args) {
        args->insert(args->end(), {r.entity_id, undated(r.date), std::to_string(r.month), written,
                                   r.date, r.doc_id, std::to_string(r.event_idx)});
      }));
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql,
      "INSERT INTO entity_alias_counts (entity_id, lang, surface, mentions, names_itself) VALUES ",
      "(?,?,?,CAST(? AS INTEGER),CAST(? AS INTEGER))",
      " ON CONFLICT (entity_id, lang, surface) DO UPDATE SET "
      "mentions = entity_alias_counts.mentions + excluded.mentions, "
      "names_itself = entity_alias_counts.names_itself + excluded.names_itself",
      rows_of(alias_counts_), [](const auto& r, std::vector<std::string>* args) {
        args->insert(args->end(),
                     {std::get<0>(r.first), std::get<1>(r.first), std::get<2>(r.first),
                      std::to_string(r.second.mentions), std::to_string(r.second.names_itself)});
      }));
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql, "INSERT INTO entity_partners (entity_id, partner_id, events) VALUES ",
      "(?,?,CAST(? AS INTEGER))",
      " ON CONFLICT (entity_id, partner_id) DO UPDATE SET "
      "events = entity_partners.events + excluded.events",
      flat_rows_of(partners_), [](const auto& r, std::vector<std::string>* args) {
        args->insert(args->end(), {std::get<0>(r), std::get<1>(r), std::to_string(std::get<2>(r))});
      }));
  KETNOI_RETURN_IF_ERROR(InsertRowsInStatements(
      sql, "INSERT INTO entity_fields (entity_id, field, count) VALUES ",
      "(?,?,CAST(? AS INTEGER))",
      " ON CONFLICT (entity_id, field) DO UPDATE SET count = entity_fields.count + excluded.count",
      flat_rows_of(fields_), [](const auto& r, std::vector<std::string>* args) {
        args->insert(args->end(), {std::get<0>(r), std::get<1>(r), std::to_string(std::get<2>(r))});
      }));
  return Status::Ok();
}

void FreshDocuments::Clear() {
  alias_counts_.clear();
  partners_.clear();
  fields_.clear();
  documents_.clear();
  events_.clear();
}

}  // namespace ketnoi::store::entity_stats
