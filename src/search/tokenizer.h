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
//
// Names (IndexedNames: the shipped organizations' and places', fixed when the index is built and
// stored with it) go one step further in FTS5: in documents, a colocated name term at the first
// position of every place where a name's keys occur in order; in queries, a phrase that is
// exactly a name is looked up as that one term. A term matches at exactly the positions
// where its phrase does, so again matches, counts and scores are unchanged, and a name costs
// one doclist instead of the merge of its pairs' (a long name's pairs are each about as
// common as the name, so that merge read several times the name's own postings).
#ifndef KETNOI_SEARCH_TOKENIZER_H_
#define KETNOI_SEARCH_TOKENIZER_H_

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/span.h"
#include "core/status.h"

namespace ketnoi::search {

// Bump when IndexTokens changes: an index built by another version is rebuilt on open.
inline constexpr int kTokenizerVersion = 1;
// The SQLite index's version (IndexTokens plus Fts5Tokens' pairs and names); PostgreSQL's is
// the one above. Version 2: ideograph pairs; 3: word pairs; 4: name terms.
inline constexpr int kFts5TokenizerVersion = 4;

struct IndexToken {
  std::string key;
  core::Span span;         // into the text given
  bool colocated = false;  // same position as the previous token (a Chinese word)
  bool ideograph = false;  // one Han, kana or Hangul character
};

std::vector<IndexToken> IndexTokens(std::string_view text, bool for_query);

// The names indexed as one term each. A name's term is its query keys (IndexTokens) joined
// by '_', which no key holds; names of fewer than three positions are left out (two are one
// pair already), as are those of more than kMaxNamePositions.
class IndexedNames {
 public:
  static constexpr size_t kMaxNamePositions = 24;

  // The terms of `names` as written, sorted, each once.
  static std::vector<std::string> TermsOf(const std::vector<std::string>& names);
  // From terms as TermsOf gives them (as stored with an index).
  explicit IndexedNames(const std::vector<std::string>& terms);

  const std::vector<std::string>& terms() const { return terms_; }
  bool Has(const std::string& term) const { return known_.count(term) > 0; }
  // The names whose first key is `key` (indexes into keys()).
  const std::vector<uint32_t>* StartingWith(const std::string& key) const;
  const std::vector<std::vector<std::string>>& keys() const { return keys_; }

 private:
  std::vector<std::string> terms_;
  std::vector<std::vector<std::string>> keys_;  // per term
  std::unordered_set<std::string> known_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_first_key_;
};

// What the FTS5 tokenizer emits: IndexTokens, plus in documents a colocated pair token after
// every ideograph whose next position is an ideograph too (both keys one code point, so a
// pair's key says which two characters it joins) and after every word whose next position is
// a word too (keys joined by a space); in queries, a phrase of ideographs only or of words
// only is replaced by its pairs at consecutive positions. With `names`, documents also get each
// name's term (colocated, at the name's first position, after that position's pair), and a
// query phrase that is exactly a name is its term alone.
std::vector<IndexToken> Fts5Tokens(std::string_view text, bool for_query,
                                   const IndexedNames* names = nullptr);

// One document's Fts5Tokens, kept while its sentences are indexed so each body is tokenized
// once, not once more sentence by sentence. A text that starts and ends where the body's
// words and ideograph runs do (so no run is cut) tokenizes on its own to exactly the body's
// tokens inside its span, offsets shifted: runs are segmented and keyed whole, and a pair or
// a name that reaches past the text's ends is not inside it. Any other text is tokenized
// afresh, so what is indexed never depends on the reuse.
class BodyTokens {
 public:
  // A text's tokens within the kept ones: those starting in `in_body` and ending in it.
  struct Part {
    std::span<const IndexToken> tokens;  // from the first starting in `in_body` to the end
    core::Span in_body;
    // Calls fn(token, its span in the text) for each of the text's tokens, in order.
    template <typename Fn>
    void ForEach(Fn fn) const {
      for (const IndexToken& t : tokens) {
        if (t.span.begin >= in_body.end) break;
        if (t.span.end > in_body.end) continue;  // a pair or a name reaching past the text
        fn(t, core::Span{t.span.begin - in_body.begin, t.span.end - in_body.begin});
      }
    }
  };

  // What Serve keeps of `body`: its Fts5Tokens with `names`; nullopt when it is not valid
  // UTF-8 (it is then tokenized afresh, as any text). Thread-safe, so a drain can make the
  // next documents' tokens on other threads while it indexes one (search/index.cc).
  static std::optional<std::vector<IndexToken>> Make(std::string_view body,
                                                     const IndexedNames* names);

  // The body about to be indexed; ends the previous one. `made`: Make(body, names) with the
  // names Serve will be given, made ahead; nullopt: made the first time the body is served.
  void Expect(std::string body, std::optional<std::vector<IndexToken>> made = std::nullopt);
  void Clear();
  // `text`'s document tokens (Fts5Tokens with `names`) from the body's, when `text` is the
  // body (served first) or a run-aligned part of it starting at most kSearchWindow bytes
  // after the end of the last part served; nullopt otherwise.
  std::optional<Part> Serve(std::string_view text, const IndexedNames* names);

  static constexpr size_t kSearchWindow = 1024;

 private:
  std::string body_;
  bool expecting_ = false;
  bool body_served_ = false;
  std::optional<std::vector<IndexToken>> tokens_;  // made ahead, or when the body was served
  size_t cursor_ = 0;                              // the end of the last part served
};

// What a connection's tokenizer reads: the names stored with its index, set once they are
// read. Documents must be indexed with them; a query without them is slower, not wrong.
struct TokenizerState {
  std::shared_ptr<const IndexedNames> names;
  BodyTokens body;  // the document being indexed (search/index.cc)
};

// Registers tokenizer "ketnoi" and SQL function ketnoi_key(text) (= text::SearchKey) on
// this connection; the tokenizer shares `state` (null: no names).
core::Status RegisterTokenizer(sqlite3* db, std::shared_ptr<TokenizerState> state = nullptr);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_TOKENIZER_H_
