#include "store/sqlite/migrations.h"

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
  };
  return kMigrations;
}

}  // namespace ketnoi::store
