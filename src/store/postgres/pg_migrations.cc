#include "store/postgres/pg_migrations.h"

#include "store/entity_stats.h"

namespace ketnoi::store {

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "documents, mentions, entities, events", R"sql(
CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  source        TEXT NOT NULL,
  content_hash  TEXT NOT NULL UNIQUE,
  format        TEXT NOT NULL,
  lang          TEXT NOT NULL,
  title         TEXT NOT NULL,
  published     TEXT,            -- YYYY-MM-DD, as in SQLite so both sort alike
  text          TEXT NOT NULL,   -- the page as seen; every offset points here
  body          TEXT NOT NULL,   -- derived: paragraphs joined by newlines
  paragraphs    JSONB NOT NULL,  -- [[begin,end],...] byte spans into text
  ingested_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One document per source (stdin "-" excepted): two writers of one page race here, and the
-- loser retries into the "replace" path instead of inserting a duplicate.
CREATE UNIQUE INDEX documents_source_unique ON documents(source) WHERE source <> '-';
CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
  doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  begin_byte INTEGER NOT NULL,
  end_byte   INTEGER NOT NULL,
  paragraph  INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE entities (
  id          TEXT PRIMARY KEY,   -- "<kind>:<key>", stable across documents
  kind        TEXT NOT NULL,
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
  roles       JSONB NOT NULL DEFAULT '[]',
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE document_fields (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field  TEXT NOT NULL,
  rank   INTEGER NOT NULL,
  PRIMARY KEY (doc_id, field)
);
CREATE INDEX document_fields_field ON document_fields(field);

CREATE TABLE events (
  doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  type           TEXT NOT NULL,
  modality       TEXT NOT NULL,
  date           TEXT,
  end_date       TEXT,
  place_entity   TEXT,
  sentence       INTEGER NOT NULL,
  evidence_begin INTEGER NOT NULL,
  evidence_end   INTEGER NOT NULL,
  trigger_begin  INTEGER NOT NULL,
  trigger_end    INTEGER NOT NULL,
  fields         JSONB NOT NULL DEFAULT '[]',
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_participants (
  doc_id      TEXT NOT NULL,
  event_idx   INTEGER NOT NULL,
  mention_idx INTEGER NOT NULL,
  entity_id   TEXT NOT NULL,
  PRIMARY KEY (doc_id, event_idx, mention_idx),
  FOREIGN KEY (doc_id, event_idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_participants_entity ON event_participants(entity_id);
)sql"},
      // The first PostgreSQL search index (the store wrote text::SearchTerms at ingest);
      // replaced by migration 4, whose keys are exactly the search stage's. Kept as it was
      // applied: a database migrates through every version in order.
      {2, "full-text and trigram search", R"sql(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_documents (
  doc_id      TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL,
  title_terms TEXT NOT NULL,     -- SearchTerms(title) joined by spaces
  body_terms  TEXT NOT NULL,     -- SearchTerms(body) joined by spaces
  tsv         TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', title_terms), 'A') ||
                setweight(to_tsvector('simple', body_terms), 'B')) STORED
);
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);

-- Folded names an entity is known by (its name and every mention surface): fuzzy lookup.
CREATE TABLE entity_keys (
  entity_id TEXT NOT NULL REFERENCES entities(id),
  key       TEXT NOT NULL,       -- text::SearchKey(name or surface)
  PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_keys_trgm ON entity_keys USING GIN (key gin_trgm_ops);
CREATE INDEX events_place ON events(place_entity);
CREATE INDEX mentions_doc_sentence ON mentions(doc_id, sentence);
)sql"},
      // The tables of the resolve stage's curation (src/resolve/curation.h) and event
      // clusters, same columns as SQLite migration 3.
      {3, "curation and event clusters", R"sql(
CREATE TABLE curation_merges (
  from_id    TEXT PRIMARY KEY,
  into_id    TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE curation_splits (
  entity_id  TEXT NOT NULL,
  surface    TEXT NOT NULL,
  new_id     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, surface)
);
CREATE TABLE curation_renames (
  entity_id  TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE entity_aliases (
  entity_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, name)
);
CREATE INDEX entity_aliases_name ON entity_aliases(name);
CREATE TABLE event_clusters (
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  cluster_id TEXT NOT NULL,
  PRIMARY KEY (doc_id, event_idx),
  FOREIGN KEY (doc_id, event_idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id);
)sql"},
      // Owned by the search stage (src/search/search.h), as SQLite migration 2 and the
      // search stage's own tables on SQLite: the store only queues changed documents, in the
      // document's own transaction; search folds text with its tokenizer (the same keys,
      // positions and Chinese words as the SQLite FTS5 index) into tsvectors and drains the
      // queue. Replaces the store-built index of migration 2, whose keys differed from
      // SQLite's. No foreign keys: a writer's transaction never touches the index.
      {4, "search index owned by the search stage", R"sql(
DROP TABLE IF EXISTS search_documents;
DROP TABLE IF EXISTS entity_keys;
CREATE TABLE search_queue (doc_id TEXT PRIMARY KEY);
CREATE FUNCTION search_queue_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO search_queue (doc_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_queue (doc_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_queue_touch AFTER INSERT OR UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION search_queue_touch();
INSERT INTO search_queue (doc_id) SELECT id FROM documents ON CONFLICT DO NOTHING;
CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- tsv: title tokens at positions 1.. (weight A), body tokens after a gap (so no phrase
-- spans the two); tokens: the row's token count (BM25 length normalization).
CREATE TABLE search_documents (
  doc_id TEXT PRIMARY KEY,
  tokens INTEGER NOT NULL,
  tsv    TSVECTOR NOT NULL
);
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
CREATE TABLE search_sentences (
  doc_id TEXT NOT NULL,
  idx    INTEGER NOT NULL,
  text   TEXT NOT NULL,
  tokens INTEGER NOT NULL,
  tsv    TSVECTOR NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX search_sentences_tsv ON search_sentences USING GIN (tsv);
-- Folded names (mention surfaces and entity names) per document: exact lookup by key,
-- parts of names through the trigram index.
CREATE TABLE search_aliases (
  key       TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  doc_id    TEXT NOT NULL,
  PRIMARY KEY (key, entity_id, doc_id)
);
CREATE INDEX search_aliases_doc ON search_aliases(doc_id);
CREATE INDEX search_aliases_trgm ON search_aliases USING GIN (key gin_trgm_ops);
)sql"},
      // Same as SQLite migration 4 (numbered 5 here: PostgreSQL migration 4 is the search index).
      // There are no triggers here: PostgresStore::PutDocument replays the curation in the
      // document's own transaction (ReplayCuration).
      {5, "curation editors, rejections and log", R"sql(
ALTER TABLE curation_merges ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE curation_splits ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE curation_renames ADD COLUMN editor TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN editor TEXT NOT NULL DEFAULT '';
CREATE TABLE curation_rejected_mentions (
  doc_id     TEXT NOT NULL,
  surface    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  PRIMARY KEY (doc_id, surface)
);
CREATE TABLE curation_rejected_events (
  doc_id     TEXT NOT NULL,
  type       TEXT NOT NULL,
  evidence   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  PRIMARY KEY (doc_id, type, evidence)
);
CREATE TABLE curation_log (
  seq        BIGSERIAL PRIMARY KEY,
  created_at TEXT NOT NULL,
  editor     TEXT NOT NULL,
  action     TEXT NOT NULL,
  detail     TEXT NOT NULL
);
)sql"},
      // Same as SQLite migration 6 (store/resolver_index.h).
      {6, "resolver index", R"sql(
CREATE TABLE resolver_names (
  entity_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  surface   TEXT NOT NULL,
  mentions  INTEGER NOT NULL,
  PRIMARY KEY (entity_id, kind, surface)
);
CREATE INDEX resolver_names_surface ON resolver_names(surface, kind);
CREATE TABLE resolver_keys (
  kind      TEXT NOT NULL,
  surface   TEXT NOT NULL,
  key       TEXT NOT NULL,
  weight    REAL NOT NULL,
  full_name INTEGER NOT NULL,
  PRIMARY KEY (kind, surface, key)
);
CREATE INDEX resolver_keys_key ON resolver_keys(key);
CREATE TABLE resolver_context (
  entity_id TEXT NOT NULL,
  anchor    TEXT NOT NULL,
  documents INTEGER NOT NULL,
  PRIMARY KEY (entity_id, anchor)
);
CREATE TABLE resolver_state (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE INDEX entities_lexicon_key ON entities(lexicon_key);
)sql"},
      // Same as SQLite migration 7 (store/entity_stats.h), the lists in migration 11's
      // layout as there.
      {7, "per-entity counts and lists", R"sql(
CREATE TABLE entity_alias_counts (
  entity_id  TEXT NOT NULL,
  lang       TEXT NOT NULL,      -- the language of the documents
  surface    TEXT NOT NULL,
  mentions   BIGINT NOT NULL,
  PRIMARY KEY (entity_id, lang, surface)
);
CREATE TABLE entity_partners (
  entity_id  TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  events     BIGINT NOT NULL,     -- distinct events both take part in
  PRIMARY KEY (entity_id, partner_id)
);
CREATE TABLE entity_fields (
  entity_id  TEXT NOT NULL,
  field      TEXT NOT NULL,
  count      BIGINT NOT NULL,     -- documents mentioning it with the field + its events in it
  PRIMARY KEY (entity_id, field)
);
-- Keyed by month, then by when the row was written (migration 11's layout: see there).
CREATE TABLE entity_documents (
  entity_id     TEXT NOT NULL,
  undated       INTEGER NOT NULL,  -- 1: the document has no publication date
  month         INTEGER NOT NULL,  -- YYYYMM of published; 0 when undated
  written       BIGINT NOT NULL,   -- when the row was written, microseconds since 1970
  doc_id        TEXT NOT NULL,
  published     TEXT NOT NULL,     -- YYYY-MM-DD, '' when undated
  mentions      INTEGER NOT NULL,
  role_mentions INTEGER NOT NULL,  -- of those mentions, the ones with roles
  PRIMARY KEY (entity_id, undated, month, written, doc_id)
);
CREATE INDEX entity_documents_doc ON entity_documents(doc_id);
CREATE TABLE entity_events (
  entity_id  TEXT NOT NULL,
  undated    INTEGER NOT NULL,     -- 1: neither the event nor its document has a date
  month      INTEGER NOT NULL,     -- YYYYMM of date; 0 when undated
  written    BIGINT NOT NULL,      -- when the row was written, microseconds since 1970
  doc_id     TEXT NOT NULL,
  event_idx  INTEGER NOT NULL,
  date       TEXT NOT NULL,        -- the event's date, else the document's; '' when undated
  PRIMARY KEY (entity_id, undated, month, written, doc_id, event_idx)
);
CREATE INDEX entity_events_event ON entity_events(doc_id, event_idx);
)sql",
       &entity_stats::Backfill},
      // Same as SQLite migration 8 (store/entity_stats.h).
      {8, "alias counts of mentions naming the entity on their own", R"sql(
ALTER TABLE entity_alias_counts ADD COLUMN names_itself BIGINT NOT NULL DEFAULT 0;
)sql",
       &entity_stats::BackfillNamesItself},
      // SQLite migration 9 drops its curation row triggers: both backends now replay by
      // Store::ReplayCuration's statements. Nothing changes here; the number keeps both
      // backends' schema versions alike.
      {9, "curation replayed by the writer, not by row triggers", "SELECT 1;"},
      // `ketnoi stats` counts documents per language from an index instead of reading every
      // document's row (its texts): 1.3 s at 100k documents on SQLite.
      {10, "documents by language", R"sql(
CREATE INDEX documents_lang ON documents(lang);
)sql"},
      // Same as SQLite migration 11: the per-entity lists keyed by month and then by when
      // each row was written. Works on either layout of migration 7's tables.
      {11, "per-entity lists by month and arrival", R"sql(
ALTER TABLE entity_documents ADD COLUMN IF NOT EXISTS month INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS written BIGINT NOT NULL DEFAULT 0;
UPDATE entity_documents SET month = CASE WHEN length(published) >= 7 THEN
  CAST(substr(published, 1, 4) AS INTEGER) * 100 + CAST(substr(published, 6, 2) AS INTEGER)
  WHEN length(published) >= 4 THEN CAST(substr(published, 1, 4) AS INTEGER) * 100 ELSE 0 END;
ALTER TABLE entity_documents ALTER COLUMN month DROP DEFAULT, ALTER COLUMN written DROP DEFAULT,
  DROP CONSTRAINT entity_documents_pkey,
  ADD PRIMARY KEY (entity_id, undated, month, written, doc_id);
ALTER TABLE entity_events ADD COLUMN IF NOT EXISTS month INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS written BIGINT NOT NULL DEFAULT 0;
UPDATE entity_events SET month = CASE WHEN length(date) >= 7 THEN
  CAST(substr(date, 1, 4) AS INTEGER) * 100 + CAST(substr(date, 6, 2) AS INTEGER)
  WHEN length(date) >= 4 THEN CAST(substr(date, 1, 4) AS INTEGER) * 100 ELSE 0 END;
ALTER TABLE entity_events ALTER COLUMN month DROP DEFAULT, ALTER COLUMN written DROP DEFAULT,
  DROP CONSTRAINT entity_events_pkey,
  ADD PRIMARY KEY (entity_id, undated, month, written, doc_id, event_idx);
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
