// store/entity_stats.h — per-entity counts and date-ordered lists kept at write time, so
// an entity profile reads a few index ranges instead of all of its mentions and events
// (the most-mentioned entity of a 100k-document store has 400k mentions in 84k documents).
//
// Tables (SQLite and PostgreSQL migrations 7 and 8):
//   entity_alias_counts (entity, document language, surface) -> mentions, and of those the
//                       ones naming the entity on their own (names_itself: no antecedent;
//                       migration 8), search's name expansion (search.h)
//   entity_partners     (entity, co-participant) -> events they share
//   entity_fields       (entity, field) -> its documents with the field + its events in it
//   entity_documents    one row per (entity, document mentioning it), by publication month,
//                       with the mention count and how many carry roles
//   entity_events       one row per (entity, event it takes part in), by the month of its
//                       date (the event's own date, else the document's)
// The lists are keyed (entity, undated, month, written, ...): within a month, rows lie in the
// order they were written, so new rows go to each month's end (migration 11). Readers
// wanting date order sort by (undated, month, date): one month at a time.
// How they stay right: every change to a document's rows is bracketed. Before it, the
// documents it touches go into the scratch set (SetDocuments) and their share is taken out
// (Subtract); after it (and after the curation replay), their share is put back (Add). Only
// those documents' rows are read, so the cost follows the size of the change: one document
// for an ingest, every document of the entity for a merge.
// A new document whose rows no curation edit changes (the store holds none that could:
// no merge, split, alias or rejection) needs no reads at all: FreshDocuments takes its share
// from the values the writer has just written, sums it over a batch of documents and
// writes it in a few multi-row statements.
// Thread safety: the caller's connection and transaction; one thread at a time.
#ifndef KETNOI_STORE_ENTITY_STATS_H_
#define KETNOI_STORE_ENTITY_STATS_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace ketnoi::store {

class SqlRunner;

namespace entity_stats {

// For SetDocuments: the one document whose id is the argument.
inline constexpr const char* kOneDocument = "SELECT CAST(? AS TEXT)";

// The scratch set becomes the documents `select_doc_ids` returns (SQL with `?` parameters).
core::Status SetDocuments(SqlRunner& sql, const std::string& select_doc_ids,
                          const std::vector<std::string>& args);
// Takes the scratch set's documents out of the counts and lists (their rows still there).
core::Status Subtract(SqlRunner& sql);
// Puts the scratch set's documents into the counts and lists (their rows as they are now).
core::Status Add(SqlRunner& sql);
// Migration 7: counts every stored document, a batch of documents at a time.
core::Status Backfill(SqlRunner& sql);
// Migration 8: counts entity_alias_counts.names_itself the same way (the column starts at 0).
core::Status BackfillNamesItself(SqlRunner& sql);

// What new documents, stored exactly as their records say, add to the counts and lists:
// the same rows Add would write for them, without reading them back.
class FreshDocuments {
 public:
  // `record` stored as `doc_id`, its rows untouched by curation; not stored before.
  void Add(const std::string& doc_id, const DocumentRecord& record);
  // Writes every document's share, counts summed per key (nothing when empty).
  core::Status Write(SqlRunner& sql) const;
  void Clear();

 private:
  struct DocumentRow {
    std::string entity_id, published, doc_id;  // published: '' when undated
    int month = 0;                             // YYYYMM of published, 0 when undated
    int64_t mentions = 0, role_mentions = 0;
  };
  struct EventRow {
    std::string entity_id, date, doc_id;  // date: '' when undated
    int month = 0;                        // YYYYMM of date, 0 when undated
    int64_t event_idx = 0;
  };
  struct AliasCount {
    int64_t mentions = 0, names_itself = 0;
  };
  std::map<std::tuple<std::string, std::string, std::string>, AliasCount> alias_counts_;
  // entity -> partner or field -> count. Two levels, not one map of pairs: a page adds
  // hundreds of counts over a few dozen entities, and each then costs a lookup among one
  // entity's keys, with no key built unless it is new.
  using CountsByEntity = std::map<std::string, std::map<std::string, int64_t>>;
  CountsByEntity partners_;
  CountsByEntity fields_;
  std::vector<DocumentRow> documents_;
  std::vector<EventRow> events_;
};

}  // namespace entity_stats
}  // namespace ketnoi::store

#endif  // KETNOI_STORE_ENTITY_STATS_H_
