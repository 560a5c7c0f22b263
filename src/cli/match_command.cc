// `ketnoi match "NEED" [--country C] [--field F] [--limit N] [--json]` — partners and
// experts whose record shows they can meet a need, with reasons and evidence
// (docs/MATCHING.md).
#include <iostream>

#include "cli/common.h"
#include "extract/lexicon.h"
#include "search/json.h"
#include "search/search.h"

namespace ketnoi::cli {

void AddMatchCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("match", "Rank partners for a need (vi, zh or en)");
  auto words = std::make_shared<std::vector<std::string>>();
  auto q = std::make_shared<search::MatchQuery>();
  cmd->add_option("need", *words, "The need, e.g. \"đào tạo thiết kế chip\"")->required();
  cmd->add_option("--country", q->country, "The asking side's country: ties to it rank higher");
  cmd->add_option("--field", q->field, "A field id to add to those found in the need");
  cmd->add_option("--limit", q->limit, "At most N partners")->capture_default_str();
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, words, q] {
    for (const std::string& w : *words) q->need += (q->need.empty() ? "" : " ") + w;
    auto lexicons = extract::Lexicons::Load(
        global.data_dir.empty() ? extract::DefaultDataDir() : global.data_dir, global.lexicons);
    if (!lexicons.ok()) {
      PrintError(lexicons.status().message());
      *exit_code = 2;
      return;
    }
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    auto report = (*kb)->Match(*q, *lexicons);
    NoteUnindexed(**kb);
    if (!report.ok()) {
      PrintError("match: " + report.status().message());
      *exit_code = report.status().code() == core::StatusCode::kNotFound ? 1 : 2;
      return;
    }
    if (global.json) {
      std::cout << search::ToJson(*report).dump(1) << "\n";
      return;
    }
    auto join = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
      return out.empty() ? std::string("(none)") : out;
    };
    std::cout << "fields: " << join(report->fields) << "\nterms:  " << join(report->terms)
              << "\n\n";
    if (report->results.empty()) {
      std::cout << "no partner in the database shows evidence for this need\n";
      return;
    }
    int n = 0;
    for (const auto& r : report->results) {
      std::cout << ++n << ". " << r.entity.name << "  (" << r.entity.kind << ", " << r.entity.id
                << ")  score " << r.score << "\n";
      for (const auto& why : r.reasons) std::cout << "   - " << why << "\n";
      for (const auto& e : r.evidence) {
        std::string sentence = e.sentence;
        for (char& c : sentence) c = c == '\n' ? ' ' : c;
        std::cout << "   > " << sentence << "\n     [" << e.doc_id << ", "
                  << e.date.value_or("undated") << "; " << e.why << "]\n";
      }
      std::cout << "\n";
    }
  });
}

}  // namespace ketnoi::cli
