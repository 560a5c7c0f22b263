#include "resolve/han_viet.h"

#include <opencc/opencc.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "extract/lexicon.h"
#include "text/text.h"

namespace ketnoi::resolve {
namespace {

// One OpenCC converter for the process: opening it parses dictionaries (tens of ms).
class S2TConverter {
 public:
  S2TConverter() {
    const char* kConfigs[] = {"/usr/share/opencc/s2t.json", "s2t.json"};
    for (const char* config : kConfigs) {
      handle_ = opencc_open(config);
      if (handle_ != reinterpret_cast<opencc_t>(-1)) return;
    }
  }
  ~S2TConverter() {
    if (ok()) opencc_close(handle_);
  }
  bool ok() const { return handle_ != reinterpret_cast<opencc_t>(-1); }
  std::string Convert(std::string_view in) {
    if (!ok() || in.empty()) return std::string(in);
    std::lock_guard<std::mutex> lock(mu_);
    // Names repeat across a document's mentions and a corpus's documents, and one OpenCC
    // call costs ~100k instructions: a bounded memo of what was converted.
    std::string key(in);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (memo_.size() >= 8192) memo_.clear();
    char* out = opencc_convert_utf8(handle_, in.data(), in.size());
    if (out == nullptr) return std::string(in);
    std::string result(out);
    opencc_convert_utf8_free(out);
    memo_.emplace(std::move(key), result);
    return result;
  }

 private:
  opencc_t handle_ = reinterpret_cast<opencc_t>(-1);
  std::mutex mu_;
  std::unordered_map<std::string, std::string> memo_;  // guarded by mu_
};

// The UTF-8 code points of `s` with their byte strings.
std::vector<std::pair<UChar32, std::string>> CodePoints(std::string_view s) {
  std::vector<std::pair<UChar32, std::string>> out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.emplace_back(
        c, std::string(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start))));
  }
  return out;
}

bool IsHan(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  return c >= 0 && uscript_getScript(c, &err) == USCRIPT_HAN && U_SUCCESS(err);
}

}  // namespace

std::string ToTraditional(std::string_view text) {
  static S2TConverter* converter = new S2TConverter();  // never destroyed: used at exit
  return converter->Convert(text);
}

core::Result<HanVietTable> HanVietTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::NotFound(path + ": cannot open");
  HanVietTable table;
  std::string line;
  int line_no = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (line.rfind("char\treadings", 0) != 0) {
        return core::InvalidInput(path + ":" + std::to_string(line_no) +
                                  ": expected header \"char\treadings\tsource\"");
      }
      continue;
    }
    size_t t1 = line.find('\t');
    if (t1 == std::string::npos || t1 == 0) {
      return core::InvalidInput(path + ":" + std::to_string(line_no) + ": expected 3 columns");
    }
    size_t t2 = line.find('\t', t1 + 1);
    std::string chars = line.substr(0, t1);
    std::string readings_col = line.substr(t1 + 1, t2 == std::string::npos ? t2 : t2 - t1 - 1);
    if (CodePoints(chars).size() != 1 || readings_col.empty()) {
      return core::InvalidInput(path + ":" + std::to_string(line_no) +
                                ": expected one character and its readings");
    }
    std::istringstream words(readings_col);
    std::vector<std::string> readings;
    for (std::string w; words >> w;) readings.push_back(w);
    table.Add(chars, readings);
  }
  return table;
}

const HanVietTable& HanVietTable::Shipped(const std::string& data_dir) {
  static std::once_flag once;
  static const HanVietTable* table = nullptr;
  std::call_once(once, [&] {
    std::string dir = data_dir.empty() ? extract::DefaultDataDir() : data_dir;
    auto loaded = Load((std::filesystem::path(dir) / "han_viet.tsv").string());
    table = new HanVietTable(loaded.ok() ? std::move(loaded).value() : HanVietTable());
  });
  return *table;
}

void HanVietTable::Add(std::string_view han_char, const std::vector<std::string>& readings) {
  std::vector<std::string>& have = readings_[std::string(han_char)];
  for (const std::string& r : readings) {
    std::string folded = text::SearchKey(r);
    if (folded.empty()) continue;
    bool seen = false;
    for (const std::string& h : have) seen = seen || h == folded;
    if (!seen) have.push_back(std::move(folded));
  }
}

std::vector<std::vector<std::string>> HanVietTable::Readings(std::string_view han) const {
  std::vector<std::pair<UChar32, std::string>> original = CodePoints(han);
  std::vector<std::pair<UChar32, std::string>> traditional = CodePoints(ToTraditional(han));
  // Phrase conversion may change the length; then fall back to the characters as given.
  if (traditional.size() != original.size()) traditional = original;
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < original.size(); ++i) {
    if (!IsHan(original[i].first)) continue;
    auto it = readings_.find(traditional[i].second);
    if (it == readings_.end() || it->second.empty()) it = readings_.find(original[i].second);
    if (it == readings_.end() || it->second.empty()) return {};
    out.push_back(it->second);
  }
  return out;
}

std::vector<std::string> HanVietTable::ReadingKeys(std::string_view han, size_t max_keys) const {
  std::vector<std::vector<std::string>> per_char = Readings(han);
  if (per_char.empty() || max_keys == 0) return {};
  std::vector<std::string> keys = {""};
  for (const std::vector<std::string>& choices : per_char) {
    std::vector<std::string> next;
    for (const std::string& prefix : keys) {
      for (const std::string& r : choices) {
        if (next.size() >= max_keys) break;
        next.push_back(prefix.empty() ? r : prefix + " " + r);
      }
    }
    keys = std::move(next);
  }
  return keys;
}

}  // namespace ketnoi::resolve
