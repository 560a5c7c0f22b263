// libFuzzer target for the page reader: arbitrary bytes through ParsePage as HTML and as
// text, then through Clean. Checks the Page invariants the later stages rely on (valid
// UTF-8, blocks ordered, non-overlapping, non-empty and inside the text) and the Article's
// (paragraphs ordered and inside the text). Tight limits exercise the limit paths too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "clean/article.h"
#include "core/utf8.h"
#include "ingest/page.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckPage(const ketnoi::ingest::Page& page) {
  Check(ketnoi::core::IsValidUtf8(page.text));
  uint32_t prev = 0;
  for (const ketnoi::ingest::Block& b : page.blocks) {
    Check(b.span.begin < b.span.end && b.span.end <= page.text.size() && b.span.begin >= prev);
    prev = b.span.end;
  }
  ketnoi::clean::Article article = ketnoi::clean::Clean(page);
  prev = 0;
  for (ketnoi::core::Span p : article.paragraphs) {
    Check(p.begin <= p.end && p.end <= page.text.size() && p.begin >= prev);
    prev = p.end;
  }
  if (article.title_span) Check(article.title_span->end <= page.text.size());
  if (article.date_span) Check(article.date_span->end <= page.text.size());
  (void)article.Body(page.text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using ketnoi::ingest::PageFormat;
  for (PageFormat format : {PageFormat::kHtml, PageFormat::kText}) {
    auto page = ketnoi::ingest::ParsePage(bytes, format, "fuzz");
    if (page.ok()) CheckPage(*page);
  }
  // The limits: small enough that the fuzzer reaches them.
  ketnoi::ingest::IngestOptions tight;
  tight.max_page_bytes = 4096;
  tight.max_html_depth = 8;
  tight.max_line_bytes = 64;
  auto html = ketnoi::ingest::ParsePage(bytes, PageFormat::kHtml, "fuzz", tight);
  if (html.ok()) CheckPage(*html);
  auto text = ketnoi::ingest::ParsePage(bytes, PageFormat::kText, "fuzz", tight);
  if (text.ok()) CheckPage(*text);
  (void)ketnoi::ingest::DetectFormat("x", bytes.substr(0, 512));
  return 0;
}
