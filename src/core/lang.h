// core/lang.h — the languages ketnoi reads.
#ifndef KETNOI_CORE_LANG_H_
#define KETNOI_CORE_LANG_H_

#include <string_view>

namespace ketnoi::core {

enum class Lang { kUnknown, kVi, kZh, kEn };

// "vi", "zh", "en", or "und" for kUnknown.
std::string_view LangCode(Lang lang);
// Inverse of LangCode; anything else is kUnknown.
Lang LangFromCode(std::string_view code);

}  // namespace ketnoi::core

#endif  // KETNOI_CORE_LANG_H_
