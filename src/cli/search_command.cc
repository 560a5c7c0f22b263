// `ketnoi search QUERY [--lang vi|zh|en] [--from DATE] [--to DATE] [--source S] [--limit N]
// [--json]` — full-text search over every language, best first, with highlighted snippets.
#include <iostream>

#include "cli/common.h"
#include "search/json.h"
#include "search/search.h"

namespace ketnoi::cli {

void AddSearchCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("search", "Full-text search (diacritics, case, script folded)");
  auto words = std::make_shared<std::vector<std::string>>();
  auto query = std::make_shared<search::SearchQuery>();
  cmd->add_option("query", *words,
                  "Words (all must occur), \"a phrase\", or an entity's name (found as that name, "
                  "in every language)")
      ->required();
  cmd->add_option("--lang", query->lang, "Only documents in this language")
      ->check(CLI::IsMember({"vi", "zh", "en"}));
  cmd->add_option("--from", query->from, "Published on or after YYYY[-MM[-DD]]");
  cmd->add_option("--to", query->to, "Published on or before YYYY[-MM[-DD]]");
  cmd->add_option("--source", query->source, "Only documents whose source path contains this");
  cmd->add_option("--limit", query->limit, "At most N results")->capture_default_str();
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, words, query] {
    for (const std::string& w : *words) query->text += (query->text.empty() ? "" : " ") + w;
    bool color = !global.json && StdoutIsTerminal();
    if (color) {
      query->mark_open = "\033[1;33m";
      query->mark_close = "\033[0m";
    }
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    auto hits = (*kb)->Search(*query);
    NoteUnindexed(**kb);
    if (!hits.ok()) {
      PrintError("search: " + hits.status().message());
      *exit_code = 2;
      return;
    }
    if (global.json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& h : *hits) j.push_back(search::ToJson(h));
      std::cout << j.dump(1) << "\n";
      return;
    }
    if (hits->empty()) {
      std::cout << "no documents match\n";
      return;
    }
    int n = 0;
    for (auto h : *hits) {
      for (char& c : h.snippet) c = c == '\n' ? ' ' : c;
      std::cout << ++n << ". " << h.title << "\n   " << h.doc_id << "  " << h.lang << "  "
                << h.date.value_or("----------") << "  " << h.source << "\n   " << h.snippet
                << "\n\n";
    }
  });
}

}  // namespace ketnoi::cli
