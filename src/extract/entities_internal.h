// extract/entities_internal.h — shared pieces of the entity recognizer (not a public contract).
//
// A sentence is seen through a SentenceView: its normalized text (text::Normalize), a
// lower-cased copy with the same byte offsets (so a match found in one is a match in the
// other), and "units": Latin words, numbers, single Han characters and punctuation marks.
// Every rule works on unit indices; spans go back to the page through `to_page`.
#ifndef KETNOI_EXTRACT_ENTITIES_INTERNAL_H_
#define KETNOI_EXTRACT_ENTITIES_INTERNAL_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/lang.h"
#include "core/span.h"
#include "extract/annotations.h"
#include "extract/lexicon.h"

namespace ketnoi::extract::internal {

enum class UnitKind : uint8_t { kWord, kHan, kNumber, kPunct };

struct Unit {
  uint32_t b = 0;  // byte offsets into SentenceView::norm
  uint32_t e = 0;
  UnitKind kind = UnitKind::kWord;
  bool cap = false;         // first letter upper case
  bool all_caps = false;    // two or more letters, all upper case (an acronym)
  bool diacritics = false;  // has letters outside ASCII (Vietnamese or other accented Latin)
  std::string_view pos;     // Chinese POS of the segmenter token that starts here, if any
  bool token_start = true;  // Han: a segmenter token starts here
  bool joined = false;      // vi: continues the segmenter word of the previous unit
};

struct SentenceView {
  int index = -1;  // into Analysis::sentences
  bool title = false;
  std::string norm;               // normalized sentence text
  std::string fold;               // lower-cased `norm`, byte-aligned with it
  std::vector<uint32_t> to_page;  // norm byte -> page byte (size norm.size() + 1)
  std::vector<Unit> units;

  // Inline: the rules ask these for single units millions of times per corpus.
  std::string_view Text(size_t first, size_t last) const {  // units [first, last)
    if (first >= last || last > units.size()) return {};
    return std::string_view(norm).substr(units[first].b, units[last - 1].e - units[first].b);
  }
  std::string_view Fold(size_t first, size_t last) const {
    if (first >= last || last > units.size()) return {};
    return std::string_view(fold).substr(units[first].b, units[last - 1].e - units[first].b);
  }
  core::Span PageSpan(size_t first, size_t last) const;
  bool IsPunct(size_t i, std::string_view marks) const {  // unit i is one of `marks`' chars
    if (i >= units.size() || units[i].kind != UnitKind::kPunct) return false;
    return marks.find(Text(i, i + 1)) != std::string_view::npos;
  }
  bool Is(size_t i, std::string_view folded_word) const {
    return i < units.size() && Fold(i, i + 1) == folded_word;
  }
};

SentenceView BuildView(std::string_view page_text, const Sentence& sentence, int index,
                       core::Lang lang);

// Lower-cases each code point whose lower-case form has the same UTF-8 length.
std::string FoldCase(std::string_view text);
// Normalized (text::Normalize) and folded form of a lexicon string, for lookups.
std::string LookupKey(std::string_view text);

// What a lexicon string is.
enum class GazKind : uint8_t { kPlace, kOrg, kTitle, kHonorific, kOrgHead, kField, kName };

struct GazEntry {
  GazKind kind = GazKind::kPlace;
  int index = -1;  // into the matching Lexicons vector (or a dynamic table)
  core::Lang lang = core::Lang::kUnknown;
  bool exact_case = false;   // acronyms: "EU" is not "eu"
  bool first_upper = false;  // proper names: "Ý" (Italy) is not "ý" (idea)
  bool all_upper = false;  // "Hải Dương" (every word capitalized) is not "Hải dương học"
  std::string exact;       // the normalized entry, when exact_case
};

struct GazMatch {
  size_t first = 0;  // units [first, last)
  size_t last = 0;
  // In the Gazetteer that found it (its entries do not move once matching starts): matches
  // are made for every unit of every sentence, and the entry is rarely read.
  const GazEntry* entry = nullptr;
};

// Lexicon strings keyed by LookupKey; matched at unit boundaries.
// Stored as a byte trie over the keys: one walk along the sentence's folded bytes from a
// unit start finds every key starting there, and stops at the first byte no key continues
// with (most starts end after a byte or two). No substring is built or hashed per span.
class Gazetteer {
 public:
  void Add(std::string_view text, GazEntry entry);
  // Every entry matching units [first, last) for some last, longest first; entries of one
  // key in the order they were added. The matches point into this Gazetteer: valid until
  // the next Add.
  std::vector<GazMatch> MatchAt(const SentenceView& view, size_t first) const;
  // Same, appended to `out` (one list for a whole sentence, not one vector per unit).
  void AppendMatchesAt(const SentenceView& view, size_t first, std::vector<GazMatch>* out) const;
  bool empty() const { return nodes_.size() == 1; }

 private:
  struct Edge {
    unsigned char byte = 0;
    uint32_t to = 0;
  };
  struct Node {
    std::vector<Edge> next;         // sorted by byte (the root uses root_next_)
    std::vector<GazEntry> entries;  // the keys that end here
  };
  static constexpr uint32_t kNone = UINT32_MAX;
  // The child of `node` along `byte`, or kNone.
  uint32_t Next(uint32_t node, unsigned char byte) const;

  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0]: the root
  // The root's children by first byte (kNone when none): every walk starts with this step
  // and most end after it, so it is a table lookup rather than a search.
  std::array<uint32_t, 256> root_next_ = MakeRootTable();
  static std::array<uint32_t, 256> MakeRootTable() {
    std::array<uint32_t, 256> table;
    table.fill(kNone);
    return table;
  }
  size_t max_units_ = 1;
};

size_t CountUnits(std::string_view key);  // units of a lookup key (upper bound for matching)

// The recognizer's resources, built once from the Lexicons.
struct Resources {
  Lexicons lex;
  Gazetteer gaz;                                     // places, orgs, titles, heads, fields
  std::unordered_map<std::string, int> surnames_vi;  // folded surname -> 1
  std::unordered_map<std::string, int> surnames_zh;
};

// A unit range of one sentence.
struct UnitRange {
  size_t first = 0;
  size_t last = 0;
};

// A recognized entity mention before it becomes a Mention.
struct Cand {
  int view = -1;
  size_t first = 0;
  size_t last = 0;
  EntityKind kind = EntityKind::kOrganization;
  PlaceType place_type = PlaceType::kNone;
  std::string key;        // lexicon key when known
  std::string canonical;  // lexicon canonical when known
  int antecedent = -1;    // index into Doc::cands
  std::string acronym;
  UnitRange inner;  // the name without its head or prefix word ("Leuven" of "TP Leuven")
  std::vector<UnitRange> roles;  // persons: role ranges in the same sentence
  bool dropped = false;          // found to be part of something else (a role); not emitted
};

// The lexicon matches of one sentence view, unit by unit: one list for the sentence, each
// unit's matches (longest first) a range of it.
struct ViewMatches {
  std::vector<GazMatch> all;
  std::vector<uint32_t> begin;  // unit i's matches: all[begin[i], begin[i + 1])

  size_t units() const { return begin.empty() ? 0 : begin.size() - 1; }
  std::span<const GazMatch> At(size_t i) const {
    return {all.data() + begin[i], all.data() + begin[i + 1]};
  }
};

// One document being recognized: views, lexicon matches per unit and claimed units.
struct Doc {
  const Resources* res = nullptr;
  core::Lang lang = core::Lang::kUnknown;
  std::vector<SentenceView> views;
  std::vector<ViewMatches> matches;  // [view]
  std::vector<Cand> cands;
  std::vector<std::vector<int>> owner;  // [view][unit] -> cand index or -1

  bool Free(int v, size_t first, size_t last) const;
  int Claim(Cand cand);  // -1 when any unit is taken
  // Longest lexicon match of `kind` starting at unit i (nullptr when none).
  const GazMatch* Find(int v, size_t i, GazKind kind) const;
  // Same, for words of `lang` (titles, heads... of another language than the document's).
  const GazMatch* FindIn(int v, size_t i, GazKind kind, core::Lang lang) const;
  std::string_view Text(const Cand& c) const { return views[c.view].Text(c.first, c.last); }
};

void RecognizeLatin(Doc* doc);    // vi and en rules
void RecognizeChinese(Doc* doc);  // zh rules
// Rules shared by every language, run after the language rules.
void ClaimLexiconNames(Doc* doc);  // lexicon orgs and places no rule claimed, longest first
void BindParentheses(Doc* doc);    // "Name (ABC)", "ABC (Full Name)", "名称(Latin Name)"
void MatchKnownNames(Doc* doc);    // later bare uses of names found in the document

}  // namespace ketnoi::extract::internal

#endif  // KETNOI_EXTRACT_ENTITIES_INTERNAL_H_
