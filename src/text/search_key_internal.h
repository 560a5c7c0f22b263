// text/search_key_internal.h — the reference (all-ICU) SearchKey, for tests that check the
// fast path against it on generated input. Internal to the text stage.
#ifndef KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_
#define KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_

#include <unicode/umachine.h>

#include <string>
#include <string_view>
#include <vector>

namespace ketnoi::text::internal {

// Same contract as text::SearchKey, computed on whole strings with ICU only.
std::string ReferenceSearchKey(std::string_view text);

// The Traditional -> Simplified fold of every BMP Han character U+3400..U+FAFF (index
// c - 0x3400; 0 = unchanged), all converted by OpenCC in one call, chains resolved in
// place: how SearchKey's fold was built before it became lazy. Empty without OpenCC.
std::vector<UChar32> EagerT2sTable();
// SearchKey's fold of one character (0 = unchanged), computed on first use.
UChar32 T2sFold(UChar32 c);

}  // namespace ketnoi::text::internal

#endif  // KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_
