#include "text/zh/jieba_dict.h"

#include <unistd.h>

#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

namespace ketnoi::text::internal {
namespace {

struct DictLine {
  std::string_view word;
  int freq = 0;
  std::string_view tag;
};

// "word freq tag" exactly as cppjieba's Split(line, " ") yields three fields, with a positive
// integer frequency (atof of it is then that integer). False for anything else.
bool ParseLine(std::string_view line, DictLine* out) {
  size_t first = line.find(' ');
  if (first == std::string_view::npos) return false;
  size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return false;
  }
  out->word = line.substr(0, first);
  std::string_view freq = line.substr(first + 1, second - first - 1);
  out->tag = line.substr(second + 1);
  if (out->word.empty() || freq.empty() || out->tag.empty()) return false;
  long long value = 0;
  auto [end, ec] = std::from_chars(freq.data(), freq.data() + freq.size(), value);
  if (ec != std::errc() || end != freq.data() + freq.size() || value <= 0 || value > INT_MAX) {
    return false;
  }
  out->freq = static_cast<int>(value);
  return true;
}

// The seed dictionary: two private-use "words" whose frequencies sum to `sum` (so the trie's
// freq_sum_ is the real dictionary's) and the smaller of which is `min` (its min_weight_).
bool WriteSeedDict(const std::string& path, long long min, long long sum) {
  std::ofstream out(path, std::ios::binary);
  out << "\xEE\x80\x80 " << min << " x\n"
      << "\xEE\x80\x81 " << (sum - min) << " x\n";
  out.close();
  return static_cast<bool>(out);
}

std::unique_ptr<cppjieba::DictTrie> BuildFromLines(const std::vector<DictLine>& lines) {
  // Integers below 2^53 add exactly in a double, so this is cppjieba's CalcFreqSum.
  long long sum = 0;
  long long min = INT_MAX;
  for (const DictLine& l : lines) {
    sum += l.freq;
    min = std::min<long long>(min, l.freq);
  }
  if (lines.empty() || sum >= (1LL << 53) || 2 * min > sum) return nullptr;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) return nullptr;
  std::string path = (dir / "ketnoi-jieba-seed-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return nullptr;
  close(fd);
  std::unique_ptr<cppjieba::DictTrie> trie;
  if (WriteSeedDict(path, min, sum)) trie = std::make_unique<cppjieba::DictTrie>(path);
  std::remove(path.c_str());
  if (trie == nullptr) return nullptr;
  std::string word;
  std::string tag;
  for (const DictLine& l : lines) {
    word.assign(l.word);
    tag.assign(l.tag);
    if (!trie->InsertUserWord(word, l.freq, tag)) return nullptr;
  }
  return trie;
}

}  // namespace

std::unique_ptr<cppjieba::DictTrie> LoadJiebaDictTrie(const std::string& dict_path) {
  std::ifstream in(dict_path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return nullptr;
  const std::string bytes = std::move(buffer).str();
  std::vector<DictLine> lines;
  lines.reserve(bytes.size() / 16);
  bool regular = true;
  for (size_t pos = 0; pos < bytes.size() && regular;) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string::npos) end = bytes.size();
    DictLine line;
    regular = ParseLine(std::string_view(bytes).substr(pos, end - pos), &line);
    lines.push_back(line);
    pos = end + 1;
  }
  std::unique_ptr<cppjieba::DictTrie> trie;
  if (regular) trie = BuildFromLines(lines);
  if (trie == nullptr) trie = std::make_unique<cppjieba::DictTrie>(dict_path);
  return trie;
}

}  // namespace ketnoi::text::internal
