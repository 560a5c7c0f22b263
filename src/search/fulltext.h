// search/fulltext.h — internal: full-text matching, BM25 ranking and snippets, the same on
// both backends.
//
// A query is phrases (each the query-mode IndexTokens keys of one term): `all` must all occur,
// or any of `any` (the names an entity is also known by). SQLite matches and ranks in FTS5
// (bm25()); PostgreSQL matches with tsvector/GIN (the same keys at the same positions, see
// TsVector) and ranks here with the same BM25 (k1 = 1.2, b = 0.75, per-phrase IDF
// log((N - n + 0.5) / (n + 0.5)) floored at 1e-6, column weights, length = the row's token
// count), so both order every hit alike: score (1e-6 steps) descending, then id. Snippets
// are made here for both from the matched phrase instances.
#ifndef KETNOI_SEARCH_FULLTEXT_H_
#define KETNOI_SEARCH_FULLTEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"
#include "store/sql.h"

namespace ketnoi::search {

struct FtsQuery {
  std::vector<std::vector<std::string>> all, any;  // phrases as token keys
};

// Phrases of the terms (terms without a searchable token dropped).
std::vector<std::vector<std::string>> Phrases(const std::vector<std::string>& terms);

// A column's tokens by position (colocated Chinese words share their first character's).
struct PositionedText {
  std::vector<std::vector<std::string>> keys;  // per position
  std::vector<core::Span> spans;               // per position, into the text
};
PositionedText Positions(std::string_view text);

struct Instance {
  int phrase = 0;  // index into all ++ any
  int pos = 0;
  int size = 0;  // tokens
};

// Instances of the query's phrases in one column, by position. `active` says which phrases
// count in this row (the `all` group only when every one of them occurs somewhere in it).
std::vector<Instance> Instances(const PositionedText& column,
                                const std::vector<std::vector<std::string>>& phrases,
                                const std::vector<bool>& active);

// Which phrases count in a row whose columns are `columns`; nullopt when the row does not
// match the query.
std::optional<std::vector<bool>> ActivePhrases(const FtsQuery& query,
                                               const std::vector<PositionedText>& columns);

// Snippet of at most `tokens` tokens around the best cluster of instances, matches wrapped
// in open/close, "…" where text was cut.
std::string Snippet(std::string_view text, const PositionedText& column,
                    const std::vector<Instance>& instances, int phrase_count, std::string_view open,
                    std::string_view close, int tokens);

// The snippet of `body` for `query` (instances of the phrases active in the row).
std::string BodySnippet(const FtsQuery& query, std::string_view title, std::string_view body,
                        std::string_view open, std::string_view close);

// ---- PostgreSQL -----------------------------------------------------------------------

// tsvector literal of columns: keys at 1-based positions, a one-position gap between
// columns (no phrase spans two), positions capped at PostgreSQL's 16383 and 255 per key.
std::string TsVector(const std::vector<PositionedText>& columns);
// tsquery literal: (a & b) | c | d with phrases as 'k1' <-> 'k2'; "" when empty.
std::string TsQuery(const FtsQuery& query);

// One ranked row from RankRows: the row's key columns and its integer score
// (BM25 * 1e6, truncated, as SQLite's CAST gives).
struct RankedRow {
  int64_t score = 0;
  std::vector<std::optional<std::string>> values;  // the columns selected before the texts
};

// PostgreSQL: the rows of `table` (search_documents or search_sentences: tsv, tokens)
// that match `query`, each scored with BM25 over its text columns (unsorted). `sql` selects
// `value_columns` columns, then one text column per weight, and has "?1::tsquery" for the
// query; `params` are ?2, ?3, ...
struct RankRequest {
  std::string table, sql;
  int value_columns = 0;
  std::vector<double> weights;
  std::vector<std::string> params;
};
core::Result<std::vector<RankedRow>> RankRows(store::SqlConnection& db, const FtsQuery& query,
                                              const RankRequest& request);

// ---- both backends ---------------------------------------------------------------------

struct SentenceHit {
  std::string doc_id;
  int64_t idx = 0;
  int64_t score = 0;  // BM25 * 1e6
  std::string text, doc_title;
  std::optional<std::string> date;  // the document's
};

// The `limit` sentences that best match any of `terms`, by score, then document and index.
core::Result<std::vector<SentenceHit>> BestSentences(store::SqlConnection& db,
                                                     const std::vector<std::string>& terms,
                                                     int limit);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_FULLTEXT_H_
