// Full-text matching, BM25 and snippets computed from the search tokenizer's own tokens, so
// the PostgreSQL backend ranks as FTS5 does and both backends show the same snippets.
#include "search/fulltext.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "search/query.h"
#include "search/tokenizer.h"

namespace ketnoi::search {
namespace {

constexpr int kMaxTsPosition = 16383;  // PostgreSQL's WordEntryPos limit
constexpr size_t kMaxTsPositionsPerKey = 255;
constexpr int kSnippetTokens = 20;

bool PhraseAt(const PositionedText& column, const std::vector<std::string>& phrase, size_t pos) {
  if (phrase.empty() || pos + phrase.size() > column.keys.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    const auto& here = column.keys[pos + k];
    if (std::find(here.begin(), here.end(), phrase[k]) == here.end()) return false;
  }
  return true;
}

bool Occurs(const std::vector<PositionedText>& columns, const std::vector<std::string>& phrase) {
  for (const PositionedText& c : columns) {
    for (size_t p = 0; p < c.keys.size(); ++p) {
      if (PhraseAt(c, phrase, p)) return true;
    }
  }
  return false;
}

// A key inside a tsvector/tsquery literal: quoted, quote and backslash escaped.
std::string TsQuote(std::string_view key) {
  std::string out = "'";
  for (char c : key) {
    if (c == '\'' || c == '\\') out += c == '\'' ? '\'' : '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string TsPhrase(const std::vector<std::string>& phrase) {
  std::string out;
  for (const std::string& k : phrase) out += (out.empty() ? "" : " <-> ") + TsQuote(k);
  return phrase.size() > 1 ? "(" + out + ")" : out;
}

// BM25 of one row as FTS5 defines it (https://sqlite.org/fts5.html#the_bm25_function).
double Bm25(const std::vector<double>& idf, const std::vector<double>& freq, double length,
            double average_length) {
  const double k1 = 1.2;
  const double b = 0.75;
  double score = 0.0;
  for (size_t i = 0; i < idf.size(); ++i) {
    score +=
        idf[i] * ((freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * length / average_length)));
  }
  return score;
}

double Idf(int64_t rows, int64_t hits) {
  double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

// The first position of each sentence: position 0 and every token after '.', ':', '!', '?'
// or a Chinese full stop (spaces between).
std::vector<int> SentenceStarts(std::string_view text, const PositionedText& column) {
  std::vector<int> out;
  for (size_t p = 0; p < column.spans.size(); ++p) {
    if (p == 0) {
      out.push_back(0);
      continue;
    }
    std::string_view before = text.substr(0, column.spans[p].begin);
    size_t end = before.find_last_not_of(" \t\r\n");
    if (end == std::string_view::npos) continue;
    std::string_view last = before.substr(0, end + 1);
    const bool spaced = end + 1 < before.size();
    char c = last.back();
    auto ends_with = [&](std::string_view s) {
      return last.size() >= s.size() && last.substr(last.size() - s.size()) == s;
    };
    // Latin stops need a space after them ("3.5" is no sentence end); Chinese ones do not.
    bool stop = (spaced && (c == '.' || c == ':' || c == '!' || c == '?')) || ends_with("。") ||
                ends_with("！") || ends_with("？");
    if (stop) out.push_back(static_cast<int>(p));
  }
  return out;
}

// Window [start, start + tokens): 1000 per distinct phrase in it, 1 per repeat.
int WindowScore(const std::vector<Instance>& instances, int phrase_count, int start, int tokens,
                int* first, int* last_end) {
  std::vector<bool> seen(static_cast<size_t>(phrase_count), false);
  int score = 0;
  *first = -1;
  for (const Instance& in : instances) {
    if (in.pos < start || in.pos >= start + tokens) continue;
    auto ph = static_cast<size_t>(in.phrase);
    score += seen[ph] ? 1 : 1000;
    seen[ph] = true;
    if (*first < 0) *first = in.pos;
    *last_end = in.pos + in.size;
  }
  return score;
}

}  // namespace

std::vector<std::vector<std::string>> Phrases(const std::vector<std::string>& terms) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& t : terms) {
    std::vector<std::string> keys;
    for (IndexToken& tok : IndexTokens(t, true)) keys.push_back(std::move(tok.key));
    if (!keys.empty()) out.push_back(std::move(keys));
  }
  return out;
}

PositionedText Positions(std::string_view text) {
  PositionedText out;
  for (IndexToken& t : IndexTokens(text, false)) {
    if (t.colocated && !out.keys.empty()) {
      out.keys.back().push_back(std::move(t.key));
      continue;
    }
    out.keys.push_back({std::move(t.key)});
    out.spans.push_back(t.span);
  }
  return out;
}

std::vector<Instance> Instances(const PositionedText& column,
                                const std::vector<std::vector<std::string>>& phrases,
                                const std::vector<bool>& active) {
  std::vector<Instance> out;
  for (size_t p = 0; p < column.keys.size(); ++p) {
    for (size_t ph = 0; ph < phrases.size(); ++ph) {
      if (active[ph] && PhraseAt(column, phrases[ph], p)) {
        out.push_back(
            {static_cast<int>(ph), static_cast<int>(p), static_cast<int>(phrases[ph].size())});
      }
    }
  }
  return out;
}

std::optional<std::vector<bool>> ActivePhrases(const FtsQuery& query,
                                               const std::vector<PositionedText>& columns) {
  std::vector<bool> active;
  bool all = !query.all.empty();
  for (const auto& ph : query.all) {
    bool hit = Occurs(columns, ph);
    all = all && hit;
    active.push_back(hit);
  }
  if (!all) std::fill(active.begin(), active.end(), false);
  bool any = false;
  for (const auto& ph : query.any) {
    bool hit = Occurs(columns, ph);
    any = any || hit;
    active.push_back(hit);
  }
  if (!all && !any) return std::nullopt;
  return active;
}

std::string Snippet(std::string_view text, const PositionedText& column,
                    const std::vector<Instance>& instances, int phrase_count, std::string_view open,
                    std::string_view close, int tokens) {
  const int size = static_cast<int>(column.spans.size());
  if (size == 0) return std::string(text);
  // The best window: centred on a cluster of instances, or starting at the sentence that
  // holds one (preferred, +100, when it covers as much).
  int best_start = 0, best_score = 0;
  std::vector<int> starts = SentenceStarts(text, column);
  for (const Instance& in : instances) {
    int first = -1, last_end = 0;
    int score = WindowScore(instances, phrase_count, in.pos, tokens, &first, &last_end);
    int start = first - (tokens - (last_end - first)) / 2;
    start = std::max(0, std::min(start, size - tokens));
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
    auto it = std::upper_bound(starts.begin(), starts.end(), in.pos);
    if (size > tokens && it != starts.begin() && *(it - 1) < in.pos) {
      int s = *(it - 1);
      int sscore =
          WindowScore(instances, phrase_count, s, tokens, &first, &last_end) + (s == 0 ? 120 : 100);
      if (sscore > best_score) {
        best_score = sscore;
        best_start = s;
      }
    }
  }
  const int end = std::min(size, best_start + tokens);  // one past the last position shown
  // Marked ranges: overlapping instances merge; clipped to the window.
  std::vector<std::pair<int, int>> marks;
  for (const Instance& in : instances) {
    int b = in.pos, e = in.pos + in.size - 1;
    if (!marks.empty() && b <= marks.back().second) {
      marks.back().second = std::max(marks.back().second, e);
    } else {
      marks.push_back({b, e});
    }
  }
  std::string out;
  size_t copied = best_start == 0 ? 0 : column.spans[static_cast<size_t>(best_start)].begin;
  if (best_start > 0) out += "…";
  for (auto [b, e] : marks) {
    if (e < best_start || b >= end) continue;
    b = std::max(b, best_start);
    e = std::min(e, end - 1);
    size_t from = column.spans[static_cast<size_t>(b)].begin;
    size_t to = column.spans[static_cast<size_t>(e)].end;
    out.append(text.substr(copied, from - copied));
    out.append(open);
    out.append(text.substr(from, to - from));
    out.append(close);
    copied = to;
  }
  if (end >= size) {
    out.append(text.substr(copied));
  } else {
    size_t to = column.spans[static_cast<size_t>(end - 1)].end;
    if (to > copied) out.append(text.substr(copied, to - copied));
    out += "…";
  }
  return out;
}

std::string BodySnippet(const FtsQuery& query, std::string_view title, std::string_view body,
                        std::string_view open, std::string_view close) {
  std::vector<PositionedText> columns = {Positions(title), Positions(body)};
  auto active = ActivePhrases(query, columns);
  std::vector<std::vector<std::string>> phrases = query.all;
  phrases.insert(phrases.end(), query.any.begin(), query.any.end());
  std::vector<Instance> instances;
  if (active) instances = Instances(columns[1], phrases, *active);
  return Snippet(body, columns[1], instances, static_cast<int>(phrases.size()), open, close,
                 kSnippetTokens);
}

std::string TsVector(const std::vector<PositionedText>& columns) {
  std::map<std::string, std::vector<int>> at;
  int base = 0;
  for (const PositionedText& c : columns) {
    for (size_t p = 0; p < c.keys.size(); ++p) {
      int pos = std::min(kMaxTsPosition, base + static_cast<int>(p) + 1);
      for (const std::string& k : c.keys[p]) {
        std::vector<int>& v = at[k];
        if (v.size() < kMaxTsPositionsPerKey && (v.empty() || v.back() != pos)) v.push_back(pos);
      }
    }
    base += static_cast<int>(c.keys.size()) + 1;
  }
  std::string out;
  for (const auto& [k, positions] : at) {
    if (!out.empty()) out += ' ';
    out += TsQuote(k);
    for (size_t i = 0; i < positions.size(); ++i) {
      out += i == 0 ? ':' : ',';
      out += std::to_string(positions[i]);
    }
  }
  return out;
}

std::string TsQuery(const FtsQuery& query) {
  std::string all;
  for (const auto& ph : query.all) all += (all.empty() ? "" : " & ") + TsPhrase(ph);
  std::string out = query.all.size() > 1 ? "(" + all + ")" : all;
  for (const auto& ph : query.any) out += (out.empty() ? "" : " | ") + TsPhrase(ph);
  return out;
}

core::Result<std::vector<RankedRow>> RankRows(store::SqlConnection& db, const FtsQuery& query,
                                              const RankRequest& request) {
  std::vector<RankedRow> out;
  const std::string tsquery = TsQuery(query);
  if (tsquery.empty()) return out;
  std::vector<std::vector<std::string>> phrases = query.all;
  phrases.insert(phrases.end(), query.any.begin(), query.any.end());

  // Corpus statistics, as FTS5 takes them: rows, tokens, rows holding each phrase.
  int64_t rows = 0, total_tokens = 0;
  {
    auto q = db.Prepare("SELECT count(*), coalesce(sum(tokens), 0) FROM " + request.table);
    if (!q.ok()) return q.status();
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      rows = q->Int(0);
      total_tokens = q->Int(1);
    }
  }
  if (rows == 0) return out;
  std::vector<double> idf;
  {
    auto q = db.Prepare("SELECT count(*) FROM " + request.table + " WHERE tsv @@ ?1::tsquery");
    if (!q.ok()) return q.status();
    for (const auto& ph : phrases) {
      q->Reset();
      q->Bind(1, TsQuery({{ph}, {}}));
      auto row = q->Step();
      if (!row.ok()) return row.status();
      idf.push_back(Idf(rows, *row ? q->Int(0) : 0));
    }
  }
  const double average_length = static_cast<double>(total_tokens) / static_cast<double>(rows);

  auto q = db.Prepare(request.sql);
  if (!q.ok()) return q.status();
  q->Bind(1, tsquery);
  for (size_t i = 0; i < request.params.size(); ++i) {
    q->Bind(static_cast<int>(i) + 2, request.params[i]);
  }
  const size_t ncols = request.weights.size();
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::vector<PositionedText> columns;
    for (size_t c = 0; c < ncols; ++c) {
      columns.push_back(Positions(q->Text(request.value_columns + static_cast<int>(c))));
    }
    // tsvector positions stop at 16383: the exact phrase check is ours.
    auto active = ActivePhrases(query, columns);
    if (!active) continue;
    std::vector<double> freq(phrases.size(), 0.0);
    double length = 0;
    for (size_t c = 0; c < ncols; ++c) {
      for (const Instance& in : Instances(columns[c], phrases, *active)) {
        freq[static_cast<size_t>(in.phrase)] += request.weights[c];
      }
      length += static_cast<double>(columns[c].keys.size());
    }
    RankedRow r;
    r.score = static_cast<int64_t>(Bm25(idf, freq, length, average_length) * 1000000);
    for (int v = 0; v < request.value_columns; ++v) {
      r.values.push_back(q->IsNull(v) ? std::nullopt : std::optional<std::string>(q->Text(v)));
    }
    out.push_back(std::move(r));
  }
  return out;
}

core::Result<std::vector<SentenceHit>> BestSentences(store::SqlConnection& db,
                                                     const std::vector<std::string>& terms,
                                                     int limit) {
  std::vector<SentenceHit> out;
  if (db.dialect() == store::Dialect::kSqlite) {
    auto expr = MatchExpression(terms, true);
    if (!expr.ok()) return expr.status();
    auto q = db.Prepare(
        "SELECT s.doc_id, s.idx, CAST(-bm25(search_sentences) * 1000000 AS INTEGER) AS score, "
        "s.text, d.title, d.published FROM search_sentences s JOIN documents d "
        "ON d.id = s.doc_id WHERE search_sentences MATCH ?1 "
        "ORDER BY score DESC, s.doc_id, s.idx LIMIT ?2");
    if (!q.ok()) return q.status();
    q->Bind(1, *expr).Bind(2, int64_t{limit});
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      SentenceHit h{q->Text(0), q->Int(1), q->Int(2), q->Text(3), q->Text(4), std::nullopt};
      if (!q->IsNull(5)) h.date = q->Text(5);
      out.push_back(std::move(h));
    }
    return out;
  }
  RankRequest request;
  request.table = "search_sentences";
  request.sql =
      "SELECT s.doc_id, s.idx, d.title, d.published, s.text, s.text FROM search_sentences s "
      "JOIN documents d ON d.id = s.doc_id WHERE s.tsv @@ ?1::tsquery";
  request.value_columns = 5;  // the text is kept and ranked
  request.weights = {1.0};
  auto rows = RankRows(db, {{}, Phrases(terms)}, request);
  if (!rows.ok()) return rows.status();
  for (RankedRow& r : *rows) {
    SentenceHit h;
    h.doc_id = r.values[0].value_or("");
    h.idx = std::strtoll(r.values[1].value_or("0").c_str(), nullptr, 10);
    h.score = r.score;
    h.doc_title = r.values[2].value_or("");
    h.date = r.values[3];
    h.text = r.values[4].value_or("");
    out.push_back(std::move(h));
  }
  std::sort(out.begin(), out.end(), [](const SentenceHit& a, const SentenceHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc_id != b.doc_id ? a.doc_id < b.doc_id : a.idx < b.idx;
  });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

}  // namespace ketnoi::search
