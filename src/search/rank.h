// search/rank.h — internal: the SQLite search page, ranked without FTS5's per-match lookups.
//
// The page is what `SELECT doc_id, CAST(-bm25(search_documents, 0.0, 4.0, 1.0) * 1000000 AS
// INTEGER) AS score ... WHERE search_documents MATCH ?1 [AND filters] ORDER BY score DESC,
// doc_id LIMIT k` returns, exactly: the same BM25 (FTS5's formula, IDF and average length,
// computed in the same floating-point steps), the same ties (score, then doc_id bytewise),
// the same filters. What differs is the cost per match. FTS5's bm25() reads every match's
// length from its docsize table (one B-tree lookup per match, most of a common word's
// time) and merges all phrases' instances into one sorted array (slow for many-term
// queries); the query also looked up every match's doc_id (and, with filters, its
// document). Here an auxiliary function `ketnoi_rank` counts each phrase's instances from
// its own position list and takes the length, doc_id, language, date and source from a
// table of the index's rows held in memory, so a match costs a few memory reads; rows a
// filter drops are not scored, and only the best `limit` are kept.
//
// The row table (a row per indexed document: ~30 MB at 100k, loaded in ~30 ms) is valid
// for one state of the index: it is keyed by FTS5's structure record, which every write to
// the index rewrites, and checked and reloaded inside the ranking statement's own read
// snapshot, so it always describes the rows FTS5 returns. The first query after any change
// to the index reloads the whole table; each SqliteRanker (one per KnowledgeBase) has its own.
#ifndef KETNOI_SEARCH_RANK_H_
#define KETNOI_SEARCH_RANK_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace ketnoi::search {

struct PageFilter {
  std::string lang;      // equal, or "" for any
  std::string from, to;  // published >= from; published's first len(to) bytes <= to; or ""
  std::string source;    // a substring of the source path, or ""
};

class SqliteRanker {
 public:
  // Registers the auxiliary function on `db`; the ranker must outlive the connection's use.
  static core::Result<std::unique_ptr<SqliteRanker>> Create(sqlite3* db);
  ~SqliteRanker();

  // The best `limit` (doc_id, score * 1e6) of the rows matching the FTS5 expression `match`
  // that pass `filter`, best first. counted_by_matches[i]: every row holding phrase i
  // matches `match` (the expression is that phrase, or it is a branch of a top-level OR),
  // so its IDF is counted from the matches rather than by a second pass over the phrase.
  core::Result<std::vector<std::pair<std::string, int64_t>>> Page(
      const std::string& match, const std::vector<bool>& counted_by_matches,
      const PageFilter& filter, int limit);

  struct Impl;

 private:
  explicit SqliteRanker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_RANK_H_
