// text/tokenizer.h — per-language tokenizers behind one interface (internal to the text
// stage; other stages call text::Tokenize).
//
// MakeTokenizer(lang) returns the tokenizer for a language: vi groups syllables into known
// compounds (data/vi_compounds.txt), zh segments Han runs with cppjieba (MixSegment + POS
// tags), en and unknown use the shared Latin scanner. Tokenizers are immutable once built
// and safe to share between threads; their resources load once, lazily.
#ifndef KETNOI_TEXT_TOKENIZER_H_
#define KETNOI_TEXT_TOKENIZER_H_

#include <memory>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace ketnoi::text {

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;
  // Appends the tokens of `text` (valid UTF-8; invalid bytes become kSymbol tokens).
  virtual void Tokenize(std::string_view text, std::vector<Token>& out) const = 0;
};

std::unique_ptr<Tokenizer> MakeTokenizer(Lang lang);

namespace internal {

// The shared scanner for non-Han text over text[begin, end): words, numbers, acronyms,
// URLs, e-mails, punctuation; each Han character becomes its own kWord token.
void ScanLatin(std::string_view text, size_t begin, size_t end, std::vector<Token>& out);

// Lower-cased copy of a word (ASCII fast path, ICU full case mapping otherwise).
std::string LowerWord(std::string_view word);

// Factories of the per-language parts (text/vi, text/zh, text/en).
std::unique_ptr<Tokenizer> MakeViTokenizer();
std::unique_ptr<Tokenizer> MakeZhTokenizer();
std::unique_ptr<Tokenizer> MakeEnTokenizer();

}  // namespace internal
}  // namespace ketnoi::text

#endif  // KETNOI_TEXT_TOKENIZER_H_
