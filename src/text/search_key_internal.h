// text/search_key_internal.h — the reference (all-ICU) SearchKey, for tests that check the
// fast path against it on generated input. Internal to the text stage.
#ifndef KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_
#define KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_

#include <string>
#include <string_view>

namespace ketnoi::text::internal {

// Same contract as text::SearchKey, computed on whole strings with ICU only.
std::string ReferenceSearchKey(std::string_view text);

}  // namespace ketnoi::text::internal

#endif  // KETNOI_TEXT_SEARCH_KEY_INTERNAL_H_
