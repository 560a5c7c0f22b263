// text/unicode_util.h — small code point helpers shared by the text stage (internal).
#ifndef KETNOI_TEXT_UNICODE_UTIL_H_
#define KETNOI_TEXT_UNICODE_UTIL_H_

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "text/text.h"

namespace ketnoi::text::internal {

// Decodes the code point at byte `i` and advances `i`; returns a negative value for an
// ill-formed sequence (callers of the public API only pass repaired/valid text, but we
// stay safe on anything).
inline UChar32 NextCodePoint(std::string_view s, size_t& i) {
  auto c0 = static_cast<uint8_t>(s[i]);
  if (c0 < 0x80) {
    ++i;
    return c0;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(j);
  return c;
}

// Code point ending right before byte `i` (moves `i` back to its start).
inline UChar32 PrevCodePoint(std::string_view s, size_t& i) {
  auto c0 = static_cast<uint8_t>(s[i - 1]);
  if (c0 < 0x80) {
    --i;
    return c0;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, j, c);
  i = static_cast<size_t>(j);
  return c;
}

inline void AppendCodePoint(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
  if (error) {
    out.append("\xEF\xBF\xBD");
    return;
  }
  out.append(buf, static_cast<size_t>(n));
}

// Any Unicode space (incl. NBSP, U+3000, thin spaces) and ASCII control whitespace.
inline bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c == 0xA0 || c == 0x3000 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x85;
}

// Letters and combining marks (a decomposed "ệ" is a letter + marks).
inline bool IsLetter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  // Latin-1 letters, Latin Extended-A/B and Latin Extended Additional (Vietnamese) without
  // an ICU call.
  if ((c >= 0xC0 && c < 0x250) || (c >= 0x1E00 && c < 0x1F00)) return c != 0xD7 && c != 0xF7;
  return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK ||
         u_charType(c) == U_COMBINING_SPACING_MARK;
}

inline bool IsDigit(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(c);
}

inline bool IsHan(UChar32 c) {
  if (c < 0x2E80) return false;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) return true;  // the bulk
  if (c >= 0xAC00 && c < 0xF900) return false;  // Hangul syllables, private use
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(c, &err) == USCRIPT_HAN;
}

// Script class of a code point; Latin ranges are answered without an ICU call.
inline Script ScriptOf(UChar32 c) {
  if (c < 0x80) return IsLetter(c) ? Script::kLatin : Script::kCommon;
  if ((c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c < 0x1F00)) {
    return Script::kLatin;
  }
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &err);
  if (U_FAILURE(err)) return Script::kCommon;
  if (sc == USCRIPT_LATIN) return Script::kLatin;
  if (sc == USCRIPT_HAN) return Script::kHan;
  if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) return Script::kCommon;
  return Script::kOther;
}

// Appends `word` lower-cased with the simple (1:1) case mapping, which is exact for
// Vietnamese and English; ASCII needs no ICU call.
inline void AppendLower(std::string& out, std::string_view word) {
  for (size_t i = 0; i < word.size();) {
    auto b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? (b | 0x20) : b));
      ++i;
      continue;
    }
    size_t start = i;
    UChar32 c = NextCodePoint(word, i);
    if (c < 0) {
      out.append(word.substr(start, i - start));
    } else {
      AppendCodePoint(out, u_tolower(c));
    }
  }
}

}  // namespace ketnoi::text::internal

#endif  // KETNOI_TEXT_UNICODE_UTIL_H_
