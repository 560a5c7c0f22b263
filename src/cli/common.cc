#include "cli/common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "core/utf8.h"

namespace ketnoi::cli {
namespace {

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Display width: CJK characters take two columns.
size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += (len >= 3 && c >= 0xE3 && c <= 0xED) ? 2 : 1;  // U+3000..U+DFFF: CJK, Hangul
    i += len;
  }
  return w;
}

std::string Truncate(const std::string& s, size_t max_width) {
  if (DisplayWidth(s) <= max_width) return s;
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    size_t cw = (len >= 3 && c >= 0xE3 && c <= 0xED) ? 2 : 1;
    if (w + cw > max_width - 1) break;
    out.append(s, i, len);
    w += cw;
    i += len;
  }
  return out + "…";
}

}  // namespace

void PrintError(const std::string& message) { std::cerr << "ketnoi: " << message << "\n"; }

void NoteUnindexed(const search::KnowledgeBase& kb) {
  if (kb.unindexed() == 0) return;
  PrintError("note: " + std::to_string(kb.unindexed()) +
             " documents just written by another process are not searchable yet (it holds "
             "the database); ask again when it is done");
}

core::Result<std::unique_ptr<pipeline::Pipeline>> MakePipeline(const GlobalOptions& global) {
  pipeline::PipelineOptions options;
  options.data_dir = global.data_dir;
  options.lexicon_files = global.lexicons;
  return pipeline::Pipeline::Create(options);
}

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }
bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

Table::Table(std::vector<std::string> header, size_t max_width) : max_width_(max_width) {
  Add(std::move(header));
}

// Cells are cut to max_width as they come, so a table of 600,000 events holds what it will
// print, not every event's whole evidence sentence.
void Table::Add(std::vector<std::string> row) {
  for (std::string& cell : row) cell = Truncate(cell, max_width_);
  rows_.push_back(std::move(row));
}

std::string Table::Render() const {
  std::vector<size_t> widths;
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::ostringstream out;
  bool bold = StdoutIsTerminal();
  for (size_t r = 0; r < rows_.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows_[r].size(); ++i) {
      line += rows_[r][i];
      if (i + 1 < rows_[r].size())
        line += std::string(widths[i] - DisplayWidth(rows_[r][i]) + 2, ' ');
    }
    if (r == 0 && bold) line = "\033[1m" + line + "\033[0m";
    out << line << "\n";
  }
  return out.str();
}

Progress::Progress(std::string verb)
    : verb_(std::move(verb)), start_(NowSeconds()), active_(StderrIsTerminal()) {}

void Progress::Update(size_t done, size_t total) {
  if (!active_ || total < 20) return;
  double elapsed = NowSeconds() - start_;
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  std::fprintf(stderr, "\r%s %zu/%zu  %.1f docs/s  ETA %.0fs   ", verb_.c_str(), done, total, rate,
               eta);
}

void Progress::Finish() {
  if (active_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace ketnoi::cli
