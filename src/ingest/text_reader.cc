// ingest/text_reader.cc — a page saved as text: one Block per non-empty line.
#include <string>

#include "core/utf8.h"
#include "ingest/readers.h"

namespace ketnoi::ingest::internal {
namespace {

// Blanks at the ends of a line, including a BOM and U+00A0 that copy-paste leaves behind.
size_t SkipLeading(std::string_view s, size_t b, size_t e) {
  while (b < e) {
    if (IsAsciiSpace(s[b])) {
      ++b;
    } else if (s.substr(b, 3) == "\xEF\xBB\xBF") {
      b += 3;
    } else if (s.substr(b, 2) == "\xC2\xA0") {
      b += 2;
    } else {
      break;
    }
  }
  return b;
}

size_t SkipTrailing(std::string_view s, size_t b, size_t e) {
  while (e > b) {
    if (IsAsciiSpace(s[e - 1])) {
      --e;
    } else if (e - b >= 2 && s.substr(e - 2, 2) == "\xC2\xA0") {
      e -= 2;
    } else {
      break;
    }
  }
  return e;
}

// The last UTF-8 boundary at or before `pos`.
size_t BoundaryBefore(std::string_view s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace

core::Status ReadTextPage(std::string_view bytes, const IngestOptions& options, Page* page) {
  core::Utf8Repair repaired = core::RepairUtf8(bytes);
  if (repaired.replaced > 0) {
    page->warnings.push_back(std::to_string(repaired.replaced) +
                             " invalid UTF-8 sequences replaced");
  }
  page->text = std::move(repaired.text);
  std::string_view text = page->text;
  size_t max_line = options.max_line_bytes == 0 ? text.size() + 1 : options.max_line_bytes;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = text.size();
    size_t b = SkipLeading(text, pos, eol);
    size_t e = SkipTrailing(text, b, eol);
    while (b < e) {
      size_t cut = e;
      if (cut - b > max_line) {
        cut = BoundaryBefore(text, b + max_line);
        if (cut <= b) cut = e;  // cannot happen with valid UTF-8 and max_line >= 4
      }
      Block block;
      block.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(cut)};
      block.kind = BlockKind::kLine;
      page->blocks.push_back(block);
      b = SkipLeading(text, cut, e);
    }
    pos = eol + 1;
  }
  return core::Status::Ok();
}

}  // namespace ketnoi::ingest::internal
