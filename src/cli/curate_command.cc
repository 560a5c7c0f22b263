// Curation of resolved entities, stored in the database and replayed on every re-ingest
// (migration 3 triggers; resolve/curation.h):
//   ketnoi merge FROM_ID INTO_ID        FROM's mentions join INTO (and stay there)
//   ketnoi split ID NAME...             ID's mentions written NAME leave for a new entity
//   ketnoi alias add ID NAME            a mention written NAME is ID
//   ketnoi rename ID NAME               ID's display name
//   ketnoi cluster-events [--all]       same act on several pages -> one event cluster
#include <chrono>
#include <ctime>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.h"
#include "resolve/curation.h"
#include "resolve/event_clusters.h"
#include "store/sqlite/sqlite_store.h"

namespace ketnoi::cli {
namespace {

using core::Result;
using core::Status;
using store::SqliteDb;

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

Result<std::unique_ptr<store::SqliteStore>> OpenDb(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return core::Unsupported("curation needs the SQLite store for now: " + location);
  }
  return store::SqliteStore::Open(location);
}

// The kind of entity `id`, or NotFound.
Result<std::string> KindOf(SqliteDb& db, const std::string& id) {
  auto q = db.Prepare("SELECT kind FROM entities WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return core::NotFound("no entity with id " + id);
  return q->Text(0);
}

Status Run(SqliteDb& db, std::string_view sql, const std::vector<std::string>& args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  for (size_t i = 0; i < args.size(); ++i) q->Bind(static_cast<int>(i + 1), args[i]);
  return q->Run();
}

Result<int64_t> Count(SqliteDb& db, std::string_view sql, const std::vector<std::string>& args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  for (size_t i = 0; i < args.size(); ++i) q->Bind(static_cast<int>(i + 1), args[i]);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

// Participants and event places follow their mentions after any curation change.
Status RefreshEventEntities(SqliteDb& db) {
  KETNOI_RETURN_IF_ERROR(db.Exec(
      "UPDATE event_participants SET entity_id = (SELECT m.entity_id FROM mentions m "
      "WHERE m.doc_id = event_participants.doc_id AND m.idx = event_participants.mention_idx) "
      "WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = event_participants.doc_id AND "
      "m.idx = event_participants.mention_idx AND m.entity_id <> event_participants.entity_id)"));
  return db.Exec(
      "UPDATE events SET place_entity = (SELECT into_id FROM curation_merges "
      "WHERE from_id = events.place_entity) "
      "WHERE place_entity IN (SELECT from_id FROM curation_merges)");
}

Result<std::string> Merge(SqliteDb& db, const std::string& from, const std::string& into) {
  if (from == into) return core::InvalidInput("cannot merge " + from + " into itself");
  auto kf = KindOf(db, from);
  if (!kf.ok()) return kf.status();
  auto ki = KindOf(db, into);
  if (!ki.ok()) return ki.status();
  if (*kf != *ki) {
    return core::InvalidInput("cannot merge " + *kf + " " + from + " into " + *ki + " " + into);
  }
  // Chains stay flat: whatever went into FROM now goes into INTO (and INTO's own target).
  auto final_into = db.Prepare("SELECT into_id FROM curation_merges WHERE from_id = ?");
  if (!final_into.ok()) return final_into.status();
  final_into->Bind(1, into);
  auto row = final_into->Step();
  if (!row.ok()) return row.status();
  std::string target = *row ? final_into->Text(0) : into;
  if (target == from) return core::InvalidInput(into + " was merged into " + from + " already");
  auto moved = Count(db, "SELECT count(*) FROM mentions WHERE entity_id = ?", {from});
  if (!moved.ok()) return moved.status();
  Status st = InTransaction(db, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(Run(db,
                               "INSERT OR REPLACE INTO curation_merges (from_id, into_id, "
                               "created_at) VALUES (?, ?, ?)",
                               {from, target, Now()}));
    KETNOI_RETURN_IF_ERROR(
        Run(db, "UPDATE curation_merges SET into_id = ? WHERE into_id = ?", {target, from}));
    KETNOI_RETURN_IF_ERROR(
        Run(db, "UPDATE mentions SET entity_id = ? WHERE entity_id = ?", {target, from}));
    KETNOI_RETURN_IF_ERROR(Run(db,
                               "UPDATE OR IGNORE entity_aliases SET entity_id = ? "
                               "WHERE entity_id = ?",
                               {target, from}));
    return RefreshEventEntities(db);
  });
  if (!st.ok()) return st;
  return "merged " + from + " into " + target + " (" + std::to_string(*moved) + " mentions)";
}

Result<std::string> Split(SqliteDb& db, const std::string& id,
                          const std::vector<std::string>& names) {
  auto kind = KindOf(db, id);
  if (!kind.ok()) return kind.status();
  std::string new_id = resolve::Curation::SplitId(id, names.front());
  int64_t moved = 0;
  for (const std::string& name : names) {
    auto n =
        Count(db, "SELECT count(*) FROM mentions WHERE entity_id = ? AND surface = ?", {id, name});
    if (!n.ok()) return n.status();
    if (*n == 0) return core::NotFound("no mention of " + id + " is written \"" + name + "\"");
    moved += *n;
  }
  Status st = InTransaction(db, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(Run(db,
                               "INSERT OR IGNORE INTO entities (id, kind, name, place_type, "
                               "lexicon_key) SELECT ?, kind, ?, place_type, '' FROM entities "
                               "WHERE id = ?",
                               {new_id, names.front(), id}));
    for (const std::string& name : names) {
      KETNOI_RETURN_IF_ERROR(Run(db,
                                 "INSERT OR REPLACE INTO curation_splits (entity_id, surface, "
                                 "new_id, created_at) VALUES (?, ?, ?, ?)",
                                 {id, name, new_id, Now()}));
      KETNOI_RETURN_IF_ERROR(
          Run(db, "UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND surface = ?",
              {new_id, id, name}));
    }
    return RefreshEventEntities(db);
  });
  if (!st.ok()) return st;
  return "split " + std::to_string(moved) + " mentions of " + id + " into " + new_id;
}

Result<std::string> AddAlias(SqliteDb& db, const std::string& id, const std::string& name) {
  auto kind = KindOf(db, id);
  if (!kind.ok()) return kind.status();
  if (name.empty()) return core::InvalidInput("an alias cannot be empty");
  auto moved = Count(db,
                     "SELECT count(*) FROM mentions WHERE surface = ? AND kind = ? AND "
                     "entity_id <> ?",
                     {name, *kind, id});
  if (!moved.ok()) return moved.status();
  Status st = InTransaction(db, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(Run(db,
                               "INSERT OR IGNORE INTO entity_aliases (entity_id, name, "
                               "created_at) VALUES (?, ?, ?)",
                               {id, name, Now()}));
    KETNOI_RETURN_IF_ERROR(Run(
        db, "UPDATE mentions SET entity_id = ? WHERE surface = ? AND kind = ?", {id, name, *kind}));
    return RefreshEventEntities(db);
  });
  if (!st.ok()) return st;
  return "alias \"" + name + "\" -> " + id + " (" + std::to_string(*moved) + " mentions moved)";
}

Result<std::string> Rename(SqliteDb& db, const std::string& id, const std::string& name) {
  auto kind = KindOf(db, id);
  if (!kind.ok()) return kind.status();
  if (name.empty()) return core::InvalidInput("a name cannot be empty");
  Status st = InTransaction(db, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(Run(db,
                               "INSERT OR REPLACE INTO curation_renames (entity_id, name, "
                               "created_at) VALUES (?, ?, ?)",
                               {id, name, Now()}));
    return Run(db, "UPDATE entities SET name = ? WHERE id = ?", {name, id});
  });
  if (!st.ok()) return st;
  return "renamed " + id + " to \"" + name + "\"";
}

// Assigns a cluster to every event without one (all events with `all`), known clusters
// first so a new page joins the cluster its act already has.
Result<std::string> ClusterStoredEvents(SqliteDb& db, bool all) {
  if (all) KETNOI_RETURN_IF_ERROR(db.Exec("DELETE FROM event_clusters"));
  auto q = db.Prepare(
      "SELECT e.doc_id, e.idx, e.type, e.date, e.fields, c.cluster_id, "
      "(SELECT group_concat(p.entity_id, char(31)) FROM event_participants p "
      " WHERE p.doc_id = e.doc_id AND p.event_idx = e.idx) "
      "FROM events e LEFT JOIN event_clusters c ON c.doc_id = e.doc_id AND c.event_idx = e.idx "
      "ORDER BY c.cluster_id IS NULL, e.date IS NULL, e.date, e.doc_id, e.idx");
  if (!q.ok()) return q.status();
  resolve::EventClusterer clusterer;
  std::vector<std::pair<resolve::EventKey, std::string>> assigned;
  int64_t total = 0;
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ++total;
    resolve::EventKey k;
    k.doc_id = q->Text(0);
    k.event_idx = static_cast<int>(q->Int(1));
    k.type = q->Text(2);
    if (!q->IsNull(3)) k.date = core::ParseIsoDate(q->Text(3));
    nlohmann::json fields = nlohmann::json::parse(q->Text(4), nullptr, false);
    if (fields.is_array()) {
      for (const auto& f : fields) {
        if (f.is_string()) k.fields.push_back(f.get<std::string>());
      }
    }
    std::stringstream parts(q->Text(6));
    for (std::string p; std::getline(parts, p, '\x1f');) k.participants.push_back(p);
    if (!q->IsNull(5)) {
      clusterer.AddKnown(std::move(k), q->Text(5));
    } else {
      std::string cluster = clusterer.Add(k);
      assigned.emplace_back(std::move(k), std::move(cluster));
    }
  }
  Status st = InTransaction(db, [&]() -> Status {
    auto ins = db.Prepare(
        "INSERT OR REPLACE INTO event_clusters (doc_id, event_idx, cluster_id) VALUES (?,?,?)");
    if (!ins.ok()) return ins.status();
    for (const auto& [k, cluster] : assigned) {
      ins->Reset();
      ins->Bind(1, k.doc_id).Bind(2, int64_t{k.event_idx}).Bind(3, cluster);
      KETNOI_RETURN_IF_ERROR(ins->Run());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  auto clusters = Count(db, "SELECT count(DISTINCT cluster_id) FROM event_clusters", {});
  if (!clusters.ok()) return clusters.status();
  return "clustered " + std::to_string(assigned.size()) + " new events; " + std::to_string(total) +
         " events form " + std::to_string(*clusters) + " clusters";
}

// Opens the database, runs `action`, prints its one-line outcome.
void RunCuration(const GlobalOptions& global, int* exit_code,
                 const std::function<Result<std::string>(SqliteDb&)>& action) {
  auto store = OpenDb(global.db);
  if (!store.ok()) {
    PrintError(global.db + ": " + store.status().message());
    *exit_code = 2;
    return;
  }
  Result<std::string> done = action((*store)->db());
  if (!done.ok()) {
    PrintError(done.status().message());
    *exit_code = done.status().code() == core::StatusCode::kNotFound ||
                         done.status().code() == core::StatusCode::kInvalidInput
                     ? 1
                     : 2;
    return;
  }
  if (global.json) {
    std::cout << nlohmann::json({{"ok", true}, {"message", *done}}).dump() << "\n";
  } else {
    std::cout << *done << "\n";
  }
  *exit_code = 0;
}

}  // namespace

void AddCurateCommands(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* merge =
      app.add_subcommand("merge", "Merge the first entity into the second (kept on re-ingest)");
  merge->add_option("ids", *ids, "FROM_ID INTO_ID")->required()->expected(2);
  merge->add_flag("--json", global.json, "Print as JSON");
  merge->callback([&global, exit_code, ids] {
    RunCuration(global, exit_code, [&](SqliteDb& db) { return Merge(db, (*ids)[0], (*ids)[1]); });
  });

  auto split_id = std::make_shared<std::string>();
  auto split_names = std::make_shared<std::vector<std::string>>();
  auto* split = app.add_subcommand(
      "split", "Move an entity's mentions written NAME... to a new entity (kept on re-ingest)");
  split->add_option("id", *split_id, "Entity id")->required();
  split->add_option("names", *split_names, "Surfaces that name another entity")->required();
  split->add_flag("--json", global.json, "Print as JSON");
  split->callback([&global, exit_code, split_id, split_names] {
    RunCuration(global, exit_code,
                [&](SqliteDb& db) { return Split(db, *split_id, *split_names); });
  });

  auto alias_args = std::make_shared<std::vector<std::string>>();
  auto* alias = app.add_subcommand("alias", "Entity aliases");
  alias->require_subcommand(1);
  auto* alias_add = alias->add_subcommand("add", "A mention written NAME is entity ID");
  alias_add->add_option("args", *alias_args, "ID NAME")->required()->expected(2);
  alias_add->add_flag("--json", global.json, "Print as JSON");
  alias_add->callback([&global, exit_code, alias_args] {
    RunCuration(global, exit_code,
                [&](SqliteDb& db) { return AddAlias(db, (*alias_args)[0], (*alias_args)[1]); });
  });

  auto rename_args = std::make_shared<std::vector<std::string>>();
  auto* rename = app.add_subcommand("rename", "Set an entity's display name (kept on re-ingest)");
  rename->add_option("args", *rename_args, "ID NAME")->required()->expected(2);
  rename->add_flag("--json", global.json, "Print as JSON");
  rename->callback([&global, exit_code, rename_args] {
    RunCuration(global, exit_code,
                [&](SqliteDb& db) { return Rename(db, (*rename_args)[0], (*rename_args)[1]); });
  });

  auto all = std::make_shared<bool>(false);
  auto* cluster = app.add_subcommand(
      "cluster-events", "Group events that report the same act across pages and languages");
  cluster->add_flag("--all", *all, "Recompute every cluster instead of only new events");
  cluster->add_flag("--json", global.json, "Print as JSON");
  cluster->callback([&global, exit_code, all] {
    RunCuration(global, exit_code, [&](SqliteDb& db) { return ClusterStoredEvents(db, *all); });
  });
}

}  // namespace ketnoi::cli
