// store/resolver_index.h — the resolver's cross-document memory kept as an index in the
// store, so that a new document loads only what its own names can match (resolve.h, lazy
// recall) instead of every stored mention (LoadKnownEntities + Recall).
//
// Tables (migration 6 on both backends):
//   resolver_names(entity_id, kind, surface, mentions): each entity's names as
//       LoadKnownEntities gives them (the id the resolver gave; a split-off name under the id
//       it left) with their number of mentions; document-scoped ids are left out.
//   resolver_keys(kind, surface, key, weight, full_name): each name's keys (resolve::NameKey,
//       a function of the name alone).
//   resolver_context(entity_id, anchor, documents): the context anchors
//       (resolve::ContextAnchor) of the documents naming the entity, with their count.
//   resolver_state(name, value): "index" once names and context were built from the stored
//       mentions (the backfill of databases made before migration 6); "name_keys" the
//       resolver's NameKeysFingerprint the keys were made with.
// Upkeep, always in the transaction of the change: a document's names and context are
//   added after it is written and subtracted before it is deleted (replaced); a curation
//   edit subtracts the documents it touches before changing them and adds them after. So
//   the index always equals what a full Recall of the store would build. (SQLite batches
//   write new documents' context at the commit; LoadResolverMemory's `unwritten` reads it
//   before.)
// Thread safety: as the store (one thread at a time).
#ifndef KETNOI_STORE_RESOLVER_INDEX_H_
#define KETNOI_STORE_RESOLVER_INDEX_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/status.h"
#include "resolve/resolve.h"
#include "store/sql_runner.h"

namespace ketnoi::store {

// What some documents add to (or, counted negatively, take from) the index.
class ResolverIndexDelta {
 public:
  // One stored document's mentions (as LoadKnownEntities gives them), counted `sign` times.
  void AddDocument(const std::vector<resolve::KnownMention>& document, int sign);
  // Writes the counts (rows left at zero go).
  core::Status Apply(SqlRunner& sql) const;
  // Moves the context counts out into a delta of their own (this one keeps the names).
  ResolverIndexDelta TakeContext();
  // Adds `other`'s counts to these.
  void Add(const ResolverIndexDelta& other);
  // The anchors counted above zero for `entity_id`, in order.
  std::vector<std::string> AnchorsOf(const std::string& entity_id) const;
  bool empty() const { return names_.empty() && context_.empty(); }
  void Clear();

 private:
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> names_;
  // entity -> anchor -> documents. Two levels, not one map of pairs: a document adds about
  // as many pairs as the square of its entities (~800 a generated page), and each then costs
  // a lookup among its entity's anchors, with no key built unless it is new.
  std::map<std::string, std::map<std::string, int64_t>> context_;
};

// Adds (sign 1) or subtracts (sign -1) what documents `doc_ids` hold now.
core::Status CountDocumentsInResolverIndex(SqlRunner& sql, const std::vector<std::string>& doc_ids,
                                           int sign);
// The documents the rows of `mentions_query` (SELECT DISTINCT doc_id FROM mentions ...)
// name, subtracted now, `body` run, then added back: a curation edit keeping the index.
core::Status KeepResolverIndex(SqlRunner& sql, const std::string& mentions_query,
                               const std::vector<std::string>& args,
                               const std::function<core::Status()>& body);
// Indexes names' keys (rows already there stay).
core::Status WriteNameKeys(SqlRunner& sql, const std::vector<resolve::NameKey>& keys);
// The stored memory behind `request` (resolve::StoredMemory). `unwritten`: context counts
// of documents in the caller's transaction not written yet (positive only), read as if they
// were.
core::Result<resolve::StoredMemory> LoadResolverMemory(
    SqlRunner& sql, const resolve::MemoryRequest& request,
    const ResolverIndexDelta* unwritten = nullptr);

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_RESOLVER_INDEX_H_
