// ingest/readers.h — internal: the two renderers behind ParsePage (not a stage contract).
//
// Both take bytes that already passed the empty/binary/size checks and fill `page->text`,
// `page->blocks`, `page->meta` and `page->warnings`; `page->source`, `format` and
// `content_hash` are set by the caller.
#ifndef KETNOI_INGEST_READERS_H_
#define KETNOI_INGEST_READERS_H_

#include <string_view>

#include "core/status.h"
#include "ingest/page.h"

namespace ketnoi::ingest::internal {

// One Block per non-empty line; `text` is the input (UTF-8 repaired) unchanged.
core::Status ReadTextPage(std::string_view bytes, const IngestOptions& options, Page* page);

// libxml2's HTML parser, rendered to text with one Block per paragraph-level element.
core::Status ReadHtmlPage(std::string_view bytes, const IngestOptions& options, Page* page);

// The charset a page declares in <meta charset> / http-equiv, lower case; "" when none.
std::string DeclaredCharset(std::string_view head);

// True for the bytes that HTML and plain text treat as blank (ASCII space, tab, CR, LF, FF).
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace ketnoi::ingest::internal

#endif  // KETNOI_INGEST_READERS_H_
