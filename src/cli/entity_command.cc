// `ketnoi entity NAME|ID [--json]` — an organization's, person's or place's profile:
// aliases in every language, roles over time, fields, partners, events, sources.
#include <iostream>

#include "cli/common.h"
#include "search/json.h"
#include "search/search.h"

namespace ketnoi::cli {
namespace {

std::string Names(const std::vector<search::EntityRef>& es) {
  std::string out;
  for (const auto& e : es) out += (out.empty() ? "" : ", ") + e.name;
  return out;
}

}  // namespace

void AddEntityCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("entity", "Profile of an organization, person or place");
  auto words = std::make_shared<std::vector<std::string>>();
  cmd->add_option("name", *words, "A name in any language or alias, or an entity id")->required();
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, words] {
    std::string name;
    for (const std::string& w : *words) name += (name.empty() ? "" : " ") + w;
    auto kb = search::KnowledgeBase::OpenExisting(global.db);
    if (!kb.ok()) {
      PrintError(kb.status().message());
      *exit_code = 2;
      return;
    }
    auto p = (*kb)->Profile(name);
    NoteUnindexed(**kb);
    if (!p.ok()) {
      PrintError("entity: " + p.status().message());
      *exit_code = 1;
      return;
    }
    if (global.json) {
      std::cout << search::ToJson(*p).dump(1) << "\n";
      return;
    }
    std::cout << p->entity.name << "  (" << p->entity.kind
              << (p->place_type.empty() ? "" : ", " + p->place_type) << ")  " << p->entity.id
              << "\n";
    if (!p->also_matched.empty()) std::cout << "also matches: " << Names(p->also_matched) << "\n";
    std::cout << "\n";
    Table aliases({"lang", "alias", "mentions"});
    for (const auto& a : p->aliases) aliases.Add({a.lang, a.surface, std::to_string(a.count)});
    std::cout << aliases.Render() << "\n";
    if (!p->roles.empty()) {
      Table roles({"date", "role", "document"});
      for (const auto& r : p->roles) roles.Add({r.date.value_or("?"), r.title, r.doc_id});
      std::cout << roles.Render() << "\n";
    }
    if (!p->fields.empty()) {
      Table fields({"field", "events+documents"});
      for (const auto& f : p->fields) fields.Add({f.key, std::to_string(f.count)});
      std::cout << fields.Render() << "\n";
    }
    if (!p->partners.empty()) {
      Table partners({"partner", "id", "shared events"});
      for (const auto& c : p->partners) partners.Add({c.label, c.key, std::to_string(c.count)});
      std::cout << partners.Render() << "\n";
    }
    if (!p->events.empty()) {
      Table events({"date", "type", "with", "evidence"}, 50);
      for (const auto& e : p->events) {
        std::vector<search::EntityRef> others;
        for (const auto& x : e.participants) {
          if (x.id != p->entity.id) others.push_back(x);
        }
        events.Add({e.date.value_or("?"), e.type, Names(others), e.evidence});
      }
      std::cout << events.Render() << "\n";
    }
    Table docs({"date", "lang", "document", "title"});
    for (const auto& d : p->documents) docs.Add({d.date.value_or("?"), d.lang, d.id, d.title});
    std::cout << docs.Render();
  });
}

}  // namespace ketnoi::cli
