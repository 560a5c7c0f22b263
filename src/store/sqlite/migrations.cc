#include "store/sqlite/migrations.h"

#include "store/entity_stats.h"

namespace ketnoi::store {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "documents, mentions, entities, events", R"sql(
CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  source        TEXT NOT NULL,
  content_hash  TEXT NOT NULL UNIQUE,
  format        TEXT NOT NULL,
  lang          TEXT NOT NULL,
  title         TEXT NOT NULL,
  published     TEXT,            -- YYYY-MM-DD
  text          TEXT NOT NULL,   -- the page as seen; every offset points here
  body          TEXT NOT NULL,   -- derived: paragraphs joined by newlines
  paragraphs    TEXT NOT NULL,   -- JSON [[begin,end],...] byte spans into text
  ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
  doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  begin_byte INTEGER NOT NULL,
  end_byte   INTEGER NOT NULL,
  paragraph  INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
  id          TEXT PRIMARY KEY,   -- "<kind>:<key>", stable across documents
  kind        TEXT NOT NULL,      -- organization | person | place
  name        TEXT NOT NULL,
  place_type  TEXT NOT NULL DEFAULT '',
  lexicon_key TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mentions (
  doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  entity_id   TEXT NOT NULL REFERENCES entities(id),
  kind        TEXT NOT NULL,
  begin_byte  INTEGER NOT NULL,
  end_byte    INTEGER NOT NULL,
  surface     TEXT NOT NULL,
  sentence    INTEGER NOT NULL,
  antecedent  INTEGER NOT NULL,
  roles       TEXT NOT NULL DEFAULT '[]',   -- JSON [{"title":..,"begin":..,"end":..}]
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE document_fields (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field  TEXT NOT NULL,
  rank   INTEGER NOT NULL,
  PRIMARY KEY (doc_id, field)
) WITHOUT ROWID;
CREATE INDEX document_fields_field ON document_fields(field);

CREATE TABLE events (
  doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  type          TEXT NOT NULL,
  modality      TEXT NOT NULL,
  date          TEXT,
  end_date      TEXT,
  place_entity  TEXT,
  sentence      INTEGER NOT NULL,
  evidence_begin INTEGER NOT NULL,
  evidence_end   INTEGER NOT NULL,
  trigger_begin  INTEGER NOT NULL,
  trigger_end    INTEGER NOT NULL,
  fields        TEXT NOT NULL DEFAULT '[]',  -- JSON array of field ids
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_participants (
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  mention_idx INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  PRIMARY KEY (doc_id, event_idx, mention_idx),
  FOREIGN KEY (doc_id, event_idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_participants_entity ON event_participants(entity_id);
)sql"},
      // Owned by the search stage (src/search/search.h): the FTS5 tables need the "ketnoi"
      // tokenizer, which only the search stage registers, so the store only queues changed
      // documents here, inside the document's own transaction; search drains the queue.
      {2, "search queue and query indexes", R"sql(
CREATE TABLE search_queue (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER search_queue_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO search_queue (doc_id) VALUES (NEW.id);
END;
CREATE TRIGGER search_queue_delete AFTER DELETE ON documents BEGIN
  INSERT OR IGNORE INTO search_queue (doc_id) VALUES (OLD.id);
END;
CREATE TRIGGER search_queue_update AFTER UPDATE ON documents BEGIN
  INSERT OR IGNORE INTO search_queue (doc_id) VALUES (OLD.id);
  INSERT OR IGNORE INTO search_queue (doc_id) VALUES (NEW.id);
END;
INSERT OR IGNORE INTO search_queue (doc_id) SELECT id FROM documents;
CREATE INDEX events_place ON events(place_entity);
CREATE INDEX mentions_doc_sentence ON mentions(doc_id, sentence);
)sql"},
      // Owned by the resolve stage (src/resolve/curation.h): a person's corrections to
      // resolution, replayed by triggers on every (re-)ingested row (by the writer since
      // migration 9), and the cross-document
      // event clusters (src/resolve/event_clusters.h).
      {3, "curation and event clusters", R"sql(
CREATE TABLE curation_merges (
  from_id    TEXT PRIMARY KEY,     -- an entity id the resolver may produce again
  into_id    TEXT NOT NULL,        -- the surviving entity (chains resolved when written)
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE curation_splits (
  entity_id  TEXT NOT NULL,        -- mentions of this entity...
  surface    TEXT NOT NULL,        -- ...with exactly this surface...
  new_id     TEXT NOT NULL,        -- ...belong to this entity
  created_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, surface)
) WITHOUT ROWID;
CREATE TABLE curation_renames (
  entity_id  TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_aliases (
  entity_id  TEXT NOT NULL,
  name       TEXT NOT NULL,        -- a mention with exactly this surface is this entity
  created_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_name ON entity_aliases(name);

-- Replay on every new mention: split (of the entity or of what it merged into) or alias
-- first, then merge.
CREATE TRIGGER curation_mention_insert AFTER INSERT ON mentions
WHEN EXISTS (SELECT 1 FROM curation_splits WHERE surface = NEW.surface AND entity_id IN
              (NEW.entity_id, (SELECT into_id FROM curation_merges WHERE from_id = NEW.entity_id)))
  OR EXISTS (SELECT 1 FROM entity_aliases WHERE name = NEW.surface)
  OR EXISTS (SELECT 1 FROM curation_merges WHERE from_id = NEW.entity_id)
BEGIN
  UPDATE mentions SET entity_id = COALESCE(
      (SELECT new_id FROM curation_splits WHERE surface = NEW.surface AND entity_id IN
         (NEW.entity_id, (SELECT into_id FROM curation_merges WHERE from_id = NEW.entity_id))),
      (SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
        WHERE a.name = NEW.surface AND e.kind = NEW.kind ORDER BY a.created_at LIMIT 1),
      NEW.entity_id)
  WHERE doc_id = NEW.doc_id AND idx = NEW.idx;
  UPDATE mentions SET entity_id = (SELECT into_id FROM curation_merges WHERE from_id = mentions.entity_id)
  WHERE doc_id = NEW.doc_id AND idx = NEW.idx
    AND entity_id IN (SELECT from_id FROM curation_merges);
END;
-- Participants follow their mention (inserted after the mentions of the same document).
CREATE TRIGGER curation_participant_insert AFTER INSERT ON event_participants
WHEN (SELECT entity_id FROM mentions WHERE doc_id = NEW.doc_id AND idx = NEW.mention_idx)
     IS NOT NEW.entity_id
BEGIN
  UPDATE event_participants
  SET entity_id = (SELECT entity_id FROM mentions WHERE doc_id = NEW.doc_id AND idx = NEW.mention_idx)
  WHERE doc_id = NEW.doc_id AND event_idx = NEW.event_idx AND mention_idx = NEW.mention_idx;
END;
CREATE TRIGGER curation_event_place_insert AFTER INSERT ON events
WHEN NEW.place_entity IN (SELECT from_id FROM curation_merges)
BEGIN
  UPDATE events SET place_entity = (SELECT into_id FROM curation_merges WHERE from_id = NEW.place_entity)
  WHERE doc_id = NEW.doc_id AND idx = NEW.idx;
END;
CREATE TRIGGER curation_entity_insert AFTER INSERT ON entities
WHEN EXISTS (SELECT 1 FROM curation_renames WHERE entity_id = NEW.id)
BEGIN
  UPDATE entities SET name = (SELECT name FROM curation_renames WHERE entity_id = NEW.id)
  WHERE id = NEW.id;
END;

-- One row per event: the cluster of events (across documents) that report the same act.
CREATE TABLE event_clusters (
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  cluster_id TEXT NOT NULL,        -- "<doc_id>#<event_idx>" of the cluster's first event
  PRIMARY KEY (doc_id, event_idx),
  FOREIGN KEY (doc_id, event_idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id);
)sql"},
      // Owned by the store's curation edits (store.h, store/curation_edits.cc): who made
      // each edit, rejected mentions and events, and the append-only log of edits. A rejected
      // row is skipped (RAISE(IGNORE)) when a re-ingest inserts it again; an event role whose
      // event or mention was skipped goes with it.
      {4, "curation editors, rejections and log", R"sql(
ALTER TABLE curation_merges ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE curation_splits ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE curation_renames ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN editor TEXT NOT NULL DEFAULT '';
CREATE TABLE curation_rejected_mentions (
  doc_id     TEXT NOT NULL,        -- in this document...
  surface    TEXT NOT NULL,        -- ...text written exactly so is not an entity
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  PRIMARY KEY (doc_id, surface)
) WITHOUT ROWID;
CREATE TABLE curation_rejected_events (
  doc_id     TEXT NOT NULL,        -- in this document...
  type       TEXT NOT NULL,        -- ...no event of this type...
  evidence   TEXT NOT NULL,        -- ...with exactly this evidence text
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  PRIMARY KEY (doc_id, type, evidence)
) WITHOUT ROWID;
CREATE TABLE curation_log (
  seq        INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  action     TEXT NOT NULL,        -- merge | split | alias | rename | reject-mention | reject-event
  detail     TEXT NOT NULL         -- the edit's one-line outcome
);
CREATE TRIGGER curation_rejected_mention_insert BEFORE INSERT ON mentions
WHEN EXISTS (SELECT 1 FROM curation_rejected_mentions
             WHERE doc_id = NEW.doc_id AND surface = NEW.surface)
BEGIN
  SELECT RAISE(IGNORE);
END;
-- Offsets are bytes: compare byte slices (substr on a BLOB counts bytes).
CREATE TRIGGER curation_rejected_event_insert BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM curation_rejected_events r JOIN documents d ON d.id = r.doc_id
             WHERE r.doc_id = NEW.doc_id AND r.type = NEW.type
               AND substr(CAST(d.text AS BLOB), NEW.evidence_begin + 1,
                          NEW.evidence_end - NEW.evidence_begin) = CAST(r.evidence AS BLOB))
BEGIN
  SELECT RAISE(IGNORE);
END;
CREATE TRIGGER curation_orphan_participant_insert BEFORE INSERT ON event_participants
WHEN NOT EXISTS (SELECT 1 FROM events WHERE doc_id = NEW.doc_id AND idx = NEW.event_idx)
  OR NOT EXISTS (SELECT 1 FROM mentions WHERE doc_id = NEW.doc_id AND idx = NEW.mention_idx)
BEGIN
  SELECT RAISE(IGNORE);
END;
)sql"},
      {5, "mentions by entity and surface", R"sql(
-- An entity's names and their counts from the index alone (search's alias expansion)
-- instead of a row read per mention; the entity_id prefix serves what mentions_entity did.
CREATE INDEX mentions_entity_surface ON mentions(entity_id, surface, antecedent);
DROP INDEX mentions_entity;
)sql"},
      // Owned by the resolver index (store/resolver_index.h): the resolver's memory by key,
      // so an ingest loads only what a document can match. Filled from the stored mentions
      // by Store::BuildResolverIndex right after this migration (resolver_state 'index').
      {6, "resolver index", R"sql(
CREATE TABLE resolver_names (
  entity_id TEXT NOT NULL,          -- the id the resolver gave
  kind      TEXT NOT NULL,
  surface   TEXT NOT NULL,
  mentions  INTEGER NOT NULL,       -- stored mentions of this entity written so
  PRIMARY KEY (entity_id, kind, surface)
) WITHOUT ROWID;
CREATE INDEX resolver_names_surface ON resolver_names(surface, kind);
CREATE TABLE resolver_keys (
  kind      TEXT NOT NULL,
  surface   TEXT NOT NULL,
  key       TEXT NOT NULL,          -- resolve::NameKey::key
  weight    REAL NOT NULL,
  full_name INTEGER NOT NULL,
  PRIMARY KEY (kind, surface, key)
) WITHOUT ROWID;
CREATE INDEX resolver_keys_key ON resolver_keys(key);
CREATE TABLE resolver_context (
  entity_id TEXT NOT NULL,
  anchor    TEXT NOT NULL,          -- resolve::ContextAnchor of an entity named with it
  documents INTEGER NOT NULL,
  PRIMARY KEY (entity_id, anchor)
) WITHOUT ROWID;
CREATE TABLE resolver_state (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entities_lexicon_key ON entities(lexicon_key);
)sql"},
      // Owned by the store (store/entity_stats.h): per-entity counts and date-ordered lists,
      // kept by the store's writes and curation edits, read by entity profiles. The lists
      // are created in migration 11's layout, since the backfill is today's writer; on a
      // database that had them before, migration 11 rebuilds them.
      {7, "per-entity counts and lists", R"sql(
CREATE TABLE entity_alias_counts (
  entity_id  TEXT NOT NULL,
  lang       TEXT NOT NULL,      -- the language of the documents
  surface    TEXT NOT NULL,
  mentions   INTEGER NOT NULL,
  PRIMARY KEY (entity_id, lang, surface)
) WITHOUT ROWID;
CREATE TABLE entity_partners (
  entity_id  TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  events     INTEGER NOT NULL,     -- distinct events both take part in
  PRIMARY KEY (entity_id, partner_id)
) WITHOUT ROWID;
CREATE TABLE entity_fields (
  entity_id  TEXT NOT NULL,
  field      TEXT NOT NULL,
  count      INTEGER NOT NULL,     -- documents mentioning it with the field + its events in it
  PRIMARY KEY (entity_id, field)
) WITHOUT ROWID;
-- Keyed by month, then by when the row was written (migration 11's layout: see there).
CREATE TABLE entity_documents (
  entity_id     TEXT NOT NULL,
  undated       INTEGER NOT NULL,  -- 1: the document has no publication date
  month         INTEGER NOT NULL,  -- YYYYMM of published; 0 when undated
  written       INTEGER NOT NULL,  -- when the row was written, microseconds since 1970
  doc_id        TEXT NOT NULL,
  published     TEXT NOT NULL,     -- YYYY-MM-DD, '' when undated
  mentions      INTEGER NOT NULL,
  role_mentions INTEGER NOT NULL,  -- of those mentions, the ones with roles
  PRIMARY KEY (entity_id, undated, month, written, doc_id)
) WITHOUT ROWID;
CREATE INDEX entity_documents_doc ON entity_documents(doc_id);
CREATE TABLE entity_events (
  entity_id  TEXT NOT NULL,
  undated    INTEGER NOT NULL,     -- 1: neither the event nor its document has a date
  month      INTEGER NOT NULL,     -- YYYYMM of date; 0 when undated
  written    INTEGER NOT NULL,     -- when the row was written, microseconds since 1970
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  date       TEXT NOT NULL,        -- the event's date, else the document's; '' when undated
  PRIMARY KEY (entity_id, undated, month, written, doc_id, event_idx)
) WITHOUT ROWID;
CREATE INDEX entity_events_event ON entity_events(doc_id, event_idx);
)sql",
       &entity_stats::Backfill},
      // Owned by the store (store/entity_stats.h): of an alias's mentions, those naming the
      // entity on their own, so search's name expansion reads counts instead of mentions.
      {8, "alias counts of mentions naming the entity on their own", R"sql(
ALTER TABLE entity_alias_counts ADD COLUMN names_itself INTEGER NOT NULL DEFAULT 0;
)sql",
       &entity_stats::BackfillNamesItself},
      // Owned by the store's writer (sqlite_store.cc): curation is replayed on a document's
      // new rows by a few statements after they are written, only when the store holds an
      // edit (Store::ReplayCuration), as PostgreSQL does. The row triggers cost every
      // row of every document two trigger programs (lookups in almost always empty tables)
      // and made each multi-row INSERT go through a temporary table.
      {9, "curation replayed by the writer, not by row triggers", R"sql(
DROP TRIGGER curation_mention_insert;
DROP TRIGGER curation_participant_insert;
DROP TRIGGER curation_event_place_insert;
DROP TRIGGER curation_entity_insert;
DROP TRIGGER curation_rejected_mention_insert;
DROP TRIGGER curation_rejected_event_insert;
DROP TRIGGER curation_orphan_participant_insert;
)sql"},
      // `ketnoi stats` counts documents per language from an index instead of reading every
      // document's row (its texts): 1.3 s at 100k documents on SQLite.
      {10, "documents by language", R"sql(
CREATE INDEX documents_lang ON documents(lang);
)sql"},
      // Owned by the store (store/entity_stats.h): the per-entity lists keyed by month and
      // then by when each row was written, not by exact date. A batch's rows of one entity
      // and month go to that month's end, so a batch of pages dated over years touches about
      // one leaf per entity and month instead of one per row: at 100k documents the date keys
      // put each row on a random leaf, read, written to the WAL and checkpointed back
      // (growth, docs/PERFORMANCE.md). Readers order by date within a month (the sort then
      // covers one month at a time). Works on either layout of migration 7's tables. The
      // columns outside the key come after it: SQLite 3.40's integrity_check reports false
      // NULLs in a WITHOUT ROWID table's column declared before a key column.
      {11, "per-entity lists by month and arrival", R"sql(
CREATE TABLE entity_documents_by_month (
  entity_id     TEXT NOT NULL,
  undated       INTEGER NOT NULL,
  month         INTEGER NOT NULL,
  written       INTEGER NOT NULL,
  doc_id        TEXT NOT NULL,
  published     TEXT NOT NULL,
  mentions      INTEGER NOT NULL,
  role_mentions INTEGER NOT NULL,
  PRIMARY KEY (entity_id, undated, month, written, doc_id)
) WITHOUT ROWID;
INSERT INTO entity_documents_by_month SELECT entity_id, undated, CASE WHEN length(published)
  >= 7 THEN CAST(substr(published, 1, 4) AS INTEGER) * 100 + CAST(substr(published, 6, 2) AS
  INTEGER) WHEN length(published) >= 4 THEN CAST(substr(published, 1, 4) AS INTEGER) * 100 ELSE 0
  END, 0, doc_id, published, mentions, role_mentions FROM entity_documents;
DROP TABLE entity_documents;
ALTER TABLE entity_documents_by_month RENAME TO entity_documents;
CREATE INDEX entity_documents_doc ON entity_documents(doc_id);
CREATE TABLE entity_events_by_month (
  entity_id  TEXT NOT NULL,
  undated    INTEGER NOT NULL,
  month      INTEGER NOT NULL,
  written    INTEGER NOT NULL,
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  date       TEXT NOT NULL,
  PRIMARY KEY (entity_id, undated, month, written, doc_id, event_idx)
) WITHOUT ROWID;
INSERT INTO entity_events_by_month SELECT entity_id, undated, CASE WHEN length(date) >= 7 THEN
  CAST(substr(date, 1, 4) AS INTEGER) * 100 + CAST(substr(date, 6, 2) AS INTEGER) WHEN
  length(date) >= 4 THEN CAST(substr(date, 1, 4) AS INTEGER) * 100 ELSE 0 END, 0, doc_id,
  event_idx, date FROM entity_events;
DROP TABLE entity_events;
ALTER TABLE entity_events_by_month RENAME TO entity_events;
CREATE INDEX entity_events_event ON entity_events(doc_id, event_idx);
)sql"},
      // Indexes no query needs, each written for every row. An entity's events come from its
      // list (entity_events, migration 7), and a sentence's mentions from the document's
      // primary key range (~100 rows a page); no query orders or filters events by their own
      // date alone. Together 270 index entries a generated page, ~6 % of an ingest's CPU
      // (docs/PERFORMANCE.md, session 11).
      {12, "indexes no query needs", R"sql(
DROP INDEX IF EXISTS event_participants_entity;
DROP INDEX IF EXISTS mentions_doc_sentence;
DROP INDEX IF EXISTS events_date;
)sql"},
  };
  return kMigrations;
}

}  // namespace ketnoi::store
