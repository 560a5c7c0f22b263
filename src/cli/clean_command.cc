// `ketnoi clean FILE` — the clean stage alone, for debugging boilerplate removal.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "text/text.h"

namespace ketnoi::cli {

void AddCleanCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("clean", "Show the article a page yields: title, date, body");
  auto path = std::make_shared<std::string>();
  cmd->add_option("path", *path, "A page file or - (stdin)")->required();
  cmd->add_flag("--json", global.json, "Print as JSON");
  cmd->callback([&global, exit_code, path] {
    auto page = ingest::ReadPage(*path);
    if (!page.ok()) {
      PrintError(*path + ": " + page.status().message());
      *exit_code = 1;
      return;
    }
    clean::Article article = clean::Clean(*page);
    std::string body = article.Body(page->text);
    core::Lang lang = text::IdentifyLanguage(body);
    if (global.json) {
      nlohmann::json j = {{"source", *path},
                          {"language", std::string(core::LangCode(lang))},
                          {"title", article.title},
                          {"date", article.date ? nlohmann::json(article.date->ToIso()) : nullptr},
                          {"body", body},
                          {"warnings", page->warnings}};
      std::cout << j.dump(1) << "\n";
    } else {
      std::cout << "title:    " << article.title << "\n"
                << "date:     " << (article.date ? article.date->ToIso() : "-") << "\n"
                << "language: " << core::LangCode(lang) << "\n\n"
                << body << "\n";
    }
    *exit_code = article.ok() ? 0 : 1;
  });
}

}  // namespace ketnoi::cli
