// clean/article.cc — boilerplate removal, headline and dateline.
//
// Every block gets a few features that hold across sites and languages (length, sentence
// punctuation, link density, chrome, credit/marker/UI patterns, repetition). The body starts
// at the first body-like block after the headline and extends while body-like blocks keep
// coming; it stops at footers, at "read more" markers followed by lists of other stories,
// and at runs of headline-like lines. Inside it, captions, credits and repeats are dropped.
#include "clean/article.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

#include "clean/dates.h"
#include "core/utf8.h"

namespace ketnoi::clean {
namespace {

using core::Span;
using ingest::Block;
using ingest::BlockKind;
using ingest::Page;

std::string Fold(std::string_view s) {
  std::string out;
  // ASCII text (most short blocks: menus, credits, file names) folds to its lower case; ICU
  // for anything else.
  if (std::all_of(s.begin(), s.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    out.reserve(s.size());
    for (char c : s) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
    return out;
  }
  // Well-formed UTF-8 (every page text is) folds without a round trip through UTF-16; the
  // same full case folding as UnicodeString::foldCase.
  if (core::IsValidUtf8(s)) {
    out.reserve(s.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode error = U_ZERO_ERROR;
    icu::CaseMap::utf8Fold(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                           nullptr, error);
    if (U_SUCCESS(error)) return out;
    out.clear();
  }
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

// Collapses whitespace runs to one space: the key under which two blocks are "the same".
std::string Squash(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t word = i;  // after the whitespace before it
    while (word < s.size() && is_space(s[word])) ++word;
    if (word == s.size()) break;
    size_t end = word;
    while (end < s.size() && !is_space(s[end])) ++end;
    if (!out.empty()) out.push_back(' ');  // only the first word has no whitespace before it
    out.append(s.substr(word, end - word));
    i = end;
  }
  return out;
}

bool IsCjkLead(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  return c >= 0xE3 && c <= 0xE9;  // U+3000..U+9FFF: CJK punctuation, kana, ideographs
}

// Length in "Latin characters": a CJK character carries about as much as two of them.
size_t Units(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    n += IsCjkLead(s, i) ? 2 : 1;
  }
  return n;
}

size_t Words(std::string_view s) {
  size_t words = 0;
  size_t cjk = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (IsCjkLead(s, i)) {
      ++cjk;
      in_word = false;
    } else if (c == ' ' || c == '\n') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words + cjk / 2;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Ends like a sentence: ".", "!", "?", "。", "…", ":", possibly inside closing quotes/brackets,
// or with the Vietnamese "./." and the Chinese "(完)" sign-offs.
bool EndsSentence(std::string_view s) {
  if (EndsWith(s, "(完)") || EndsWith(s, "（完）")) return true;
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view closer : {")", "\"", "'", "”", "’", "」", "』", "》", "）", "»", " "}) {
      if (EndsWith(s, closer)) {
        s.remove_suffix(closer.size());
        changed = true;
      }
    }
  }
  // ":" ends a paragraph that introduces a list; headlines and datelines never end so.
  for (std::string_view end : {".", "!", "?", "。", "！", "？", "…", ";", ":", "："}) {
    if (EndsWith(s, end)) return true;
  }
  return false;
}

// Sentence ends inside the block (". X", "。").
int SentenceMarks(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') ++n;
  }
  for (size_t at = s.find("。"); at != std::string_view::npos; at = s.find("。", at + 3)) ++n;
  return n;
}

// The block as a short label: folded, without trailing ":" / "»" / arrows. `folded`: the
// block as Fold gives it (folding keeps whitespace as it is, so squashing after it is the same).
std::string Label(std::string_view folded) {
  std::string f = Squash(folded);
  while (!f.empty() && (f.back() == ':' || f.back() == ' ' || f.back() == '>' || f.back() == '.')) {
    f.pop_back();
  }
  while (EndsWith(f, "»") || EndsWith(f, "›") || EndsWith(f, "：")) {
    f.resize(f.size() - (EndsWith(f, "：") ? 3 : 2));
  }
  return f;
}

// Headers of lists of other stories.
constexpr std::array<std::string_view, 46> kMoreMarkers = {"đọc thêm",
                                                           "xem thêm",
                                                           "tin liên quan",
                                                           "bài liên quan",
                                                           "tin cùng chuyên mục",
                                                           "cùng chuyên mục",
                                                           "xem nhiều nhất",
                                                           "đọc nhiều nhất",
                                                           "đọc nhiều",
                                                           "xem nhiều",
                                                           "tin mới nhất",
                                                           "mới nhất",
                                                           "tin khác",
                                                           "các tin khác",
                                                           "tin đọc nhiều",
                                                           "có thể bạn quan tâm",
                                                           "bạn có thể quan tâm",
                                                           "tin nổi bật",
                                                           "nổi bật",
                                                           "đừng bỏ lỡ",
                                                           "tin mới",
                                                           "tin tiêu điểm",
                                                           "tiêu điểm",
                                                           "更多",
                                                           "相关新闻",
                                                           "相关阅读",
                                                           "相关报道",
                                                           "延伸阅读",
                                                           "推荐阅读",
                                                           "热点新闻",
                                                           "最新新闻",
                                                           "热门新闻",
                                                           "read more",
                                                           "related",
                                                           "related news",
                                                           "related articles",
                                                           "related stories",
                                                           "more stories",
                                                           "more news",
                                                           "most read",
                                                           "most viewed",
                                                           "latest news",
                                                           "you may also like",
                                                           "see also",
                                                           "other news",
                                                           "trending"};

// Lines after which the article is over, whatever follows: whole lines...
constexpr std::array<std::string_view, 7> kEndLines = {
    "end of content", "không có tin nào tiếp theo",
    "bình luận",      "ý kiến bạn đọc",
    "comments",       "gửi bình luận",
    "发表评论"};
// ...and footer openings.
constexpr std::array<std::string_view, 7> kFooterStarts = {
    "powered by", "copyright",          "©", "bản quyền thuộc", "giấy phép số",
    "版权所有",   "all rights reserved"};

// Interface words, never article text.
constexpr std::array<std::string_view, 36> kUiLines = {
    "sign in",  "sign up",  "log in",   "login",     "đăng nhập",     "đăng ký",
    "tag",      "tags",     "từ khóa",  "từ khoá",   "chia sẻ",       "share",
    "in bài",   "print",    "aa",       "a a",       "file đính kèm", "facebook",
    "twitter",  "zalo",     "email",    "trang chủ", "home",          "menu",
    "theo dõi", "follow",   "quay lại", "back",      "top",           "lên đầu trang",
    "gửi",      "comments", "comment",  "分享",      "打印",          "返回顶部"};

bool IsMarker(const std::string& label) {
  for (std::string_view m : kMoreMarkers) {
    if (label == m) return true;
  }
  return false;
}

// "Xem thêm: <headline>", "Nổi bật Một thế giới": a marker heading a short line.
bool StartsWithMarker(const std::string& label) {
  if (label.size() > 120) return false;
  for (std::string_view m : kMoreMarkers) {
    if (label.size() > m.size() && StartsWith(label, m) &&
        (label[m.size()] == ' ' || label[m.size()] == ':')) {
      return true;
    }
  }
  return false;
}

bool IsEnd(const std::string& label) {
  for (std::string_view m : kEndLines) {
    if (label == m) return true;
  }
  // "(12) Bình luận"
  if (StartsWith(label, "(") && label.find(") ") != std::string::npos &&
      EndsWith(label, "bình luận") && label.size() < 30) {
    return true;
  }
  if (label.size() > 160) return false;
  for (std::string_view m : kFooterStarts) {
    if (StartsWith(label, m)) return true;
  }
  return label.find("powered by") != std::string::npos ||
         label.find("all rights reserved") != std::string::npos ||
         label.find("版权所有") != std::string::npos;
}

bool IsUi(const std::string& label) {
  for (std::string_view m : kUiLines) {
    if (label == m) return true;
  }
  return StartsWith(label, "tag:") || StartsWith(label, "tags:") || StartsWith(label, "từ khóa:") ||
         StartsWith(label, "từ khoá:");
}

// `folded`: `s` as Fold gives it.
bool IsImageFileName(std::string_view s, std::string_view folded) {
  if (s.find(' ') != std::string_view::npos || s.size() > 200) return false;
  const std::string_view f = folded;
  for (std::string_view ext : {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp"}) {
    if (EndsWith(f, ext)) return true;
  }
  return false;
}

// Photo/video credits and captions: "Ảnh: X", "... - Ảnh: X", "(Ảnh: X)", "图自越通社",
// "Photo: X", "Source: X".
// `f`: `s` as Fold gives it.
bool IsCredit(std::string_view s, std::string_view f) {
  if (IsImageFileName(s, f)) return true;
  for (std::string_view head :
       {"ảnh:",         "ảnh :",    "ảnh minh họa", "ảnh minh hoạ", "(ảnh",      "photo:",
        "photo credit", "photos:",  "source:",      "nguồn:",       "nguồn ảnh", "图自",
        "图为",         "图片来源", "资料图",       "video:",       "clip:",     "đồ họa:",
        "infographic",  "(photo",   "file photo"}) {
    if (StartsWith(f, head)) return true;
  }
  // A photo credit at the end of a caption: short tail after the keyword, no sentence after
  // it. ("Nguồn:"/"Source:" at the end of a paragraph cite data: the paragraph stays.)
  for (std::string_view key :
       {"ảnh:", "ảnh :", "photo:", "图自", "图:", "(photo", "(ảnh", "摄)", "摄）", "图片来源"}) {
    // find() first: it skips ahead by the key's first byte (memchr), where rfind() compares
    // at every position; most blocks hold no key at all.
    if (f.find(key) == std::string::npos) continue;
    size_t at = f.rfind(key);
    std::string_view tail = std::string_view(f).substr(at + key.size());
    if (Units(tail) <= 40 && SentenceMarks(tail) == 0) return true;
  }
  return false;
}

bool HasFullDate(std::string_view s, bool* with_time) {
  for (const DateMention& m : FindDates(s)) {
    if (m.year > 0 && m.month > 0 && m.day > 0) {
      *with_time = m.has_time;
      return true;
    }
  }
  return false;
}

struct Info {
  std::string_view text;
  std::string squashed;
  size_t units = 0;
  size_t words = 0;
  bool ends_sentence = false;
  int marks = 0;
  bool marker = false;       // a standalone "read more" header
  bool marker_line = false;  // "Xem thêm: ..." inline
  bool end = false;          // footer / end of article
  bool ui = false;
  bool credit = false;
  bool duplicate = false;  // repeats an earlier block
  bool dateline = false;   // short line with a full date
  bool noise = false;      // chrome / link list / caption element
  bool body_like = false;
  bool headline_like = false;
};

std::vector<Info> Describe(const Page& page, const CleanOptions& options) {
  std::vector<Info> infos;
  infos.reserve(page.blocks.size());  // never reallocated: `seen` views the squashed texts
  // When nearly all text is "chrome" the page misuses those elements: the flag says nothing.
  size_t chrome_bytes = 0;
  size_t all_bytes = 0;
  for (const Block& block : page.blocks) {
    all_bytes += block.span.size();
    if (block.in_chrome && !block.in_article) chrome_bytes += block.span.size();
  }
  bool trust_chrome = chrome_bytes * 10 < all_bytes * 8;
  std::unordered_set<std::string_view> seen;
  for (const Block& block : page.blocks) {
    Info& info = infos.emplace_back();
    info.text = block.span.Of(page.text);
    info.squashed = Squash(info.text);
    info.units = Units(info.text);
    info.words = Words(info.text);
    info.ends_sentence = EndsSentence(info.text);
    info.marks = SentenceMarks(info.text);
    // Markers, footers and interface lines are short; captions are a few lines at most.
    // Folding only those keeps Clean linear and cheap on long pages.
    // Folded once for the label and the credit test.
    const std::string folded = info.text.size() <= 800 ? Fold(info.text) : std::string();
    std::string label = info.text.size() <= 240 ? Label(folded) : std::string();
    info.marker = IsMarker(label);
    info.marker_line = !info.marker && !info.ends_sentence && StartsWithMarker(label);
    info.end = IsEnd(label);
    info.ui = IsUi(label);
    info.credit = info.text.size() <= 800 && IsCredit(info.text, folded);
    info.duplicate = !seen.insert(std::string_view(info.squashed)).second;
    bool with_time = false;
    info.dateline = info.units < 100 && !info.ends_sentence && HasFullDate(info.text, &with_time);
    double link_density =
        block.span.size() ? static_cast<double>(block.link_bytes) / block.span.size() : 0.0;
    info.noise = (trust_chrome && block.in_chrome && !block.in_article) || link_density > 0.5 ||
                 block.kind == BlockKind::kCaption || block.is_title_element;
    bool special = info.marker || info.marker_line || info.end || info.ui || info.credit ||
                   info.noise || info.dateline;
    info.body_like = !special && !info.duplicate &&
                     info.text.size() >= options.min_body_block_bytes &&
                     (info.ends_sentence || info.marks >= 2) && block.kind != BlockKind::kHeading;
    // List items ("- ...", "• ...") inside an article are not headlines of other stories.
    bool bullet = StartsWith(info.text, "- ") || StartsWith(info.text, "+ ") ||
                  StartsWith(info.text, "* ") || StartsWith(info.text, "•") ||
                  StartsWith(info.text, "–");
    info.headline_like =
        !special && !bullet && !info.ends_sentence && info.units >= 20 && info.words >= 4;
  }
  return infos;
}

// ---- title ---------------------------------------------------------------------------

// A Vietnamese line of capitalized words ("Thời sự Thế giới Kinh doanh Giải trí") is a menu:
// Vietnamese headlines are in sentence case. English title case is left alone.
bool LooksLikeMenu(std::string_view s) {
  bool non_ascii = false;
  size_t words = 0;
  size_t capitalized = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    UChar32 c;
    int32_t at = static_cast<int32_t>(i);
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), at, static_cast<int32_t>(s.size()), c);
    if (u_isalpha(c)) {
      ++words;
      capitalized += u_isupper(c) ? 1 : 0;
    }
    while (i < s.size() && s[i] != ' ') non_ascii |= static_cast<unsigned char>(s[i++]) >= 0x80;
  }
  return non_ascii && words >= 6 && capitalized * 10 >= words * 9;
}

// A later block repeats it, or starts with it ("<headline> ảnh 1 <caption>").
bool RepeatedLater(const std::vector<Info>& infos, size_t i) {
  for (size_t j = i + 1; j < infos.size() && j < i + 500; ++j) {
    if (StartsWith(infos[j].squashed, infos[i].squashed)) return true;
  }
  return false;
}

// "<headline> - Site" / "<headline> | Site" when "<headline>" is a later line: the copy of
// the browser's <title>, not the headline as the page shows it.
bool HasSiteSuffixOfLaterLine(const std::vector<Info>& infos, size_t i) {
  const std::string& text = infos[i].squashed;
  for (size_t j = i + 1; j < infos.size() && j < i + 20; ++j) {
    const std::string& other = infos[j].squashed;
    if (other.size() + 3 <= text.size() && StartsWith(text, other)) {
      std::string_view rest = std::string_view(text).substr(other.size());
      if (StartsWith(rest, " - ") || StartsWith(rest, " | ") || StartsWith(rest, " – ")) {
        return true;
      }
    }
  }
  return false;
}

std::optional<size_t> NextNonEmpty(const std::vector<Info>& infos, size_t i) {
  return i + 1 < infos.size() ? std::optional<size_t>(i + 1) : std::nullopt;
}

std::optional<size_t> TitleFromText(const std::vector<Info>& infos, const Page& page) {
  std::optional<size_t> best;
  int best_score = -100;
  // A lead may precede the headline; several paragraphs before it are teasers of other
  // stories, after which only a headline followed by its dateline is believed.
  int paragraphs_seen = 0;
  for (size_t i = 0; i < infos.size() && i < 30; ++i) {
    const Info& info = infos[i];
    if (info.body_like) {
      if (++paragraphs_seen >= 6) break;
      continue;
    }
    bool question = EndsWith(info.text, "?") || EndsWith(info.text, "!") ||
                    EndsWith(info.text, "？") || EndsWith(info.text, "！");
    if (info.marker || info.marker_line || info.end || info.ui || info.credit || info.dateline ||
        info.duplicate || (info.ends_sentence && !question) || info.words < 4 || info.units > 300) {
      continue;
    }
    if (page.blocks[i].in_chrome && !page.blocks[i].in_article) continue;
    auto next = NextNonEmpty(infos, i);
    bool dated = next && infos[*next].dateline;
    if (paragraphs_seen >= 2 && !dated) continue;
    int score = -paragraphs_seen;
    if (dated) score += 3;
    if (RepeatedLater(infos, i)) score += 2;
    if (page.blocks[i].kind == BlockKind::kHeading && page.blocks[i].heading_level == 1) {
      score += 2;
    }
    // Headlines are sentences without the full stop; section names are two or three words.
    if (info.words >= 7) score += 1;
    if (info.words < 5) score -= 1;
    if (LooksLikeMenu(info.text)) score -= 2;
    if (HasSiteSuffixOfLaterLine(infos, i)) score -= 3;
    if (info.text.find(" / ") != std::string_view::npos ||
        info.text.find(" | ") != std::string_view::npos) {
      score -= 1;
    }
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

// HTML: the <h1> the metadata agrees with, else og:title / <title> as matched in the text.
std::optional<size_t> TitleFromHtml(const std::vector<Info>& infos, const Page& page) {
  std::string meta = Squash(page.meta.title);
  std::optional<size_t> first_h1;
  for (size_t i = 0; i < infos.size(); ++i) {
    const Block& b = page.blocks[i];
    if (b.kind != BlockKind::kHeading || b.heading_level != 1) continue;
    // Contained in the metadata title, and not just the site name a logo <h1> carries.
    if (!meta.empty() && infos[i].squashed.size() * 2 >= meta.size() &&
        meta.find(infos[i].squashed) != std::string::npos) {
      return i;
    }
    if (!first_h1 && (!b.in_chrome || b.in_article)) first_h1 = i;
  }
  if (!meta.empty()) {
    for (size_t i = 0; i < infos.size(); ++i) {
      if (!page.blocks[i].is_title_element && infos[i].squashed == meta) return i;
    }
  }
  return first_h1;
}

// <title> text without its site name: " | Site", "_Site", or " - Site" when "Site" looks like a
// site name (a domain, one word, "Báo ..."), so that "Việt Nam - Hàn Quốc" stays whole.
std::string StripSiteName(std::string title) {
  for (std::string_view sep : {" | ", "_", " - ", " – ", " — "}) {
    size_t at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    std::string_view site = std::string_view(title).substr(at + sep.size());
    bool strong = sep == " | " || sep == "_";
    bool site_like = site.find('.') != std::string_view::npos ||
                     site.find(' ') == std::string_view::npos || StartsWith(site, "Báo ") ||
                     StartsWith(site, "Tạp chí ") || StartsWith(site, "Cổng ");
    if ((strong || site_like) && site.size() <= 60) {
      title.resize(at);
      break;
    }
  }
  return title;
}

// ---- body ----------------------------------------------------------------------------

struct Region {
  size_t begin = 0;
  size_t end = 0;  // inclusive: last body-like block
  size_t units = 0;
  std::vector<size_t> skipped;  // "read more" lists inside the region, left out
};

// After a "read more" header: the article goes on only if real paragraphs follow the list.
std::optional<size_t> ResumeAfterMarker(const std::vector<Info>& infos, size_t marker) {
  size_t j = marker + 1;
  while (j < infos.size() && !infos[j].body_like && !infos[j].end && j - marker <= 8) ++j;
  if (j + 1 < infos.size() && infos[j].body_like && infos[j + 1].body_like) return j;
  return std::nullopt;
}

Region Extend(const std::vector<Info>& infos, size_t start) {
  Region r{start, start, infos[start].units};
  int gap = 0;
  int headline_gap = 0;
  for (size_t j = start + 1; j < infos.size(); ++j) {
    const Info& info = infos[j];
    if (info.end) break;
    if (info.marker) {
      auto resume = ResumeAfterMarker(infos, j);
      if (!resume) break;
      for (size_t k = j; k < *resume; ++k) r.skipped.push_back(k);
      j = *resume - 1;
      continue;
    }
    if (info.body_like) {
      r.end = j;
      r.units += info.units;
      gap = 0;
      headline_gap = 0;
      continue;
    }
    // Captions, credits and repeated headlines come in runs under photo galleries.
    if (!info.credit && !info.duplicate && !info.ui) ++gap;
    if (info.headline_like && !info.duplicate) ++headline_gap;
    if (gap > 4 || headline_gap >= 2) break;
  }
  // A last short sentence ("Hội nghị bế mạc cùng ngày.") still belongs to the text.
  while (r.end + 1 < infos.size()) {
    const Info& next = infos[r.end + 1];
    bool plain_sentence = next.ends_sentence && next.words >= 3 && !next.duplicate &&
                          !next.credit && !next.ui && !next.marker && !next.marker_line &&
                          !next.end && !next.noise && !next.dateline;
    if (!plain_sentence) break;
    ++r.end;
    r.units += next.units;
  }
  return r;
}

// Lists of other stories without a header: "headline, one-paragraph lead" three times or
// more. Articles put several paragraphs under a subheading, teaser lists exactly one.
void TrimTeaserList(const std::vector<Info>& infos, Region* r) {
  std::vector<size_t> seq;  // the blocks that count, in order
  for (size_t i = r->begin; i <= r->end; ++i) {
    if (infos[i].credit || infos[i].duplicate || infos[i].ui) continue;
    seq.push_back(i);
  }
  constexpr size_t kPairs = 3;
  for (size_t k = 1; k + 2 * kPairs <= seq.size(); ++k) {
    size_t pairs = 0;
    size_t at = k;
    while (at + 1 < seq.size() && pairs < kPairs) {
      if (!infos[seq[at]].headline_like || !infos[seq[at + 1]].body_like) break;
      ++pairs;
      at += 2;
    }
    if (pairs < kPairs) continue;
    // Cut before the first teaser headline, keeping the body-like blocks before it.
    size_t end = seq[k] - 1;
    while (end > r->begin && !infos[end].body_like) --end;
    if (end >= r->begin && infos[end].body_like) r->end = end;
    return;
  }
}

// A block inside the region that still is not article text.
bool DropInside(const Info& info, const Block& block) {
  if (info.body_like) return false;
  if (info.credit || info.ui || info.marker || info.marker_line || info.end || info.noise ||
      info.duplicate || info.dateline) {
    return true;
  }
  if (block.kind == BlockKind::kHeading) return false;  // subheadings belong to the text
  // Short subheadings stay; long unpunctuated runs are strings of other headlines.
  return info.units > 150 || info.words < 2;
}

// "<p>Para one.<br><br>Ảnh: X<br>Para two.</p>": old CMSs put a whole article in one element.
// Each line of such a block is weighed on its own.
std::vector<Block> SplitMultiLineBlocks(const Page& page) {
  std::vector<Block> out;
  out.reserve(page.blocks.size());
  for (const Block& block : page.blocks) {
    std::string_view text = block.span.Of(page.text);
    if (text.find('\n') == std::string_view::npos || block.kind == BlockKind::kPreformatted) {
      out.push_back(block);
      continue;
    }
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      size_t b = pos;
      size_t e = eol;
      while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
      while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
      if (b < e) {
        Block line = block;
        line.span = {block.span.begin + static_cast<uint32_t>(b),
                     block.span.begin + static_cast<uint32_t>(e)};
        // Link bytes are not known per line: spread them evenly.
        line.link_bytes = static_cast<uint32_t>(static_cast<uint64_t>(block.link_bytes) * (e - b) /
                                                std::max<size_t>(1, text.size()));
        out.push_back(line);
      }
      pos = eol + 1;
    }
  }
  return out;
}

}  // namespace

std::string Article::Body(std::string_view page_text) const {
  std::string out;
  for (const Span& p : paragraphs) {
    if (!out.empty()) out.push_back('\n');
    out.append(p.Of(page_text));
  }
  return out;
}

Article Clean(const Page& input, const CleanOptions& options) {
  // Only pages with multi-line blocks (HTML <br>) pay for a copy with one block per line.
  std::optional<Page> split;
  for (const Block& block : input.blocks) {
    if (block.kind != BlockKind::kPreformatted &&
        block.span.Of(input.text).find('\n') != std::string_view::npos) {
      split = input;
      split->blocks = SplitMultiLineBlocks(input);
      break;
    }
  }
  const Page& page = split ? *split : input;
  Article article;
  std::vector<Info> infos = Describe(page, options);

  // Headline.
  std::optional<size_t> title_index;
  std::string meta_title = Squash(StripSiteName(page.meta.title));
  if (page.format == ingest::PageFormat::kHtml) {
    title_index = TitleFromHtml(infos, page);
    for (size_t i = 0; !title_index && !meta_title.empty() && i < infos.size(); ++i) {
      if (!page.blocks[i].is_title_element && infos[i].squashed == meta_title) title_index = i;
    }
  }
  // A page that names its headline in metadata is not second-guessed by text heuristics.
  if (!title_index && meta_title.empty()) title_index = TitleFromText(infos, page);
  if (title_index) {
    article.title = infos[*title_index].squashed;
    article.title_span = page.blocks[*title_index].span;
    if (article.title != infos[*title_index].text) article.title_span.reset();
  } else {
    article.title = meta_title;
  }

  // Body: the first substantial region after the headline, else the largest one.
  std::vector<Region> regions;
  size_t from = title_index ? *title_index + 1 : 0;
  for (size_t i = from; i < infos.size(); ++i) {
    if (!infos[i].body_like) continue;
    regions.push_back(Extend(infos, i));
    TrimTeaserList(infos, &regions.back());
    i = regions.back().end;
  }
  if (regions.empty() && from > 0) {
    for (size_t i = 0; i < infos.size(); ++i) {
      if (!infos[i].body_like) continue;
      regions.push_back(Extend(infos, i));
      i = regions.back().end;
    }
  }
  std::optional<Region> chosen;
  size_t most = 0;
  for (const Region& r : regions) most = std::max(most, r.units);
  for (const Region& r : regions) {
    if (r.units * 2 >= most || r.units >= 600) {
      chosen = r;
      break;
    }
  }
  if (chosen) {
    for (size_t i = chosen->begin; i <= chosen->end; ++i) {
      bool skipped =
          std::find(chosen->skipped.begin(), chosen->skipped.end(), i) != chosen->skipped.end();
      if (skipped || DropInside(infos[i], page.blocks[i])) continue;
      article.paragraphs.push_back(page.blocks[i].span);
    }
  }

  // Publication date: metadata, else a dateline between the headline and the body.
  if (!page.meta.published.empty()) article.date = ParseMetaDate(page.meta.published);
  if (!article.date) {
    size_t zone_begin = title_index ? (*title_index >= 2 ? *title_index - 2 : 0) : 0;
    // Up to the body, and a few blocks into it for a dateline placed after the lead.
    size_t body_begin = chosen ? chosen->begin : std::min<size_t>(infos.size(), 15);
    size_t zone_end = std::min({infos.size(), body_begin + 3, zone_begin + 15});
    for (size_t i = zone_begin; i < zone_end && !article.date; ++i) {
      if (infos[i].units > 160 || infos[i].body_like) continue;
      if (i > body_begin && !infos[i].dateline) continue;
      for (const DateMention& m : FindDates(infos[i].text)) {
        if (m.year == 0 || m.day == 0) continue;
        article.date = ResolveDate(m, std::nullopt);
        if (article.date) {
          Span span = page.blocks[i].span;
          article.date_span = Span{span.begin + m.span.begin, span.begin + m.span.end};
          break;
        }
      }
    }
  }
  return article;
}

}  // namespace ketnoi::clean
