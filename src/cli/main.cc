// ketnoi — the command-line entry point. See README.md and `ketnoi --help`.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/config_file.h"

namespace {

// Every option's long names (with '-' or '_'), per section: "" for the top level and one
// section per subcommand, as CLI11 maps config keys.
void CollectKeys(const CLI::App& app, const std::string& section, ketnoi::cli::ConfigKeys* keys) {
  std::set<std::string>& names = (*keys)[section];
  for (const CLI::Option* opt : app.get_options()) {
    for (std::string n : opt->get_lnames()) {
      names.insert(n);
      for (char& c : n) c = c == '-' ? '_' : c;
      names.insert(n);
    }
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    CollectKeys(*sub, section.empty() ? sub->get_name() : section + "." + sub->get_name(), keys);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using ketnoi::cli::GlobalOptions;
  CLI::App app{
      "ketnoi: a multilingual knowledge base of international science, technology and "
      "innovation cooperation"};
  app.set_version_flag("--version", "ketnoi 0.1.0");
  app.require_subcommand(1);
  // Shared options may come before or after the subcommand: `ketnoi ingest --db x.db ...`.
  app.fallthrough();
  app.set_config("--config", "", "Read options from a TOML/INI file (db, lexicon, data-dir)");
  // A misspelt key must not silently point `db` somewhere else: unknown keys are errors.
  app.allow_config_extras(CLI::config_extras_mode::error);
  GlobalOptions global;
  app.add_option("--db", global.db, "Database: a file path (SQLite) or a postgresql:// URL")
      ->capture_default_str();
  app.add_option("--lexicon", global.lexicons, "Extra lexicon file (data/README.md format)");
  app.add_option("--data-dir", global.data_dir, "Directory of the shipped lexicons");
  int exit_code = 0;
  ketnoi::cli::AddIngestCommand(app, global, &exit_code);
  ketnoi::cli::AddExtractCommand(app, global, &exit_code);
  ketnoi::cli::AddStatsCommand(app, global, &exit_code);
  ketnoi::cli::AddCleanCommand(app, global, &exit_code);
  ketnoi::cli::AddSearchCommand(app, global, &exit_code);
  ketnoi::cli::AddEntityCommand(app, global, &exit_code);
  ketnoi::cli::AddEventsCommand(app, global, &exit_code);
  ketnoi::cli::AddTimelineCommand(app, global, &exit_code);
  ketnoi::cli::AddGraphCommand(app, global, &exit_code);
  ketnoi::cli::AddMatchCommand(app, global, &exit_code);
  ketnoi::cli::AddServeCommand(app, global, &exit_code);
  ketnoi::cli::AddCurateCommands(app, global, &exit_code);
  if (std::string config = ketnoi::cli::ConfigPathFromArgs(argc, argv); !config.empty()) {
    std::ifstream in(config, std::ios::binary);
    if (in) {  // a missing file is CLI11's to report
      std::stringstream text;
      text << in.rdbuf();
      ketnoi::cli::ConfigKeys keys;
      CollectKeys(app, "", &keys);
      ketnoi::core::Status st = ketnoi::cli::CheckConfigText(config, text.str(), keys);
      if (!st.ok()) {
        ketnoi::cli::PrintError(st.message());
        return 2;
      }
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
