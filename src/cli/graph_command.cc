// `ketnoi graph --format graphml|json|dot [--output FILE] [filters]` — the cooperation
// network: entities as nodes, shared events as weighted edges (opens in Gephi).
#include <fstream>
#include <iostream>

#include "cli/common.h"
#include "search/search.h"

namespace ketnoi::cli {

void AddGraphCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("graph", "Export the cooperation network");
  auto format = std::make_shared<std::string>("graphml");
  auto output = std::make_shared<std::string>();
  auto f = std::make_shared<search::EventFilter>();
  cmd->add_option("--format", *format, "graphml | json | dot")
      ->check(CLI::IsMember({"graphml", "json", "dot"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", *output, "Write to FILE instead of stdout");
  cmd->add_option("--participant", f->participants, "Only events involving this entity");
  cmd->add_option("--country", f->countries, "Only events involving this country");
  cmd->add_option("--field", f->field, "Only events in this field");
  cmd->add_option("--type", f->type, "Only events of this type");
  cmd->add_option("--modality", f->modality, "reported | planned | proposed");
  cmd->add_option("--from", f->from, "On or after YYYY[-MM[-DD]]");
  cmd->add_option("--to", f->to, "On or before YYYY[-MM[-DD]]");
  cmd->callback([&global, exit_code, format, output, f] {
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    auto g = (*kb)->CooperationGraph(*f);
    if (!g.ok()) {
      PrintError("graph: " + g.status().message());
      *exit_code = g.status().code() == core::StatusCode::kNotFound ? 1 : 2;
      return;
    }
    std::string text = *format == "json"  ? search::GraphToJson(*g)
                       : *format == "dot" ? search::GraphToDot(*g)
                                          : search::GraphToGraphMl(*g);
    if (output->empty()) {
      std::cout << text;
      return;
    }
    std::ofstream out(*output, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      PrintError("graph: cannot write " + *output);
      *exit_code = 2;
      return;
    }
    std::cerr << "wrote " << g->nodes.size() << " nodes, " << g->edges.size() << " edges to "
              << *output << "\n";
  });
}

}  // namespace ketnoi::cli
