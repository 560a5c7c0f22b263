// `ketnoi ingest [--db FILE] [--jobs N] PATH...` — pages into the knowledge base.
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/common.h"
#include "search/search.h"

namespace ketnoi::cli {

void AddIngestCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "ingest", "Read pages (.txt, .html; directories recursively; - for stdin) into the database");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto jobs =
      std::make_shared<int>(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  cmd->add_option("paths", *paths, "Files, directories or - (stdin)")->required();
  cmd->add_option("-j,--jobs", *jobs,
                  "Worker threads, for the analysis and for the search index after it (one "
                  "writer; results equal a 1-thread run)")
      ->capture_default_str();
  cmd->add_flag("--json", global.json, "Print the report as JSON");
  cmd->callback([&global, exit_code, paths, jobs] {
    std::vector<std::string> errors;
    std::vector<std::string> inputs = pipeline::CollectInputs(*paths, &errors);
    auto pipe = MakePipeline(global);
    if (!pipe.ok()) {
      PrintError(pipe.status().message());
      *exit_code = 2;
      return;
    }
    auto store = store::Store::Open(global.db);
    if (!store.ok()) {
      PrintError(store.status().message());
      *exit_code = 2;
      return;
    }
    Progress progress("ingested");
    pipeline::IngestReport report = pipeline::IngestFiles(
        **pipe, **store, inputs, *jobs, [&](size_t d, size_t t) { progress.Update(d, t); });
    progress.Finish();
    store->reset();
    // Bring the search index up to date now, so the first query after an ingest does not pay
    // for it; queries still drain the queue themselves (the safety net for other writers).
    // A backend search does not support yet has nothing to index.
    auto kb = search::KnowledgeBase::Open(global.db);
    core::Status indexed = kb.ok() ? (*kb)->UpdateIndex(*jobs).status() : kb.status();
    if (!indexed.ok() && indexed.code() != core::StatusCode::kUnsupported) {
      errors.push_back("search index of " + global.db + ": " + indexed.message());
    }
    errors.insert(errors.end(), report.errors.begin(), report.errors.end());
    for (const std::string& w : report.warnings) PrintError(w);
    for (const std::string& e : errors) PrintError(e);
    int failed = static_cast<int>(errors.size());
    if (global.json) {
      nlohmann::json j = {{"inserted", report.inserted},
                          {"replaced", report.replaced},
                          {"unchanged", report.unchanged},
                          {"failed", failed},
                          {"errors", errors},
                          {"warnings", report.warnings},
                          {"db", global.db}};
      std::cout << j.dump(1) << "\n";
    } else {
      std::cout << "ingested " << report.inserted << " new, " << report.replaced << " updated, "
                << report.unchanged << " unchanged, " << failed << " failed -> " << global.db
                << "\n";
    }
    *exit_code = failed > 0 ? 1 : 0;
  });
}

}  // namespace ketnoi::cli
