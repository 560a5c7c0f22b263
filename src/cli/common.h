// cli/common.h — helpers the subcommands share: building the pipeline from the global
// options, one-line errors, aligned tables, progress on a terminal.
#ifndef KETNOI_CLI_COMMON_H_
#define KETNOI_CLI_COMMON_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "search/search.h"

namespace ketnoi::cli {

// Prints "ketnoi: <message>" on stderr.
void PrintError(const std::string& message);

// After a query: one stderr line when committed documents were not yet searchable (another
// process held the write lock; search/search.h), so the user knows the answer may be short.
void NoteUnindexed(const search::KnowledgeBase& kb);

core::Result<std::unique_ptr<pipeline::Pipeline>> MakePipeline(const GlobalOptions& global);

// True when stdout/stderr is a terminal (colour and progress only then).
bool StdoutIsTerminal();
bool StderrIsTerminal();

// An aligned text table; cells longer than `max_width` code points are cut with "…".
class Table {
 public:
  explicit Table(std::vector<std::string> header, size_t max_width = 60);
  void Add(std::vector<std::string> row);
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
  size_t max_width_;
};

// Prints the events `filter` selects as they are read (`events`, `timeline`): a table, or
// JSON (the bytes of the whole array's dump(1)). An error is one line on stderr after what
// was printed, naming `command`. Returns the exit code: 0, 1 (not found) or 2.
int PrintEvents(search::KnowledgeBase& kb, const search::EventFilter& filter, bool json,
                std::string_view command);

// "ingested 120/1000  35.2 docs/s  ETA 25s" on one rewritten stderr line.
class Progress {
 public:
  explicit Progress(std::string verb);
  void Update(size_t done, size_t total);
  void Finish();

 private:
  std::string verb_;
  double start_;
  bool active_;
};

}  // namespace ketnoi::cli

#endif  // KETNOI_CLI_COMMON_H_
