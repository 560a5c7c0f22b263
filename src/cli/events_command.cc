// `ketnoi events [--participant NAME|ID]... [--country C]... [--field F] [--type T]
// [--modality M] [--from DATE] [--to DATE] [--limit N] [--json]` — cooperation events.
#include <iostream>
#include <string>
#include <string_view>

#include "cli/common.h"
#include "search/json.h"
#include "search/search.h"

namespace ketnoi::cli {

namespace {

// Prints events as they come: JSON at once, a table (whose columns fit every row) at the end.
class EventPrinter {
 public:
  explicit EventPrinter(bool json)
      : json_(json),
        table_({"date", "type", "modality", "participants", "place", "evidence", "document"}, 48) {}
  void Add(const search::EventRow& e);
  void Finish();

 private:
  bool json_;
  Table table_;
  size_t printed_ = 0;
};

void EventPrinter::Add(const search::EventRow& e) {
  if (json_) {
    // One event at a time, so a timeline of 600,000 events is not also held as one JSON
    // tree (4.4 GB at 100k documents); the bytes are those of the whole array's dump(1):
    // its elements indented one space more.
    std::cout << (printed_ == 0 ? "[\n" : ",\n");
    const std::string element = search::ToJson(e).dump(1);
    size_t line = 0;
    for (size_t nl = element.find('\n'); nl != std::string::npos;
         line = nl + 1, nl = element.find('\n', line)) {
      std::cout << ' ' << std::string_view(element).substr(line, nl + 1 - line);
    }
    std::cout << ' ' << std::string_view(element).substr(line);
  } else {
    std::string parts;
    for (const auto& p : e.participants) parts += (parts.empty() ? "" : ", ") + p.name;
    std::string date = e.date.value_or("?") + (e.date_from_document ? "*" : "");
    // An act reported by several pages (cluster-events) says how many others report it.
    std::string doc = e.doc_id;
    if (!e.other_reports.empty()) doc += " (+" + std::to_string(e.other_reports.size()) + ")";
    table_.Add({date, e.type, e.modality, parts, e.place ? e.place->name : "", e.evidence, doc});
  }
  ++printed_;
}

void EventPrinter::Finish() {
  if (json_) {
    std::cout << (printed_ == 0 ? "[]\n" : "\n]\n");
  } else if (printed_ == 0) {
    std::cout << "no events match\n";
  } else {
    std::cout << table_.Render() << "(* = the document's date)\n";
  }
}

}  // namespace

int PrintEvents(search::KnowledgeBase& kb, const search::EventFilter& filter, bool json,
                std::string_view command) {
  EventPrinter printer(json);
  core::Status st = kb.ForEachEvent(filter, [&](search::EventRow&& e) {
    printer.Add(e);
    return true;
  });
  if (!st.ok()) {
    if (json) std::cout.flush();
    PrintError(std::string(command) + ": " + st.message());
    return st.code() == core::StatusCode::kNotFound ? 1 : 2;
  }
  printer.Finish();
  return 0;
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
    *exit_code = PrintEvents(**kb, *f, global.json, "events");
  });
}

}  // namespace ketnoi::cli
