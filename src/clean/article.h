// clean/article.h — stage 2: Page -> Article (title, date, body), boilerplate removed.
//
// In:  an ingest::Page (text + blocks + meta).
// Out: an Article: the headline, the publication date (when the page states one), and the
//      body as an ordered list of paragraph Spans into Page::text — menus, sign-in and tag
//      lines, "Đọc thêm"/"更多"/"Xem nhiều nhất"/"Read more" lists of other stories, photo
//      credits ("Ảnh:", "图自"), captions, footers and source lines left out.
// Method: block-level features that generalize across sites (text density, link density,
//      chrome tags, short title-case lines, lines repeating the headline, runs of headline-
//      like lines after a "more" marker, credit patterns, sentence punctuation), scored and
//      smoothed over neighbouring blocks; the body is the best contiguous region.
// Invariants: paragraphs are ordered, non-overlapping, inside Page::text; title is trimmed.
// Bad input: a page with no body-like text yields an Article with no paragraphs and
//      `ok() == false`; the caller reports it. Pure functions, thread-safe.
#ifndef KETNOI_CLEAN_ARTICLE_H_
#define KETNOI_CLEAN_ARTICLE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/span.h"
#include "ingest/page.h"

namespace ketnoi::clean {

struct Article {
  std::string title;                     // exactly as in the page (trimmed)
  std::optional<core::Span> title_span;  // where it is in Page::text, when it is there
  std::optional<core::Date> date;        // publication date
  std::optional<core::Span> date_span;
  std::vector<core::Span> paragraphs;  // the body, in reading order

  bool ok() const { return !paragraphs.empty(); }
  // The body text: paragraphs joined by "\n".
  std::string Body(std::string_view page_text) const;
};

struct CleanOptions {
  // Blocks shorter than this (bytes) never start a body on their own: headlines and menu items.
  size_t min_body_block_bytes = 60;
};

Article Clean(const ingest::Page& page, const CleanOptions& options = {});

}  // namespace ketnoi::clean

#endif  // KETNOI_CLEAN_ARTICLE_H_
