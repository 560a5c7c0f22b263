// `ketnoi events [--participant NAME|ID]... [--country C]... [--field F] [--type T]
// [--modality M] [--from DATE] [--to DATE] [--limit N] [--json]` — cooperation events.
#include <iostream>
#include <string>
#include <string_view>

#include "cli/common.h"
#include "search/json.h"
#include "search/search.h"

namespace ketnoi::cli {

// Shared with `timeline`: prints events as a table or JSON.
void PrintEvents(const std::vector<search::EventRow>& events, bool json) {
  if (json) {
    // One event at a time, so a timeline of 600,000 events is not also held as one JSON
    // tree (4.4 GB at 100k documents); the bytes are those of the whole array's dump(1):
    // its elements indented one space more.
    if (events.empty()) {
      std::cout << "[]\n";
      return;
    }
    std::cout << "[\n";
    for (size_t i = 0; i < events.size(); ++i) {
      const std::string element = search::ToJson(events[i]).dump(1);
      size_t line = 0;
      for (size_t nl = element.find('\n'); nl != std::string::npos;
           line = nl + 1, nl = element.find('\n', line)) {
        std::cout << ' ' << std::string_view(element).substr(line, nl + 1 - line);
      }
      std::cout << ' ' << std::string_view(element).substr(line)
                << (i + 1 < events.size() ? ",\n" : "\n");
    }
    std::cout << "]\n";
    return;
  }
  if (events.empty()) {
    std::cout << "no events match\n";
    return;
  }
  Table t({"date", "type", "modality", "participants", "place", "evidence", "document"}, 48);
  for (const auto& e : events) {
    std::string parts;
    for (const auto& p : e.participants) parts += (parts.empty() ? "" : ", ") + p.name;
    std::string date = e.date.value_or("?") + (e.date_from_document ? "*" : "");
    // An act reported by several pages (cluster-events) says how many others report it.
    std::string doc = e.doc_id;
    if (!e.other_reports.empty()) doc += " (+" + std::to_string(e.other_reports.size()) + ")";
    t.Add({date, e.type, e.modality, parts, e.place ? e.place->name : "", e.evidence, doc});
  }
  std::cout << t.Render() << "(* = the document's date)\n";
}

void AddEventsCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("events", "List cooperation events, filtered");
  auto f = std::make_shared<search::EventFilter>();
  cmd->add_option("--participant", f->participants, "Involves this entity (name or id)");
  cmd->add_option("--country", f->countries,
                  "Involves this country (participant, place or in the evidence sentence)");
  cmd->add_option("--field", f->field, "Technology field id (data/fields.txt)");
  cmd->add_option("--type", f->type, "Event type")
      ->check(CLI::IsMember({"mou_signed", "agreement_signed", "meeting", "visit", "dialogue",
                             "proposal", "training_program", "investment", "conference", "other"}));
  cmd->add_option("--modality", f->modality, "reported | planned | proposed")
      ->check(CLI::IsMember({"reported", "planned", "proposed"}));
  cmd->add_option("--from", f->from, "On or after YYYY[-MM[-DD]]");
  cmd->add_option("--to", f->to, "On or before YYYY[-MM[-DD]]");
  cmd->add_option("--limit", f->limit, "At most N events (0 = all)");
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, f] {
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    auto events = (*kb)->Events(*f);
    if (!events.ok()) {
      PrintError("events: " + events.status().message());
      *exit_code = events.status().code() == core::StatusCode::kNotFound ? 1 : 2;
      return;
    }
    PrintEvents(*events, global.json);
  });
}

}  // namespace ketnoi::cli
