// English (and unknown-language) tokenizer: the shared Latin scanner as is.
#include "text/tokenizer.h"

namespace ketnoi::text::internal {
namespace {

class EnTokenizer final : public Tokenizer {
 public:
  void Tokenize(std::string_view text, std::vector<Token>& out) const override {
    ScanLatin(text, 0, text.size(), out);
  }
};

}  // namespace

std::unique_ptr<Tokenizer> MakeEnTokenizer() { return std::make_unique<EnTokenizer>(); }

}  // namespace ketnoi::text::internal
