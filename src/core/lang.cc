#include "core/lang.h"

namespace ketnoi::core {

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kVi:
      return "vi";
    case Lang::kZh:
      return "zh";
    case Lang::kEn:
      return "en";
    case Lang::kUnknown:
      break;
  }
  return "und";
}

Lang LangFromCode(std::string_view code) {
  if (code == "vi") return Lang::kVi;
  if (code == "zh") return Lang::kZh;
  if (code == "en") return Lang::kEn;
  return Lang::kUnknown;
}

}  // namespace ketnoi::core
