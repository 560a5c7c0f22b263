// Chinese tokenizer: Han runs go to cppjieba's MixSegment (dictionary + HMM) with POS tags
// from its PosTagger; everything else goes to the Latin scanner. cppjieba aborts on a missing
// dictionary and drops invalid bytes silently, so we check the files first and feed it only
// well-formed Han runs; its Word::offset maps back to our byte offsets.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>

#include "cppjieba/MixSegment.hpp"
#include "text/tokenizer.h"
#include "text/unicode_util.h"
#include "text/zh/jieba_dict.h"

namespace ketnoi::text::internal {
namespace {

std::string DictDir() {
  const char* dir = std::getenv("KETNOI_CPPJIEBA_DICT_DIR");
  return dir != nullptr && *dir != '\0' ? dir : KETNOI_CPPJIEBA_DICT_DIR;
}

struct Jieba {
  Jieba(const std::string& dict, const std::string& hmm)
      : trie(LoadJiebaDictTrie(dict)), model(hmm), segment(trie.get(), &model) {}
  std::unique_ptr<cppjieba::DictTrie> trie;
  cppjieba::HMMModel model;
  cppjieba::MixSegment segment;
};

// Null when the dictionaries are missing: Han text then falls back to one token per char.
const Jieba* LoadJieba() {
  static const Jieba* jieba = []() -> const Jieba* {
    std::string dir = DictDir();
    std::string dict = dir + "/jieba.dict.utf8";
    std::string hmm = dir + "/hmm_model.utf8";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dict, ec) || !std::filesystem::is_regular_file(hmm, ec)) {
      return nullptr;
    }
    try {
      auto* loaded = new Jieba(dict, hmm);
      if (loaded->trie != nullptr) return loaded;
      delete loaded;
      return nullptr;
    } catch (...) {
      return nullptr;
    }
  }();
  return jieba;
}

// POS tags point into static storage: the tags of the jieba dictionary, then an interned
// set for anything else (guarded; new tags are rare).
std::string_view InternTag(const std::string& tag) {
  static constexpr std::string_view kTags[] = {
      "a",  "ad", "ag", "an", "b", "c",  "d",  "df", "dg", "e",  "eng",  "f",   "g",  "h",
      "i",  "j",  "k",  "l",  "m", "mg", "mq", "n",  "ng", "nr", "nrfg", "nrt", "ns", "nt",
      "nz", "o",  "p",  "q",  "r", "rg", "rr", "rz", "s",  "t",  "tg",   "u",   "ud", "ug",
      "uj", "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "x",    "y",   "z",  "zg"};
  const auto* it = std::lower_bound(std::begin(kTags), std::end(kTags), std::string_view(tag));
  if (it != std::end(kTags) && *it == tag) return *it;
  static std::mutex mu;
  static std::set<std::string, std::less<>> extra;
  std::lock_guard<std::mutex> lock(mu);
  return *extra.insert(tag).first;
}

class ZhTokenizer final : public Tokenizer {
 public:
  void Tokenize(std::string_view text, std::vector<Token>& out) const override {
    size_t i = 0;
    size_t latin_start = 0;
    while (i < text.size()) {
      size_t cs = i;
      UChar32 c = NextCodePoint(text, i);
      if (c < 0 || !IsHan(c)) continue;
      size_t run_end = i;
      while (run_end < text.size()) {
        size_t k = run_end;
        UChar32 d = NextCodePoint(text, k);
        if (d < 0 || !IsHan(d)) break;
        run_end = k;
      }
      ScanLatin(text, latin_start, cs, out);
      SegmentHan(text, cs, run_end, out);
      i = latin_start = run_end;
    }
    ScanLatin(text, latin_start, text.size(), out);
  }

 private:
  static void SegmentHan(std::string_view text, size_t begin, size_t end, std::vector<Token>& out) {
    const Jieba* jieba = LoadJieba();
    if (jieba == nullptr) {
      ScanLatin(text, begin, end, out);  // one token per Han character
      return;
    }
    // Segment on decoded runes and read tags from the same trie nodes: no string copies,
    // no second dictionary walk per word (PosTagger::LookupTag re-decodes each word).
    thread_local cppjieba::RuneStrArray runes;
    thread_local std::vector<cppjieba::WordRange> ranges;
    runes.clear();
    ranges.clear();
    if (!cppjieba::DecodeUTF8RunesInString(text.data() + begin, end - begin, runes)) {
      ScanLatin(text, begin, end, out);
      return;
    }
    jieba->segment.Cut(runes.begin(), runes.end(), ranges, true);
    size_t expected = 0;  // words must tile the run; otherwise fall back
    for (const cppjieba::WordRange& r : ranges) {
      const size_t wb = r.left->offset;
      const size_t we = r.right->offset + r.right->len;
      if (wb != expected || we <= wb) break;
      Token t;
      t.span = {static_cast<uint32_t>(begin + wb), static_cast<uint32_t>(begin + we)};
      t.kind = TokenKind::kWord;
      t.script = Script::kHan;
      const cppjieba::DictUnit* unit = jieba->trie->Find(r.left, r.right + 1);
      // PosTagger's rule for words outside the dictionary: Han-only words are tagged "x".
      t.pos = unit != nullptr && !unit->tag.empty() ? InternTag(unit->tag) : "x";
      out.push_back(t);
      expected = we;
    }
    if (begin + expected < end) ScanLatin(text, begin + expected, end, out);
  }
};

}  // namespace

std::unique_ptr<Tokenizer> MakeZhTokenizer() { return std::make_unique<ZhTokenizer>(); }

}  // namespace ketnoi::text::internal
