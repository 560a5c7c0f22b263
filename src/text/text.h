// text/text.h — stage 3: the multilingual text layer (the only header later stages use).
//
// In:  UTF-8 text (a paragraph or a whole body) — ill-formed bytes are repaired with U+FFFD
//      and counted, never a crash.
// Out: * Normalize: one canonical form (NFC; new-style Vietnamese tone placement "hòa",
//        "thúy", "hóa"; curly quotes -> ASCII quotes; dashes -> "-"; all spaces -> " ")
//        with `to_original`, a byte map back into the input, so annotations found on the
//        normalized text point into the page as the user saw it.
//      * SplitSentences: sentence spans for vi / zh / en that hold on "TP.", "TS.", "PGS.",
//        "Mr.", "Dr.", "D.C.", "U.S.", decimals, dates ("17/12/2023", "25.6"), ellipses
//        and quotes.
//      * Tokenize: words with their kind and capitalization (Vietnamese syllables grouped
//        into known compounds; Chinese words from a dictionary segmenter with POS tags
//        nr/ns/nt; English words; numbers, acronyms, URLs, e-mails as single tokens).
//      * SearchKey: the fold used by search and resolution: case-folded, diacritics removed
//        with đ->d, full-width->ASCII, Traditional->Simplified, spaces collapsed.
//      * IdentifyLanguage: dominant language of a title or a body, robust to mixed scripts.
// Offsets: all Spans are byte ranges into the string the function was given.
// Thread safety: every function is safe to call from many threads (shared resources are
//      loaded once, lazily, behind std::call_once).
#ifndef KETNOI_TEXT_TEXT_H_
#define KETNOI_TEXT_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "core/span.h"

namespace ketnoi::text {

using core::Lang;
using core::Span;

// ---- normalization -------------------------------------------------------------------

struct NormalizedText {
  std::string text;                   // canonical form, valid UTF-8
  std::vector<uint32_t> to_original;  // size text.size() + 1: byte i of text came from
                                      // byte to_original[i] of the input
  size_t repaired = 0;                // ill-formed UTF-8 sequences replaced by U+FFFD

  // Maps a span of `text` back to the input (the smallest input span covering it).
  Span ToOriginal(Span normalized) const;
};

NormalizedText Normalize(std::string_view input);

// ---- sentences -----------------------------------------------------------------------

// Sentence spans (trimmed of surrounding whitespace) covering all non-space text.
// A "\n" always ends a sentence (blocks are lines).
std::vector<Span> SplitSentences(std::string_view text, Lang lang);

// ---- tokens --------------------------------------------------------------------------

enum class TokenKind : uint8_t {
  kWord,     // letters (a Vietnamese compound may contain spaces: "đổi mới")
  kNumber,   // 2024, 3,6 ; 12.000 ; 17/12/2023 ; 25.6
  kAcronym,  // NIC, IMEC, KH&CN, R&D, hub.brussels
  kUrl,
  kEmail,
  kPunct,
  kSymbol,
};

enum class Script : uint8_t { kOther, kLatin, kHan, kCommon };

struct Token {
  Span span;
  TokenKind kind = TokenKind::kWord;
  Script script = Script::kOther;
  bool capitalized = false;  // first letter upper case (every syllable for vi compounds)
  bool all_caps = false;
  std::string_view pos;  // Chinese POS tag from the segmenter ("nr", "ns", "nt", "n"...);
                         // empty for other scripts. Points into static storage.
};

// Tokens of `text` in order; whitespace is not a token.
std::vector<Token> Tokenize(std::string_view text, Lang lang);

// ---- search keys ---------------------------------------------------------------------

// "NGUYỄN  CHÍ DŨNG" -> "nguyen chi dung"; "Đà Nẵng" -> "da nang"; "臺灣" -> "台湾";
// "ＡＢＣ" -> "abc". Idempotent.
std::string SearchKey(std::string_view text);

// Search keys of each token of `text`, for indexing (CJK words as segmented).
std::vector<std::string> SearchTerms(std::string_view text, Lang lang);

// ---- language ------------------------------------------------------------------------

struct ScriptRun {
  Span span;
  Script script;
};

// Dominant language: Han -> zh; Latin with Vietnamese letters/tone marks or common
// Vietnamese syllables -> vi; other Latin -> en. kUnknown when there is no letter at all.
Lang IdentifyLanguage(std::string_view text);

// Maximal runs of one script (Common characters join the run they sit in).
std::vector<ScriptRun> ScriptRuns(std::string_view text);

}  // namespace ketnoi::text

#endif  // KETNOI_TEXT_TEXT_H_
