// `ketnoi extract --out DIR PATH...` — one FORMAT.md JSON per document, no database.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/common.h"
#include "pipeline/export.h"

namespace ketnoi::cli {

void AddExtractCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "extract", "Process pages as one corpus and write one extraction JSON per document");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto out_dir = std::make_shared<std::string>();
  cmd->add_option("paths", *paths, "Files, directories or - (stdin)")->required();
  cmd->add_option("-o,--out", *out_dir, "Output directory (created if missing)")->required();
  cmd->callback([&global, exit_code, paths, out_dir] {
    std::vector<std::string> errors;
    std::vector<std::string> inputs = pipeline::CollectInputs(*paths, &errors);
    auto pipe = MakePipeline(global);
    if (!pipe.ok()) {
      PrintError(pipe.status().message());
      *exit_code = 2;
      return;
    }
    std::error_code ec;
    std::filesystem::create_directories(*out_dir, ec);
    if (ec) {
      PrintError(*out_dir + ": cannot create output directory: " + ec.message());
      *exit_code = 2;
      return;
    }
    std::set<std::string> used_ids;
    int written = 0;
    for (const std::string& path : inputs) {
      auto doc = (*pipe)->ProcessFile(path);
      if (!doc.ok()) {
        errors.push_back(path + ": " + doc.status().message());
        continue;
      }
      // Ids are file stems made unique within the corpus, as the store does.
      std::string id = doc->id;
      for (int n = 2; used_ids.count(id); ++n) id = doc->id + "-" + std::to_string(n);
      used_ids.insert(id);
      doc->id = id;
      std::filesystem::path file = std::filesystem::path(*out_dir) / (id + ".json");
      std::ofstream out(file);
      out << pipeline::ToExtractionJson(*doc).dump(1) << "\n";
      if (!out) {
        errors.push_back(file.string() + ": cannot write");
        continue;
      }
      ++written;
    }
    for (const std::string& e : errors) PrintError(e);
    if (!global.json) {
      std::cerr << "extracted " << written << " documents into " << *out_dir << "\n";
    }
    *exit_code = errors.empty() ? 0 : 1;
  });
}

}  // namespace ketnoi::cli
