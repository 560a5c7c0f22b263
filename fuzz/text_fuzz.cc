// libFuzzer target for the text layer: arbitrary bytes through Normalize, SplitSentences,
// Tokenize (every language), SearchKey, SearchTerms, IdentifyLanguage and ScriptRuns.
// Checks the invariants the other stages rely on: offsets in range and ordered, the
// to_original map monotonic and complete, search keys idempotent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "text/text.h"

namespace {

using ketnoi::core::Lang;
using ketnoi::core::Span;

// Caps keep each run fast: pages are capped far above this upstream anyway.
constexpr size_t kMaxInput = 16 * 1024;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckSpans(const std::vector<Span>& spans, size_t size) {
  uint32_t prev = 0;
  for (Span s : spans) {
    Check(s.begin <= s.end && s.end <= size && s.begin >= prev);
    prev = s.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  ketnoi::text::NormalizedText n = ketnoi::text::Normalize(input);
  Check(ketnoi::core::IsValidUtf8(n.text));
  Check(n.to_original.size() == n.text.size() + 1);
  Check(n.to_original.back() == input.size());
  for (size_t i = 1; i < n.to_original.size(); ++i) {
    Check(n.to_original[i - 1] <= n.to_original[i]);
  }
  Span whole = n.ToOriginal({0, static_cast<uint32_t>(n.text.size())});
  Check(whole.end <= input.size());

  for (Lang lang : {Lang::kUnknown, Lang::kVi, Lang::kZh, Lang::kEn}) {
    CheckSpans(ketnoi::text::SplitSentences(input, lang), input.size());
    CheckSpans(ketnoi::text::SplitSentences(n.text, lang), n.text.size());
    std::vector<Span> token_spans;
    for (const ketnoi::text::Token& t : ketnoi::text::Tokenize(n.text, lang)) {
      Check(!t.span.empty());
      token_spans.push_back(t.span);
    }
    CheckSpans(token_spans, n.text.size());
    (void)ketnoi::text::SearchTerms(input, lang);
  }
  std::string key = ketnoi::text::SearchKey(input);
  Check(ketnoi::core::IsValidUtf8(key));
  Check(ketnoi::text::SearchKey(key) == key);
  (void)ketnoi::text::IdentifyLanguage(input);
  std::vector<Span> runs;
  for (const ketnoi::text::ScriptRun& r : ketnoi::text::ScriptRuns(input)) runs.push_back(r.span);
  CheckSpans(runs, input.size());
  return 0;
}
