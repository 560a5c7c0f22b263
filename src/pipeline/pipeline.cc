#include "pipeline/pipeline.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
#include <iostream>
#include <iterator>
#include <set>
#include <utility>

#include "text/text.h"

namespace ketnoi::pipeline {
namespace {

namespace fs = std::filesystem;
using core::Result;

bool IsPageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
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

Result<ProcessedDocument> Pipeline::Process(ingest::Page page) const {
  ProcessedDocument doc;
  doc.id = StemOf(page.source);
  doc.article = clean::Clean(page, options_.clean);
  if (!doc.article.ok()) return core::InvalidInput("no article text found");
  std::string body = doc.article.Body(page.text);
  doc.lang = text::IdentifyLanguage(body);
  if (doc.lang == core::Lang::kUnknown) doc.lang = text::IdentifyLanguage(doc.article.title);
  doc.analysis = extractor_->Analyze(page.text, doc.article, doc.lang);
  doc.resolved = resolver_->Resolve(page.text, doc.analysis);
  doc.page = std::move(page);
  return doc;
}

Result<ProcessedDocument> Pipeline::ProcessFile(const std::string& path) const {
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
  return Process(std::move(page).value());
}

IngestReport IngestFiles(const Pipeline& pipeline, store::Store& store,
                         const std::vector<std::string>& inputs, int jobs,
                         const std::function<void(size_t, size_t)>& on_done) {
  IngestReport report;
  jobs = std::max(1, jobs);
  // A sliding window of in-flight pages: workers run ahead by at most 4*jobs documents
  // (bounded memory), the writer takes results strictly in input order.
  std::deque<std::future<Result<ProcessedDocument>>> window;
  size_t next = 0, done = 0;
  auto launch = [&]() {
    const std::string& path = inputs[next++];
    if (jobs == 1) {
      std::promise<Result<ProcessedDocument>> p;
      p.set_value(pipeline.ProcessFile(path));
      window.push_back(p.get_future());
    } else {
      window.push_back(std::async(std::launch::async,
                                  [&pipeline, path] { return pipeline.ProcessFile(path); }));
    }
  };
  while (done < inputs.size()) {
    while (next < inputs.size() && window.size() < static_cast<size_t>(jobs) * 4) launch();
    Result<ProcessedDocument> doc = window.front().get();
    window.pop_front();
    const std::string& path = inputs[done++];
    if (!doc.ok()) {
      ++report.failed;
      report.errors.push_back(path + ": " + doc.status().message());
    } else {
      for (const std::string& w : doc->page.warnings) {
        report.warnings.push_back(path + ": warning: " + w);
      }
      // Unchanged content is recognized by hash before anything is written.
      auto put = store.PutDocument(doc->ToRecord());
      if (!put.ok()) {
        ++report.failed;
        report.errors.push_back(path + ": " + put.status().ToString());
      } else if (put->result == store::PutResult::kInserted) {
        ++report.inserted;
      } else if (put->result == store::PutResult::kReplaced) {
        ++report.replaced;
      } else {
        ++report.unchanged;
      }
    }
    if (on_done) on_done(done, inputs.size());
  }
  return report;
}

}  // namespace ketnoi::pipeline
