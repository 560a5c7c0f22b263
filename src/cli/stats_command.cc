// `ketnoi stats [--db FILE] [--json]` — what the database holds.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.h"

namespace ketnoi::cli {

void AddStatsCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("stats", "Show what the database holds");
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code] {
    auto store = store::Store::Open(global.db);
    if (!store.ok()) {
      PrintError(store.status().message());
      *exit_code = 2;
      return;
    }
    auto stats = (*store)->GetStats();
    if (!stats.ok()) {
      PrintError(global.db + ": " + stats.status().message());
      *exit_code = 2;
      return;
    }
    const store::Stats& s = *stats;
    if (global.json) {
      nlohmann::json j = {{"db", global.db},
                          {"documents", s.documents},
                          {"by_language", s.by_language},
                          {"by_source", s.by_source},
                          {"first_date", s.first_date ? nlohmann::json(*s.first_date) : nullptr},
                          {"last_date", s.last_date ? nlohmann::json(*s.last_date) : nullptr},
                          {"mentions", s.mentions},
                          {"entities", s.entities},
                          {"entities_by_kind", s.entities_by_kind},
                          {"events", s.events},
                          {"events_by_type", s.events_by_type}};
      std::cout << j.dump(1) << "\n";
      return;
    }
    std::cout << global.db << ": " << s.documents << " documents";
    if (s.first_date) std::cout << ", published " << *s.first_date << " .. " << *s.last_date;
    std::cout << "\n\n";
    Table langs({"language", "documents"});
    for (const auto& [k, v] : s.by_language) langs.Add({k, std::to_string(v)});
    std::cout << langs.Render() << "\n";
    Table sources({"source", "documents"});
    for (const auto& [k, v] : s.by_source) sources.Add({k, std::to_string(v)});
    std::cout << sources.Render() << "\n";
    Table kb({"knowledge", "count"});
    kb.Add({"mentions", std::to_string(s.mentions)});
    kb.Add({"entities", std::to_string(s.entities)});
    for (const auto& [k, v] : s.entities_by_kind) kb.Add({"  " + k, std::to_string(v)});
    kb.Add({"events", std::to_string(s.events)});
    for (const auto& [k, v] : s.events_by_type) kb.Add({"  " + k, std::to_string(v)});
    std::cout << kb.Render();
  });
}

}  // namespace ketnoi::cli
