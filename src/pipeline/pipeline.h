// pipeline/pipeline.h — the job that runs the stages in order on one page:
//   ingest::Page -> clean::Article -> language -> extract::Analysis -> resolve -> record.
//
// In:  file paths (files, directories walked recursively, "-" for stdin).
// Out: ProcessedDocuments (for `ketnoi extract`) or rows in a store::Store (`ketnoi ingest`).
// Errors: one bad input never stops a batch: its problem is reported as one line naming
//      the input ("PATH: problem") and the others go on. A directory loop, an unreadable
//      path, an empty, binary, oversized or bodiless page are such problems.
// Incremental: the resolver's cross-document memory comes from the store an ingest job
//      writes to, so ingesting A then B in two processes gives what ingesting A and B in one
//      does, and a killed run, restarted, ends as a clean run. An ingest loads it lazily
//      (StartLazyRecall, then ResolveFrom for each document: only the stored entities that
//      document's names can match, from the store's resolver index), so its cost depends on
//      the pages ingested, not on the size of the store; RecallStore loads all of it.
// Thread safety: a Pipeline is immutable after Create() (the resolver's memory is guarded
//      by its own mutex); Process() is const and may run on many threads. The ingest job
//      analyzes pages on `jobs` workers and resolves them in its one writer thread, in input
//      order, so its results equal a single-threaded run.
#ifndef KETNOI_PIPELINE_PIPELINE_H_
#define KETNOI_PIPELINE_PIPELINE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clean/article.h"
#include "core/status.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "ingest/page.h"
#include "resolve/resolve.h"
#include "store/store.h"

namespace ketnoi::pipeline {

struct PipelineOptions {
  std::string data_dir;                    // shipped lexicons; empty = DefaultDataDir()
  std::vector<std::string> lexicon_files;  // a user's own lexicons, merged after
  ingest::IngestOptions ingest;
  clean::CleanOptions clean;
  extract::ExtractOptions extract;
};

struct ProcessedDocument {
  std::string id;  // file stem (made unique by the store or by the extract command)
  ingest::Page page;
  clean::Article article;
  core::Lang lang = core::Lang::kUnknown;
  extract::Analysis analysis;
  resolve::ResolvedDocument resolved;

  std::string Body() const { return article.Body(page.text); }
  store::DocumentRecord ToRecord() const;
};

class Pipeline {
 public:
  static core::Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);

  // Runs clean -> language -> extract -> resolve on a parsed page.
  core::Result<ProcessedDocument> Process(ingest::Page page) const;
  // Reads `path` ("-" = stdin) and processes it.
  core::Result<ProcessedDocument> ProcessFile(const std::string& path) const;
  // Process / ProcessFile without the last step: `resolved` stays empty.
  core::Result<ProcessedDocument> Analyze(ingest::Page page) const;
  core::Result<ProcessedDocument> AnalyzeFile(const std::string& path) const;
  // The last step: resolves an analyzed document (and remembers its entities).
  void Resolve(ProcessedDocument* doc) const;
  // Makes the resolver's memory what `store` holds: forgets, then recalls every stored
  // document (resolve::Resolver::Recall), in one pass over the stored mentions.
  core::Status RecallStore(store::Store& store) const;
  // Lazy recall from `store`: forgets, and makes the store's name keys current (indexes
  // them again if they were made with other name keys, resolve::Resolver::NameKeysFingerprint).
  core::Status StartLazyRecall(store::Store& store) const;
  // Resolve, loading first what the document can match in `store` and the memory does not
  // hold yet (lazy recall, after StartLazyRecall).
  core::Status ResolveFrom(store::Store& store, ProcessedDocument* doc) const;

  const extract::Lexicons& lexicons() const { return lexicons_; }

 private:
  Pipeline(PipelineOptions options, extract::Lexicons lexicons);
  PipelineOptions options_;
  extract::Lexicons lexicons_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<resolve::Resolver> resolver_;
};

// Expands files, directories (recursively, sorted, following symlinks but never twice into
// the same directory) and "-" into the list of inputs. Problems (missing path, loop,
// unreadable directory) go to `errors` as "PATH: problem" lines.
std::vector<std::string> CollectInputs(const std::vector<std::string>& paths,
                                       std::vector<std::string>* errors);

// The document id a path asks for: its file stem ("stdin" for "-").
std::string StemOf(const std::string& path);

struct IngestReport {
  int inserted = 0, replaced = 0, unchanged = 0, failed = 0;
  std::vector<std::string> errors;    // "PATH: problem"
  std::vector<std::string> warnings;  // "PATH: warning: ..." (ingested all the same)
};

// Ingests `inputs` into `store`: `jobs` worker threads analyze pages and this thread, in
// input order, skips content the store holds already (by hash, unresolved), recalls what
// the rest can match in `store` and resolves it (ResolveFrom), and writes it, up to 256
// documents or a second per store transaction (Store::BeginBatch; each document
// still wholly present or absent, and a document whose batch failed to commit counts as
// failed). `on_done(done, total)` is called after each input (progress). If the store cannot
// be read, every input fails with that one error.
IngestReport IngestFiles(const Pipeline& pipeline, store::Store& store,
                         const std::vector<std::string>& inputs, int jobs,
                         const std::function<void(size_t, size_t)>& on_done = {});

}  // namespace ketnoi::pipeline

#endif  // KETNOI_PIPELINE_PIPELINE_H_
