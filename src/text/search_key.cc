// SearchKey / SearchTerms: the fold shared by search and resolution.
// Order: repair -> NFKC_Casefold (case + full-width) -> NFD minus non-spacing marks, đ->d ->
// NFC, quotes, dashes and spaces unified and collapsed -> Traditional->Simplified (a fold
// table derived from OpenCC t2s, only when Han is present).
#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "core/utf8.h"
#include "text/search_key_internal.h"
#include "text/text.h"
#include "text/tokenizer.h"
#include "text/unicode_util.h"

namespace ketnoi::text {
namespace {

using internal::IsSpace;

constexpr UChar32 kT2sFirst = 0x3400;
constexpr UChar32 kT2sLast = 0xFAFF;

opencc_t OpenT2s() {
  for (const char* path : {"/usr/share/opencc/t2s.json", "t2s.json"}) {
    std::error_code ec;
    if (path[0] == '/' && !std::filesystem::is_regular_file(path, ec)) continue;
    opencc_t handle = opencc_open(path);
    if (handle != reinterpret_cast<opencc_t>(-1)) return handle;
  }
  return nullptr;
}

// The table entry of `c` from OpenCC's conversion `line` of it: a 1:1 change into the
// table's range, else 0 (unchanged).
UChar32 EntryFromLine(UChar32 c, std::string_view line) {
  if (line.empty() || !internal::IsHan(c)) return 0;
  size_t k = 0;
  UChar32 got = internal::NextCodePoint(line, k);
  return k == line.size() && got != c && got >= kT2sFirst && got <= kT2sLast ? got : 0;
}

// Traditional -> Simplified as a character fold derived from OpenCC's t2s: each BMP Han
// character converted alone, the changed ones mapped (chains followed, so folding twice
// changes nothing). A context-free fold is what a search key wants (the same character
// always folds the same way, so keys are idempotent and Simplified text folds like its
// Traditional twin), and it is ~50x faster than calling OpenCC per string. The fold of a
// character is computed the first time it is met: converting all 51k characters up front
// cost 0.36 G instructions per process (internal::EagerT2sTable, the reference the tests
// compare with), a corpus meets a few thousand. Supplementary-plane Han (rare) still goes
// through OpenCC itself.
class T2s {
 public:
  T2s()
      : handle_(OpenT2s()),
        raw_(new std::atomic<UChar32>[kT2sLast - kT2sFirst + 1]),
        folded_(new std::atomic<UChar32>[kT2sLast - kT2sFirst + 1]) {
    for (UChar32 c = kT2sFirst; c <= kT2sLast; ++c) {
      raw_[c - kT2sFirst] = kUnknown;
      folded_[c - kT2sFirst] = kUnknown;
    }
  }

  // Unchanged text when OpenCC is unavailable (keys then differ across scripts, no crash).
  std::string Convert(std::string in) const {
    if (handle_ == nullptr) return in;
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size();) {
      if (static_cast<unsigned char>(in[i]) < 0xE3) {
        out.push_back(in[i++]);
        continue;
      }
      // A run of Han characters: folded char by char; OpenCC itself for supplementary
      // planes. Runs never contain NUL, which OpenCC's C API would treat as the end.
      size_t run_start = out.size();
      bool needs_opencc = false;
      size_t k = i;
      while (k < in.size()) {
        size_t start = k;
        UChar32 c = internal::NextCodePoint(in, k);
        if (c < 0 || !internal::IsHan(c)) {
          k = start;
          break;
        }
        const UChar32 to = c >= kT2sFirst && c <= kT2sLast ? Fold(c) : 0;
        if (to != 0) {
          internal::AppendCodePoint(out, to);
        } else {
          needs_opencc = needs_opencc || c > 0xFFFF;
          out.append(in, start, k - start);
        }
      }
      if (k == i) {  // not Han: copy one code point
        internal::NextCodePoint(in, k);
        out.append(in, i, k - i);
      } else if (needs_opencc) {
        std::string run = out.substr(run_start);
        out.resize(run_start);
        out += OpenCc(run);
      }
      i = k;
    }
    return out;
  }

  // What `c` (in the table's range) folds to, 0 when unchanged: its entry, followed along
  // other entries (at most 4 hops) so that folding twice changes nothing.
  UChar32 Fold(UChar32 c) const {
    std::atomic<UChar32>& slot = folded_[c - kT2sFirst];
    UChar32 t = slot.load(std::memory_order_acquire);
    if (t != kUnknown) return t;
    t = Raw(c);
    for (int hops = 0; t != 0 && hops < 4; ++hops) {
      const UChar32 next = Raw(t);
      if (next == 0) break;
      t = next;
    }
    slot.store(t, std::memory_order_release);
    return t;
  }

  bool ok() const { return handle_ != nullptr; }

 private:
  static constexpr UChar32 kUnknown = -1;

  // The entry of `c`, converted on first use (as EagerT2sTable converts it, alone on a line).
  UChar32 Raw(UChar32 c) const {
    std::atomic<UChar32>& slot = raw_[c - kT2sFirst];
    UChar32 entry = slot.load(std::memory_order_acquire);
    if (entry != kUnknown) return entry;
    entry = 0;
    if (internal::IsHan(c)) {
      std::string line;
      internal::AppendCodePoint(line, c);
      line.push_back('\n');
      std::string converted = OpenCc(line);
      const size_t nl = converted.find('\n');
      if (nl != std::string::npos)
        entry = EntryFromLine(c, std::string_view(converted).substr(0, nl));
    }
    slot.store(entry, std::memory_order_release);
    return entry;
  }

  std::string OpenCc(const std::string& run) const {
    std::lock_guard<std::mutex> lock(mu_);
    char* converted = opencc_convert_utf8(handle_, run.data(), run.size());
    if (converted == nullptr) return run;
    std::string result(converted);
    opencc_convert_utf8_free(converted);
    return result;
  }

  opencc_t handle_ = nullptr;
  std::unique_ptr<std::atomic<UChar32>[]> raw_;     // entries, kUnknown until first met
  std::unique_ptr<std::atomic<UChar32>[]> folded_;  // Fold's answers, kUnknown until asked
  mutable std::mutex mu_;                           // one OpenCC call at a time
};

const T2s& Converter() {
  static const T2s* t2s = new T2s();
  return *t2s;
}

struct Normalizers {
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

const Normalizers& Icu() {
  static const Normalizers n = [] {
    Normalizers r;
    UErrorCode err = U_ZERO_ERROR;
    r.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
    r.nfd = icu::Normalizer2::getNFDInstance(err);
    r.nfc = icu::Normalizer2::getNFCInstance(err);
    if (U_FAILURE(err)) r = Normalizers();
    return r;
  }();
  return n;
}

bool HasHan(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0xE2) {
      ++i;
      continue;
    }
    if (internal::IsHan(internal::NextCodePoint(s, i))) return true;
  }
  return false;
}

std::string AsciiKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
  }
  return out;
}

UChar32 FoldPunct(UChar32 c) {
  switch (c) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
      return '\'';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    case 0x0111:  // đ (Đ is already case-folded)
    case 0x0110:
      return 'd';
    default:
      return c;
  }
}

// NFKC_Casefold -> NFD -> drop non-spacing marks, fold quotes/dashes/đ -> NFC; no space
// handling. Empty when ICU is unavailable.
std::optional<std::string> FoldWithIcu(std::string_view utf8) {
  const Normalizers& n = Icu();
  if (n.nfkc_cf == nullptr) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString decomposed = n.nfd->normalize(n.nfkc_cf->normalize(u, err), err);
  if (U_FAILURE(err)) return std::nullopt;
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(FoldPunct(c));
  }
  icu::UnicodeString composed = n.nfc->normalize(stripped, err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  composed.toUTF8String(out);
  return out;
}

// Appends `folded` to `out`, collapsing runs of spaces into one and dropping leading ones.
void AppendCollapsed(std::string_view folded, std::string& out, bool& pending_space) {
  for (size_t i = 0; i < folded.size();) {
    size_t start = i;
    UChar32 c = internal::NextCodePoint(folded, i);
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(folded.substr(start, i - start));
  }
}

// The fold of single code points in the blocks news text lives in (Latin-1, Latin
// Extended, Vietnamese, general punctuation, CJK punctuation, full-width forms), computed
// once with the reference ICU path. A text made only of these, ASCII and unified Han folds
// char by char with the same result (no combining marks means no cross-character effects).
class FoldTable {
 public:
  FoldTable() {
    for (const Range& r : kRanges) {
      for (UChar32 c = r.first; c < r.last; ++c) {
        std::string one;
        internal::AppendCodePoint(one, c);
        std::optional<std::string> f =
            u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_UNASSIGNED ? std::nullopt
                                                                                 : FoldWithIcu(one);
        entries_.push_back(f ? *f : std::string(kSlow));
      }
    }
    ok_ = Icu().nfkc_cf != nullptr;
  }
  bool ok() const { return ok_; }
  // Folded form of `c`, or kSlow when the reference path must handle the whole string.
  std::string_view Lookup(UChar32 c) const {
    size_t base = 0;
    for (const Range& r : kRanges) {
      if (c >= r.first && c < r.last) return entries_[base + static_cast<size_t>(c - r.first)];
      base += static_cast<size_t>(r.last - r.first);
    }
    return kSlow;
  }
  static constexpr std::string_view kSlow = "\xFF";  // never valid UTF-8, never a fold

 private:
  struct Range {
    UChar32 first, last;
  };
  static constexpr Range kRanges[] = {
      {0x80, 0x250}, {0x1E00, 0x1F00}, {0x2000, 0x2070}, {0x3000, 0x3040}, {0xFF00, 0xFFF0}};
  std::vector<std::string> entries_;
  bool ok_ = false;
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

bool IsUnifiedHan(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

std::optional<std::string> FastKey(std::string_view utf8) {
  const FoldTable& table = Table();
  if (!table.ok()) return std::nullopt;
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (size_t i = 0; i < utf8.size();) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      ++i;
      if (IsSpace(b)) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? (b | 0x20) : b));
      continue;
    }
    size_t start = i;
    UChar32 c = internal::NextCodePoint(utf8, i);
    if (IsUnifiedHan(c)) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(utf8.substr(start, i - start));
      continue;
    }
    std::string_view f = table.Lookup(c);
    if (f == FoldTable::kSlow) return std::nullopt;
    AppendCollapsed(f, out, pending_space);
  }
  return out;
}

}  // namespace

namespace internal {

std::vector<UChar32> EagerT2sTable() {
  opencc_t handle = OpenT2s();
  if (handle == nullptr) return {};
  std::string all;
  for (UChar32 c = kT2sFirst; c <= kT2sLast; ++c) {
    internal::AppendCodePoint(all, internal::IsHan(c) ? c : 0x4E00);
    all.push_back('\n');
  }
  char* out = opencc_convert_utf8(handle, all.data(), all.size());
  std::vector<UChar32> table(static_cast<size_t>(kT2sLast - kT2sFirst + 1), 0);
  if (out != nullptr) {
    std::string_view converted(out);
    size_t pos = 0;
    for (UChar32 c = kT2sFirst; c <= kT2sLast; ++c) {
      size_t nl = converted.find('\n', pos);
      if (nl == std::string_view::npos) break;
      table[static_cast<size_t>(c - kT2sFirst)] = EntryFromLine(c, converted.substr(pos, nl - pos));
      pos = nl + 1;
    }
    opencc_convert_utf8_free(out);
  }
  opencc_close(handle);
  for (UChar32& t : table) {
    for (int hops = 0; t != 0 && hops < 4 && table[static_cast<size_t>(t - kT2sFirst)] != 0;
         ++hops) {
      t = table[static_cast<size_t>(t - kT2sFirst)];
    }
  }
  return table;
}

UChar32 T2sFold(UChar32 c) {
  return c >= kT2sFirst && c <= kT2sLast && Converter().ok() ? Converter().Fold(c) : 0;
}

std::string ReferenceSearchKey(std::string_view text) {
  std::string utf8 = core::RepairUtf8(text).text;
  std::optional<std::string> folded = FoldWithIcu(utf8);
  if (!folded) return AsciiKey(utf8);
  std::string out;
  bool pending_space = false;
  AppendCollapsed(*folded, out, pending_space);
  // Traditional -> Simplified last: NFKC can produce Traditional ideographs (U+2FBE -> 鬥).
  if (HasHan(out)) out = Converter().Convert(std::move(out));
  return out;
}

}  // namespace internal

std::string SearchKey(std::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return AsciiKey(text);
  std::string utf8 = core::IsValidUtf8(text) ? std::string(text) : core::RepairUtf8(text).text;
  std::optional<std::string> fast = FastKey(utf8);
  if (!fast) return internal::ReferenceSearchKey(utf8);
  if (HasHan(*fast)) return Converter().Convert(*std::move(fast));
  return *std::move(fast);
}

std::vector<std::string> SearchTerms(std::string_view text, Lang lang) {
  std::vector<std::string> terms;
  std::string repaired;
  if (!core::IsValidUtf8(text)) {
    repaired = core::RepairUtf8(text).text;
    text = repaired;
  }
  for (const Token& t : Tokenize(text, lang)) {
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) continue;
    std::string key = SearchKey(t.span.Of(text));
    if (!key.empty()) terms.push_back(std::move(key));
  }
  return terms;
}

}  // namespace ketnoi::text
