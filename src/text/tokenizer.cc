// The Latin scanner shared by all tokenizers, and the Tokenize entry point.
#include "text/tokenizer.h"

#include <algorithm>
#include <array>

#include "text/unicode_util.h"

namespace ketnoi::text {
namespace internal {
namespace {

bool IsAlnum(UChar32 c) { return IsLetter(c) || IsDigit(c); }

bool StartsWithNoCase(std::string_view text, size_t i, std::string_view prefix) {
  if (text.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = text[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    if (c != prefix[k]) return false;
  }
  return true;
}

// Characters a URL may contain (RFC 3986 plus non-ASCII for IRIs), except spaces.
bool IsUrlChar(UChar32 c) {
  if (c >= 0x80) return !IsSpace(c) && c != 0x201D && c != 0x201C && c != 0x3002 && c != 0xFF0C;
  if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
      c == '{' || c == '|' || c == '}' || c == 0x7F) {
    return false;
  }
  return true;
}

size_t ScanUrl(std::string_view text, size_t i, size_t end) {
  size_t e = i;
  int parens = 0;
  while (e < end) {
    size_t k = e;
    UChar32 c = NextCodePoint(text, k);
    if (c < 0 || !IsUrlChar(c) || k > end) break;
    if (c == '(') ++parens;
    if (c == ')' && --parens < 0) break;
    e = k;
  }
  // Sentence punctuation right after a URL is not part of it.
  while (e > i && std::string_view(".,;:!?'").find(text[e - 1]) != std::string_view::npos) --e;
  return e;
}

bool IsEmailLocal(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-';
}

bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// End of an e-mail address starting at `i`, or 0.
size_t ScanEmail(std::string_view text, size_t i, size_t end) {
  size_t at = i;
  while (at < end && IsEmailLocal(text[at])) ++at;
  if (at == i || at >= end || text[at] != '@') return 0;
  size_t e = at + 1;
  while (e < end && IsDomainChar(text[e])) ++e;
  while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
  std::string_view domain = text.substr(at + 1, e - at - 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return 0;
  return e;
}

// Joiners allowed inside a token when an alphanumeric follows: digits take . , / : (3,6 ;
// 12.000 ; 17/12/2023 ; 10:30); letters take . & - _ ' (hub.brussels, R&D, COVID-19).
bool Joins(UChar32 joiner, UChar32 left, UChar32 right) {
  const bool dl = IsDigit(left);
  const bool dr = IsDigit(right);
  switch (joiner) {
    case ',':
    case '/':
    case ':':
      return dl && dr;
    case '.':
      return (dl && dr) || (IsLetter(left) && IsLetter(right));
    case '&':
      return IsLetter(left) && IsLetter(right) && u_isupper(left) && u_isupper(right);
    case '-':
    case '_':
      return IsAlnum(left) && IsAlnum(right);
    case '\'':
    case 0x2019:
      // "D'Hose", "don't" but not the possessive "China's".
      return IsLetter(left) && IsLetter(right) && !(right == 's' || right == 'S');
    default:
      return false;
  }
}

// Titles and place prefixes written before a name, sometimes without a space after the dot.
bool IsTitleAbbreviation(std::string_view w) {
  static constexpr std::string_view kTitles[] = {
      "TP", "Tp", "TS", "PGS", "GS",  "ThS", "Ths", "BS", "KS",   "NCS",   "TSKH",   "Q",
      "P",  "TX", "TT", "Mr",  "Mrs", "Ms",  "Dr",  "St", "Prof", "GS.TS", "PGS.TS", "TS.BS"};
  return std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles);
}

void ScanWord(std::string_view text, size_t begin, size_t end, std::vector<Token>& out) {
  size_t e = begin;
  UChar32 last = -1;
  bool has_letter = false, has_inner_dot = false, has_amp = false;
  int upper = 0, lower = 0, alnum = 0;
  bool first_letter_seen = false, capitalized = false;
  Script script = Script::kCommon;
  while (e < end) {
    size_t k = e;
    UChar32 c = NextCodePoint(text, k);
    if (c < 0 || k > end) break;
    if (IsAlnum(c) && !IsHan(c)) {
      ++alnum;
      if (IsLetter(c)) {
        has_letter = true;
        Script s = ScriptOf(c);
        if (s != Script::kCommon) script = s;
        bool up = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
        bool lo = c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c);
        upper += up;
        lower += lo;
        if (!first_letter_seen) {
          first_letter_seen = true;
          capitalized = up;
        }
      }
      last = c;
      e = k;
      continue;
    }
    if (last < 0 || k >= end) break;
    size_t k2 = k;
    UChar32 next = NextCodePoint(text, k2);
    if (k2 > end || IsHan(next) || !Joins(c, last, next)) break;
    if (c == '.' && IsLetter(last)) {
      // "TP.Hồ Chí Minh", "ThS.Nguyễn": a title glued to the name it introduces.
      if (u_isupper(next) && IsTitleAbbreviation(text.substr(begin, e - begin))) break;
      has_inner_dot = true;
    }
    if (c == '&') has_amp = true;
    e = k;
    last = c;
  }
  // "U.S." and "e.g.": dotted initials keep their final dot.
  if (has_inner_dot && e < end && text[e] == '.') {
    std::string_view w = text.substr(begin, e - begin);
    bool initials = true;
    for (size_t p = 0; p < w.size();) {
      UChar32 c = NextCodePoint(w, p);
      if (!IsLetter(c) || (p < w.size() && w[p] != '.')) {
        initials = false;
        break;
      }
      if (p < w.size()) ++p;
    }
    if (initials) ++e;
  }
  Token t;
  t.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(e)};
  if (!has_letter) {
    t.kind = TokenKind::kNumber;
    t.script = Script::kCommon;
  } else {
    t.script = script;
    t.capitalized = capitalized;
    t.all_caps = upper > 0 && lower == 0;
    t.kind = (has_amp || has_inner_dot || (t.all_caps && alnum >= 2)) ? TokenKind::kAcronym
                                                                      : TokenKind::kWord;
  }
  out.push_back(t);
}

}  // namespace

void ScanLatin(std::string_view text, size_t begin, size_t end, std::vector<Token>& out) {
  size_t i = begin;
  while (i < end) {
    const size_t cs = i;
    const UChar32 c = NextCodePoint(text, i);
    if (i > end) break;
    if (c >= 0 && IsSpace(c)) continue;
    Token t;
    if (c < 0) {
      t.span = {static_cast<uint32_t>(cs), static_cast<uint32_t>(i)};
      t.kind = TokenKind::kSymbol;
      out.push_back(t);
      continue;
    }
    if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
      if (StartsWithNoCase(text, cs, "http://") || StartsWithNoCase(text, cs, "https://") ||
          StartsWithNoCase(text, cs, "www.")) {
        size_t e = ScanUrl(text, cs, end);
        t.span = {static_cast<uint32_t>(cs), static_cast<uint32_t>(e)};
        t.kind = TokenKind::kUrl;
        t.script = Script::kLatin;
        out.push_back(t);
        i = e;
        continue;
      }
    }
    if (c < 0x80 && IsEmailLocal(static_cast<char>(c))) {
      if (size_t e = ScanEmail(text, cs, end); e > 0) {
        t.span = {static_cast<uint32_t>(cs), static_cast<uint32_t>(e)};
        t.kind = TokenKind::kEmail;
        t.script = Script::kLatin;
        out.push_back(t);
        i = e;
        continue;
      }
    }
    if (IsHan(c)) {
      t.span = {static_cast<uint32_t>(cs), static_cast<uint32_t>(i)};
      t.script = Script::kHan;
      out.push_back(t);
      continue;
    }
    if (IsAlnum(c)) {
      size_t before = out.size();
      ScanWord(text, cs, end, out);
      i = out[before].span.end;
      continue;
    }
    t.span = {static_cast<uint32_t>(cs), static_cast<uint32_t>(i)};
    t.kind = u_ispunct(c) ? TokenKind::kPunct : TokenKind::kSymbol;
    t.script = ScriptOf(c);
    out.push_back(t);
  }
}

std::string LowerWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  AppendLower(out, word);
  return out;
}

}  // namespace internal

std::unique_ptr<Tokenizer> MakeTokenizer(Lang lang) {
  switch (lang) {
    case Lang::kVi:
      return internal::MakeViTokenizer();
    case Lang::kZh:
      return internal::MakeZhTokenizer();
    case Lang::kEn:
    case Lang::kUnknown:
      break;
  }
  return internal::MakeEnTokenizer();
}

std::vector<Token> Tokenize(std::string_view text, Lang lang) {
  static const std::array<std::unique_ptr<Tokenizer>, 4> kTokenizers = {
      MakeTokenizer(Lang::kUnknown), MakeTokenizer(Lang::kVi), MakeTokenizer(Lang::kZh),
      MakeTokenizer(Lang::kEn)};
  std::vector<Token> out;
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  out.reserve(text.size() / 4 + 4);
  const auto index = static_cast<size_t>(lang);
  kTokenizers[index < kTokenizers.size() ? index : 0]->Tokenize(text, out);
  return out;
}

}  // namespace ketnoi::text
