// Full-text search over documents: BM25 over title and body, snippets, filters.
#include "search/search.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "search/fulltext.h"
#include "search/query.h"
#include "search/rank.h"
#include "search/tokenizer.h"
#include "store/sql.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

bool HasIdeograph(std::string_view s) {
  for (const IndexToken& t : IndexTokens(s, true)) {
    if (static_cast<unsigned char>(s[t.span.begin]) >= 0xE3) return true;
  }
  return false;
}

void AddTerm(std::string_view term, bool quoted, std::vector<std::string>* out) {
  if (IndexTokens(term, true).empty()) return;
  if (quoted || !HasIdeograph(term)) {
    out->emplace_back(term);
    return;
  }
  // "半导体人才培训" -> 半导体 / 人才 / 培训: all words, in any order.
  size_t before = out->size();
  for (const text::Token& tok : text::Tokenize(term, core::Lang::kZh)) {
    std::string_view w = tok.span.Of(term);
    if (!IndexTokens(w, true).empty()) out->emplace_back(w);
  }
  if (out->size() == before) out->emplace_back(term);
}

// The names of an entity: the surfaces of at least 1 in 100 of its mentions that name it on
// their own (a mention referring back to a fuller one may be a bare title, "Thứ trưởng",
// "Deputy minister", which would find every page with a deputy minister). Resolution
// errors link a few mentions of other names ("Samsung and FPT", another organization's
// Chinese name) to a big entity; at 100k documents they were dozens of its surfaces, and as
// aliases a long OR of phrases that matches other organizations' pages and costs seconds.
// The counts are the store's, kept at write time (entity_alias_counts.names_itself, per
// document language: summed here), so an entity of 400k mentions costs a few hundred rows.
core::Result<std::vector<std::string>> EntityNames(store::SqlConnection& db,
                                                   const std::string& entity_id) {
  auto q = db.Prepare(
      "SELECT surface, sum(names_itself) FROM entity_alias_counts WHERE entity_id = ?1 "
      "GROUP BY surface HAVING sum(names_itself) > 0");
  if (!q.ok()) return q.status();
  q->Bind(1, entity_id);
  std::vector<std::pair<std::string, int64_t>> counts;
  int64_t total = 0;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    counts.emplace_back(q->Text(0), q->Int(1));
    total += counts.back().second;
  }
  std::vector<std::string> out;
  for (auto& [surface, n] : counts) {
    if (n * 100 >= total) out.push_back(std::move(surface));
  }
  return out;
}

// What a query that is exactly an entity's alias (as some page names it) searches for.
struct EntityNameQuery {
  bool names_entity = false;
  // The other names (2+ words, or 2+ CJK characters) of the entities whose alias the query
  // is: "nguyen chi dung" -> 阮志勇 when resolution linked them. Of the (up to 3) entities,
  // those with at least a tenth of the pages of the one the query names most.
  std::vector<std::string> aliases;
};

core::Result<EntityNameQuery> EntityNameOf(store::SqlConnection& db, std::string_view query) {
  EntityNameQuery out;
  std::string key = text::SearchKey(query);
  if (key.empty()) return out;
  auto q = db.Prepare(
      "SELECT entity_id, count(*) FROM search_aliases WHERE key = ?1 GROUP BY entity_id "
      "ORDER BY count(*) DESC, entity_id LIMIT 3");
  if (!q.ok()) return q.status();
  q->Bind(1, key);
  std::vector<std::string> ids;
  int64_t most = 0;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (ids.empty()) most = q->Int(1);
    if (q->Int(1) * 10 >= most) ids.push_back(q->Text(0));
  }
  out.names_entity = !ids.empty();
  std::vector<std::string> surfaces;
  for (const std::string& id : ids) {
    auto names = EntityNames(db, id);
    if (!names.ok()) return names.status();
    surfaces.insert(surfaces.end(), names->begin(), names->end());
  }
  std::sort(surfaces.begin(), surfaces.end());
  surfaces.erase(std::unique(surfaces.begin(), surfaces.end()), surfaces.end());
  if (surfaces.size() > 50) surfaces.resize(50);
  std::set<std::string> seen = {key};
  for (std::string& surface : surfaces) {
    auto toks = IndexTokens(surface, true);
    if (toks.size() < 2) continue;
    if (seen.insert(text::SearchKey(surface)).second) out.aliases.push_back(std::move(surface));
  }
  return out;
}

// Control characters (NUL above all) become spaces, which separate words: FTS5's query
// parser stops at a NUL, so one inside a quoted term would leave the quote open (found by
// fuzz/query_fuzz).
std::string WithoutControls(std::string_view raw) {
  std::string cleaned(raw);
  for (char& c : cleaned) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return cleaned;
}

}  // namespace

std::vector<std::string> QueryTerms(std::string_view raw) {
  const std::string cleaned = WithoutControls(raw);
  std::string_view query = cleaned;
  std::vector<std::string> out;
  size_t i = 0;
  while (i < query.size()) {
    char c = query[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '"') {
      size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) close = query.size();
      AddTerm(query.substr(i + 1, close - i - 1), true, &out);
      i = close + 1;
    } else {
      size_t end = query.find_first_of(" \t\n\r\"", i);
      if (end == std::string_view::npos) end = query.size();
      AddTerm(query.substr(i, end - i), false, &out);
      i = end;
    }
  }
  return out;
}

core::Result<std::string> MatchExpression(const std::vector<std::string>& terms, bool any) {
  std::string expr;
  for (const std::string& t : terms) {
    if (!expr.empty()) expr += any ? " OR " : " AND ";
    expr += '"';
    for (char c : t) {
      if (c == '"') expr += '"';
      expr += c;
    }
    expr += '"';
  }
  if (expr.empty()) return core::InvalidInput("the query has no searchable words");
  return expr;
}

core::Result<std::string> NormalizeDateBound(const std::string& s) {
  if (s.empty()) return s;
  auto digits = [&](size_t b, size_t n) {
    if (s.size() < b + n) return false;
    for (size_t k = b; k < b + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    }
    return true;
  };
  bool ok = (s.size() == 4 && digits(0, 4)) ||
            (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
            (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
             digits(8, 2));
  if (!ok) return core::InvalidInput("bad date '" + s + "': expected YYYY, YYYY-MM or YYYY-MM-DD");
  return s;
}

core::Result<std::vector<SearchHit>> KnowledgeBase::Search(const SearchQuery& query) {
  KETNOI_RETURN_IF_ERROR(CatchUpIndex());
  if (query.text.size() > 2000) return core::TooLarge("the query is longer than 2000 bytes");
  auto named = EntityNameOf(*sql_, query.text);
  if (!named.ok()) return named.status();
  // A query that is exactly an entity's name searches for that name, as a phrase: its
  // words scattered over a page ("Viện", "Khoa học", "Việt Nam") do not name the entity,
  // and matching them one by one read every page holding such common words. It also finds
  // the pages naming the entity in other languages.
  const std::vector<std::string> terms = named->names_entity
                                             ? std::vector<std::string>{WithoutControls(query.text)}
                                             : QueryTerms(query.text);
  auto expr = MatchExpression(terms, false);
  if (!expr.ok()) return expr.status();
  FtsQuery fts{Phrases(terms), Phrases(named->aliases)};
  if (!named->aliases.empty()) {
    auto more = MatchExpression(named->aliases, true);
    if (more.ok()) *expr = "(" + *expr + ") OR " + *more;
  }
  auto from = NormalizeDateBound(query.from);
  if (!from.ok()) return from.status();
  auto to = NormalizeDateBound(query.to);
  if (!to.ok()) return to.status();
  if (!query.lang.empty() && query.lang != "vi" && query.lang != "zh" && query.lang != "en") {
    return core::InvalidInput("bad language '" + query.lang + "': expected vi, zh or en");
  }
  if (query.limit <= 0) return core::InvalidInput("the limit must be positive");
  // The page of hits (id, score), best first: title matches weigh 4x body matches; doc_id is
  // not indexed (weight 0).
  std::vector<std::pair<std::string, int64_t>> page;
  if (sql_->dialect() == store::Dialect::kSqlite) {
    // FTS5 matches; each match is scored and filtered from the index's rows in memory
    // (search/rank.h): the same page as bm25() ORDER BY score DESC, doc_id LIMIT n.
    // The phrases whose every row matches: each alias (a branch of the OR), and the
    // query's own phrase when it is one.
    std::vector<bool> counted(fts.all.size(), fts.all.size() == 1);
    counted.resize(fts.all.size() + fts.any.size(), true);
    auto ranked = ranker_->Page(*expr, counted, PageFilter{query.lang, *from, *to, query.source},
                                query.limit);
    if (!ranked.ok()) return ranked.status();
    page = std::move(ranked).value();
  } else {
    RankRequest request;
    request.table = "search_documents";
    request.sql =
        "SELECT s.doc_id, d.title, d.body "
        "FROM search_documents s JOIN documents d ON d.id = s.doc_id "
        "WHERE s.tsv @@ ?1::tsquery AND (?2 = '' OR d.lang = ?2) "
        "AND (?3 = '' OR d.published >= ?3) "
        "AND (?4 = '' OR substr(d.published, 1, length(?4)) <= ?4) "
        "AND (?5 = '' OR strpos(d.source, ?5) > 0)";
    request.value_columns = 1;
    request.weights = {4.0, 1.0};
    request.params = {query.lang, *from, *to, query.source};
    auto rows = RankRows(*sql_, fts, request);
    if (!rows.ok()) return rows.status();
    std::sort(rows->begin(), rows->end(), [](const RankedRow& a, const RankedRow& b) {
      return a.score != b.score ? a.score > b.score : a.values[0] < b.values[0];
    });
    if (rows->size() > static_cast<size_t>(query.limit)) rows->resize(query.limit);
    for (const RankedRow& r : *rows) page.emplace_back(r.values[0].value_or(""), r.score);
  }
  // The shown hits' documents, for their fields and snippets.
  std::vector<SearchHit> hits;
  std::vector<std::pair<std::string, std::string>> texts;  // title, body of each hit
  auto q =
      sql_->Prepare("SELECT title, lang, source, published, body FROM documents WHERE id = ?1");
  if (!q.ok()) return q.status();
  for (const auto& [doc_id, score] : page) {
    q->Reset();
    q->Bind(1, doc_id);
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;
    SearchHit h;
    h.doc_id = doc_id;
    h.title = q->Text(0);
    h.lang = q->Text(1);
    h.source = q->Text(2);
    if (!q->IsNull(3)) h.date = q->Text(3);
    h.score = static_cast<double>(score) / 1e6;  // Statement reads integers only
    texts.emplace_back(h.title, q->Text(4));
    hits.push_back(std::move(h));
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    hits[i].snippet =
        BodySnippet(fts, texts[i].first, texts[i].second, query.mark_open, query.mark_close);
  }
  return hits;
}

}  // namespace ketnoi::search
