// Curation edits, their replay on re-ingest and the paged document list, written once for
// both backends over SqlRunner (store/sql_runner.h).
#include <charconv>
#include <chrono>
#include <ctime>

#include "resolve/curation.h"
#include "store/entity_stats.h"
#include "store/record_encoding.h"
#include "store/resolver_index.h"
#include "store/sql_runner.h"
#include "store/store.h"

namespace ketnoi::store {
namespace {

using core::Result;
using core::Status;

constexpr size_t kMaxNameBytes = 500;  // a display name or alias; longer is a mistake

int64_t ToInt(const std::string& s) {
  int64_t n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

Result<int64_t> Count(SqlRunner& sql, const std::string& query,
                      const std::vector<std::string>& args) {
  auto rows = sql.Rows(query, args);
  if (!rows.ok()) return rows.status();
  return rows->empty() ? 0 : ToInt(rows->front().front());
}

// The kind of entity `id`, or NotFound.
Result<std::string> KindOf(SqlRunner& sql, const std::string& id) {
  auto rows = sql.Rows("SELECT kind FROM entities WHERE id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return core::NotFound("no entity with id " + id);
  return rows->front().front();
}

Status CheckEditor(const std::string& editor) {
  if (editor.empty()) return core::InvalidInput("an edit needs the editor's name");
  if (editor.size() > 100) return core::InvalidInput("the editor's name is longer than 100 bytes");
  return Status::Ok();
}

Status CheckName(const std::string& name, const char* what) {
  if (name.empty()) return core::InvalidInput(std::string(what) + " cannot be empty");
  if (name.size() > kMaxNameBytes) {
    return core::InvalidInput(std::string(what) + " is longer than 500 bytes");
  }
  return Status::Ok();
}

Status Log(SqlRunner& sql, const std::string& now, const std::string& editor,
           const std::string& action, const std::string& message) {
  return sql.Exec(
      "INSERT INTO curation_log (created_at, editor, action, detail) VALUES (?, ?, ?, ?)",
      {now, editor, action, message});
}

// Participants and event places follow their mentions after any curation change.
Status RefreshEventEntities(SqlRunner& sql) {
  KETNOI_RETURN_IF_ERROR(sql.Exec(
      "UPDATE event_participants SET entity_id = (SELECT m.entity_id FROM mentions m "
      "WHERE m.doc_id = event_participants.doc_id AND m.idx = event_participants.mention_idx) "
      "WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = event_participants.doc_id AND "
      "m.idx = event_participants.mention_idx AND m.entity_id <> event_participants.entity_id)",
      {}));
  return sql.Exec(
      "UPDATE events SET place_entity = (SELECT into_id FROM curation_merges "
      "WHERE from_id = events.place_entity) "
      "WHERE place_entity IN (SELECT from_id FROM curation_merges)",
      {});
}

// Runs `edit` with the entity counts of the documents `select_doc_ids` names (the ones it
// changes) taken out before it and put back after it (store/entity_stats.h).
Status Recounting(SqlRunner& sql, const std::string& select_doc_ids,
                  const std::vector<std::string>& args, const std::function<Status()>& edit) {
  KETNOI_RETURN_IF_ERROR(entity_stats::SetDocuments(sql, select_doc_ids, args));
  KETNOI_RETURN_IF_ERROR(entity_stats::Subtract(sql));
  KETNOI_RETURN_IF_ERROR(edit());
  return entity_stats::Add(sql);
}

// The documents that mention `entity_ids` (and `doc_id`, if not empty) go back on the
// search queue (search_queue, both backends): the search stage re-indexes their names and
// surfaces before its next query.
Status Reindex(SqlRunner& sql, const std::vector<std::string>& entity_ids,
               const std::string& doc_id) {
  for (const std::string& id : entity_ids) {
    KETNOI_RETURN_IF_ERROR(
        sql.Exec("INSERT INTO search_queue (doc_id) SELECT DISTINCT doc_id FROM mentions "
                 "WHERE entity_id = ? ON CONFLICT DO NOTHING",
                 {id}));
  }
  if (doc_id.empty()) return Status::Ok();
  return sql.Exec("INSERT INTO search_queue (doc_id) VALUES (?) ON CONFLICT DO NOTHING", {doc_id});
}

// An edit that moves mentions keeps both tables derived from them exact: the resolver index
// (resolver_index.h) and the per-entity counts (entity_stats.h) take the touched documents
// out before it and count them in again after it.
Status KeepingDerivedTables(SqlRunner& sql, const std::string& select_doc_ids,
                            const std::vector<std::string>& args,
                            const std::function<Status()>& edit) {
  return KeepResolverIndex(sql, select_doc_ids, args,
                           [&]() -> Status { return Recounting(sql, select_doc_ids, args, edit); });
}

}  // namespace

Status Store::ReplayCuration(const std::string& doc_id) {
  SqlRunner& sql = Sql();
  // Each edit writes its curation_log row: none (the usual case), nothing to replay.
  auto edits = Count(sql, "SELECT count(*) FROM (SELECT 1 FROM curation_log LIMIT 1) AS edit", {});
  if (!edits.ok()) return edits.status();
  if (*edits == 0) return Status::Ok();
  // Offsets are bytes: the rejected event's evidence is compared as a byte slice of the text.
  const std::string evidence_bytes =
      sql.dialect() == Dialect::kSqlite
          ? "substr(CAST(d.text AS BLOB), events.evidence_begin + 1, "
            "events.evidence_end - events.evidence_begin) = CAST(r.evidence AS BLOB)"
          : "substring(convert_to(d.text, 'UTF8') FROM events.evidence_begin + 1 "
            "FOR events.evidence_end - events.evidence_begin) = convert_to(r.evidence, 'UTF8')";
  // In this order: rejected mentions and events go (roles of either with them: the events'
  // by ON DELETE CASCADE), then a mention's split (of its entity or of what that was merged
  // into) or alias, then merges; roles, event places and renamed names follow.
  const std::pair<std::string, int> kReplay[] = {
      {"DELETE FROM mentions WHERE doc_id = ? AND surface IN "
       "(SELECT surface FROM curation_rejected_mentions WHERE doc_id = ?)",
       2},
      {"DELETE FROM events WHERE doc_id = ? AND EXISTS (SELECT 1 FROM curation_rejected_events r "
       "JOIN documents d ON d.id = r.doc_id WHERE r.doc_id = events.doc_id AND "
       "r.type = events.type AND " +
           evidence_bytes + ")",
       1},
      {"DELETE FROM event_participants WHERE doc_id = ? AND NOT EXISTS (SELECT 1 FROM mentions m "
       "WHERE m.doc_id = event_participants.doc_id AND m.idx = event_participants.mention_idx)",
       1},
      {"UPDATE mentions SET entity_id = COALESCE("
       " (SELECT s.new_id FROM curation_splits s WHERE s.surface = mentions.surface AND "
       "   s.entity_id IN (mentions.entity_id, (SELECT c.into_id FROM curation_merges c"
       "                                        WHERE c.from_id = mentions.entity_id))),"
       " (SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
       "   WHERE a.name = mentions.surface AND e.kind = mentions.kind"
       "   ORDER BY a.created_at LIMIT 1),"
       " mentions.entity_id) WHERE doc_id = ?",
       1},
      {"UPDATE mentions SET entity_id = (SELECT c.into_id FROM curation_merges c "
       "WHERE c.from_id = mentions.entity_id) "
       "WHERE doc_id = ? AND entity_id IN (SELECT from_id FROM curation_merges)",
       1},
      {"UPDATE event_participants SET entity_id = (SELECT m.entity_id FROM mentions m "
       "WHERE m.doc_id = event_participants.doc_id AND m.idx = event_participants.mention_idx) "
       "WHERE doc_id = ? AND entity_id <> (SELECT m.entity_id FROM mentions m "
       "WHERE m.doc_id = event_participants.doc_id AND m.idx = event_participants.mention_idx)",
       1},
      {"UPDATE events SET place_entity = (SELECT c.into_id FROM curation_merges c "
       "WHERE c.from_id = events.place_entity) "
       "WHERE doc_id = ? AND place_entity IN (SELECT from_id FROM curation_merges)",
       1},
      {"UPDATE entities SET name = (SELECT r.name FROM curation_renames r "
       "WHERE r.entity_id = entities.id) "
       "WHERE id IN (SELECT entity_id FROM mentions WHERE doc_id = ?) AND name <> "
       "(SELECT r.name FROM curation_renames r WHERE r.entity_id = entities.id)",
       1},
  };
  for (const auto& [statement, uses] : kReplay) {
    KETNOI_RETURN_IF_ERROR(sql.Exec(statement, std::vector<std::string>(uses, doc_id)));
  }
  return Status::Ok();
}

Result<DocumentPage> Store::ListDocumentsPage(const std::string& lang, int limit, int offset) {
  SqlRunner& sql = Sql();
  DocumentPage page;
  auto total = Count(sql, "SELECT count(*) FROM documents WHERE (CAST(? AS TEXT) = '' OR lang = ?)",
                     {lang, lang});
  if (!total.ok()) return total.status();
  page.total = *total;
  auto rows = sql.Rows(
      "SELECT id, source, lang, title, published, published IS NULL FROM documents "
      "WHERE (CAST(? AS TEXT) = '' OR lang = ?) ORDER BY id LIMIT CAST(? AS INTEGER) OFFSET CAST(? "
      "AS INTEGER)",
      {lang, lang, std::to_string(limit), std::to_string(offset)});
  if (!rows.ok()) return rows.status();
  for (SqlRow& r : *rows) {
    DocumentSummary d{r[0], r[1], r[2], r[3], std::nullopt};
    if (r[5] == "0" || r[5] == "f") d.date = r[4];
    page.documents.push_back(std::move(d));
  }
  return page;
}

Result<CurationOutcome> Store::Merge(const std::string& from, const std::string& into,
                                     const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  if (from == into) return core::InvalidInput("cannot merge " + from + " into itself");
  auto kf = KindOf(sql, from);
  if (!kf.ok()) return kf.status();
  auto ki = KindOf(sql, into);
  if (!ki.ok()) return ki.status();
  if (*kf != *ki) {
    return core::InvalidInput("cannot merge " + *kf + " " + from + " into " + *ki + " " + into);
  }
  // Chains stay flat: whatever went into FROM now goes into INTO (and INTO's own target).
  auto targets = sql.Rows("SELECT into_id FROM curation_merges WHERE from_id = ?", {into});
  if (!targets.ok()) return targets.status();
  std::string target = targets->empty() ? into : targets->front().front();
  if (target == from) return core::InvalidInput(into + " was merged into " + from + " already");
  auto moved = Count(sql, "SELECT count(*) FROM mentions WHERE entity_id = ?", {from});
  if (!moved.ok()) return moved.status();
  CurationOutcome out{
      target, *moved,
      "merged " + from + " into " + target + " (" + std::to_string(*moved) + " mentions)"};
  const std::string now = NowUtcIso();
  Status st = sql.InTransaction([&]() -> Status {
    return KeepingDerivedTables(
        sql, "SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ?", {from}, [&]() -> Status {
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("INSERT INTO curation_merges (from_id, into_id, created_at, editor) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (from_id) DO UPDATE SET "
                       "into_id = excluded.into_id, created_at = excluded.created_at, "
                       "editor = excluded.editor",
                       {from, target, now, editor}));
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("UPDATE curation_merges SET into_id = ? WHERE into_id = ?", {target, from}));
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", {target, from}));
          // FROM's curated aliases now name the target (unless it has them already).
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("INSERT INTO entity_aliases (entity_id, name, created_at, editor) "
                       "SELECT CAST(? AS TEXT), name, created_at, editor FROM entity_aliases "
                       "WHERE entity_id = ? ON CONFLICT DO NOTHING",
                       {target, from}));
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("DELETE FROM entity_aliases WHERE entity_id = ?", {from}));
          KETNOI_RETURN_IF_ERROR(RefreshEventEntities(sql));
          KETNOI_RETURN_IF_ERROR(Reindex(sql, {target}, ""));
          return Log(sql, now, editor, "merge", out.message);
        });
  });
  if (!st.ok()) return st;
  return out;
}

Result<CurationOutcome> Store::Split(const std::string& id,
                                     const std::vector<std::string>& surfaces,
                                     const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  auto kind = KindOf(sql, id);
  if (!kind.ok()) return kind.status();
  if (surfaces.empty()) return core::InvalidInput("a split needs at least one name");
  for (const std::string& s : surfaces) KETNOI_RETURN_IF_ERROR(CheckName(s, "a name"));
  std::string new_id = resolve::Curation::SplitId(id, surfaces.front());
  int64_t moved = 0;
  for (const std::string& s : surfaces) {
    auto n =
        Count(sql, "SELECT count(*) FROM mentions WHERE entity_id = ? AND surface = ?", {id, s});
    if (!n.ok()) return n.status();
    if (*n == 0) return core::NotFound("no mention of " + id + " is written \"" + s + "\"");
    moved += *n;
  }
  CurationOutcome out{new_id, moved,
                      "split " + std::to_string(moved) + " mentions of " + id + " into " + new_id};
  const std::string now = NowUtcIso();
  std::string split_docs =
      "SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ? AND surface IN (?";
  std::vector<std::string> split_args{id};
  for (const std::string& s : surfaces) {
    if (split_args.size() > 1) split_docs += ", ?";
    split_args.push_back(s);
  }
  split_docs += ")";
  Status st = sql.InTransaction([&]() -> Status {
    return KeepingDerivedTables(sql, split_docs, split_args, [&]() -> Status {
      KETNOI_RETURN_IF_ERROR(
          sql.Exec("INSERT INTO entities (id, kind, name, place_type, lexicon_key) "
                   "SELECT CAST(? AS TEXT), kind, CAST(? AS TEXT), place_type, '' FROM entities "
                   "WHERE id = ? ON CONFLICT DO NOTHING",
                   {new_id, surfaces.front(), id}));
      for (const std::string& s : surfaces) {
        KETNOI_RETURN_IF_ERROR(
            sql.Exec("INSERT INTO curation_splits (entity_id, surface, new_id, created_at, editor) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id, surface) DO UPDATE SET "
                     "new_id = excluded.new_id, created_at = excluded.created_at, "
                     "editor = excluded.editor",
                     {id, s, new_id, now, editor}));
        KETNOI_RETURN_IF_ERROR(
            sql.Exec("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND surface = ?",
                     {new_id, id, s}));
      }
      KETNOI_RETURN_IF_ERROR(RefreshEventEntities(sql));
      KETNOI_RETURN_IF_ERROR(Reindex(sql, {id, new_id}, ""));
      return Log(sql, now, editor, "split", out.message);
    });
  });
  if (!st.ok()) return st;
  return out;
}

Result<CurationOutcome> Store::AddAlias(const std::string& id, const std::string& name,
                                        const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  auto kind = KindOf(sql, id);
  if (!kind.ok()) return kind.status();
  KETNOI_RETURN_IF_ERROR(CheckName(name, "an alias"));
  auto losers = sql.Rows(
      "SELECT DISTINCT entity_id FROM mentions WHERE surface = ? AND kind = ? AND entity_id <> ?",
      {name, *kind, id});
  if (!losers.ok()) return losers.status();
  auto moved = Count(sql,
                     "SELECT count(*) FROM mentions WHERE surface = ? AND kind = ? AND "
                     "entity_id <> ?",
                     {name, *kind, id});
  if (!moved.ok()) return moved.status();
  CurationOutcome out{
      id, *moved,
      "alias \"" + name + "\" -> " + id + " (" + std::to_string(*moved) + " mentions moved)"};
  std::vector<std::string> touched{id};
  for (const SqlRow& r : *losers) touched.push_back(r.front());
  const std::string now = NowUtcIso();
  Status st = sql.InTransaction([&]() -> Status {
    return KeepingDerivedTables(
        sql, "SELECT DISTINCT doc_id FROM mentions WHERE surface = ? AND kind = ?", {name, *kind},
        [&]() -> Status {
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("INSERT INTO entity_aliases (entity_id, name, created_at, editor) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       {id, name, now, editor}));
          KETNOI_RETURN_IF_ERROR(
              sql.Exec("UPDATE mentions SET entity_id = ? WHERE surface = ? AND kind = ?",
                       {id, name, *kind}));
          KETNOI_RETURN_IF_ERROR(RefreshEventEntities(sql));
          KETNOI_RETURN_IF_ERROR(Reindex(sql, touched, ""));
          return Log(sql, now, editor, "alias", out.message);
        });
  });
  if (!st.ok()) return st;
  return out;
}

Result<CurationOutcome> Store::Rename(const std::string& id, const std::string& name,
                                      const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  auto kind = KindOf(sql, id);
  if (!kind.ok()) return kind.status();
  KETNOI_RETURN_IF_ERROR(CheckName(name, "a name"));
  CurationOutcome out{id, 0, "renamed " + id + " to \"" + name + "\""};
  const std::string now = NowUtcIso();
  Status st = sql.InTransaction([&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        sql.Exec("INSERT INTO curation_renames (entity_id, name, created_at, editor) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (entity_id) DO UPDATE SET "
                 "name = excluded.name, created_at = excluded.created_at, "
                 "editor = excluded.editor",
                 {id, name, now, editor}));
    KETNOI_RETURN_IF_ERROR(sql.Exec("UPDATE entities SET name = ? WHERE id = ?", {name, id}));
    KETNOI_RETURN_IF_ERROR(Reindex(sql, {id}, ""));
    return Log(sql, now, editor, "rename", out.message);
  });
  if (!st.ok()) return st;
  return out;
}

Result<CurationOutcome> Store::RejectMention(const std::string& doc_id, int64_t mention,
                                             const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  const std::string idx = std::to_string(mention);
  auto found = sql.Rows("SELECT surface, entity_id FROM mentions WHERE doc_id = ? AND idx = ?",
                        {doc_id, idx});
  if (!found.ok()) return found.status();
  if (found->empty()) {
    return core::NotFound("document " + doc_id + " has no mention " + idx);
  }
  const std::string surface = found->front()[0], entity = found->front()[1];
  auto n = Count(sql, "SELECT count(*) FROM mentions WHERE doc_id = ? AND surface = ?",
                 {doc_id, surface});
  if (!n.ok()) return n.status();
  auto entities =
      sql.Rows("SELECT DISTINCT entity_id FROM mentions WHERE doc_id = ? AND surface = ?",
               {doc_id, surface});
  if (!entities.ok()) return entities.status();
  std::vector<std::string> touched;
  for (const SqlRow& r : *entities) touched.push_back(r.front());
  CurationOutcome out{
      entity, *n,
      "rejected " + std::to_string(*n) + " mentions written \"" + surface + "\" in " + doc_id};
  const std::string now = NowUtcIso();
  Status st = sql.InTransaction([&]() -> Status {
    return KeepingDerivedTables(sql, entity_stats::kOneDocument, {doc_id}, [&]() -> Status {
      KETNOI_RETURN_IF_ERROR(
          sql.Exec("INSERT INTO curation_rejected_mentions (doc_id, surface, created_at, editor) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   {doc_id, surface, now, editor}));
      KETNOI_RETURN_IF_ERROR(
          sql.Exec("DELETE FROM event_participants WHERE doc_id = ? AND mention_idx IN "
                   "(SELECT idx FROM mentions WHERE doc_id = ? AND surface = ?)",
                   {doc_id, doc_id, surface}));
      KETNOI_RETURN_IF_ERROR(
          sql.Exec("DELETE FROM mentions WHERE doc_id = ? AND surface = ?", {doc_id, surface}));
      KETNOI_RETURN_IF_ERROR(Reindex(sql, touched, doc_id));
      return Log(sql, now, editor, "reject-mention", out.message);
    });
  });
  if (!st.ok()) return st;
  return out;
}

Result<CurationOutcome> Store::RejectEvent(const std::string& doc_id, int64_t event,
                                           const std::string& editor) {
  KETNOI_RETURN_IF_ERROR(CheckEditor(editor));
  SqlRunner& sql = Sql();
  const std::string idx = std::to_string(event);
  auto found = sql.Rows(
      "SELECT e.type, e.evidence_begin, e.evidence_end, d.text FROM events e "
      "JOIN documents d ON d.id = e.doc_id WHERE e.doc_id = ? AND e.idx = ?",
      {doc_id, idx});
  if (!found.ok()) return found.status();
  if (found->empty()) return core::NotFound("document " + doc_id + " has no event " + idx);
  const SqlRow& r = found->front();
  int64_t begin = ToInt(r[1]), end = ToInt(r[2]);
  const std::string& text = r[3];
  if (begin < 0 || end < begin || static_cast<size_t>(end) > text.size()) {
    return core::Internal("event " + idx + " of " + doc_id + " has evidence outside its text");
  }
  // Type and evidence text, not the index: they name the event again after re-extraction.
  const std::string type = r[0];
  const std::string evidence =
      text.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
  CurationOutcome out{"", 1, "rejected " + type + " event " + idx + " in " + doc_id};
  const std::string now = NowUtcIso();
  Status st = sql.InTransaction([&]() -> Status {
    return Recounting(sql, entity_stats::kOneDocument, {doc_id}, [&]() -> Status {
      KETNOI_RETURN_IF_ERROR(
          sql.Exec("INSERT INTO curation_rejected_events (doc_id, type, evidence, created_at, "
                   "editor) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   {doc_id, type, evidence, now, editor}));
      for (const char* child : {"DELETE FROM event_clusters WHERE doc_id = ? AND event_idx = ?",
                                "DELETE FROM event_participants WHERE doc_id = ? AND event_idx = ?",
                                "DELETE FROM events WHERE doc_id = ? AND idx = ?"}) {
        KETNOI_RETURN_IF_ERROR(sql.Exec(child, {doc_id, idx}));
      }
      return Log(sql, now, editor, "reject-event", out.message);
    });
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace ketnoi::store
