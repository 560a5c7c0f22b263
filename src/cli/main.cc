// ketnoi — the command-line entry point. See README.md and `ketnoi --help`.
#include <iostream>

#include "cli/commands.h"

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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
