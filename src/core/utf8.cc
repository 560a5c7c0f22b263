#include "core/utf8.h"

#include <unicode/utf8.h>

namespace ketnoi::core {

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

Utf8Repair RepairUtf8(std::string_view bytes) {
  Utf8Repair out;
  out.text.reserve(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  int32_t valid_from = 0;  // start of the run of valid bytes not yet copied: copied in one go
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      if (out.replaced++ == 0) out.first_bad_offset = static_cast<size_t>(start);
      out.text.append(
          bytes.substr(static_cast<size_t>(valid_from), static_cast<size_t>(start - valid_from)));
      out.text.append("\xEF\xBF\xBD");
      valid_from = i;
    }
  }
  out.text.append(
      bytes.substr(static_cast<size_t>(valid_from), static_cast<size_t>(length - valid_from)));
  return out;
}

size_t CountCodePoints(std::string_view bytes) {
  size_t n = 0;
  for (unsigned char c : bytes) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace ketnoi::core
