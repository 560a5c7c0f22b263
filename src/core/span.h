// core/span.h — a half-open byte range [begin, end) into a named text.
//
// The offset contract (docs/data-model.md): every annotation ketnoi produces is a Span into
// Page::text, the page as the user saw it (decoded to UTF-8, HTML rendered to text).
// Offsets are UTF-8 byte offsets; `text.substr(span.begin, span.size())` is the surface.
#ifndef KETNOI_CORE_SPAN_H_
#define KETNOI_CORE_SPAN_H_

#include <cstdint>
#include <string_view>

namespace ketnoi::core {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(Span other) const { return begin <= other.begin && other.end <= end; }
  bool Overlaps(Span other) const { return begin < other.end && other.begin < end; }
  std::string_view Of(std::string_view text) const { return text.substr(begin, size()); }
  friend bool operator==(Span a, Span b) = default;
};

}  // namespace ketnoi::core

#endif  // KETNOI_CORE_SPAN_H_
