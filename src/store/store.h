// store/store.h — stage 6: the durable knowledge base behind one interface.
//
// In:  DocumentRecords from the pipeline (page, article, analysis, resolved entities).
// Out: documents, mentions, entities with aliases, events with participants, queryable by
//      the search stage, the CLI and the server.
// Backends: SQLite (a file path, the default `ketnoi.db`) — PostgreSQL (`postgresql://`
//      URLs) joins behind the same interface. Open() applies versioned migrations; safe to
//      re-run.
// Durability: each PutDocument is one transaction: a document is wholly present with its
//      mentions and events or wholly absent. A single writer may put several documents in
//      one backend transaction (BeginBatch ... CommitBatch; SQLite: a savepoint per
//      document, so a failed document rolls back alone): a crash then loses the uncommitted
//      batch, each of its documents wholly. Re-putting the same content is a no-op; new
//      content from the same source replaces the old document under the same id.
// Curation: Merge/Split/AddAlias/Rename/RejectMention/RejectEvent (resolve/curation.h) apply
//      an editor's correction now, record it with the editor's name and the UTC time (one
//      curation_log row each) and replay it on every later PutDocument, by statements
//      scoped to the document in its transaction, after its rows are written (both backends;
//      SQLite replayed by row triggers before migration 9). A rejected
//      mention (every mention with its surface in that document) or event (its type and
//      evidence text in that document) is deleted, so no query sees it, and stays out.
//      Unknown ids are NotFound; impossible edits (merge into itself, across kinds, empty
//      names) InvalidInput; nothing is written then.
// Entity counts: each write above also keeps the per-entity counts and date-ordered lists of
//      store/entity_stats.h right, in the same transaction (migrations 7 and 8 fill them for
//      an existing database). SQLite, in a batch: a new document's counts and resolver context
//      are summed in memory and written at CommitBatch (LoadResolverMemory reads the unwritten
//      context), unless curation edits could change its rows.
// Resolver memory: LoadKnownEntities gives back, document by document, what the resolver
//      needs to rebuild its cross-document memory in a new process (resolve::Resolver::Recall).
//      The same memory is kept as an index (store/resolver_index.h), updated in every
//      document's and every curation edit's transaction, so an ingest asks only for what
//      one document can match (LoadResolverMemory; resolve::Resolver::Needs/Remember).
//      PutDocument indexes the keys the record's resolution gave (ResolvedDocument::name_keys).
// Thread safety: a Store is used by one thread at a time (one writer); open several for
//      concurrent readers (SQLite runs in WAL mode, so readers never block the writer).
#ifndef KETNOI_STORE_STORE_H_
#define KETNOI_STORE_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/lang.h"
#include "core/span.h"
#include "core/status.h"
#include "extract/annotations.h"
#include "resolve/resolve.h"

namespace ketnoi::store {

struct DocumentRecord {
  std::string id;            // wanted id (file stem); the store makes it unique
  std::string source;        // path as given
  std::string content_hash;  // SHA-256 hex of the original bytes
  std::string format;        // "text" | "html"
  core::Lang lang = core::Lang::kUnknown;
  std::string title;
  std::optional<core::Date> date;
  std::string text;                    // the page as seen (all offsets point here)
  std::vector<core::Span> paragraphs;  // the body
  extract::Analysis analysis;
  resolve::ResolvedDocument resolved;

  // The body text: paragraphs joined by "\n" (derived; stored for search and display).
  std::string Body() const;
};

enum class PutResult { kInserted, kReplaced, kUnchanged };

struct PutOutcome {
  std::string id;  // the id the document has in the store
  PutResult result = PutResult::kInserted;
};

struct Stats {
  int64_t documents = 0;
  std::map<std::string, int64_t> by_language;
  std::map<std::string, int64_t> by_source;  // the folder a page came from
  std::optional<std::string> first_date, last_date;
  int64_t mentions = 0, entities = 0, events = 0;
  std::map<std::string, int64_t> entities_by_kind;
  std::map<std::string, int64_t> events_by_type;
};

struct DocumentSummary {
  std::string id, source, lang, title;
  std::optional<std::string> date;
};

struct StoredDocument {
  DocumentSummary summary;
  std::string content_hash, format, text, body;
};

struct DocumentPage {
  int64_t total = 0;  // documents matching the filter
  std::vector<DocumentSummary> documents;
};

// What a curation edit did, for the person who asked.
struct CurationOutcome {
  std::string entity_id;  // the entity the edit leaves (merge target, split-off id, ...)
  int64_t changed = 0;    // mentions or events moved or hidden
  std::string message;    // one line: "merged A into B (3 mentions)"
};

class SqlRunner;
class ResolverIndexDelta;

class Store {
 public:
  virtual ~Store() = default;

  // A file path (SQLite, created if missing) or a postgresql:// URL.
  static core::Result<std::unique_ptr<Store>> Open(const std::string& location);

  // Id of the document holding exactly this content, if any.
  virtual core::Result<std::optional<std::string>> FindByHash(const std::string& hash) = 0;
  virtual core::Result<PutOutcome> PutDocument(const DocumentRecord& record) = 0;
  // The PutDocuments until CommitBatch share one transaction: one commit (one write of the
  // shared index pages) for many documents. Readers see none of them before CommitBatch.
  // After a failed PutDocument call CommitBatch at once: it keeps the batch's earlier
  // documents, or fails if the backend had to abandon the whole transaction. Backends
  // without batching (PostgreSQL) keep one transaction per document: both are no-ops.
  // SQLite keeps a batch's journals in memory; switching drops the connection's TEMP objects.
  virtual core::Status BeginBatch() { return core::Status::Ok(); }
  virtual core::Status CommitBatch() { return core::Status::Ok(); }
  // Counts for `ketnoi stats` and the dashboard, from one snapshot. Each is a count over an
  // index (entities with a mention: one probe per entity), so it takes ~1 s at 100k
  // documents and takes no write lock.
  core::Result<Stats> GetStats();
  virtual core::Result<std::vector<DocumentSummary>> ListDocuments() = 0;
  // Documents in id order, `offset` skipped, at most `limit`; `lang` empty = every language.
  core::Result<DocumentPage> ListDocumentsPage(const std::string& lang, int limit, int offset);
  virtual core::Result<std::optional<StoredDocument>> GetDocument(const std::string& id) = 0;
  // Calls `per_document` once per stored document, in the order documents were stored, with
  // its mentions in text order (entity id, kind, surface). A mention that curation split off
  // comes under the id it was split from: the resolver gave that id, and the store replays
  // the split on every new row. One pass over the mentions; nothing is resolved again.
  virtual core::Status LoadKnownEntities(
      const std::function<void(const std::vector<resolve::KnownMention>&)>& per_document) = 0;
  // The schema version after migrations.
  virtual int SchemaVersion() const = 0;

  // The resolver index (store/resolver_index.h): what the stored memory holds behind the
  // keys, lexicon keys and ids of `request`.
  core::Result<resolve::StoredMemory> LoadResolverMemory(const resolve::MemoryRequest& request);
  // The resolve::Resolver::NameKeysFingerprint the name keys were indexed with ("" = none).
  core::Result<std::string> NameKeysFingerprint();
  // Indexes again the keys of every stored name, as `keys_of` gives them, under
  // `fingerprint` (a resolver whose keys changed: other name words, places, readings).
  core::Status RewriteNameKeys(
      const std::string& fingerprint,
      const std::function<std::vector<resolve::NameKey>(extract::EntityKind, const std::string&)>&
          keys_of);

  // Curation (see the top of this file); `editor` names who asked, never empty.
  // FROM's mentions join INTO (and every later mention the resolver gives FROM).
  core::Result<CurationOutcome> Merge(const std::string& from, const std::string& into,
                                      const std::string& editor);
  // ID's mentions written exactly one of `surfaces` leave for a new entity.
  core::Result<CurationOutcome> Split(const std::string& id,
                                      const std::vector<std::string>& surfaces,
                                      const std::string& editor);
  // A mention written exactly `name` (of ID's kind) is ID.
  core::Result<CurationOutcome> AddAlias(const std::string& id, const std::string& name,
                                         const std::string& editor);
  core::Result<CurationOutcome> Rename(const std::string& id, const std::string& name,
                                       const std::string& editor);
  // Mention number `mention` of `doc_id` is not an entity: it and every mention written the
  // same in that document go (with their event roles).
  core::Result<CurationOutcome> RejectMention(const std::string& doc_id, int64_t mention,
                                              const std::string& editor);
  // Event number `event` of `doc_id` did not happen as extracted.
  core::Result<CurationOutcome> RejectEvent(const std::string& doc_id, int64_t event,
                                            const std::string& editor);

 protected:
  // The backend's SQL for the backend-neutral operations above.
  virtual SqlRunner& Sql() = 0;
  // Resolver context counts of documents in the open batch not written yet (nullptr: none);
  // LoadResolverMemory reads them as if they were.
  virtual const ResolverIndexDelta* UnwrittenResolverContext() const { return nullptr; }
  // Applies the stored curation edits to document `doc_id`'s rows just written ("Curation"
  // above), in the write's transaction: statements scoped to the document, none when no edit
  // was ever made (store/curation_edits.cc).
  core::Status ReplayCuration(const std::string& doc_id);
  // Builds the resolver index's names and context from the stored mentions unless built
  // (the backfill after migration 6); backends call it once migrations are applied.
  core::Status BuildResolverIndex();
};

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_STORE_H_
