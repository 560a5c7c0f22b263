// Normalize: repair -> NFC -> character rewrites (quotes, dashes, spaces, Vietnamese tone
// placement). Each step keeps a byte map to its input; the maps are composed at the end.
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>

#include "core/utf8.h"
#include "text/text.h"
#include "text/unicode_util.h"

namespace ketnoi::text {
namespace {

using internal::AppendCodePoint;
using internal::NextCodePoint;

// One pass output: bytes plus, for each output byte, the input byte it came from
// (size text.size() + 1; the last entry is the input size).
struct Mapped {
  std::string text;
  std::vector<uint32_t> map;
};

Mapped RepairWithMap(std::string_view in, size_t& repaired) {
  Mapped out;
  out.text.reserve(in.size() + 16);
  out.map.reserve(in.size() + 17);
  size_t i = 0;
  while (i < in.size()) {
    size_t start = i;
    UChar32 c = NextCodePoint(in, i);
    if (c < 0) {
      ++repaired;
      out.text.append("\xEF\xBF\xBD");
      out.map.insert(out.map.end(), 3, static_cast<uint32_t>(start));
    } else {
      out.text.append(in.substr(start, i - start));
      for (size_t k = start; k < i; ++k) out.map.push_back(static_cast<uint32_t>(k));
    }
  }
  out.map.push_back(static_cast<uint32_t>(in.size()));
  return out;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
    return U_SUCCESS(err) ? n : nullptr;
  }();
  return nfc;
}

// NFC with ICU's edit record, so every output byte knows its source byte.
std::optional<Mapped> NfcWithMap(std::string_view in) {
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), err) ||
      U_FAILURE(err)) {
    return std::nullopt;
  }
  Mapped out;
  icu::StringByteSink<std::string> sink(&out.text);
  icu::Edits edits;
  err = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, &edits,
                     err);
  if (U_FAILURE(err)) return std::nullopt;
  out.map.reserve(out.text.size() + 1);
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(err)) {
    auto src = static_cast<uint32_t>(it.sourceIndex());
    if (it.hasChange()) {
      out.map.insert(out.map.end(), static_cast<size_t>(it.newLength()), src);
    } else {
      for (int32_t k = 0; k < it.oldLength(); ++k) out.map.push_back(src + k);
    }
  }
  if (out.map.size() != out.text.size()) return std::nullopt;  // never expected
  out.map.push_back(static_cast<uint32_t>(in.size()));
  return out;
}

// ---- Vietnamese tone placement: "hoà" -> "hòa", "thuý" -> "thúy", "khoẻ" -> "khỏe". ----

// Toned forms indexed [tone][case]: tones grave, acute, hook, tilde, dot.
constexpr UChar32 kA[5][2] = {
    {0xE0, 0xC0}, {0xE1, 0xC1}, {0x1EA3, 0x1EA2}, {0xE3, 0xC3}, {0x1EA1, 0x1EA0}};
constexpr UChar32 kE[5][2] = {
    {0xE8, 0xC8}, {0xE9, 0xC9}, {0x1EBB, 0x1EBA}, {0x1EBD, 0x1EBC}, {0x1EB9, 0x1EB8}};
constexpr UChar32 kY[5][2] = {
    {0x1EF3, 0x1EF2}, {0xFD, 0xDD}, {0x1EF7, 0x1EF6}, {0x1EF9, 0x1EF8}, {0x1EF5, 0x1EF4}};
constexpr UChar32 kO[5][2] = {
    {0xF2, 0xD2}, {0xF3, 0xD3}, {0x1ECF, 0x1ECE}, {0xF5, 0xD5}, {0x1ECD, 0x1ECC}};
constexpr UChar32 kU[5][2] = {
    {0xF9, 0xD9}, {0xFA, 0xDA}, {0x1EE7, 0x1EE6}, {0x169, 0x168}, {0x1EE5, 0x1EE4}};

// Tone of `c` if it is a toned form in `table`, else -1; `upper` receives its case.
int ToneIn(const UChar32 (&table)[5][2], UChar32 c, bool& upper) {
  for (int t = 0; t < 5; ++t) {
    for (int u = 0; u < 2; ++u) {
      if (table[t][u] == c) {
        upper = u == 1;
        return t;
      }
    }
  }
  return -1;
}

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Vietnamese onsets (lower case, ASCII; "đ" handled by the caller).
bool IsVietnameseOnset(std::string_view onset) {
  static constexpr std::string_view kOnsets[] = {
      "",   "b",   "c",  "ch", "d",  "g", "gh", "gi", "h", "k", "kh", "l",  "m", "n",
      "ng", "ngh", "nh", "p",  "ph", "q", "qu", "r",  "s", "t", "th", "tr", "v", "x"};
  if (onset.size() > 3) return false;
  char low[4] = {0, 0, 0, 0};
  for (size_t k = 0; k < onset.size(); ++k) low[k] = static_cast<char>(onset[k] | 0x20);
  std::string_view l(low, onset.size());
  return std::find(std::begin(kOnsets), std::end(kOnsets), l) != std::end(kOnsets);
}

// At `s[i]` (an ASCII o/O/u/U), recognizes an open syllable nucleus "oa"/"oe"/"uy" whose tone
// sits on the second vowel. On success appends the rewritten pair and returns the byte
// length consumed (1 + length of the toned vowel).
size_t RewriteTone(std::string_view s, size_t i, std::string& out) {
  const unsigned char v1 = static_cast<unsigned char>(s[i]);
  const bool v1_upper = v1 == 'O' || v1 == 'U';
  const bool is_o = (v1 | 0x20) == 'o';
  if (i + 1 >= s.size() || static_cast<unsigned char>(s[i + 1]) < 0x80) return 0;
  size_t j = i + 1;
  UChar32 c2 = NextCodePoint(s, j);
  bool upper2 = false;
  int tone = is_o ? ToneIn(kA, c2, upper2) : ToneIn(kY, c2, upper2);
  UChar32 plain2 = is_o ? (upper2 ? 'A' : 'a') : (upper2 ? 'Y' : 'y');
  if (tone < 0 && is_o) {
    tone = ToneIn(kE, c2, upper2);
    plain2 = upper2 ? 'E' : 'e';
  }
  if (tone < 0) return 0;
  // Open syllable: nothing letter-like follows.
  if (j < s.size()) {
    size_t k = j;
    UChar32 next = NextCodePoint(s, k);
    if (internal::IsLetter(next) || internal::IsDigit(next)) return 0;
  }
  // Onset: the ASCII letters before the vowel (or "đ"), preceded by a non-letter.
  size_t b = i;
  while (b > 0 && IsAsciiLetter(static_cast<unsigned char>(s[b - 1])) && i - b < 4) --b;
  std::string_view onset = s.substr(b, i - b);
  bool onset_ok = false;
  if (b >= 2 && static_cast<unsigned char>(s[b - 2]) == 0xC4 &&
      (static_cast<unsigned char>(s[b - 1]) == 0x91 ||
       static_cast<unsigned char>(s[b - 1]) == 0x90)) {
    onset_ok = onset.empty();  // "đ" + vowel
    b -= 2;
  } else {
    onset_ok = IsVietnameseOnset(onset);
  }
  if (!onset_ok) return 0;
  if (!is_o && !onset.empty() && (onset.back() | 0x20) == 'q') return 0;  // "quý": u is onset
  if (b > 0) {
    size_t k = b;
    UChar32 before = internal::PrevCodePoint(s, k);
    if (internal::IsLetter(before) || internal::IsDigit(before)) return 0;
  }
  AppendCodePoint(out, (is_o ? kO : kU)[tone][v1_upper ? 1 : 0]);
  out.push_back(static_cast<char>(plain2));
  return j - i;
}

// Replacement for a punctuation/space code point, or nullptr to keep it.
const char* Rewrite(UChar32 c) {
  switch (c) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
      return "\"";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
      return "'";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return "-";
    case 0x2028:
    case 0x2029:
      return "\n";
    case 0x200B:
    case 0xFEFF:
    case 0x00AD:  // zero width space, BOM, soft hyphen: invisible
      return "";
    default:
      if (c != '\n' && internal::IsSpace(c) && c >= 0x80) return " ";
      return nullptr;
  }
}

Mapped RewriteChars(std::string_view in) {
  Mapped out;
  out.text.reserve(in.size());
  out.map.reserve(in.size() + 1);
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t deleted_from = kNone;
  size_t unit_mark = 0;
  auto attach_deleted = [&] {
    if (deleted_from != kNone && out.map.size() > unit_mark) {
      out.map[unit_mark] = static_cast<uint32_t>(deleted_from);
      deleted_from = kNone;
    }
  };
  size_t i = 0;
  while (i < in.size()) {
    attach_deleted();
    auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      if ((b == 'o' || b == 'O' || b == 'u' || b == 'U')) {
        size_t before = out.text.size();
        size_t used = RewriteTone(in, i, out.text);
        if (used > 0) {
          // First vowel from the first input vowel, second from the toned one.
          size_t first_len = out.text.size() - before - 1;
          out.map.insert(out.map.end(), first_len, static_cast<uint32_t>(i));
          out.map.push_back(static_cast<uint32_t>(i + 1));
          i += used;
          continue;
        }
      }
      out.text.push_back(static_cast<char>(b));
      out.map.push_back(static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    size_t start = i;
    UChar32 c = NextCodePoint(in, i);
    const char* rep = Rewrite(c);
    if (rep != nullptr && *rep == '\0') {
      // A deleted character belongs to the next output byte, so spans ending before it
      // stay tight and spans starting after it still cover it.
      if (deleted_from == kNone) {
        deleted_from = start;
        unit_mark = out.map.size();
      }
      continue;
    }
    if (rep != nullptr) {
      std::string_view r(rep);
      out.text.append(r);
      out.map.insert(out.map.end(), r.size(), static_cast<uint32_t>(start));
    } else {
      out.text.append(in.substr(start, i - start));
      for (size_t k = start; k < i; ++k) out.map.push_back(static_cast<uint32_t>(k));
    }
  }
  attach_deleted();
  out.map.push_back(static_cast<uint32_t>(in.size()));
  return out;
}

void Compose(std::vector<uint32_t>& outer, const std::vector<uint32_t>& inner) {
  for (uint32_t& m : outer) m = inner[m];
}

bool IsAscii(std::string_view s) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    acc |= w;
  }
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

}  // namespace

Span NormalizedText::ToOriginal(Span normalized) const {
  if (to_original.empty()) return {};
  const size_t n = to_original.size() - 1;
  size_t b = std::min<size_t>(normalized.begin, n);
  size_t e = std::min<size_t>(std::max(normalized.end, normalized.begin), n);
  uint32_t ob = to_original[b];
  if (e == b) return {ob, ob};
  // The end is where the source unit of the last byte ends: skip bytes of the same unit.
  uint32_t last = to_original[e - 1];
  size_t k = e;
  while (k < n && to_original[k] == last) ++k;
  return {ob, std::max(ob, to_original[k])};
}

NormalizedText Normalize(std::string_view input) {
  NormalizedText result;
  // Offsets are 32-bit: longer inputs are cut (callers cap pages far below this).
  if (input.size() >= UINT32_MAX) input = input.substr(0, UINT32_MAX - 1);
  if (IsAscii(input)) {
    result.text.assign(input);
    result.to_original.resize(input.size() + 1);
    std::iota(result.to_original.begin(), result.to_original.end(), 0u);
    return result;
  }
  std::optional<Mapped> repaired;
  std::string_view cur = input;
  if (!core::IsValidUtf8(input)) {
    repaired = RepairWithMap(input, result.repaired);
    cur = repaired->text;
  }
  std::optional<Mapped> nfc = NfcWithMap(cur);
  if (nfc) cur = nfc->text;
  Mapped rewritten = RewriteChars(cur);
  if (nfc) Compose(rewritten.map, nfc->map);
  if (repaired) Compose(rewritten.map, repaired->map);
  result.text = std::move(rewritten.text);
  result.to_original = std::move(rewritten.map);
  return result;
}

}  // namespace ketnoi::text
