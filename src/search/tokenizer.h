// search/tokenizer.h — the "ketnoi" FTS5 tokenizer: search keys with byte offsets.
//
// Words are maximal runs of letters, digits and combining marks; each is keyed with
// text::SearchKey ("Nguyễn" -> "nguyen", "Đà" -> "da", "ＡＢＣ" -> "abc"). Han, kana and
// Hangul characters are indexed one token per character (Traditional folded to
// Simplified), so any substring of a Chinese word is a phrase query away; in documents the
// segmenter's multi-character words are added as FTS5 colocated tokens at their first
// character. Offsets are byte ranges into the text given, so snippet()/highlight() mark
// the original. Queries get characters only (a quoted Chinese word becomes a phrase).
// The same tokens make the PostgreSQL index (tsvectors, search/fulltext.h), so both
// backends hold identical keys at identical positions.
//
// FTS5 (SQLite) also indexes each pair of ideographs at consecutive positions as one more
// colocated token, their keys joined ("半导" at 半's position), and each pair of words
// (Vietnamese, English: anything but ideographs) likewise, their keys joined by a space
// ("viet nam" at viet's position); a query phrase of n >= 2 ideographs, or of n >= 2 words,
// is looked up as its n - 1 pairs (Fts5Tokens). The pairs match at exactly the positions
// where their tokens do, so matches, instance counts, lengths (colocated tokens take no
// position) and BM25 scores are unchanged; what changes is the cost: a name such as
// "Viện Hàn lâm Khoa học" no longer merges the position lists of its (very common)
// single syllables or characters.
#ifndef KETNOI_SEARCH_TOKENIZER_H_
#define KETNOI_SEARCH_TOKENIZER_H_

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"

namespace ketnoi::search {

// Bump when IndexTokens changes: an index built by another version is rebuilt on open.
inline constexpr int kTokenizerVersion = 1;
// The SQLite index's version (IndexTokens plus Fts5Tokens' pairs); PostgreSQL's is the one
// above. Version 2: ideograph pairs; 3: word pairs.
inline constexpr int kFts5TokenizerVersion = 3;

struct IndexToken {
  std::string key;
  core::Span span;         // into the text given
  bool colocated = false;  // same position as the previous token (a Chinese word)
  bool ideograph = false;  // one Han, kana or Hangul character
};

std::vector<IndexToken> IndexTokens(std::string_view text, bool for_query);

// What the FTS5 tokenizer emits: IndexTokens, plus in documents a colocated pair token after
// every ideograph whose next position is an ideograph too (both keys one code point, so a
// pair's key says which two characters it joins) and after every word whose next position is
// a word too (keys joined by a space); in queries, a phrase of ideographs only or of words
// only is replaced by its pairs at consecutive positions.
std::vector<IndexToken> Fts5Tokens(std::string_view text, bool for_query);

// Registers tokenizer "ketnoi" and SQL function ketnoi_key(text) (= text::SearchKey) on
// this connection.
core::Status RegisterTokenizer(sqlite3* db);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_TOKENIZER_H_
