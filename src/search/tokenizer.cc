#include "search/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/utf8.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

enum class CharClass { kSeparator, kWord, kIdeograph };

CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kSeparator;
  if (c < 0x80) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return alnum ? CharClass::kWord : CharClass::kSeparator;
  }
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &err);
  if (U_SUCCESS(err) && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
                         script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL)) {
    return u_isalpha(c) ? CharClass::kIdeograph : CharClass::kSeparator;
  }
  int8_t type = u_charType(c);
  // Combining marks keep decomposed Vietnamese ("e" + U+0303) inside one word.
  if (u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
      type == U_ENCLOSING_MARK) {
    return CharClass::kWord;
  }
  return CharClass::kSeparator;
}

// Tokenizing calls SearchKey once per word; news text repeats words a lot.
const std::string& CachedKey(std::string_view word) {
  thread_local std::unordered_map<std::string, std::string> cache;
  if (cache.size() > 200000) cache.clear();
  auto it = cache.find(std::string(word));
  if (it != cache.end()) return it->second;
  return cache.emplace(std::string(word), text::SearchKey(word)).first->second;
}

// Splits a key into code points; empty when it is not valid UTF-8.
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return {};
    out.emplace_back(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
  return out;
}

void AddIdeographRun(std::string_view text, core::Span run, const std::vector<core::Span>& chars,
                     bool for_query, std::vector<IndexToken>* out) {
  // One SearchKey call for the run; per character when the fold changed the length.
  std::vector<std::string> keys = CodePoints(CachedKey(run.Of(text)));
  if (keys.size() != chars.size()) {
    keys.clear();
    for (core::Span c : chars) keys.push_back(CachedKey(c.Of(text)));
  }
  std::vector<std::vector<IndexToken>> words_at(chars.size());
  if (!for_query && chars.size() > 1) {
    std::string_view run_text = run.Of(text);
    size_t ci = 0;  // index of the first character at or after a token's begin
    for (const text::Token& tok : text::Tokenize(run_text, core::Lang::kZh)) {
      uint32_t b = run.begin + tok.span.begin, e = run.begin + tok.span.end;
      while (ci < chars.size() && chars[ci].begin < b) ++ci;
      if (ci >= chars.size() || chars[ci].begin != b) continue;
      std::string key;
      size_t cj = ci;
      for (; cj < chars.size() && chars[cj].end <= e; ++cj) key += keys[cj];
      if (cj - ci < 2 || chars[cj - 1].end != e) continue;
      words_at[ci].push_back({std::move(key), {b, e}, true});
    }
  }
  for (size_t i = 0; i < chars.size(); ++i) {
    if (keys[i].empty()) continue;
    out->push_back({keys[i], chars[i], false, true});
    for (IndexToken& w : words_at[i]) out->push_back(std::move(w));
  }
}

// A pair's keys must each be one code point: then "ab" + "c" and "a" + "bc" cannot meet.
bool PairsWith(const IndexToken& t) {
  if (!t.ideograph || t.key.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(t.key.data()), i, static_cast<int32_t>(t.key.size()), c);
  return c >= 0 && static_cast<size_t>(i) == t.key.size();
}

// A word (Latin, Vietnamese, ...: not an ideograph, not a segmenter word) pairs with the next
// word; the pair's key joins both with a space, which no word key holds, so it can meet neither
// another word nor an ideograph pair.
bool PairsAsWord(const IndexToken& t) {
  return !t.ideograph && !t.colocated && !t.key.empty() && t.key.find(' ') == std::string::npos;
}

IndexToken Pair(const IndexToken& a, const IndexToken& b, bool colocated) {
  return {a.key + (a.ideograph ? "" : " ") + b.key, {a.span.begin, b.span.end}, colocated, false};
}

// Whether `a` and the token at the next position `b` make a pair token.
bool Pairs(const IndexToken& a, const IndexToken& b) {
  return (PairsWith(a) && PairsWith(b)) || (PairsAsWord(a) && PairsAsWord(b));
}

// The term of a name whose query keys are `keys` (see IndexedNames).
std::string NameTerm(const std::vector<IndexToken>& keys) {
  std::string term;
  for (const IndexToken& t : keys) {
    if (!term.empty()) term += '_';
    term += t.key;
  }
  return term;
}

// The name terms in `tokens` (a document's IndexTokens), each with the position it starts
// at, in position order: a name starts where its keys equal the keys of the positions from
// there on.
std::vector<std::pair<size_t, IndexToken>> NamesIn(const std::vector<IndexToken>& tokens,
                                                   const IndexedNames& names) {
  std::vector<size_t> positions;  // each position's (non-colocated) token
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].colocated) positions.push_back(i);
  }
  std::vector<std::pair<size_t, IndexToken>> out;
  for (size_t p = 0; p < positions.size(); ++p) {
    const std::vector<uint32_t>* candidates = names.StartingWith(tokens[positions[p]].key);
    if (candidates == nullptr) continue;
    for (uint32_t n : *candidates) {
      const std::vector<std::string>& keys = names.keys()[n];
      if (p + keys.size() > positions.size()) continue;
      size_t k = 1;
      while (k < keys.size() && tokens[positions[p + k]].key == keys[k]) ++k;
      if (k < keys.size()) continue;
      core::Span span{tokens[positions[p]].span.begin,
                      tokens[positions[p + keys.size() - 1]].span.end};
      out.push_back({p, {names.terms()[n], span, true, false}});
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> IndexedNames::TermsOf(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    std::vector<IndexToken> keys = IndexTokens(name, true);
    if (keys.size() < 3 || keys.size() > kMaxNamePositions) continue;
    out.push_back(NameTerm(keys));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

IndexedNames::IndexedNames(const std::vector<std::string>& terms) {
  for (const std::string& term : terms) {
    std::vector<std::string> keys;
    for (size_t b = 0;;) {
      size_t e = term.find('_', b);
      keys.push_back(term.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (e == std::string::npos) break;
      b = e + 1;
    }
    if (keys.size() < 3 || !known_.insert(term).second) continue;
    by_first_key_[keys[0]].push_back(static_cast<uint32_t>(terms_.size()));
    terms_.push_back(term);
    keys_.push_back(std::move(keys));
  }
}

const std::vector<uint32_t>* IndexedNames::StartingWith(const std::string& key) const {
  auto it = by_first_key_.find(key);
  return it == by_first_key_.end() ? nullptr : &it->second;
}

std::vector<IndexToken> Fts5Tokens(std::string_view text, bool for_query,
                                   const IndexedNames* names) {
  std::vector<IndexToken> tokens = IndexTokens(text, for_query);
  if (for_query) {
    if (names != nullptr && tokens.size() >= 3) {
      std::string term = NameTerm(tokens);
      if (names->Has(term)) {
        return {{std::move(term), {tokens.front().span.begin, tokens.back().span.end}}};
      }
    }
    if (tokens.size() < 2 || !(std::all_of(tokens.begin(), tokens.end(), PairsWith) ||
                               std::all_of(tokens.begin(), tokens.end(), PairsAsWord))) {
      return tokens;
    }
    std::vector<IndexToken> pairs;
    for (size_t i = 0; i + 1 < tokens.size(); ++i)
      pairs.push_back(Pair(tokens[i], tokens[i + 1], false));
    return pairs;
  }
  std::vector<std::pair<size_t, IndexToken>> names_in;
  if (names != nullptr && !names->terms().empty()) names_in = NamesIn(tokens, *names);
  size_t next_name = 0;
  std::vector<IndexToken> out;
  out.reserve(tokens.size() * 2);
  for (size_t i = 0, position = 0; i < tokens.size(); ++position) {
    size_t next = i + 1;  // the next position's token
    while (next < tokens.size() && tokens[next].colocated) ++next;
    std::optional<IndexToken> pair;
    if (next < tokens.size() && Pairs(tokens[i], tokens[next])) {
      pair = Pair(tokens[i], tokens[next], true);
      // A two-character word from the segmenter is already this key at this position.
      for (size_t k = i + 1; k < next && pair; ++k) {
        if (tokens[k].key == pair->key) pair.reset();
      }
    }
    for (; i < next; ++i) out.push_back(std::move(tokens[i]));
    if (pair) out.push_back(std::move(*pair));
    for (; next_name < names_in.size() && names_in[next_name].first == position; ++next_name) {
      out.push_back(std::move(names_in[next_name].second));
    }
  }
  return out;
}

std::vector<IndexToken> IndexTokens(std::string_view text, bool for_query) {
  std::vector<IndexToken> out;
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  CharClass run_class = CharClass::kSeparator;
  uint32_t run_begin = 0;
  std::vector<core::Span> run_chars;
  auto flush = [&](uint32_t end) {
    if (run_class == CharClass::kWord) {
      const std::string& key = CachedKey(text.substr(run_begin, end - run_begin));
      if (!key.empty()) out.push_back({key, {run_begin, end}, false});
    } else if (run_class == CharClass::kIdeograph) {
      AddIdeographRun(text, {run_begin, end}, run_chars, for_query, &out);
    }
    run_chars.clear();
  };
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, n, c);
    CharClass cls = Classify(c);
    if (cls != run_class) {
      flush(static_cast<uint32_t>(start));
      run_class = cls;
      run_begin = static_cast<uint32_t>(start);
    }
    if (cls == CharClass::kIdeograph) {
      run_chars.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
    }
  }
  flush(static_cast<uint32_t>(n));
  return out;
}

namespace {

// Whether a run of IndexTokens can start or end at byte `at` of valid UTF-8 `text`: `at`
// is a character boundary and the characters on either side are not of one word or ideograph
// run.
bool RunBoundary(std::string_view text, size_t at) {
  if (at == 0 || at >= text.size()) return true;
  if ((static_cast<uint8_t>(text[at]) & 0xC0) == 0x80) return false;  // inside a character
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(at), j = static_cast<int32_t>(at);
  UChar32 before, after;
  U8_PREV(bytes, 0, i, before);
  U8_NEXT(bytes, j, static_cast<int32_t>(text.size()), after);
  CharClass a = Classify(before), b = Classify(after);
  return a != b || a == CharClass::kSeparator;
}

}  // namespace

std::optional<std::vector<IndexToken>> BodyTokens::Make(std::string_view body,
                                                        const IndexedNames* names) {
  if (!core::IsValidUtf8(body)) return std::nullopt;
  return Fts5Tokens(body, false, names);
}

void BodyTokens::Expect(std::string body, std::optional<std::vector<IndexToken>> made) {
  body_ = std::move(body);
  expecting_ = true;
  body_served_ = false;
  tokens_ = std::move(made);
  cursor_ = 0;
}

void BodyTokens::Clear() {
  body_.clear();
  expecting_ = false;
  body_served_ = false;
  tokens_.reset();
  cursor_ = 0;
}

std::optional<BodyTokens::Part> BodyTokens::Serve(std::string_view text,
                                                  const IndexedNames* names) {
  if (!expecting_ || text.empty()) return std::nullopt;
  if (!body_served_) {
    if (text != body_) return std::nullopt;
    if (!tokens_) tokens_ = Make(text, names);
    if (!tokens_) return std::nullopt;
    body_served_ = true;
    return Part{*tokens_, {0, static_cast<uint32_t>(text.size())}};
  }
  // Sentences come in body order, each a few separators after the one before (the body is
  // the paragraphs joined by newlines), so only starts near the last one's end are tried:
  // a text not in the body (the title's sentence) costs a short search, not a scan of the
  // whole body. Any occurrence would do.
  size_t at = std::string_view(body_).substr(cursor_, kSearchWindow + text.size()).find(text);
  if (at == std::string_view::npos) return std::nullopt;
  at += cursor_;
  const size_t end = at + text.size();
  if (!RunBoundary(body_, at) || !RunBoundary(body_, end)) return std::nullopt;
  cursor_ = end;
  // A token's begin never decreases along Fts5Tokens (a position's words, pair and names all
  // start at its first character).
  auto first =
      std::lower_bound(tokens_->begin(), tokens_->end(), at,
                       [](const IndexToken& t, size_t offset) { return t.span.begin < offset; });
  return Part{std::span<const IndexToken>(first, tokens_->end()),
              {static_cast<uint32_t>(at), static_cast<uint32_t>(end)}};
}

namespace {

// The registration's context, and each tokenizer's handle: the connection's state, shared with
// its owner (the registration holds one reference until SQLite destroys it).
using StateRef = std::shared_ptr<TokenizerState>;

int TokenizerCreate(void* context, const char**, int, Fts5Tokenizer** out) {
  *out = static_cast<Fts5Tokenizer*>(context);
  return SQLITE_OK;
}

void TokenizerDelete(Fts5Tokenizer*) {}

void DestroyState(void* context) { delete static_cast<StateRef*>(context); }

int TokenizerTokenize(Fts5Tokenizer* handle, void* ctx, int flags, const char* text, int n,
                      int (*emit)(void*, int, const char*, int, int, int)) {
  // No C++ exception may cross into SQLite.
  try {
    bool for_query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    const StateRef& state = *reinterpret_cast<StateRef*>(handle);
    const IndexedNames* names = state && state->names ? state->names.get() : nullptr;
    const std::string_view input(text, n > 0 ? static_cast<size_t>(n) : 0);
    int rc = SQLITE_OK;
    auto emit_token = [&](const IndexToken& t, core::Span span) {
      if (rc != SQLITE_OK) return;
      rc = emit(ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.key.data(),
                static_cast<int>(t.key.size()), static_cast<int>(span.begin),
                static_cast<int>(span.end));
    };
    std::optional<BodyTokens::Part> part;
    if (!for_query && state) part = state->body.Serve(input, names);
    if (part) {
      part->ForEach(emit_token);
    } else {
      for (const IndexToken& t : Fts5Tokens(input, for_query, names)) emit_token(t, t.span);
    }
    return rc;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

void KeyFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  try {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    int len = sqlite3_value_bytes(argv[0]);
    std::string key = text::SearchKey(std::string_view(p ? p : "", static_cast<size_t>(len)));
    sqlite3_result_text(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  } catch (...) {
    sqlite3_result_error(ctx, "ketnoi_key failed", -1);
  }
}

}  // namespace

core::Status RegisterTokenizer(sqlite3* db, std::shared_ptr<TokenizerState> state) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return core::Unsupported(std::string("this SQLite has no FTS5: ") + sqlite3_errmsg(db));
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) return core::Unsupported("this SQLite has no FTS5 API");
  static fts5_tokenizer tokenizer = {TokenizerCreate, TokenizerDelete, TokenizerTokenize};
  auto* context = new StateRef(std::move(state));
  if (api->xCreateTokenizer(api, "ketnoi", context, &tokenizer, DestroyState) != SQLITE_OK) {
    delete context;  // FTS5 calls DestroyState only for a tokenizer it registered
    return core::Internal(std::string("cannot register the ketnoi tokenizer: ") +
                          sqlite3_errmsg(db));
  }
  if (sqlite3_create_function(db, "ketnoi_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                              KeyFunction, nullptr, nullptr) != SQLITE_OK) {
    return core::Internal(std::string("cannot register ketnoi_key: ") + sqlite3_errmsg(db));
  }
  return core::Status::Ok();
}

}  // namespace ketnoi::search
