// libFuzzer target for the search-query side: arbitrary bytes through QueryTerms and
// MatchExpression (every term must come out as one quoted FTS5 phrase, so no user text is
// parsed as FTS5 syntax), then as a search, an entity lookup and an event filter against a
// small database built once. A malformed query may be refused (kInvalidInput), never crash
// nor surface an SQLite syntax error.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "search/query.h"
#include "search/search.h"
#include "search/tokenizer.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using ketnoi::core::StatusCode;

constexpr size_t kMaxInput = 4096;

void Check(bool ok) {
  if (!ok) std::abort();
}

ketnoi::store::DocumentRecord Doc(const std::string& id, ketnoi::core::Lang lang,
                                  const std::string& title, const std::string& text) {
  ketnoi::store::DocumentRecord r;
  r.id = id;
  r.source = "pages/" + id + ".txt";
  r.content_hash = "hash-" + id;
  r.format = "text";
  r.lang = lang;
  r.title = title;
  r.date = ketnoi::core::Date{2024, 3, 14};
  r.text = title + "\n" + text;
  r.paragraphs = {{static_cast<uint32_t>(title.size() + 1), static_cast<uint32_t>(r.text.size())}};
  r.analysis.lang = lang;
  return r;
}

ketnoi::search::KnowledgeBase* Kb() {
  static std::unique_ptr<ketnoi::search::KnowledgeBase> kb = [] {
    fs::path db = fs::temp_directory_path() / ("ketnoi-query-fuzz-" + std::to_string(getpid()));
    fs::remove(db);
    auto store = ketnoi::store::Store::Open(db.string());
    Check(store.ok());
    Check((*store)
              ->PutDocument(Doc("a", ketnoi::core::Lang::kEn, "Chip design workshop",
                                "Two universities agreed to train engineers in chip "
                                "design and artificial intelligence."))
              .ok());
    Check((*store)
              ->PutDocument(Doc("b", ketnoi::core::Lang::kVi, "Hợp tác bán dẫn",
                                "Hai viện nghiên cứu ký biên bản ghi nhớ về công nghệ "
                                "bán dẫn và trí tuệ nhân tạo."))
              .ok());
    Check((*store)
              ->PutDocument(Doc("c", ketnoi::core::Lang::kZh, "半导体合作",
                                "两国科研机构签署了半导体人才培训合作备忘录。"))
              .ok());
    auto opened = ketnoi::search::KnowledgeBase::Open(db.string());
    Check(opened.ok());
    return std::move(*opened);
  }();
  return kb.get();
}

// A refusal must be a named input problem, never a leaked database error.
void CheckRefusal(const ketnoi::core::Status& s) {
  if (s.ok()) return;
  Check(s.code() == StatusCode::kInvalidInput || s.code() == StatusCode::kNotFound ||
        s.code() == StatusCode::kTooLarge);
}

}  // namespace

// Builds the database (and loads the Chinese dictionary) before the first timed input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Kb();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  std::string input(reinterpret_cast<const char*>(data), size);

  std::vector<std::string> terms = ketnoi::search::QueryTerms(input);
  for (bool any : {false, true}) {
    auto expr = ketnoi::search::MatchExpression(terms, any);
    if (!expr.ok()) {
      Check(terms.empty());
      continue;
    }
    Check(expr->size() >= 2 && expr->front() == '"' && expr->back() == '"');
  }

  ketnoi::search::SearchQuery query;
  query.text = input;
  auto hits = Kb()->Search(query);
  if (hits.ok()) {
    for (const auto& h : *hits) Check(!h.doc_id.empty());
  }
  CheckRefusal(hits.status());
  // The same bytes as filters: languages, dates and sources are checked, not trusted.
  query.text = "chip";
  query.lang = input.substr(0, 8);
  query.from = input.substr(0, 10);
  query.source = input;
  CheckRefusal(Kb()->Search(query).status());

  // The same bytes as a document and as a query phrase of the index's tokenizer, with names:
  // every token's span lies inside the input and a name term covers its own positions.
  static const ketnoi::search::IndexedNames names(ketnoi::search::IndexedNames::TermsOf(
      {"Viện Hàn lâm Khoa học", "越南国家创新中心", "University of Science and Technology"}));
  for (bool for_query : {false, true}) {
    for (const auto& t : ketnoi::search::Fts5Tokens(input, for_query, &names)) {
      Check(t.span.begin <= t.span.end && t.span.end <= input.size() && !t.key.empty());
    }
  }

  CheckRefusal(Kb()->FindEntities(input).status());
  ketnoi::search::EventFilter filter;
  filter.participants = {input};
  filter.countries = {input.substr(0, 16)};
  CheckRefusal(Kb()->Events(filter).status());
  return 0;
}
