#include "pipeline/pipeline.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>
#include <utility>

#include "pipeline/ordered_pool.h"
#include "text/text.h"

namespace ketnoi::pipeline {
namespace {

namespace fs = std::filesystem;
using core::Result;

bool IsPageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".txt" || ext == ".html" || ext == ".htm";
}

void Walk(const fs::path& dir, std::set<std::pair<dev_t, ino_t>>* seen,
          std::vector<std::string>* out, std::vector<std::string>* errors) {
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0) {
    errors->push_back(dir.string() + ": cannot read directory: " + std::strerror(errno));
    return;
  }
  if (!seen->insert({st.st_dev, st.st_ino}).second) {
    errors->push_back(dir.string() + ": directory loop (already visited), skipped");
    return;
  }
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  if (ec) {
    errors->push_back(dir.string() + ": cannot read directory: " + ec.message());
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::error_code ec2;
    if (fs::is_directory(p, ec2)) {
      Walk(p, seen, out, errors);
    } else if (IsPageFile(p)) {
      out->push_back(p.string());
    }
  }
}

}  // namespace

std::string StemOf(const std::string& path) {
  if (path == "-") return "stdin";
  std::string stem = fs::path(path).stem().string();
  return stem.empty() ? "doc" : stem;
}

std::vector<std::string> CollectInputs(const std::vector<std::string>& paths,
                                       std::vector<std::string>* errors) {
  std::vector<std::string> out;
  std::set<std::pair<dev_t, ino_t>> seen;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back(p + ": no such file or directory");
    } else if (fs::is_directory(st)) {
      Walk(p, &seen, &out, errors);
    } else {
      out.push_back(p);  // named explicitly: taken whatever its extension
    }
  }
  return out;
}

store::DocumentRecord ProcessedDocument::ToRecord() const {
  store::DocumentRecord r;
  r.id = id;
  r.source = page.source;
  r.content_hash = page.content_hash;
  r.format = page.format == ingest::PageFormat::kHtml ? "html" : "text";
  r.lang = lang;
  r.title = article.title;
  r.date = article.date;
  r.text = page.text;
  r.paragraphs = article.paragraphs;
  r.analysis = analysis;
  r.resolved = resolved;
  return r;
}

Pipeline::Pipeline(PipelineOptions options, extract::Lexicons lexicons)
    : options_(std::move(options)),
      lexicons_(std::move(lexicons)),
      extractor_(std::make_unique<extract::Extractor>(lexicons_, options_.extract)),
      resolver_(std::make_unique<resolve::Resolver>(lexicons_)) {}

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::string dir = options.data_dir.empty() ? extract::DefaultDataDir() : options.data_dir;
  auto lex = extract::Lexicons::Load(dir, options.lexicon_files);
  if (!lex.ok()) return lex.status();
  return std::unique_ptr<Pipeline>(new Pipeline(options, std::move(lex).value()));
}

Result<ProcessedDocument> Pipeline::Analyze(ingest::Page page) const {
  ProcessedDocument doc;
  doc.id = StemOf(page.source);
  doc.article = clean::Clean(page, options_.clean);
  if (!doc.article.ok()) {
    if (page.nesting_truncated) {
      return core::InvalidInput("HTML nested deeper than " +
                                std::to_string(ingest::kHtmlParserMaxDepth) +
                                " levels: no article text above that depth");
    }
    return core::InvalidInput("no article text found");
  }
  std::string body = doc.article.Body(page.text);
  doc.lang = text::IdentifyLanguage(body);
  if (doc.lang == core::Lang::kUnknown) doc.lang = text::IdentifyLanguage(doc.article.title);
  doc.analysis = extractor_->Analyze(page.text, doc.article, doc.lang);
  doc.page = std::move(page);
  return doc;
}

Result<ProcessedDocument> Pipeline::AnalyzeFile(const std::string& path) const {
  Result<ingest::Page> page = core::Internal("unset");
  if (path == "-") {
    std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (bytes.size() > options_.ingest.max_page_bytes) {
      return core::TooLarge("page is " + std::to_string(bytes.size()) + " bytes, limit " +
                            std::to_string(options_.ingest.max_page_bytes));
    }
    page = ingest::ParsePage(bytes, ingest::DetectFormat("", bytes), "-", options_.ingest);
  } else {
    page = ingest::ReadPage(path, options_.ingest);
  }
  if (!page.ok()) return page.status();
  return Analyze(std::move(page).value());
}

void Pipeline::Resolve(ProcessedDocument* doc) const {
  doc->resolved = resolver_->Resolve(doc->page.text, doc->analysis);
}

Result<ProcessedDocument> Pipeline::Process(ingest::Page page) const {
  Result<ProcessedDocument> doc = Analyze(std::move(page));
  if (doc.ok()) Resolve(&*doc);
  return doc;
}

Result<ProcessedDocument> Pipeline::ProcessFile(const std::string& path) const {
  Result<ProcessedDocument> doc = AnalyzeFile(path);
  if (doc.ok()) Resolve(&*doc);
  return doc;
}

core::Status Pipeline::RecallStore(store::Store& store) const {
  resolver_->Forget();
  return store.LoadKnownEntities(
      [&](const std::vector<resolve::KnownMention>& document) { resolver_->Recall(document); });
}

core::Status Pipeline::StartLazyRecall(store::Store& store) const {
  resolver_->Forget();
  auto stored = store.NameKeysFingerprint();
  if (!stored.ok()) return stored.status();
  const std::string current = resolver_->NameKeysFingerprint();
  if (*stored == current) return core::Status::Ok();
  return store.RewriteNameKeys(current, [&](extract::EntityKind kind, const std::string& name) {
    return resolver_->NameKeys(kind, name);
  });
}

core::Status Pipeline::ResolveFrom(store::Store& store, ProcessedDocument* doc) const {
  auto resolved = resolver_->Resolve(
      doc->page.text, doc->analysis,
      [&](const resolve::MemoryRequest& request) { return store.LoadResolverMemory(request); });
  if (!resolved.ok()) return resolved.status();
  doc->resolved = std::move(resolved).value();
  return core::Status::Ok();
}

namespace {

// How far the workers may analyze ahead of the writer (OrderedPool): 32 documents a worker.
// The writer stops taking documents while it commits a batch (tens of milliseconds into an
// empty file, hundreds in a large one); the workers analyze on meanwhile and the writer then
// finds them ready. With 4 a worker (8 for two), the workers stood idle through every
// commit: 1,000 pages with --jobs 2 took 4.4 % longer (docs/PERFORMANCE.md, "Session 14").
// A typical document held is ~55 KB.
constexpr size_t kWindowPerWorker = 32;
// Pages of up to 16 MB (ingest::IngestOptions) make this the bound instead of the window.
constexpr size_t kHeldPageBytes = 32u << 20;

// The one store writer: records analyzed inputs in input order, several documents per store
// transaction (Store::BeginBatch): per-document commits cost as much as the rows themselves
// (the same index pages written to the WAL again for every document). A batch ends after
// kBatchDocuments documents or kBatchTime, whichever comes first, so readers (the server,
// `stats`) still see an ingest progress about every second. Not smaller: a batch's commit
// writes each index page its documents changed once, and in a large database most of a
// document's rows land on pages no other document of a small batch shares. A short time
// limit also shrinks the batches, and so raises each page's cost, as the database grows and
// pages take longer. 256 documents or 1 s instead of 64 or 250 ms cost 8 % less CPU per page
// at ~120k documents and 6 % less into an empty file, for 7 MB more memory
// (docs/PERFORMANCE.md, "Session 12").
class BatchWriter {
 public:
  BatchWriter(const Pipeline& pipeline, store::Store& store, IngestReport* report)
      : pipeline_(pipeline), store_(store), report_(report) {}
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Content the store holds already is neither resolved nor written (the resolver recalled
  // it from the store); the rest is resolved here, in input order, then stored.
  void Record(const std::string& path, Result<ProcessedDocument> doc) {
    if (!doc.ok()) {
      Fail(path, doc.status().message());
      return;
    }
    for (const std::string& w : doc->page.warnings) {
      report_->warnings.push_back(path + ": warning: " + w);
    }
    if (!open_) {
      if (core::Status begun = store_.BeginBatch(); !begun.ok()) {
        Fail(path, begun.ToString());
        return;
      }
      open_ = true;
      batch_start_ = std::chrono::steady_clock::now();
    }
    auto held = store_.FindByHash(doc->page.content_hash);
    if (!held.ok()) {
      Fail(path, held.status().ToString());
      Commit();
      return;
    }
    if (*held) {
      ++report_->unchanged;
    } else {
      if (core::Status resolved = pipeline_.ResolveFrom(store_, &*doc); !resolved.ok()) {
        Fail(path, "cannot read what the database knows of its entities: " + resolved.ToString());
        Commit();
        return;
      }
      auto put = store_.PutDocument(doc->ToRecord());
      if (!put.ok()) {
        Fail(path, put.status().ToString());
        Commit();  // keeps the batch's earlier documents (a failed one rolled back alone)
        return;
      }
      Count(put->result, +1);
      batch_.push_back({path, put->result});
    }
    if (batch_.size() >= kBatchDocuments ||
        std::chrono::steady_clock::now() - batch_start_ >= kBatchTime) {
      Commit();
    }
  }

  // Ends the open batch; when its commit fails, its documents count as failed, not stored.
  void Commit() {
    if (!open_) return;
    open_ = false;
    core::Status committed = store_.CommitBatch();
    if (!committed.ok()) {
      for (const auto& [path, result] : batch_) {
        Count(result, -1);
        Fail(path, committed.ToString());
      }
    }
    batch_.clear();
  }

 private:
  static constexpr size_t kBatchDocuments = 256;
  static constexpr std::chrono::milliseconds kBatchTime{1000};

  void Fail(const std::string& path, const std::string& problem) {
    ++report_->failed;
    report_->errors.push_back(path + ": " + problem);
  }
  void Count(store::PutResult result, int delta) {
    if (result == store::PutResult::kInserted) {
      report_->inserted += delta;
    } else if (result == store::PutResult::kReplaced) {
      report_->replaced += delta;
    } else {
      report_->unchanged += delta;
    }
  }

  const Pipeline& pipeline_;
  store::Store& store_;
  IngestReport* report_;
  bool open_ = false;
  std::chrono::steady_clock::time_point batch_start_;
  std::vector<std::pair<std::string, store::PutResult>> batch_;  // stored, not yet committed
};

}  // namespace

IngestReport IngestFiles(const Pipeline& pipeline, store::Store& store,
                         const std::vector<std::string>& inputs, int jobs,
                         const std::function<void(size_t, size_t)>& on_done) {
  IngestReport report;
  if (core::Status recalled = pipeline.StartLazyRecall(store); !recalled.ok()) {
    report.failed = static_cast<int>(inputs.size());
    report.errors.push_back("database: cannot read the entities it holds: " + recalled.ToString());
    return report;
  }
  jobs = std::max(1, jobs);
  BatchWriter writer(pipeline, store, &report);
  if (jobs == 1) {
    // One job: no threads at all, the writer processes each page itself.
    for (size_t i = 0; i < inputs.size(); ++i) {
      writer.Record(inputs[i], pipeline.AnalyzeFile(inputs[i]));
      if (on_done) on_done(i + 1, inputs.size());
    }
  } else {
    OrderedPool<Result<ProcessedDocument>> pool(
        jobs, static_cast<size_t>(jobs) * kWindowPerWorker, kHeldPageBytes,
        [](const Result<ProcessedDocument>& doc) { return doc.ok() ? doc->page.text.size() : 0; });
    pool.Start(inputs.size(), [&](size_t i) { return pipeline.AnalyzeFile(inputs[i]); });
    for (size_t i = 0; i < inputs.size(); ++i) {
      writer.Record(inputs[i], pool.Next());
      if (on_done) on_done(i + 1, inputs.size());
    }
  }
  writer.Commit();
  return report;
}

}  // namespace ketnoi::pipeline
