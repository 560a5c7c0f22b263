// IdentifyLanguage and ScriptRuns. Language is decided by evidence counts: Han characters
// against Latin words; among Latin words, Vietnamese letters/tone marks on words that are not
// Title-case (names like "Phạm Minh Chính" appear in English news too) and common unaccented
// Vietnamese syllables, against English function words.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"
#include "text/unicode_util.h"

namespace ketnoi::text {
namespace {

using internal::NextCodePoint;

// 2: only Vietnamese writes it (đ ă ơ ư ĩ ũ, U+1EA0..U+1EF9, hook/horn/dot-below marks);
// 1: shared with other Latin languages (à é ô ...); 0: none.
int VietnameseLetterWeight(UChar32 c) {
  if (c < 0xC0) return 0;
  if ((c >= 0x1EA0 && c <= 0x1EF9) || c == 0x111 || c == 0x110 || c == 0x103 || c == 0x102 ||
      c == 0x1A1 || c == 0x1A0 || c == 0x1B0 || c == 0x1AF || c == 0x129 || c == 0x128 ||
      c == 0x169 || c == 0x168 || c == 0x309 || c == 0x323 || c == 0x31B) {
    return 2;
  }
  switch (c | 0x20) {  // Latin-1 lower/upper pairs differ by 0x20
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
    case 0xE8:
    case 0xE9:
    case 0xEA:
    case 0xEC:
    case 0xED:
    case 0xF2:
    case 0xF3:
    case 0xF4:
    case 0xF5:
    case 0xF9:
    case 0xFA:
    case 0xFD:
      return 1;
    default:
      return (c == 0x300 || c == 0x301 || c == 0x303) ? 1 : 0;
  }
}

// A word list sorted once, so that a word is looked up in a few compares (every Latin word
// of every page is looked up) rather than one compare per entry.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    std::sort(words_.begin(), words_.end());
  }
  bool Has(std::string_view w) const { return std::binary_search(words_.begin(), words_.end(), w); }

 private:
  std::vector<std::string_view> words_;
};

// Frequent Vietnamese syllables written without marks that are not English words.
bool IsPlainVietnamese(std::string_view w) {
  static const WordSet kWords{
      "cua",   "cac",   "nhung",  "mot",   "trong",  "voi",  "duoc",   "nguoi", "khoa",
      "hoc",   "cong",  "nghe",   "hop",   "tac",    "quoc", "va",     "nay",   "nhu",
      "cung",  "cuoc",  "thanh",  "pho",   "truong", "vien", "nghien", "cuu",   "phat",
      "trien", "doanh", "nghiep", "chinh", "phu",    "ky",   "ket",    "thuc",  "hien",
      "tren",  "giua",  "nhieu",  "nhat",  "nuoc",   "dau",  "tu",     "trung", "tam",
      "lanh",  "dao",   "chuc",   "nang",  "luong",  "dien", "tham",   "gia",   "ve",
      "cho",   "tai",   "nhan",   "tri",   "tue",    "doi",  "moi",    "sang",  "tao",
      "ban",   "dan",   "ngay",   "thang", "nam",    "la",   "da",     "se",    "khi"};
  return kWords.Has(w);
}

bool IsEnglishFunctionWord(std::string_view w) {
  static const WordSet kWords{"the",  "of",    "and",  "to",    "in",   "for",  "on",   "with",
                              "is",   "are",   "was",  "were",  "by",   "at",   "from", "as",
                              "that", "this",  "be",   "has",   "have", "will", "an",   "it",
                              "its",  "which", "said", "their", "his",  "her",  "they", "been",
                              "into", "about", "new",  "a"};
  return kWords.Has(w);
}

struct Evidence {
  size_t han = 0;
  size_t latin_words = 0;
  double vi = 0;
  size_t en = 0;
};

void ScoreWord(std::string_view lower_ascii, int weight, bool titlecase, bool ascii_only,
               Evidence& ev) {
  ++ev.latin_words;
  if (weight > 0) {
    // A name ("Chính") counts a little; a lower-case marked word counts fully.
    double w = weight == 2 ? 1.0 : 0.5;
    ev.vi += titlecase ? w / 4 : w;
    return;
  }
  if (!ascii_only) return;
  if (IsEnglishFunctionWord(lower_ascii)) {
    ++ev.en;
  } else if (IsPlainVietnamese(lower_ascii)) {
    ev.vi += titlecase ? 0.5 : 1.0;
  }
}

Evidence Gather(std::string_view text) {
  Evidence ev;
  std::string word;  // lower-cased ASCII letters of the current word
  int weight = 0;
  bool in_word = false, titlecase = false, ascii_only = true, rest_lower = true;
  size_t letters = 0;
  auto flush = [&] {
    if (in_word) ScoreWord(word, weight, titlecase && rest_lower && letters > 1, ascii_only, ev);
    word.clear();
    weight = 0;
    in_word = false;
    ascii_only = rest_lower = true;
    letters = 0;
  };
  for (size_t i = 0; i < text.size();) {
    UChar32 c = NextCodePoint(text, i);
    if (c < 0) {
      flush();
      continue;
    }
    if (internal::IsHan(c)) {
      flush();
      ++ev.han;
      continue;
    }
    if (!internal::IsLetter(c)) {
      flush();
      continue;
    }
    bool upper = c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c);
    if (!in_word) {
      in_word = true;
      titlecase = upper;
    } else if (upper) {
      rest_lower = false;
    }
    ++letters;
    if (c < 0x80) {
      word.push_back(static_cast<char>(c | 0x20));
    } else {
      ascii_only = false;
      weight = std::max(weight, VietnameseLetterWeight(c));
    }
  }
  flush();
  return ev;
}

}  // namespace

Lang IdentifyLanguage(std::string_view text) {
  // 64 KB of a page is plenty of evidence and keeps the cost flat on huge bodies.
  constexpr size_t kMaxBytes = 64 * 1024;
  if (text.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  Evidence ev = Gather(text);
  if (ev.han == 0 && ev.latin_words == 0) return Lang::kUnknown;
  // Chinese pages quote Latin names and acronyms; a Han character is worth a Latin word.
  if (ev.han > 0 && ev.han >= ev.latin_words) return Lang::kZh;
  if (ev.vi > 0 && ev.vi >= static_cast<double>(ev.en)) return Lang::kVi;
  if (ev.latin_words == 0) return Lang::kZh;
  return Lang::kEn;
}

std::vector<ScriptRun> ScriptRuns(std::string_view text) {
  std::vector<ScriptRun> runs;
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  for (size_t i = 0; i < text.size();) {
    const auto start = static_cast<uint32_t>(i);
    UChar32 c = NextCodePoint(text, i);
    Script s = c < 0 ? Script::kCommon : internal::ScriptOf(c);
    const auto end = static_cast<uint32_t>(i);
    if (runs.empty()) {
      runs.push_back({{start, end}, s});
    } else if (s == Script::kCommon || s == runs.back().script) {
      runs.back().span.end = end;
    } else if (runs.back().script == Script::kCommon) {
      // Leading Common characters join the first real run.
      runs.back().span.end = end;
      runs.back().script = s;
    } else {
      runs.push_back({{start, end}, s});
    }
  }
  return runs;
}

}  // namespace ketnoi::text
