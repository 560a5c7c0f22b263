// SplitSentences: a rule-based splitter over code points. For vi/en a terminator ends a
// sentence only when followed by space (after closing quotes/brackets) and not preceded by a
// known abbreviation, an initial or a dotted acronym, and not followed by a lower-case word.
// For zh the full-width terminators always end a sentence. "\n" always does.
#include <algorithm>

#include "text/text.h"
#include "text/unicode_util.h"

namespace ketnoi::text {
namespace {

using internal::IsSpace;
using internal::NextCodePoint;

bool IsCloser(UChar32 c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x201D:
    case 0x2019:
    case 0x00BB:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
    case 0x3011:
    case 0x300B:
    case 0x3009:
    case 0xFF3D:
    case 0xFF02:
    case 0x3017:
      return true;
    default:
      return false;
  }
}

bool IsOpenQuote(UChar32 c) { return c == 0x201C || c == 0x00AB || c == 0x300C || c == 0x300E; }

bool IsLatinTerminator(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

// Full-width terminators only occur in CJK text, where they always end a sentence.
bool IsFullWidthTerminator(UChar32 c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF61;
}

// Titles and abbreviations that are followed by a name or a number, never a sentence end.
// Compared case-sensitively (a sentence may end with the word "St").
bool IsAbbreviation(std::string_view w) {
  static constexpr std::string_view kAbbrevs[] = {
      // Vietnamese titles and place prefixes
      "TP", "Tp", "TS", "PGS", "GS", "ThS", "Th.S", "BS", "KS", "NCS", "TSKH", "GS.TS", "PGS.TS",
      "TS.BS", "ThS.BS", "Q", "P", "TX", "TT", "Ths",
      // English
      "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Sr", "Jr", "Gen", "Lt", "Col", "Sen", "Rep", "Gov",
      "Rev", "Mt", "Ft", "No", "Nos", "vs", "Vs", "Fig", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep",
      "Sept", "Oct", "Nov", "Dec", "approx", "Dept", "Univ", "Assoc", "Inst", "Bros", "Ave", "Blvd",
      "Rd", "cf", "al", "ca", "Vol", "pp", "Ph.D", "M.Sc", "B.Sc", "Mx"};
  return std::find(std::begin(kAbbrevs), std::end(kAbbrevs), w) != std::end(kAbbrevs);
}

// "U.S", "D.C", "e.g", "i.e", "J": letters separated by dots, each one letter long; a lone
// letter only when upper case (an initial), since Vietnamese has one-letter words ("ở").
bool IsDottedInitials(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  if (w.find('.') == std::string_view::npos) {
    UChar32 c = NextCodePoint(w, i);
    return i == w.size() && u_isupper(c);
  }
  while (i < w.size()) {
    UChar32 c = NextCodePoint(w, i);
    if (!internal::IsLetter(c)) return false;
    if (i < w.size()) {
      if (w[i] != '.') return false;
      ++i;
    }
  }
  return true;
}

// The word (letters and inner dots) that ends right before byte `end`.
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0) {
    size_t k = b;
    UChar32 c = internal::PrevCodePoint(text, k);
    if (!(internal::IsLetter(c) || c == '.')) break;
    b = k;
  }
  while (b < end && text[b] == '.') ++b;
  return text.substr(b, end - b);
}

void TrimAndPush(std::string_view text, size_t b, size_t e, std::vector<Span>& out) {
  while (b < e) {
    size_t k = b;
    UChar32 c = NextCodePoint(text, k);
    if (!IsSpace(c)) break;
    b = k;
  }
  while (e > b) {
    size_t k = e;
    UChar32 c = internal::PrevCodePoint(text, k);
    if (!IsSpace(c)) break;
    e = k;
  }
  if (e > b) out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
}

// Skips closing quotes/brackets from `i`; returns the new position.
size_t SkipClosers(std::string_view text, size_t i) {
  while (i < text.size()) {
    size_t k = i;
    if (!IsCloser(NextCodePoint(text, k))) break;
    i = k;
  }
  return i;
}

// First code point at or after `i` that is not a space other than "\n"; -1 at the end.
UChar32 NextNonSpace(std::string_view text, size_t i) {
  while (i < text.size()) {
    UChar32 c = NextCodePoint(text, i);
    if (c == '\n' || !IsSpace(c)) return c;
  }
  return -1;
}

// "1." / "12." / "a." / "IV." opening a line or sentence is a list marker, not a sentence.
bool IsEnumerator(std::string_view text, size_t start, size_t dot) {
  while (start < dot && (text[start] == ' ' || text[start] == '\t')) ++start;
  std::string_view w = text.substr(start, dot - start);
  if (w.empty() || w.size() > 4) return false;
  const bool digits = std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool roman =
      std::all_of(w.begin(), w.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
  const bool letter = w.size() == 1 && ((w[0] | 0x20) >= 'a' && (w[0] | 0x20) <= 'z');
  return digits || roman || letter;
}

bool IsAsciiAlnum(UChar32 c) {
  return c < 0x80 && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, Lang lang) {
  std::vector<Span> out;
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  const bool zh = lang == Lang::kZh;
  size_t start = 0;
  size_t i = 0;
  int quote_depth = 0;
  UChar32 prev = ' ';
  while (i < text.size()) {
    const size_t cs = i;
    const UChar32 c = NextCodePoint(text, i);
    const UChar32 before = prev;
    prev = c;
    if (c == '\n') {
      TrimAndPush(text, start, cs, out);
      start = i;
      quote_depth = 0;
      continue;
    }
    if (c == '"') {
      if (IsSpace(before) || before == '(' || before == '[') {
        ++quote_depth;
      } else if (quote_depth > 0) {
        --quote_depth;
      }
      continue;
    }
    if (IsOpenQuote(c)) {
      ++quote_depth;
      continue;
    }
    if (c == 0x201D || c == 0x300D || c == 0x300F || c == 0xBB) {
      if (quote_depth > 0) --quote_depth;
      continue;
    }
    if (IsFullWidthTerminator(c)) {
      while (i < text.size()) {  // "？！" and friends
        size_t k = i;
        if (!IsFullWidthTerminator(NextCodePoint(text, k))) break;
        i = k;
      }
      i = SkipClosers(text, i);
      TrimAndPush(text, start, i, out);
      start = i;
      quote_depth = 0;
      continue;
    }
    if (!IsLatinTerminator(c)) continue;
    // A run of terminators: "?!", "...", "…".
    bool single_dot = c == '.';
    bool ellipsis = c == 0x2026;
    while (i < text.size()) {
      size_t k = i;
      UChar32 d = NextCodePoint(text, k);
      if (!IsLatinTerminator(d)) break;
      single_dot = false;
      ellipsis = ellipsis || d == '.' || d == 0x2026;
      i = k;
    }
    const size_t after_run = i;
    // Chinese writes ASCII "!"/"?" without a following space, and sometimes an ASCII "."
    // between two Han characters.
    const bool zh_dot =
        zh && single_dot && internal::IsHan(before) && after_run < text.size() && [&] {
          size_t k = after_run;
          return internal::IsHan(NextCodePoint(text, k));
        }();
    if (zh && ((c != '.' && !ellipsis) || zh_dot)) {
      UChar32 d = after_run < text.size() ? NextNonSpace(text, after_run) : -1;
      if (IsAsciiAlnum(d)) continue;
      i = SkipClosers(text, after_run);
      TrimAndPush(text, start, i, out);
      start = i;
      continue;
    }
    size_t end = SkipClosers(text, after_run);
    if (end < text.size()) {
      size_t k = end;
      if (!IsSpace(NextCodePoint(text, k))) continue;  // "3.5", "hub.brussels", "./."
    }
    const UChar32 next = NextNonSpace(text, end);
    if (next >= 0 && next != '\n' && u_islower(next)) continue;
    if (single_dot) {
      std::string_view word = WordBefore(text, cs);
      // "v.v." (Vietnamese "etc.") ends sentences like any word.
      if (word != "v.v" && (IsAbbreviation(word) || IsDottedInitials(word))) continue;
      if (IsEnumerator(text, start, cs)) continue;
    }
    if (ellipsis && quote_depth > 0 && end == after_run) continue;
    // Closing quotes consumed with the sentence update the depth.
    for (size_t k = after_run; k < end;) {
      UChar32 d = NextCodePoint(text, k);
      if ((d == '"' || d == 0x201D || d == 0xBB) && quote_depth > 0) --quote_depth;
    }
    i = end;
    prev = ' ';
    TrimAndPush(text, start, i, out);
    start = i;
  }
  TrimAndPush(text, start, text.size(), out);
  return out;
}

}  // namespace ketnoi::text
