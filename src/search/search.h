// search/search.h — stage 7: asking the knowledge base (search, profiles, events, graph,
// matchmaking) over the store, SQLite or PostgreSQL.
//
// In:  a store database (store/store.h) and queries in vi / zh / en.
// Out: ranked documents with highlighted snippets; entity profiles (aliases per language,
//      roles over time, fields, partners, events, sources; long lists capped at
//      kProfileListCap), read from the store's per-entity counts and date-ordered lists
//      (store/entity_stats.h), so a profile costs the same for 10 mentions or 400,000;
//      filtered events and timelines (one participant: from its date-ordered list; a
//      country: from its own rows), streamed a chunk at a time (ForEachEvent), and counted
//      per period in SQL (EventCounts); the cooperation graph (GraphML / JSON / DOT),
//      built as the events stream by; partners ranked for a stated need,
//      each with reasons and cited evidence sentences (docs/MATCHING.md).
// Index: the project's own tokenizer (search/tokenizer.h): keys are text::SearchKey folds
//      (case, diacritics with đ->d, full-width, Traditional -> Simplified), Chinese is
//      indexed per character plus segmenter words, so partial and cross-script queries
//      match; offsets point into the stored text, so snippets show the original. SQLite
//      holds the tokens in FTS5 tables (tokenizer "ketnoi"; FTS5 also holds each pair of
//      ideographs and each pair of words at consecutive positions, so a Chinese, Vietnamese
//      or English phrase is looked up by its pairs, and a known organization's or place's name by
//      one term: same matches, cheaper; tokenizer.h); PostgreSQL in tsvector columns with GIN
//      indexes (the same keys at the same positions) and names in a pg_trgm index. A query that is
//      exactly an entity's alias searches for it as one phrase (its words scattered over a page do
//      not name it) and also finds its other names (the surfaces of at least 1 in 100 of its
//      mentions that name it on their own: resolution errors and back-references are not names;
//      from the store's per-entity alias counts, store/entity_stats.h, so no mention is read per
//      query). Ranking is the same BM25 on both, ties by id; snippets are made from the same tokens
//      (search/fulltext.h), so both backends give the same answers. SQLite scores FTS5's
//      matches with its own auxiliary function from a table of the index's rows held in
//      memory per KnowledgeBase (doc_id, length, language, date, source: ~300 bytes a
//      document, 30 MB at 100k; reloaded when the index changed): exactly bm25()'s page, filters
//      applied before scoring (search/rank.h). The store queues every inserted/replaced/deleted
//      document (search_queue) in the document's own transaction (SQLite migration 2, PostgreSQL
//      migration 4); UpdateIndex() drains the queue in small transactions. Every query drains
//      it first, so results never miss a committed document, with three exceptions: on
//      PostgreSQL, one another reader is indexing just then; on a read replica, which never
//      indexes (it shows what the primary's readers indexed); and on SQLite, while another
//      process keeps the write lock for more than kQueryLockWait (a running ingest writes batch
//      after batch): the query then answers from the index as it stands, and unindexed() says
//      how many committed documents it could not see. `ketnoi ingest` drains the queue when it
//      is done, so the first query after an ingest finds the index current.
// Errors: unknown entity -> kNotFound; malformed query, date or filter -> kInvalidInput;
//      database problems -> the store's codes (kBusy, kIoError). Never throws.
// Thread safety: one KnowledgeBase per thread (it owns one database connection).
#ifndef KETNOI_SEARCH_SEARCH_H_
#define KETNOI_SEARCH_SEARCH_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "extract/lexicon.h"

namespace ketnoi::store {
class SqlConnection;
class Store;
}  // namespace ketnoi::store

namespace ketnoi::search {

class SqliteRanker;
struct SelectedEvents;
struct TokenizerState;

// ---- full-text search ----------------------------------------------------------------

struct SearchQuery {
  std::string text;      // words (AND), "quoted phrases"; any language/script
  std::string lang;      // "vi" | "zh" | "en" | "" (any)
  std::string from, to;  // inclusive publication dates: YYYY[-MM[-DD]] or ""
  std::string source;    // substring of the document's source path, or ""
  int limit = 20;
  std::string mark_open = "[", mark_close = "]";  // around matched words in snippets
};

struct SearchHit {
  std::string doc_id, title, lang, source;
  std::optional<std::string> date;
  double score = 0;     // higher is better (negated BM25)
  std::string snippet;  // from the body, matches marked
};

// ---- entities ------------------------------------------------------------------------

struct EntityRef {
  std::string id, name, kind;  // kind: organization | person | place
};

struct Alias {
  std::string surface, lang;
  int count = 0;  // mentions
};

struct RoleAt {
  std::string title, doc_id;
  std::optional<std::string> date;  // the document's publication date
};

struct Count {
  std::string key;    // a field id or an entity id
  std::string label;  // display name (entities) or the key
  int count = 0;
};

struct DocumentRef {
  std::string id, title, lang, source;
  std::optional<std::string> date;
  int mentions = 0;
};

// ---- events --------------------------------------------------------------------------

struct EventRow {
  std::string doc_id;
  int idx = 0;
  std::string type, modality;
  std::optional<std::string> date;  // the event's own date, else the document's
  bool date_from_document = false;
  std::optional<EntityRef> place;
  std::vector<EntityRef> participants;
  std::vector<std::string> fields;
  std::string evidence;  // the evidence sentence as in the page
  std::string doc_title;
  // The same act's other reports ("<doc_id>#<idx>", in that order) as grouped by
  // `ketnoi cluster-events`; empty when it has none or events were not clustered.
  std::vector<std::string> other_reports;
};

struct EventFilter {
  std::vector<std::string> participants;  // names or ids; an event needs one of each
  std::vector<std::string> countries;     // names, ISO codes or ids; an event must involve
                                          // every one (participant, place or a mention in
                                          // the evidence sentence)
  std::string field, type, modality;      // exact ids, or ""
  std::string from, to;                   // YYYY[-MM[-DD]] on the event date, or ""
  int limit = 0;                          // 0 = all
  bool one_per_act = false;  // one row per act (its first report by date) once events are
                             // clustered, so several pages on one signing count once
  bool with_texts = true;    // false: no evidence or doc_title (counts and graphs: slicing
                             // each event's evidence reads its whole page)
};

// Events of one period and their types (timelines).
struct PeriodCount {
  std::string period;                  // YYYY, or YYYY-MM by month
  int count = 0;                       // all its events
  std::map<std::string, int> by_type;  // event type -> events
};

// The most rows a profile lists of its roles, partners, events and documents: the
// most-mentioned entities of a large database have hundreds of thousands. Roles, events and
// documents are the first ones by date, partners the ones sharing the most events; aliases
// and fields are complete, and field counts cover all of the entity's events and documents.
inline constexpr int kProfileListCap = 1000;

struct EntityProfile {
  EntityRef entity;
  std::string place_type, lexicon_key;
  std::vector<Alias> aliases;           // grouped by document language, most used first
  std::vector<RoleAt> roles;            // by date, at most kProfileListCap
  std::vector<Count> fields;            // fields of its events and documents, most first
  std::vector<Count> partners;          // co-participants in events, most first, at most the cap
  std::vector<EventRow> events;         // by date, at most kProfileListCap
  std::vector<DocumentRef> documents;   // by date, at most kProfileListCap
  std::vector<EntityRef> also_matched;  // other entities the name could mean
};

// ---- graph ---------------------------------------------------------------------------

struct GraphEdge {
  std::string source, target;      // entity ids, source < target
  int count = 0;                   // events they share
  std::vector<std::string> types;  // distinct event types
  std::vector<std::string> dates;  // distinct event dates, sorted
};

struct Graph {
  std::vector<EntityRef> nodes;  // sorted by id
  std::vector<GraphEdge> edges;  // sorted by (source, target)
};

std::string GraphToGraphMl(const Graph& graph);
std::string GraphToJson(const Graph& graph);
std::string GraphToDot(const Graph& graph);

// ---- matchmaking (docs/MATCHING.md) --------------------------------------------------

struct MatchQuery {
  std::string need;     // "đào tạo thiết kế chip", "green hydrogen pilot plant"
  std::string country;  // the asking side (name/ISO/id), or "" — ties to it count
  std::string field;    // a field id to add to those found in the need
  int limit = 10;
};

struct Evidence {
  std::string doc_id, doc_title, sentence;
  std::optional<std::string> date;
  std::string why;  // "chip_design proposal", "mentions: thiết kế chip"
};

struct MatchResult {
  EntityRef entity;
  double score = 0;
  std::vector<std::string> reasons;  // one line each, strongest first
  std::vector<Evidence> evidence;    // best first, at most 5
};

struct MatchReport {
  std::vector<std::string> fields;  // parsed from the need (+ --field)
  std::vector<std::string> terms;   // key terms searched for
  std::vector<MatchResult> results;
};

// ---- the query side ------------------------------------------------------------------

class KnowledgeBase {
 public:
  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  // Opens (creating/migrating if needed) the database at `location` (an SQLite file or a
  // postgresql:// URL, as store::Store::Open) and prepares the search tables (a write only
  // when they are missing or built by another tokenizer version). Queued documents are
  // indexed by the first query or UpdateIndex().
  static core::Result<std::unique_ptr<KnowledgeBase>> Open(const std::string& location);
  // Same, but a missing file is kNotFound ("no database at PATH") instead of a new one:
  // what query commands want.
  static core::Result<std::unique_ptr<KnowledgeBase>> OpenExisting(const std::string& location);

  // Indexes queued documents, waiting as long as another writer needs; returns how many were
  // (re)indexed or removed. SQLite: with `threads` > 1, threads - 1 helpers tokenize the next
  // documents while one is indexed (the index is the same with any number).
  core::Result<int> UpdateIndex(int threads = 1);
  // Committed documents the last query could not see: another writer held the lock for
  // longer than kQueryLockWait while they waited to be indexed. 0 when the index was current.
  int64_t unindexed() const { return unindexed_; }
  static constexpr std::chrono::milliseconds kQueryLockWait{2000};

  core::Result<std::vector<SearchHit>> Search(const SearchQuery& query);

  // Entities an id, ISO/lexicon key or name (any alias, diacritics/case/script folded)
  // refers to, most mentioned first. Empty when none.
  core::Result<std::vector<EntityRef>> FindEntities(const std::string& name_or_id);
  core::Result<EntityProfile> Profile(const std::string& name_or_id);

  // Events by date (undated last), then document and index.
  core::Result<std::vector<EventRow>> Events(const EventFilter& filter);
  // The same events in the same order, each given to `on_event` as it is ready, until it
  // returns false: a listing of every event holds a thousand at a time (on SQLite; the
  // PostgreSQL client receives the main query's rows, without participants, whole).
  core::Status ForEachEvent(const EventFilter& filter,
                            const std::function<bool(EventRow&&)>& on_event);
  core::Result<Graph> CooperationGraph(const EventFilter& filter);
  // How many of the events ForEachEvent gives fall in each period (year, or month with
  // `by_month`), by type, periods in order; events dated less precisely than the period
  // are left out. Counted in SQL when no event needs a check after it (one participant or
  // country group at most, no limit).
  core::Result<std::vector<PeriodCount>> EventCounts(const EventFilter& filter, bool by_month);

  core::Result<MatchReport> Match(const MatchQuery& query, const extract::Lexicons& lexicons);

  // The store it reads (documents, stats) and its SQL connection, for readers outside this
  // stage (the server's document view).
  store::Store& store() { return *store_; }
  store::SqlConnection& sql() { return *sql_; }

 private:
  KnowledgeBase(std::unique_ptr<store::Store> store, std::unique_ptr<store::SqlConnection> sql);
  core::Status Prepare();
  // SQLite: gives the tokenizer the names the index was built with (search_names).
  core::Status ReadIndexedNames();
  // Indexes queued documents; with `lock_wait`, gives up (kBusy) when a transaction cannot
  // begin in that time.
  core::Result<int> DrainQueue(std::optional<std::chrono::milliseconds> lock_wait, int threads);
  // What every query runs first: DrainQueue bounded by kQueryLockWait; when the lock stays
  // taken, the query goes on with the index as it stands and unindexed_ counts the rest.
  core::Status CatchUpIndex();
  core::Result<std::vector<std::string>> ResolveIds(const std::string& name_or_id,
                                                    bool countries_only);
  // ForEachEvent, in date order or, for aggregates that need none (the graph), in the order
  // the rows are stored: sorting every event by date is a third of a whole graph's time.
  // `selected` is SelectEvents(filter)'s, made once by the caller.
  core::Status StreamEvents(const EventFilter& filter, const SelectedEvents& selected,
                            bool in_order, const std::function<bool(EventRow&&)>& on_event);
  // The SQL that selects a filter's events before the checks made per event (events.cc).
  core::Result<SelectedEvents> SelectEvents(const EventFilter& filter);

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::SqlConnection> sql_;  // borrows store_'s connection: declared after
  std::unique_ptr<SqliteRanker> ranker_;       // SQLite: ranks search pages (search/rank.h)
  // SQLite: what the connection's tokenizer reads (the index's names; search/tokenizer.h).
  std::shared_ptr<TokenizerState> tokenizer_state_;
  bool replica_ = false;  // a PostgreSQL standby: read-only, the primary's readers index
  int64_t unindexed_ = 0;
};

// Checks and canonicalizes a date bound: "2024", "2024-06", "2024-06-25"; "" stays "".
core::Result<std::string> NormalizeDateBound(const std::string& s);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_SEARCH_H_
