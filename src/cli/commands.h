// cli/commands.h — `ketnoi` subcommands, one thin file each: parse flags, call the library,
// print. Output for people by default (aligned tables), `--json` for machines; errors are
// one line on stderr naming the input and the problem; exit status 0 = all good,
// 1 = some input failed, 2 = usage or setup error.
#ifndef KETNOI_CLI_COMMANDS_H_
#define KETNOI_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ketnoi::cli {

// Options every command shares (from flags or the config file).
struct GlobalOptions {
  std::string db = "ketnoi.db";
  std::vector<std::string> lexicons;
  std::string data_dir;
  bool json = false;
};

// Each Add*Command registers a subcommand whose callback stores its exit code in *exit_code.
void AddIngestCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddExtractCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddStatsCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddCleanCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
// The query side (src/search): search, entity, events, timeline, graph, match.
void AddSearchCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddEntityCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddEventsCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddTimelineCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddGraphCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddMatchCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
void AddServeCommand(CLI::App& app, GlobalOptions& global, int* exit_code);
// merge, split, alias add, rename, cluster-events (src/cli/curate_command.cc).
void AddCurateCommands(CLI::App& app, GlobalOptions& global, int* exit_code);

}  // namespace ketnoi::cli

#endif  // KETNOI_CLI_COMMANDS_H_
