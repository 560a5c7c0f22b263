// ingest/html_reader.cc — HTML rendered to text with libxml2's HTML parser.
//
// Each paragraph-level element becomes one Block; inline text is whitespace-collapsed as a
// browser would; <br> is a "\n" inside the block. Elements that never show as prose
// (script, style, template, noscript, form controls, media) are dropped.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "ingest/readers.h"

namespace ketnoi::ingest::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Name(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : "";
}

std::string Attr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (Lower(reinterpret_cast<const char*>(a->name)) != name) continue;
    xmlChar* value = xmlNodeListGetString(node->doc, a->children, 1);
    if (!value) return "";
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
  }
  return "";
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool IsDropped(std::string_view n) {
  return IsOneOf(n, {"script", "style", "template", "noscript", "select", "option", "textarea",
                     "iframe", "svg", "canvas", "object", "embed", "video", "audio", "button",
                     "input", "link", "meta", "base"});
}

bool IsBlockElement(std::string_view n) {
  return IsOneOf(n,
                 {"html",   "body",    "p",       "div",    "section",    "article",    "main",
                  "header", "footer",  "nav",     "aside",  "h1",         "h2",         "h3",
                  "h4",     "h5",      "h6",      "li",     "dt",         "dd",         "ul",
                  "ol",     "dl",      "table",   "tr",     "td",         "th",         "tbody",
                  "thead",  "tfoot",   "caption", "figure", "figcaption", "blockquote", "pre",
                  "form",   "address", "hr",      "title",  "center",     "menu",       "fieldset",
                  "legend", "details", "summary", "head",   "hgroup",     "picture"});
}

bool IsChromeElement(std::string_view n) {
  return IsOneOf(n, {"nav", "aside", "footer", "header", "form", "menu"});
}

// class/id words that sites use for the same parts the chrome elements mark.
bool HasChromeClass(const xmlNode* node) {
  std::string names = Lower(Attr(node, "class") + " " + Attr(node, "id"));
  std::string word;
  auto is_chrome_word = [](std::string_view w) {
    return IsOneOf(
        w, {"nav",        "navbar",      "navigation",    "menu",    "footer",  "sidebar",
            "breadcrumb", "breadcrumbs", "share",         "social",  "comment", "comments",
            "related",    "advert",      "advertisement", "ads",     "banner",  "cookie",
            "newsletter", "subscribe",   "popup",         "sharing", "relate",  "tinlienquan"});
  };
  for (char c : names + " ") {
    if (c == ' ' || c == '-' || c == '_') {
      if (is_chrome_word(word)) return true;
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return false;
}

size_t ContentBytes(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return 0;
  size_t n = xmlStrlen(content);
  xmlFree(content);
  return n;
}

class Renderer {
 public:
  Renderer(Page* page, const IngestOptions& options) : page_(page), options_(options) {}

  void Render(const xmlNode* node, int depth) {
    for (; node; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content) AppendText(reinterpret_cast<const char*>(node->content));
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      std::string name = Lower(Name(node));
      if (name == "meta") {
        ReadMeta(node);
        continue;
      }
      if (name == "script") {
        if (Lower(Attr(node, "type")).find("ld+json") != std::string::npos) ReadJsonLd(node);
        continue;
      }
      if (name == "html" && page_->meta.lang_attr.empty()) {
        page_->meta.lang_attr = Attr(node, "lang");
        if (page_->meta.lang_attr.empty()) page_->meta.lang_attr = Attr(node, "xml:lang");
      }
      if (name == "time" && published_rank_ < 1) {
        std::string value = Attr(node, "datetime");
        if (!value.empty()) SetPublished(value, 1);
      }
      if (IsDropped(name)) continue;
      if (name == "br") {
        LineBreak();
        continue;
      }
      if (name == "img") {
        continue;  // alt text is not shown; captions come from figcaption
      }
      bool block = IsBlockElement(name);
      bool chrome = IsChromeElement(name) || (block && HasChromeClass(node));
      // ASP.NET pages wrap the whole page in one <form>: only small forms are chrome.
      if (name == "form" && chrome) chrome = ContentBytes(node) < 4000;
      bool article = name == "article" || name == "main";
      bool link = name == "a" && !Attr(node, "href").empty();
      if (block) {
        Flush();
        Context context = ContextFor(name, depth);
        // <figcaption><p>...</p></figcaption>: still a caption.
        if (!contexts_.empty() && contexts_.back().kind == BlockKind::kCaption &&
            context.kind == BlockKind::kParagraph) {
          context.kind = BlockKind::kCaption;
        }
        contexts_.push_back(context);
      }
      chrome_ += chrome;
      article_ += article;
      link_ += link;
      pre_ += name == "pre";
      if (depth >= options_.max_html_depth) {
        // Too deep to walk: keep the text, lose the structure.
        xmlChar* content = xmlNodeGetContent(node);
        if (content) {
          AppendText(reinterpret_cast<const char*>(content));
          xmlFree(content);
        }
      } else {
        Render(node->children, depth + 1);
      }
      if (block) {
        Flush();  // while the element's flags still apply
        contexts_.pop_back();
      }
      chrome_ -= chrome;
      article_ -= article;
      link_ -= link;
      pre_ -= name == "pre";
    }
  }

  void Finish() { Flush(); }
  bool saw_title() const { return !title_text_.empty(); }

 private:
  struct Context {
    BlockKind kind = BlockKind::kParagraph;
    uint8_t level = 0;
    uint16_t depth = 0;
    bool is_title = false;
  };

  static Context ContextFor(std::string_view name, int depth) {
    Context c;
    c.depth = static_cast<uint16_t>(depth);
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      c.kind = BlockKind::kHeading;
      c.level = static_cast<uint8_t>(name[1] - '0');
    } else if (name == "li" || name == "dt" || name == "dd") {
      c.kind = BlockKind::kListItem;
    } else if (name == "figcaption" || name == "caption") {
      c.kind = BlockKind::kCaption;
    } else if (name == "pre") {
      c.kind = BlockKind::kPreformatted;
    } else if (name == "title") {
      c.is_title = true;
    }
    return c;
  }

  void AppendText(std::string_view s) {
    bool in_link = link_ > 0;
    size_t before = current_.size();
    if (pre_ > 0) {
      current_.append(s);
    } else {
      for (size_t i = 0; i < s.size(); ++i) {
        bool space = IsAsciiSpace(s[i]);
        if (!space && s.substr(i, 2) == "\xC2\xA0") {
          space = true;
          ++i;
        }
        if (space) {
          pending_space_ = true;
          continue;
        }
        if (pending_space_ && !current_.empty() && current_.back() != '\n') {
          current_.push_back(' ');
          if (in_link && before == current_.size() - 1) ++before;  // the space is not link text
        }
        pending_space_ = false;
        current_.push_back(s[i]);
      }
    }
    if (in_link) current_link_bytes_ += current_.size() - before;
  }

  void LineBreak() {
    while (!current_.empty() && current_.back() == ' ') current_.pop_back();
    if (!current_.empty()) current_.push_back('\n');
    pending_space_ = false;
  }

  void Flush() {
    size_t b = 0;
    size_t e = current_.size();
    while (b < e && IsAsciiSpace(current_[b])) ++b;
    while (e > b && IsAsciiSpace(current_[e - 1])) --e;
    if (b < e) {
      Context context = contexts_.empty() ? Context{} : contexts_.back();
      std::string& text = page_->text;
      if (!text.empty()) text.push_back('\n');
      Block block;
      block.span.begin = static_cast<uint32_t>(text.size());
      text.append(current_, b, e - b);
      block.span.end = static_cast<uint32_t>(text.size());
      block.kind = context.kind;
      block.heading_level = context.level;
      block.depth = context.depth;
      block.link_bytes = static_cast<uint32_t>(std::min(current_link_bytes_, e - b));
      block.in_chrome = chrome_ > 0;
      block.in_article = article_ > 0;
      block.is_title_element = context.is_title;
      if (context.is_title && title_text_.empty()) title_text_ = current_.substr(b, e - b);
      page_->blocks.push_back(block);
    }
    current_.clear();
    current_link_bytes_ = 0;
    pending_space_ = false;
  }

  void ReadMeta(const xmlNode* node) {
    std::string key = Lower(Attr(node, "property"));
    if (key.empty()) key = Lower(Attr(node, "name"));
    if (key.empty()) key = Lower(Attr(node, "itemprop"));
    std::string content = Attr(node, "content");
    if (key.empty() || content.empty()) return;
    PageMeta& meta = page_->meta;
    if (key == "og:title") {
      meta.title = content;
      og_title_ = true;
    } else if (key == "description" || (key == "og:description" && meta.description.empty())) {
      meta.description = content;
    } else if (key == "article:published_time" || key == "datepublished" ||
               key == "og:published_time") {
      SetPublished(content, 4);
    } else if (key == "pubdate" || key == "publishdate" || key == "publish-date" ||
               key == "dc.date.issued" || key == "sailthru.date") {
      SetPublished(content, 3);
    } else if (key == "date" || key == "dc.date") {  // not modified_time: not a publication
      SetPublished(content, 2);
    }
  }

  // schema.org data in a script block: the one place many sites state the date.
  void ReadJsonLd(const xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    if (!content) return;
    std::string json(reinterpret_cast<const char*>(content));
    xmlFree(content);
    size_t key = json.find("\"datePublished\"");
    if (key == std::string::npos) return;
    size_t open = json.find('"', json.find(':', key) + 1);
    size_t close = open == std::string::npos ? open : json.find('"', open + 1);
    if (close == std::string::npos) return;
    SetPublished(json.substr(open + 1, close - open - 1), 4);
  }

  void SetPublished(const std::string& value, int rank) {
    if (rank <= published_rank_) return;
    page_->meta.published = value;
    published_rank_ = rank;
  }

 public:
  void FinishMeta() {
    if (!og_title_ && page_->meta.title.empty()) page_->meta.title = title_text_;
  }

 private:
  Page* page_;
  const IngestOptions& options_;
  std::vector<Context> contexts_;
  std::string current_;
  size_t current_link_bytes_ = 0;
  bool pending_space_ = false;
  int chrome_ = 0;
  int article_ = 0;
  int link_ = 0;
  int pre_ = 0;
  int published_rank_ = 0;
  bool og_title_ = false;
  std::string title_text_;
};

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// `*too_deep` tells whether libxml2 stopped at its depth limit (it then returns the tree
// built so far; its error is the thread's last one).
std::unique_ptr<xmlDoc, DocDeleter> Parse(std::string_view bytes, const char* encoding,
                                          bool* too_deep) {
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  xmlResetLastError();
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding, kOptions));
  const xmlError* err = xmlGetLastError();
  *too_deep = err && err->message && std::strstr(err->message, "Excessive depth") != nullptr;
  return doc;
}

}  // namespace

std::string DeclaredCharset(std::string_view head) {
  std::string lower = Lower(head.substr(0, 4096));
  size_t at = lower.find("charset");
  while (at != std::string::npos) {
    size_t i = at + 7;
    while (i < lower.size() &&
           (lower[i] == ' ' || lower[i] == '=' || lower[i] == '"' || lower[i] == '\'')) {
      ++i;
    }
    size_t j = i;
    while (j < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[j])) ||
                                lower[j] == '-' || lower[j] == '_' || lower[j] == '.')) {
      ++j;
    }
    if (j > i && lower.find('=', at) < i) return lower.substr(i, j - i);
    at = lower.find("charset", at + 7);
  }
  return "";
}

core::Status ReadHtmlPage(std::string_view bytes, const IngestOptions& options, Page* page) {
  // libxml2 2.9 initializes lazily and not thread-safely; the pipeline parses on many threads.
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::string charset = DeclaredCharset(bytes);
  std::unique_ptr<xmlDoc, DocDeleter> doc;
  bool too_deep = false;
  // Valid UTF-8 with non-ASCII bytes is almost never an accident: pages that declare a legacy
  // charset but are UTF-8 (a common misconfiguration) are read as UTF-8.
  if (!charset.empty() && charset != "utf-8" && charset != "utf8" && !core::IsValidUtf8(bytes)) {
    // A legacy charset (windows-1258, gbk, gb2312, big5...): libxml2 converts through iconv.
    doc = Parse(bytes, charset.c_str(), &too_deep);
    if (!doc) page->warnings.push_back("charset " + charset + " not supported, read as UTF-8");
  }
  if (!doc) {
    core::Utf8Repair repaired = core::RepairUtf8(bytes);
    if (repaired.replaced > 0) {
      page->warnings.push_back(std::to_string(repaired.replaced) +
                               " invalid UTF-8 sequences replaced");
    }
    doc = Parse(repaired.text, "UTF-8", &too_deep);
  }
  if (!doc) return core::InvalidInput("HTML could not be parsed");
  if (too_deep) {
    page->nesting_truncated = true;
    page->warnings.push_back("HTML nested deeper than " + std::to_string(kHtmlParserMaxDepth) +
                             " levels: the content below that depth was dropped");
  }
  Renderer renderer(page, options);
  renderer.Render(xmlDocGetRootElement(doc.get()), 0);
  renderer.Finish();
  renderer.FinishMeta();
  // libxml2's output is UTF-8; should a legacy-charset conversion still produce ill-formed
  // bytes, the page is read again as (repaired) UTF-8 so that the contract holds.
  if (!core::IsValidUtf8(page->text)) {
    page->text.clear();
    page->blocks.clear();
    page->meta = {};
    page->warnings.push_back("charset " + charset + " conversion failed, read as UTF-8");
    core::Utf8Repair repaired = core::RepairUtf8(bytes);
    doc = Parse(repaired.text, "UTF-8", &too_deep);
    if (!doc) return core::InvalidInput("HTML could not be parsed");
    Renderer again(page, options);
    again.Render(xmlDocGetRootElement(doc.get()), 0);
    again.Finish();
    again.FinishMeta();
  }
  return core::Status::Ok();
}

}  // namespace ketnoi::ingest::internal
