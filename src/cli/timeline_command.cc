// `ketnoi timeline NAME|ID` or `ketnoi timeline --countries VN BE` — an entity's or a
// country pair's cooperation events in date order.
#include <iostream>

#include "cli/common.h"
#include "search/search.h"

namespace ketnoi::cli {

void AddTimelineCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("timeline", "Events of an entity or a country pair, by date");
  auto words = std::make_shared<std::vector<std::string>>();
  auto f = std::make_shared<search::EventFilter>();
  cmd->add_option("name", *words, "An entity name or id");
  cmd->add_option("--countries", f->countries, "Countries that must all be involved (VN BE)")
      ->expected(1, 8);
  cmd->add_option("--from", f->from, "On or after YYYY[-MM[-DD]]");
  cmd->add_option("--to", f->to, "On or before YYYY[-MM[-DD]]");
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, words, f] {
    std::string name;
    for (const std::string& w : *words) name += (name.empty() ? "" : " ") + w;
    if (name.empty() && f->countries.empty()) {
      PrintError("timeline: give an entity NAME|ID or --countries C1 C2");
      *exit_code = 2;
      return;
    }
    if (!name.empty()) f->participants = {name};
    f->one_per_act = true;  // an act several pages report is one point of the timeline
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    *exit_code = PrintEvents(**kb, *f, global.json, "timeline");
  });
}

}  // namespace ketnoi::cli
