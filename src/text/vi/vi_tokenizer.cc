// Vietnamese tokenizer: the Latin scanner gives syllables; consecutive syllables that form a
// compound listed in data/vi_compounds.txt ("khoa học", "trí tuệ nhân tạo") become one
// kWord token whose span covers them and the single spaces between them.
#include <cstdlib>
#include <fstream>
#include <string>
#include <unordered_map>

#include "text/tokenizer.h"
#include "text/unicode_util.h"

namespace ketnoi::text::internal {
namespace {

// Every syllable prefix of every compound ("trí", "trí tuệ", "trí tuệ nhân", "trí tuệ nhân
// tạo"), mapped to whether it is itself a compound: matching extends a key only while it is a
// known prefix, so most syllables cost one lookup.
struct Compounds {
  std::unordered_map<std::string, bool> prefixes;
  size_t count = 0;
};

std::string CompoundsPath() {
  const char* dir = std::getenv("KETNOI_DATA_DIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : KETNOI_DATA_DIR) + "/vi_compounds.txt";
}

// Canonical key of a compound line or a syllable sequence: Normalize (tone placement),
// lower case, single spaces.
std::string KeyOf(std::string_view text) {
  NormalizedText n = Normalize(text);
  std::string key;
  for (const Token& t : Tokenize(n.text, Lang::kEn)) {
    if (!key.empty()) key.push_back(' ');
    key += LowerWord(t.span.Of(n.text));
  }
  return key;
}

const Compounds& LoadCompounds() {
  static const Compounds* compounds = [] {
    auto* c = new Compounds();
    std::ifstream in(CompoundsPath());
    std::string line;
    while (std::getline(in, line)) {
      if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      std::string key = KeyOf(line);
      if (key.find(' ') == std::string::npos) continue;  // a compound has 2+ syllables
      for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
        c->prefixes.try_emplace(key.substr(0, sp), false);
      }
      c->prefixes[key] = true;
      ++c->count;
    }
    return c;
  }();
  return *compounds;
}

// True when `syllable` may carry an old-style tone ("hoá", "thuý", "khoẻ"): an o/u followed by
// a toned a/e/y. Such syllables are normalized before lookup so both styles match.
bool MayHaveOldStyleTone(std::string_view syllable) {
  for (size_t i = 0; i + 1 < syllable.size(); ++i) {
    char v = static_cast<char>(syllable[i] | 0x20);
    if ((v != 'o' && v != 'u') || static_cast<unsigned char>(syllable[i + 1]) < 0x80) continue;
    size_t k = i + 1;
    UChar32 c = NextCodePoint(syllable, k);
    if (c < 0) return false;
    UChar32 base = u_tolower(c);
    switch (base) {
      case 0xE0:
      case 0xE1:
      case 0x1EA3:
      case 0xE3:
      case 0x1EA1:  // a
      case 0xE8:
      case 0xE9:
      case 0x1EBB:
      case 0x1EBD:
      case 0x1EB9:  // e
      case 0x1EF3:
      case 0xFD:
      case 0x1EF7:
      case 0x1EF9:
      case 0x1EF5:  // y
        return true;
      default:
        break;
    }
  }
  return false;
}

void AppendSyllableKey(std::string& key, std::string_view syllable) {
  if (MayHaveOldStyleTone(syllable)) {
    AppendLower(key, Normalize(syllable).text);
  } else {
    AppendLower(key, syllable);
  }
}

bool IsSyllable(const Token& t) { return t.kind == TokenKind::kWord && t.script == Script::kLatin; }

// Only plain spaces between syllables of one compound (no line break, no punctuation).
bool OnlySpacesBetween(std::string_view text, const Token& a, const Token& b) {
  if (b.span.begin <= a.span.end) return false;
  for (uint32_t k = a.span.end; k < b.span.begin; ++k) {
    if (text[k] != ' ') return false;
  }
  return true;
}

class ViTokenizer final : public Tokenizer {
 public:
  void Tokenize(std::string_view text, std::vector<Token>& out) const override {
    const size_t first = out.size();
    ScanLatin(text, 0, text.size(), out);
    const Compounds& dict = LoadCompounds();
    if (dict.count == 0) return;
    size_t w = first;  // write index: compounds shrink the vector in place
    for (size_t r = first; r < out.size();) {
      size_t len = MatchAt(text, out, r, dict);
      Token t = out[r];
      if (len > 1) {
        const Token& last = out[r + len - 1];
        t.span.end = last.span.end;
        for (size_t k = r + 1; k < r + len; ++k) {
          t.capitalized = t.capitalized && out[k].capitalized;
          t.all_caps = t.all_caps && out[k].all_caps;
        }
      }
      out[w++] = t;
      r += len;
    }
    out.resize(w);
  }

 private:
  // Number of tokens from `r` forming the longest known compound (1 when none).
  static size_t MatchAt(std::string_view text, const std::vector<Token>& toks, size_t r,
                        const Compounds& dict) {
    if (!IsSyllable(toks[r])) return 1;
    thread_local std::string key;
    key.clear();
    AppendSyllableKey(key, toks[r].span.Of(text));
    auto it = dict.prefixes.find(key);
    if (it == dict.prefixes.end()) return 1;
    size_t best = 1;
    size_t n = 1;
    while (r + n < toks.size() && IsSyllable(toks[r + n]) &&
           OnlySpacesBetween(text, toks[r + n - 1], toks[r + n])) {
      key.push_back(' ');
      AppendSyllableKey(key, toks[r + n].span.Of(text));
      ++n;
      it = dict.prefixes.find(key);
      if (it == dict.prefixes.end()) break;
      if (it->second) best = n;
    }
    return best;
  }
};

}  // namespace

std::unique_ptr<Tokenizer> MakeViTokenizer() { return std::make_unique<ViTokenizer>(); }

}  // namespace ketnoi::text::internal
