// The SQLite search page: FTS5 matches, scored by `ketnoi_rank` from an in-memory table of
// the index's rows (search/rank.h).
#include "search/rank.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

namespace ketnoi::search {
namespace {

// FTS5's bm25() constants and this index's column weights: doc_id (unindexed), title, body.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kColumnWeights[] = {0.0, 4.0, 1.0};
// FTS5's structure record (fts5_index.c FTS5_STRUCTURE_ROWID): rewritten by every change.
constexpr std::string_view kStructureSql = "SELECT block FROM search_documents_data WHERE id = 10";
constexpr std::string_view kRankSql =
    "SELECT ketnoi_rank(search_documents) FROM search_documents WHERE search_documents MATCH ?1";

struct IndexedRow {
  int64_t rowid = 0;
  int64_t length = 0;  // tokens in all columns, as xColumnSize(-1)
  std::string doc_id, lang, source;
  std::optional<std::string> published;
};

// A prepared statement, finalized when it goes.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

core::Status Prepare(sqlite3* db, std::string_view sql, Statement* out) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &out->stmt, nullptr) !=
      SQLITE_OK) {
    return core::Internal(std::string("search ranking: ") + sqlite3_errmsg(db));
  }
  return core::Status::Ok();
}

std::string ColumnText(sqlite3_stmt* stmt, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, col))) : std::string();
}

// The sum of the varints (SQLite's format, as FTS5 writes its docsize records) in `blob`.
int64_t SumOfVarints(const unsigned char* blob, int size) {
  int64_t sum = 0, value = 0;
  for (int i = 0; i < size; ++i) {
    value = (value << 7) | (blob[i] & 0x7f);
    if ((blob[i] & 0x80) == 0) {
      sum += value;
      value = 0;
    }
  }
  return sum;
}

bool Passes(const IndexedRow& row, const PageFilter& filter) {
  if (!filter.lang.empty() && row.lang != filter.lang) return false;
  if (!filter.from.empty() && (!row.published || *row.published < filter.from)) return false;
  if (!filter.to.empty() &&
      (!row.published || row.published->substr(0, filter.to.size()) > filter.to)) {
    return false;
  }
  if (!filter.source.empty() && row.source.find(filter.source) == std::string::npos) return false;
  return true;
}

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* count) {
  ++*static_cast<int64_t*>(count);
  return SQLITE_OK;
}

void RankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
                  sqlite3_value**);

}  // namespace

struct SqliteRanker::Impl {
  sqlite3* db = nullptr;
  Statement rank;

  // The index's rows by rowid, as of `structure`.
  bool loaded = false;
  std::string structure;
  std::vector<IndexedRow> rows;

  // The query being ranked.
  const PageFilter* filter = nullptr;
  const std::vector<bool>* counted_by_matches = nullptr;
  size_t limit = 0;
  bool started = false;
  bool stale = false;     // a row missing from `rows`: reload and rank again
  bool deferred = false;  // some IDF is known only after the last match: score then
  sqlite3_int64 row_count = 0;
  std::vector<double> idf, freq;
  std::vector<int64_t> hits;  // matches holding each phrase counted by matches
  double average_length = 0;
  size_t hint = 0;
  std::vector<size_t> pending_rows;              // deferred: the rows passing the filter...
  std::vector<double> pending_freq;              // ...and their phrase frequencies, row-major
  std::vector<std::pair<int64_t, size_t>> kept;  // (score, row), a heap: worst on top

  // (score, row) a before b: higher score, then smaller doc_id.
  bool Better(const std::pair<int64_t, size_t>& a, const std::pair<int64_t, size_t>& b) const {
    if (a.first != b.first) return a.first > b.first;
    return rows[a.second].doc_id < rows[b.second].doc_id;
  }

  core::Status Refresh() {
    Statement q;
    KETNOI_RETURN_IF_ERROR(Prepare(db, kStructureSql, &q));
    std::string now;
    if (sqlite3_step(q.stmt) == SQLITE_ROW) {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(q.stmt, 0));
      now.assign(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(q.stmt, 0)));
    }
    if (loaded && now == structure) return core::Status::Ok();
    loaded = false;
    rows.clear();
    Statement r;
    KETNOI_RETURN_IF_ERROR(
        Prepare(db, "SELECT doc_row, doc_id, lang, published, source FROM search_rows", &r));
    while (sqlite3_step(r.stmt) == SQLITE_ROW) {
      IndexedRow row;
      row.rowid = sqlite3_column_int64(r.stmt, 0);
      row.doc_id = ColumnText(r.stmt, 1);
      row.lang = ColumnText(r.stmt, 2);
      if (sqlite3_column_type(r.stmt, 3) != SQLITE_NULL) row.published = ColumnText(r.stmt, 3);
      row.source = ColumnText(r.stmt, 4);
      rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(),
              [](const IndexedRow& a, const IndexedRow& b) { return a.rowid < b.rowid; });
    Statement s;
    KETNOI_RETURN_IF_ERROR(
        Prepare(db, "SELECT id, sz FROM search_documents_docsize ORDER BY id", &s));
    size_t at = 0;
    while (sqlite3_step(s.stmt) == SQLITE_ROW) {
      int64_t id = sqlite3_column_int64(s.stmt, 0);
      while (at < rows.size() && rows[at].rowid < id) ++at;
      if (at == rows.size()) break;
      if (rows[at].rowid != id) continue;
      rows[at].length =
          SumOfVarints(static_cast<const unsigned char*>(sqlite3_column_blob(s.stmt, 1)),
                       sqlite3_column_bytes(s.stmt, 1));
    }
    structure = std::move(now);
    loaded = true;
    return core::Status::Ok();
  }

  // The row of `rowid` (FTS5 returns ascending rowids: start from the last one found). A
  // name query matches most rows, so the next match is a few rows on: gallop from the last
  // one (1, 2, 4, ... rows) before the binary search, which then reads a few cache lines
  // instead of log2(100k) scattered ones.
  const IndexedRow* Find(int64_t rowid) {
    if (hint >= rows.size() || rows[hint].rowid > rowid) hint = 0;
    size_t end = hint + 1;
    for (size_t step = 1; end < rows.size() && rows[end].rowid < rowid; step *= 2) {
      end = std::min(rows.size(), end + step);
    }
    auto it =
        std::lower_bound(rows.begin() + static_cast<std::ptrdiff_t>(hint),
                         rows.begin() + static_cast<std::ptrdiff_t>(std::min(end + 1, rows.size())),
                         rowid, [](const IndexedRow& r, int64_t id) { return r.rowid < id; });
    if (it == rows.end() || it->rowid != rowid) return nullptr;
    hint = static_cast<size_t>(it - rows.begin());
    return &*it;
  }

  // FTS5's bm25(): IDF per phrase log((N - n + 0.5) / (n + 0.5)) floored at 1e-6 (n = rows
  // holding the phrase), average length over all rows. FTS5 counts n by running each phrase
  // as a query of its own (xQueryPhrase): a second pass over its matches. When every row
  // holding the phrase matches the query (the query is that phrase, or the phrase is one
  // branch of an OR), n is counted from the matches instead, and scores wait for the end.
  static double Idf(sqlite3_int64 rows, int64_t n) {
    double v = std::log((rows - n + 0.5) / (n + 0.5));
    return v <= 0.0 ? 1e-6 : v;
  }

  int Start(const Fts5ExtensionApi* api, Fts5Context* fts) {
    core::Status st = Refresh();
    if (!st.ok()) return SQLITE_ERROR;
    const auto phrases = static_cast<size_t>(api->xPhraseCount(fts));
    sqlite3_int64 token_count = 0;
    int rc = api->xRowCount(fts, &row_count);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &token_count);
    if (rc != SQLITE_OK) return rc;
    average_length = static_cast<double>(token_count) / static_cast<double>(row_count);
    idf.assign(phrases, 0.0);
    freq.assign(phrases, 0.0);
    hits.assign(phrases, 0);
    deferred = false;
    for (size_t i = 0; i < phrases; ++i) {
      if (i < counted_by_matches->size() && (*counted_by_matches)[i]) {
        deferred = true;
        continue;
      }
      int64_t n = 0;
      rc = api->xQueryPhrase(fts, static_cast<int>(i), &n, CountRow);
      if (rc != SQLITE_OK) return rc;
      idf[i] = Idf(row_count, n);
    }
    started = true;
    return SQLITE_OK;
  }

  int OnRow(const Fts5ExtensionApi* api, Fts5Context* fts) {
    if (!started) {
      int rc = Start(api, fts);
      if (rc != SQLITE_OK) return rc;
    }
    const IndexedRow* row = Find(api->xRowid(fts));
    if (row == nullptr) {
      stale = true;
      return SQLITE_OK;
    }
    const bool passes = Passes(*row, *filter);
    if (!passes && !deferred) return SQLITE_OK;
    // Instances per phrase, weighted by column (FTS5's bm25() sums the same weights over
    // xInst; the weights are small integers, so the order of the sum does not matter).
    std::fill(freq.begin(), freq.end(), 0.0);
    for (size_t i = 0; i < freq.size(); ++i) {
      const bool counted = deferred && i < counted_by_matches->size() && (*counted_by_matches)[i];
      if (!passes && !counted) continue;
      Fts5PhraseIter it;
      int col = 0, off = 0;
      int rc = api->xPhraseFirst(fts, static_cast<int>(i), &it, &col, &off);
      if (rc != SQLITE_OK) return rc;
      if (counted && col >= 0) ++hits[i];
      if (!passes) continue;
      for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
        freq[i] += col < 3 ? kColumnWeights[col] : 1.0;
      }
    }
    if (!passes) return SQLITE_OK;
    const auto at = static_cast<size_t>(row - rows.data());
    if (deferred) {
      pending_rows.push_back(at);
      pending_freq.insert(pending_freq.end(), freq.begin(), freq.end());
      return SQLITE_OK;
    }
    Keep(Score(freq.data(), row->length), at);
    return SQLITE_OK;
  }

  // After the last match: the counted IDFs, then the deferred rows' scores.
  void Finish() {
    if (!started || !deferred) return;
    for (size_t i = 0; i < idf.size(); ++i) {
      if (i < counted_by_matches->size() && (*counted_by_matches)[i]) {
        idf[i] = Idf(row_count, hits[i]);
      }
    }
    for (size_t k = 0; k < pending_rows.size(); ++k) {
      Keep(Score(&pending_freq[k * idf.size()], rows[pending_rows[k]].length), pending_rows[k]);
    }
  }

  // BM25 * 1e6 as CAST(-bm25(...) * 1000000 AS INTEGER) gives it: same steps, same rounding.
  int64_t Score(const double* f, int64_t tokens) const {
    const double length = static_cast<double>(tokens);
    double score = 0.0;
    for (size_t i = 0; i < idf.size(); ++i) {
      score +=
          idf[i] * ((f[i] * (kK1 + 1.0)) / (f[i] + kK1 * (1 - kB + kB * length / average_length)));
    }
    return static_cast<int64_t>(score * 1000000);
  }

  void Keep(int64_t score, size_t at) {
    std::pair<int64_t, size_t> hit{score, at};
    auto worse = [this](const auto& a, const auto& b) { return Better(a, b); };
    if (kept.size() < limit) {
      kept.push_back(hit);
      std::push_heap(kept.begin(), kept.end(), worse);
    } else if (Better(hit, kept.front())) {
      std::pop_heap(kept.begin(), kept.end(), worse);
      kept.back() = hit;
      std::push_heap(kept.begin(), kept.end(), worse);
    }
  }
};

namespace {

void RankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
                  sqlite3_value**) {
  auto* impl = static_cast<SqliteRanker::Impl*>(api->xUserData(fts));
  int rc = SQLITE_ERROR;
  try {  // no C++ exception may cross into SQLite
    rc = impl->OnRow(api, fts);
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  } catch (...) {
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK) {
    sqlite3_result_null(ctx);
  } else {
    sqlite3_result_error_code(ctx, rc);
  }
}

}  // namespace

SqliteRanker::SqliteRanker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteRanker::~SqliteRanker() = default;

core::Result<std::unique_ptr<SqliteRanker>> SqliteRanker::Create(sqlite3* db) {
  auto impl = std::make_unique<Impl>();
  impl->db = db;
  fts5_api* api = nullptr;
  {
    Statement q;
    KETNOI_RETURN_IF_ERROR(Prepare(db, "SELECT fts5(?1)", &q));
    sqlite3_bind_pointer(q.stmt, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(q.stmt);
  }
  if (api == nullptr || api->iVersion < 2) return core::Unsupported("this SQLite has no FTS5 API");
  if (api->xCreateFunction(api, "ketnoi_rank", impl.get(), RankFunction, nullptr) != SQLITE_OK) {
    return core::Internal(std::string("cannot register ketnoi_rank: ") + sqlite3_errmsg(db));
  }
  KETNOI_RETURN_IF_ERROR(Prepare(db, kRankSql, &impl->rank));
  return std::unique_ptr<SqliteRanker>(new SqliteRanker(std::move(impl)));
}

core::Result<std::vector<std::pair<std::string, int64_t>>> SqliteRanker::Page(
    const std::string& match, const std::vector<bool>& counted_by_matches, const PageFilter& filter,
    int limit) {
  Impl& m = *impl_;
  for (int attempt = 0;; ++attempt) {
    m.filter = &filter;
    m.counted_by_matches = &counted_by_matches;
    m.pending_rows.clear();
    m.pending_freq.clear();
    m.limit = static_cast<size_t>(std::max(0, limit));
    m.started = false;
    m.stale = false;
    m.kept.clear();
    sqlite3_reset(m.rank.stmt);
    sqlite3_bind_text(m.rank.stmt, 1, match.data(), static_cast<int>(match.size()),
                      SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(m.rank.stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errmsg(m.db);
      sqlite3_reset(m.rank.stmt);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return core::Busy("search: " + message);
      return core::Internal("search: " + message);
    }
    sqlite3_reset(m.rank.stmt);
    // A row the table does not hold means it was read at another state of the index than
    // the statement's (it cannot be, as it is read in the statement's snapshot): read again.
    if (!m.stale || attempt > 0) break;
    m.loaded = false;
  }
  m.Finish();
  m.pending_rows.clear();
  m.pending_freq.clear();
  std::sort(m.kept.begin(), m.kept.end(),
            [&m](const auto& a, const auto& b) { return m.Better(a, b); });
  std::vector<std::pair<std::string, int64_t>> page;
  for (const auto& [score, row] : m.kept) page.emplace_back(m.rows[row].doc_id, score);
  return page;
}

}  // namespace ketnoi::search
