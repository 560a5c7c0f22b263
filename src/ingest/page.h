// ingest/page.h — stage 1: bytes of a saved page -> Page (text + blocks + metadata).
//
// In:  a file path, or bytes with a name, in one of two formats: page text as saved or
//      copied (.txt, any other extension) or HTML (.html/.htm, or bytes that start like HTML).
// Out: a Page that owns `text`, the page as the user saw it, decoded to UTF-8 (ill-formed
//      sequences replaced by U+FFFD and counted in `warnings`). HTML is rendered to text
//      with libxml2's HTML parser: one block per paragraph-level element, script/style/
//      template dropped, nav/aside/footer/header/form kept but flagged so that the clean
//      stage can weigh them. Every Block is a Span into `text`; blocks are in reading order
//      and separated in `text` by "\n" (so offsets are stable and the text is readable).
// Invariants: text is valid UTF-8; blocks are ordered, non-overlapping, non-empty.
// Bad input: empty, binary (NUL bytes / mostly control characters), over
//      IngestOptions::max_page_bytes, unreadable — a non-OK Status naming the problem;
//      the caller adds the path. Never throws, never aborts.
// Thread safety: the functions are pure; call them from any thread.
#ifndef KETNOI_INGEST_PAGE_H_
#define KETNOI_INGEST_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"

namespace ketnoi::ingest {

enum class PageFormat { kText, kHtml };

// libxml2 builds HTML trees this deep and no deeper (xmlParserMaxDepth without
// XML_PARSE_HUGE, which ketnoi never sets: a hostile page must not recurse without bound).
constexpr int kHtmlParserMaxDepth = 256;

enum class BlockKind {
  kLine,       // one line of a .txt page
  kParagraph,  // <p>, <div> text, <td>...
  kHeading,    // <h1>..<h6>
  kListItem,   // <li>, <dt>, <dd>
  kCaption,    // <figcaption>, <caption>
  kPreformatted,
};

struct Block {
  core::Span span;  // into Page::text
  BlockKind kind = BlockKind::kLine;
  uint8_t heading_level = 0;      // 1..6 for kHeading
  uint16_t depth = 0;             // DOM depth (0 for text pages)
  uint32_t link_bytes = 0;        // bytes of this block's text that are inside <a href>
  bool in_chrome = false;         // inside nav/aside/footer/header/form/menu (HTML only)
  bool in_article = false;        // inside <article> or <main> (HTML only)
  bool is_title_element = false;  // text of <title> (kept as a block before the body)
};

struct PageMeta {
  std::string title;        // og:title, else <title>
  std::string published;    // article:published_time / datePublished / date meta, raw
  std::string lang_attr;    // <html lang=...>
  std::string description;  // meta description
};

struct Page {
  std::string source;  // path as given, or "-" for stdin
  PageFormat format = PageFormat::kText;
  std::string content_hash;  // hex SHA-256 of the original bytes
  std::string text;          // the page as seen, UTF-8
  std::vector<Block> blocks;
  PageMeta meta;
  std::vector<std::string> warnings;  // e.g. "3 invalid UTF-8 sequences replaced"
  // HTML nested deeper than libxml2 builds (kHtmlParserMaxDepth): what lies below was
  // dropped (a warning says so); a page with nothing above that depth has no article.
  bool nesting_truncated = false;
};

struct IngestOptions {
  // Pages bigger than this are refused: real articles are < 1 MB; 16 MB keeps memory bounded.
  size_t max_page_bytes = 16u << 20;
  // HTML nested deeper than this is flattened: libxml2 itself caps at kHtmlParserMaxDepth.
  int max_html_depth = 256;
  // A line longer than this in a text page is split: guards pathological minified input.
  size_t max_line_bytes = 1u << 20;
};

// Parses `bytes` of the given format. `source` names the input in messages.
core::Result<Page> ParsePage(std::string_view bytes, PageFormat format, std::string source,
                             const IngestOptions& options = {});

// Reads the file at `path` and parses it; the format comes from the extension
// (.html/.htm -> HTML) or from sniffing the first bytes.
core::Result<Page> ReadPage(const std::string& path, const IngestOptions& options = {});

// Format from a file name, falling back on sniffing `head` (the first bytes).
PageFormat DetectFormat(std::string_view path, std::string_view head);

}  // namespace ketnoi::ingest

#endif  // KETNOI_INGEST_PAGE_H_
