// Sentence views and the lexicon matcher of the entity recognizer.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "extract/entities_internal.h"
#include "text/text.h"

namespace ketnoi::extract::internal {
namespace {

bool IsAsciiAlnum(UChar32 c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool IsHan(UChar32 c) {
  if (c < 0x80) return false;  // ASCII is never Han: no script lookup
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool IsNonAsciiWordChar(UChar32 c) {
  if (IsHan(c)) return false;
  // u_isalnum is "general category L* or Nd": one category lookup answers both tests.
  const int8_t type = u_charType(c);
  return (U_MASK(type) & (U_GC_L_MASK | U_GC_ND_MASK)) != 0 || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

// Inline for ASCII, which is most of every Latin-script sentence (one call per character).
inline bool IsWordChar(UChar32 c) {
  if (c < 0x80) return IsAsciiAlnum(c);  // what the ICU properties above give for ASCII
  return IsNonAsciiWordChar(c);
}

// Characters that join two word parts: "KH&CN", "Future's", "Agro-Bio", "hub.brussels".
bool IsJoiner(UChar32 c) {
  return c == '&' || c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == '_';
}

UChar32 MultiByteCodePointAt(std::string_view s, size_t i, size_t* next) {
  UChar32 c = 0;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  *next = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

// The code point at byte i (U+FFFD for a bad sequence); `next` gets the byte after it.
// Inline for ASCII: called for every character of every sentence, often twice.
inline UChar32 CodePointAt(std::string_view s, size_t i, size_t* next) {
  const auto byte = static_cast<unsigned char>(s[i]);
  if (byte < 0x80) {
    *next = i + 1;
    return byte;
  }
  return MultiByteCodePointAt(s, i, next);
}

void Classify(std::string_view text, Unit* u) {
  size_t letters = 0, upper = 0;
  bool first_letter_seen = false;
  for (size_t i = u->b; i < u->e;) {
    size_t next = i;
    UChar32 c = CodePointAt(text, i, &next);
    bool letter = false, up = false;
    if (c < 0x80) {  // ASCII: u_isalpha is [A-Za-z], u_isupper [A-Z], never title case
      letter = IsAsciiAlnum(c) && c > '9';
      up = c <= 'Z';
    } else if (const int8_t type = u_charType(c); (U_MASK(type) & U_GC_L_MASK) != 0) {
      // u_isalpha, u_isupper and u_istitle are tests of this one general category.
      letter = true;
      up = type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER;
      u->diacritics = true;
    }
    if (letter) {
      ++letters;
      if (up) ++upper;
      if (!first_letter_seen) u->cap = up;
      first_letter_seen = true;
    }
    i = next;
  }
  u->all_caps = letters >= 2 && upper == letters;
  if (u->kind == UnitKind::kWord && letters == 0) u->kind = UnitKind::kNumber;
}

std::vector<Unit> SplitUnits(std::string_view text) {
  std::vector<Unit> units;
  // A unit per 3 bytes at most for Han, fewer for words and spaces: one allocation, not one
  // per doubling.
  units.reserve(text.size() / 3 + 1);
  size_t i = 0;
  while (i < text.size()) {
    size_t next = i;
    UChar32 c = CodePointAt(text, i, &next);
    if (c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isUWhiteSpace(c)) {
      i = next;
      continue;
    }
    Unit u;
    u.b = static_cast<uint32_t>(i);
    if (IsHan(c)) {
      u.kind = UnitKind::kHan;
      u.e = static_cast<uint32_t>(next);
    } else if (IsWordChar(c)) {
      size_t end = next;
      while (end < text.size()) {
        size_t after = end;
        UChar32 d = CodePointAt(text, end, &after);
        if (IsWordChar(d)) {
          end = after;
          continue;
        }
        if (IsJoiner(d) && after < text.size()) {
          size_t after2 = after;
          UChar32 e = CodePointAt(text, after, &after2);
          // "Australia's": the possessive is not part of the name, so lexicons still match.
          bool possessive = (d == '\'' || d == 0x2019) && (e == 's' || e == 'S');
          if (possessive) {
            size_t after3 = after2;
            possessive = after2 >= text.size() || !IsWordChar(CodePointAt(text, after2, &after3));
          }
          if (IsWordChar(e) && !possessive) {
            end = after2;
            continue;
          }
        }
        break;
      }
      u.kind = UnitKind::kWord;
      u.e = static_cast<uint32_t>(end);
    } else {
      u.kind = UnitKind::kPunct;
      u.e = static_cast<uint32_t>(next);
    }
    Classify(text, &u);
    units.push_back(u);
    i = u.e;
  }
  return units;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  // Same length as `text`: a code point is replaced only by a lower case of its own length,
  // so the copy is lowered in place.
  std::string out(text);
  size_t i = 0;
  while (i < out.size()) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte < 0x80) {  // ASCII: u_tolower without the call
      if (byte >= 'A' && byte <= 'Z') out[i] = static_cast<char>(byte | 0x20);
      ++i;
      continue;
    }
    size_t next = i;
    UChar32 c = CodePointAt(text, i, &next);
    UChar32 lower = u_tolower(c);
    if (lower != c && U8_LENGTH(lower) == static_cast<int>(next - i)) {
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(buf, len, 4, lower, error);
      if (!error) out.replace(i, static_cast<size_t>(len), buf, static_cast<size_t>(len));
    }
    i = next;
  }
  return out;
}

std::string LookupKey(std::string_view text) { return FoldCase(text::Normalize(text).text); }

size_t CountUnits(std::string_view key) { return SplitUnits(key).size(); }

core::Span SentenceView::PageSpan(size_t first, size_t last) const {
  if (first >= last || last > units.size()) return {};
  return {to_page[units[first].b], to_page[units[last - 1].e]};
}

SentenceView BuildView(std::string_view page_text, const Sentence& sentence, int index,
                       core::Lang lang) {
  SentenceView view;
  view.index = index;
  view.title = sentence.paragraph < 0;
  core::Span span = sentence.span;
  if (span.end > page_text.size() || span.begin > span.end) return view;
  std::string_view raw = span.Of(page_text);
  text::NormalizedText normalized = text::Normalize(raw);
  if (normalized.to_original.size() == normalized.text.size() + 1) {
    view.norm = std::move(normalized.text);
    view.to_page.reserve(normalized.to_original.size());
    for (uint32_t o : normalized.to_original) {
      view.to_page.push_back(span.begin + std::min<uint32_t>(o, span.size()));
    }
  } else {  // a text layer without a usable map: work on the page text as it is
    view.norm = std::string(raw);
    for (uint32_t i = 0; i <= raw.size(); ++i) view.to_page.push_back(span.begin + i);
  }
  view.fold = FoldCase(view.norm);
  if (view.fold.size() != view.norm.size()) view.fold = view.norm;
  view.units = SplitUnits(view.norm);
  if (lang == core::Lang::kVi) {
    for (const text::Token& t : text::Tokenize(view.norm, core::Lang::kVi)) {
      for (Unit& u : view.units) {
        if (u.b > t.span.begin && u.e <= t.span.end) u.joined = true;
      }
    }
  }
  if (lang == core::Lang::kZh) {
    std::vector<text::Token> tokens = text::Tokenize(view.norm, core::Lang::kZh);
    size_t t = 0;
    for (Unit& u : view.units) {
      if (u.kind != UnitKind::kHan) continue;
      while (t < tokens.size() && tokens[t].span.end <= u.b) ++t;
      if (t < tokens.size() && tokens[t].span.begin <= u.b) {
        u.pos = tokens[t].pos;
        u.token_start = tokens[t].span.begin == u.b;
      }
    }
  }
  return view;
}

void Gazetteer::Add(std::string_view text, GazEntry entry) {
  // LookupKey(text), normalizing once for the key and the case checks.
  std::string norm = text::Normalize(text).text;
  std::string key = FoldCase(norm);
  if (key.empty()) return;
  if (entry.exact_case) entry.exact = norm;
  if (entry.first_upper) {
    std::vector<Unit> units = SplitUnits(norm);
    entry.all_upper = units.size() > 1;
    for (const Unit& u : units) {
      if (u.kind == UnitKind::kWord && !u.cap) entry.all_upper = false;
    }
  }
  max_units_ = std::max(max_units_, CountUnits(key));
  uint32_t node = 0;
  for (char c : key) {
    auto byte = static_cast<unsigned char>(c);
    if (node == 0) {
      if (root_next_[byte] == kNone) {
        root_next_[byte] = static_cast<uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = root_next_[byte];
      continue;
    }
    std::vector<Edge>& next = nodes_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), byte,
                               [](const Edge& e, unsigned char b) { return e.byte < b; });
    if (it != next.end() && it->byte == byte) {
      node = it->to;
      continue;
    }
    auto child = static_cast<uint32_t>(nodes_.size());
    next.insert(it, Edge{byte, child});  // before emplace_back: `next` lives in nodes_
    nodes_.emplace_back();
    node = child;
  }
  nodes_[node].entries.push_back(std::move(entry));
}

uint32_t Gazetteer::Next(uint32_t node, unsigned char byte) const {
  if (node == 0) return root_next_[byte];
  const std::vector<Edge>& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), byte,
                             [](const Edge& e, unsigned char b) { return e.byte < b; });
  return it != next.end() && it->byte == byte ? it->to : kNone;
}

std::vector<GazMatch> Gazetteer::MatchAt(const SentenceView& view, size_t first) const {
  std::vector<GazMatch> out;
  AppendMatchesAt(view, first, &out);
  return out;
}

void Gazetteer::AppendMatchesAt(const SentenceView& view, size_t first,
                                std::vector<GazMatch>* matches) const {
  if (first >= view.units.size() || view.units[first].kind == UnitKind::kPunct) return;
  std::vector<GazMatch>& out = *matches;
  const auto from = static_cast<std::ptrdiff_t>(out.size());  // this unit's matches start here
  size_t limit = std::min(view.units.size(), first + max_units_);
  // Keys are compared with the folded text of units [first, last), separators included,
  // exactly as View::Fold(first, last) spells it; shorter spans are met first.
  uint32_t node = 0;
  size_t pos = view.units[first].b;
  for (size_t last = first + 1; last <= limit; ++last) {
    for (size_t end = view.units[last - 1].e; pos < end && node != kNone; ++pos) {
      node = Next(node, static_cast<unsigned char>(view.fold[pos]));
    }
    if (node == kNone) break;
    if (nodes_[node].entries.empty()) continue;
    if (view.units[last - 1].kind == UnitKind::kPunct && last - 1 > first) {
      // A name may contain punctuation ("Bà Rịa - Vũng Tàu") but does not end with it,
      // except a closing parenthesis ("Đài Loan (Trung Quốc)").
      if (!view.IsPunct(last - 1, ")）.")) continue;  // or an abbreviation: "Mr.", "TP."
    }
    for (const GazEntry& entry : nodes_[node].entries) {
      if (entry.first_upper && view.units[first].kind == UnitKind::kWord &&
          !view.units[first].cap) {
        continue;
      }
      if (entry.exact_case && view.Text(first, last) != entry.exact) continue;
      if (entry.all_upper) {
        bool all = true;
        for (size_t k = first; k < last && all; ++k) {
          if (view.units[k].kind == UnitKind::kWord && !view.units[k].cap) all = false;
        }
        if (!all) continue;
      }
      out.push_back({first, last, &entry});
    }
  }
  // Longest first: reverse the spans, keeping each span's entries in insertion order.
  std::reverse(out.begin() + from, out.end());
  for (auto run = out.begin() + from; run != out.end();) {
    auto run_end =
        std::find_if(run, out.end(), [&](const GazMatch& m) { return m.last != run->last; });
    std::reverse(run, run_end);
    run = run_end;
  }
}

}  // namespace ketnoi::extract::internal
