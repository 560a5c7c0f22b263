// core/utf8.h — UTF-8 validation and repair, shared by every stage that reads bytes.
#ifndef KETNOI_CORE_UTF8_H_
#define KETNOI_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace ketnoi::core {

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

struct Utf8Repair {
  std::string text;             // well-formed UTF-8
  size_t replaced = 0;          // ill-formed sequences replaced by U+FFFD
  size_t first_bad_offset = 0;  // byte offset of the first one in the input (if replaced > 0)
};

// Copies `bytes`, replacing each ill-formed sequence with U+FFFD (the WHATWG/ICU rule:
// one replacement per maximal ill-formed subpart). Never fails.
Utf8Repair RepairUtf8(std::string_view bytes);

// Number of code points; `bytes` must be valid UTF-8.
size_t CountCodePoints(std::string_view bytes);

}  // namespace ketnoi::core

#endif  // KETNOI_CORE_UTF8_H_
