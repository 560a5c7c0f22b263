// Curation of resolved entities through the store (store.h: recorded with the editor and the
// time, replayed on every re-ingest, on SQLite and PostgreSQL alike):
//   ketnoi merge FROM_ID INTO_ID        FROM's mentions join INTO (and stay there)
//   ketnoi split ID NAME...             ID's mentions written NAME leave for a new entity
//   ketnoi alias add ID NAME            a mention written NAME is ID
//   ketnoi rename ID NAME               ID's display name
//   ketnoi reject mention DOC IDX       mention IDX of DOC (and its same-written twins) is wrong
//   ketnoi reject event DOC IDX         event IDX of DOC is wrong
//   ketnoi cluster-events [--all] [--list]  same act on several pages -> one event cluster
// Every edit takes --editor NAME (default: $USER).
#include <cstdlib>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.h"
#include "resolve/event_clusters.h"
#include "search/search.h"
#include "store/sql.h"

namespace ketnoi::cli {
namespace {

using core::Result;
using core::Status;
using store::SqlConnection;

Result<int64_t> Count(SqlConnection& db, std::string_view sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

// Assigns a cluster to every event without one (all events with `all`), known clusters
// first so a new page joins the cluster its act already has.
Result<std::string> ClusterStoredEvents(SqlConnection& db, bool all) {
  if (all) KETNOI_RETURN_IF_ERROR(db.Exec("DELETE FROM event_clusters"));
  const std::string participant_list = db.dialect() == store::Dialect::kSqlite
                                           ? "group_concat(p.entity_id, char(31))"
                                           : "string_agg(p.entity_id, chr(31))";
  auto q = db.Prepare(
      "SELECT e.doc_id, e.idx, e.type, e.date, e.fields, c.cluster_id, "
      "(SELECT " +
      participant_list +
      " FROM event_participants p "
      " WHERE p.doc_id = e.doc_id AND p.event_idx = e.idx), d.published "
      "FROM events e JOIN documents d ON d.id = e.doc_id "
      "LEFT JOIN event_clusters c ON c.doc_id = e.doc_id AND c.event_idx = e.idx "
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
    if (!q->IsNull(7)) k.reported = core::ParseIsoDate(q->Text(7).substr(0, 10));
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
  Status st = db.InTransaction([&]() -> Status {
    auto ins = db.Prepare(
        "INSERT INTO event_clusters (doc_id, event_idx, cluster_id) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (doc_id, event_idx) DO UPDATE SET cluster_id = excluded.cluster_id");
    if (!ins.ok()) return ins.status();
    for (const auto& [k, cluster] : assigned) {
      ins->Reset();
      ins->Bind(1, k.doc_id).Bind(2, int64_t{k.event_idx}).Bind(3, cluster);
      KETNOI_RETURN_IF_ERROR(ins->Run());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  auto clusters = Count(db, "SELECT count(DISTINCT cluster_id) FROM event_clusters");
  if (!clusters.ok()) return clusters.status();
  return "clustered " + std::to_string(assigned.size()) + " new events; " + std::to_string(total) +
         " events form " + std::to_string(*clusters) + " clusters";
}

// The clusters of more than one event, one line each: "CLUSTER TYPE DATE: DOC#IDX, ..." (the
// earliest date of its events), so an analyst sees which reports were taken for one act.
Result<std::string> ListClusters(SqlConnection& db) {
  auto q = db.Prepare(
      "SELECT c.cluster_id, e.type, e.date, e.doc_id, e.idx FROM event_clusters c "
      "JOIN events e ON e.doc_id = c.doc_id AND e.idx = c.event_idx "
      "WHERE c.cluster_id IN (SELECT cluster_id FROM event_clusters GROUP BY cluster_id "
      "HAVING count(*) > 1) "
      "ORDER BY c.cluster_id, e.doc_id, e.idx");
  if (!q.ok()) return q.status();
  std::string out, cluster, type, date, members;
  auto flush = [&] {
    if (!cluster.empty()) out += cluster + " " + type + " " + date + ": " + members + "\n";
  };
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string member = q->Text(3) + "#" + std::to_string(q->Int(4));
    std::string event_date = q->IsNull(2) ? std::string() : q->Text(2);
    if (q->Text(0) != cluster) {
      flush();
      cluster = q->Text(0);
      type = q->Text(1);
      date = event_date.empty() ? "-" : event_date;
      members = member;
      continue;
    }
    members += ", " + member;
    if (!event_date.empty() && (date == "-" || event_date < date)) date = event_date;
  }
  flush();
  return out;
}

std::string DefaultEditor() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

void PrintOutcome(const GlobalOptions& global, int* exit_code, const Result<std::string>& done) {
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

// Opens the store (either backend), runs the edit, prints its one-line outcome.
void RunEdit(const GlobalOptions& global, int* exit_code,
             const std::function<Result<store::CurationOutcome>(store::Store&)>& edit) {
  auto st = store::Store::Open(global.db);
  if (!st.ok()) {
    PrintError(global.db + ": " + st.status().message());
    *exit_code = 2;
    return;
  }
  auto done = edit(**st);
  PrintOutcome(global, exit_code,
               done.ok() ? Result<std::string>(done->message) : Result<std::string>(done.status()));
}

// Event clustering runs its SQL through the query layer's connection (either backend).
void RunClustering(const GlobalOptions& global, int* exit_code, bool all, bool list) {
  auto kb = search::KnowledgeBase::Open(global.db);
  if (!kb.ok()) {
    PrintError(global.db + ": " + kb.status().message());
    *exit_code = 2;
    return;
  }
  PrintOutcome(global, exit_code, ClusterStoredEvents((*kb)->sql(), all));
  if (*exit_code != 0 || !list) return;
  auto listing = ListClusters((*kb)->sql());
  if (!listing.ok()) {
    PrintError(global.db + ": " + listing.status().message());
    *exit_code = 2;
    return;
  }
  std::cout << *listing;
}

// Parses a mention or event number, or InvalidInput naming it.
Result<int64_t> Index(const std::string& what, const std::string& text) {
  char* end = nullptr;
  long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < 0) {
    return core::InvalidInput(what + " must be a number from 0, not \"" + text + "\"");
  }
  return static_cast<int64_t>(n);
}

}  // namespace

void AddCurateCommands(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto editor = std::make_shared<std::string>(DefaultEditor());
  auto with_editor = [&global, editor](CLI::App* cmd) {
    cmd->add_option("--editor", *editor, "Who makes the edit (recorded; default $USER)");
    cmd->add_flag("--json", global.json, "Print as JSON");
  };
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* merge =
      app.add_subcommand("merge", "Merge the first entity into the second (kept on re-ingest)");
  merge->add_option("ids", *ids, "FROM_ID INTO_ID")->required()->expected(2);
  with_editor(merge);
  merge->callback([&global, exit_code, ids, editor] {
    RunEdit(global, exit_code,
            [&](store::Store& s) { return s.Merge((*ids)[0], (*ids)[1], *editor); });
  });

  auto split_id = std::make_shared<std::string>();
  auto split_names = std::make_shared<std::vector<std::string>>();
  auto* split = app.add_subcommand(
      "split", "Move an entity's mentions written NAME... to a new entity (kept on re-ingest)");
  split->add_option("id", *split_id, "Entity id")->required();
  split->add_option("names", *split_names, "Surfaces that name another entity")->required();
  with_editor(split);
  split->callback([&global, exit_code, split_id, split_names, editor] {
    RunEdit(global, exit_code,
            [&](store::Store& s) { return s.Split(*split_id, *split_names, *editor); });
  });

  auto alias_args = std::make_shared<std::vector<std::string>>();
  auto* alias = app.add_subcommand("alias", "Entity aliases");
  alias->require_subcommand(1);
  auto* alias_add = alias->add_subcommand("add", "A mention written NAME is entity ID");
  alias_add->add_option("args", *alias_args, "ID NAME")->required()->expected(2);
  with_editor(alias_add);
  alias_add->callback([&global, exit_code, alias_args, editor] {
    RunEdit(global, exit_code, [&](store::Store& s) {
      return s.AddAlias((*alias_args)[0], (*alias_args)[1], *editor);
    });
  });

  auto rename_args = std::make_shared<std::vector<std::string>>();
  auto* rename = app.add_subcommand("rename", "Set an entity's display name (kept on re-ingest)");
  rename->add_option("args", *rename_args, "ID NAME")->required()->expected(2);
  with_editor(rename);
  rename->callback([&global, exit_code, rename_args, editor] {
    RunEdit(global, exit_code, [&](store::Store& s) {
      return s.Rename((*rename_args)[0], (*rename_args)[1], *editor);
    });
  });

  auto reject_args = std::make_shared<std::vector<std::string>>();
  auto* reject = app.add_subcommand("reject", "Hide a wrong mention or event (kept on re-ingest)");
  reject->require_subcommand(1);
  for (const char* what : {"mention", "event"}) {
    const bool is_mention = std::string(what) == "mention";
    auto* cmd = reject->add_subcommand(
        what, is_mention ? "Mention IDX of document DOC is not an entity"
                         : "Event IDX of document DOC did not happen as extracted");
    cmd->add_option("args", *reject_args, "DOC IDX")->required()->expected(2);
    with_editor(cmd);
    cmd->callback([&global, exit_code, reject_args, editor, is_mention] {
      RunEdit(global, exit_code, [&](store::Store& s) -> Result<store::CurationOutcome> {
        auto idx = Index(is_mention ? "a mention" : "an event", (*reject_args)[1]);
        if (!idx.ok()) return idx.status();
        return is_mention ? s.RejectMention((*reject_args)[0], *idx, *editor)
                          : s.RejectEvent((*reject_args)[0], *idx, *editor);
      });
    });
  }

  auto all = std::make_shared<bool>(false);
  auto* cluster = app.add_subcommand(
      "cluster-events", "Group events that report the same act across pages and languages");
  cluster->add_flag("--all", *all, "Recompute every cluster instead of only new events");
  auto list = std::make_shared<bool>(false);
  auto* list_flag =
      cluster->add_flag("--list", *list, "Then list every cluster of more than one event");
  list_flag->excludes(cluster->add_flag("--json", global.json, "Print as JSON"));
  cluster->callback(
      [&global, exit_code, all, list] { RunClustering(global, exit_code, *all, *list); });
}

}  // namespace ketnoi::cli
