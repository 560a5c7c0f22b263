// Matchmaking: a stated need -> organizations and persons whose record shows they can meet
// it, with reasons and evidence. The ranking is documented in docs/MATCHING.md.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/date.h"
#include "search/fulltext.h"
#include "search/query.h"
#include "search/search.h"
#include "search/sql_dialect.h"
#include "search/tokenizer.h"
#include "store/sql.h"
#include "text/text.h"

namespace ketnoi::search {
namespace {

using core::Result;
using core::Status;

// Weights (docs/MATCHING.md).
constexpr double kEventWeight = 3.0;     // per need field an event of theirs is in
constexpr double kSentenceWeight = 2.0;  // a sentence naming them matches the need's terms
constexpr double kDocumentWeight = 0.3;  // a document about a need field names them
constexpr int kDocumentsCounted = 5;     // (c) counts at most this many documents
// (a) reads the events of the newest documents first, at most this many: the recency factor
// makes older ones count less anyway, and a 100k-document base holds >1M events per field.
constexpr int kEventPool = 5000;
constexpr double kProposerFactor = 0.3;  // who asks in a proposal is not who offers
constexpr double kContextFactor = 0.3;   // an event's party its sentence does not name
constexpr double kTalkFactor = 0.6;      // a meeting about the field is not work in it
constexpr double kTieBonus = 1.25;       // already worked with the asking side
// Training is the human_resources field (đào tạo, 培训, training are its keywords).
constexpr char kTrainingField[] = "human_resources";
constexpr char kTrainingEventType[] = "training_program";
constexpr int kSentencePool = 300;  // best-matching sentences considered
constexpr size_t kMaxEvidence = 5;

// English words that say nothing about the need itself.
const std::set<std::string>& EnglishStopwords() {
  static const std::set<std::string> kWords = {
      "a",       "an",   "the",     "of",   "for",     "and",  "or",      "in",       "on",
      "to",      "with", "by",      "at",   "from",    "we",   "our",     "us",       "need",
      "needs",   "want", "looking", "seek", "seeking", "find", "partner", "partners", "expert",
      "experts", "help", "support", "some", "who",     "can"};
  return kWords;
}

bool IsLatinKey(std::string_view key) {
  return std::none_of(key.begin(), key.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
}

bool IsAsciiWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// True when `needle` occurs in `hay` (both search keys) on word boundaries (Latin) or
// anywhere (CJK, which has no spaces).
bool ContainsKey(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return false;
  for (size_t pos = hay.find(needle); pos != std::string_view::npos;
       pos = hay.find(needle, pos + 1)) {
    if (!IsLatinKey(needle)) return true;
    bool left = pos == 0 || !IsAsciiWordByte(hay[pos - 1]);
    size_t end = pos + needle.size();
    bool right = end == hay.size() || !IsAsciiWordByte(hay[end]);
    if (left && right) return true;
  }
  return false;
}

// The need's key terms: field keywords it contains, then its words (Vietnamese as syllable
// pairs, since single syllables like "tạo" say little; English without stopwords; Chinese
// as segmented words).
std::vector<std::string> NeedTerms(const std::string& need,
                                   const std::vector<std::string>& keyword_hits) {
  std::vector<std::string> terms = keyword_hits;
  std::vector<std::string> words = QueryTerms(need);
  core::Lang lang = text::IdentifyLanguage(need);
  if (lang == core::Lang::kVi && words.size() > 1) {
    for (size_t i = 0; i + 1 < words.size(); ++i) terms.push_back(words[i] + " " + words[i + 1]);
  } else {
    for (const std::string& w : words) {
      std::string key = text::SearchKey(w);
      if (lang == core::Lang::kEn && EnglishStopwords().count(key)) continue;
      terms.push_back(w);
    }
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& t : terms) {
    if (seen.insert(text::SearchKey(t)).second) out.push_back(t);
  }
  return out;
}

struct Candidate {
  EntityRef entity;
  double score = 0;
  std::set<std::string> event_keys, event_fields, sentence_keys, terms_hit, docs;
  std::optional<std::string> latest;
  int proposer_only = 0;
  int field_docs = 0;
  int ties = 0;
  std::vector<std::pair<double, Evidence>> evidence;
  std::map<std::string, std::vector<double>> event_weights;  // per document
};

// Byte offsets of the first and last place `sentence` says one of `names` (as written; a
// Latin name on ASCII word boundaries, so "Arm" is not found in "Armenia"), or none.
std::optional<std::pair<size_t, size_t>> NamedAt(std::string_view sentence,
                                                 const std::vector<std::string>& names) {
  std::optional<std::pair<size_t, size_t>> at;
  for (const std::string& name : names) {
    if (name.empty()) continue;
    for (size_t pos = sentence.find(name); pos != std::string_view::npos;
         pos = sentence.find(name, pos + 1)) {
      size_t end = pos + name.size();
      bool left = pos == 0 || !IsAsciiWordByte(sentence[pos - 1]) || !IsAsciiWordByte(name[0]);
      bool right = end == sentence.size() || !IsAsciiWordByte(sentence[end]) ||
                   !IsAsciiWordByte(name.back());
      if (!left || !right) continue;
      if (!at) at = std::make_pair(pos, pos);
      at->first = std::min(at->first, pos);
      at->second = std::max(at->second, pos);
    }
  }
  return at;
}

// A participant of a pooled event: the entity and the names its document gives it.
struct PoolParticipant {
  std::string id, name, kind;
  std::vector<std::string> surfaces;
};

// What an event of this type shows: a signed agreement, a training programme, an investment
// or a request to deliver is work in the field; a meeting, visit, dialogue or conference
// about it is talk, and the protagonist of a delegation's trip is in every one of those.
double EventTypeFactor(std::string_view type) {
  static const std::set<std::string_view> kTalk = {"meeting", "visit", "dialogue", "conference",
                                                   "other"};
  return kTalk.count(type) ? kTalkFactor : 1.0;
}

// The part an entity plays in a sentence, from where the sentence names it: a party named
// only before the sentence's first proposal trigger asks ("Bộ trưởng X đề nghị Y …"); one
// named after it is asked to deliver; a party the extractor carried into an event from the
// dateline or an earlier sentence is not named there at all. `first`/`last` are the byte
// offsets of its first and last mention in the sentence (none when it is not named).
enum class SentenceRole { kNamed, kProposer, kContext };

SentenceRole RoleInSentence(std::optional<int64_t> proposal_trigger, std::optional<int64_t> first,
                            std::optional<int64_t> last) {
  if (!first || !last) return SentenceRole::kContext;
  if (proposal_trigger && *last < *proposal_trigger) return SentenceRole::kProposer;
  return SentenceRole::kNamed;
}

double RoleFactor(SentenceRole role) {
  switch (role) {
    case SentenceRole::kProposer:
      return kProposerFactor;
    case SentenceRole::kContext:
      return kContextFactor;
    case SentenceRole::kNamed:
      break;
  }
  return 1.0;
}

// A nullable integer column of the current row of any statement type.
template <typename Row>
std::optional<int64_t> OptionalInt(const Row& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  return q.Int(column);
}

// One article tells one story: its events count best first, the k-th at 1/k, so the
// protagonist of a trip report (in every meeting of it) does not outweigh a partner named
// in one agreement; events in different documents add up in full.
double EventScore(std::map<std::string, std::vector<double>>& weights_by_document) {
  double score = 0;
  for (auto& [doc, weights] : weights_by_document) {
    std::sort(weights.begin(), weights.end(), std::greater<>());
    for (size_t k = 0; k < weights.size(); ++k) score += weights[k] / static_cast<double>(k + 1);
  }
  return score;
}

double Recency(const std::optional<std::string>& date, const std::optional<core::Date>& newest) {
  if (!date || !newest || date->size() < 10) return 0.5;
  auto d = core::ParseIsoDate(date->substr(0, 10));
  if (!d) return 0.5;
  double years = static_cast<double>(newest->DaysSinceEpoch() - d->DaysSinceEpoch()) / 365.25;
  return 0.5 + 0.5 * std::exp(-std::max(0.0, years) / 3.0);
}

void Note(Candidate& c, const std::optional<std::string>& date) {
  if (date && (!c.latest || *date > *c.latest)) c.latest = date;
}

// Each candidate's events involving the asking side (`ids`): as place, as another participant
// or named in the event's sentence. The tied events are found once, from the asking side's own
// rows (its places, participations and mentions, each through an index), and joined with the
// candidates' participations. Probing the three conditions for every event of every candidate
// instead cost ~100 s CPU at 100k documents, where a big candidate takes part in 100k events.
Status CountTies(store::SqlConnection& db, const std::string& ids_json,
                 const std::vector<Candidate*>& cands) {
  const std::string ids = JsonValues(db.dialect(), "?1");
  auto q = db.Prepare(
      "WITH tied(doc_id, idx) AS ("
      "SELECT doc_id, idx FROM events WHERE place_entity IN " +
      ids + " UNION SELECT doc_id, event_idx FROM entity_events WHERE entity_id IN " + ids +
      " UNION SELECT e.doc_id, e.idx FROM mentions m JOIN events e "
      "ON e.doc_id = m.doc_id AND e.sentence = m.sentence WHERE m.entity_id IN " +
      ids +
      ") SELECT p.entity_id, count(DISTINCT p.doc_id || '#' || p.event_idx) FROM tied t "
      "JOIN event_participants p ON p.doc_id = t.doc_id AND p.event_idx = t.idx "
      "WHERE p.entity_id IN " +
      JsonValues(db.dialect(), "?2") + " GROUP BY p.entity_id");
  if (!q.ok()) return q.status();
  std::map<std::string, Candidate*> by_id;
  std::vector<std::string> cand_ids;
  for (Candidate* c : cands) {
    c->ties = 0;
    by_id[c->entity.id] = c;
    cand_ids.push_back(c->entity.id);
  }
  q->Bind(1, ids_json).Bind(2, nlohmann::json(cand_ids).dump());
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto it = by_id.find(q->Text(0));
    if (it != by_id.end()) it->second->ties = static_cast<int>(q->Int(1));
  }
  return Status::Ok();
}

// A person's stated roles, most frequent first (at most two).
Result<std::vector<std::string>> PersonRoles(store::SqlConnection& db, const Candidate& c) {
  std::vector<std::string> out;
  if (c.entity.kind != "person") return out;
  auto q = db.Prepare("SELECT roles FROM mentions WHERE entity_id = ? AND roles != '[]'");
  if (!q.ok()) return q.status();
  q->Bind(1, c.entity.id);
  std::map<std::string, int> counts;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto roles = nlohmann::json::parse(q->Text(0), nullptr, false);
    if (!roles.is_array()) continue;
    for (const auto& r : roles) {
      if (r.is_object() && r.contains("title") && r["title"].is_string()) {
        ++counts[r["title"].get<std::string>()];
      }
    }
  }
  std::vector<std::pair<int, std::string>> sorted;
  for (const auto& [t, n] : counts) sorted.push_back({-n, t});
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size() && i < 2; ++i) out.push_back(sorted[i].second);
  return out;
}

std::string JoinSet(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

MatchResult Finish(Candidate& c, const MatchReport& report, const std::string& country,
                   const std::vector<std::string>& roles) {
  MatchResult r;
  r.entity = c.entity;
  r.score = std::round(c.score * 1000) / 1000;
  if (!c.event_keys.empty()) {
    std::string line =
        std::to_string(c.event_keys.size()) + " event(s) in " + JoinSet(c.event_fields);
    if (c.proposer_only > 0) {
      line += " (" + std::to_string(c.proposer_only) + " as the proposing side)";
    }
    r.reasons.push_back(line);
  }
  if (!c.sentence_keys.empty()) {
    r.reasons.push_back(
        std::to_string(c.sentence_keys.size()) + " sentence(s) naming them " +
        (c.terms_hit.empty() ? "match the need's words" : "say " + JoinSet(c.terms_hit)));
  }
  if (c.field_docs > 0) {
    std::set<std::string> f(report.fields.begin(), report.fields.end());
    r.reasons.push_back("named in " + std::to_string(c.field_docs) +
                        (c.field_docs >= kDocumentsCounted ? "+" : "") + " document(s) on " +
                        JoinSet(f));
  }
  if (!roles.empty()) {
    std::string line = "role";
    for (size_t i = 0; i < roles.size(); ++i) line += (i ? "; " : ": ") + roles[i];
    r.reasons.push_back(line);
  }
  if (c.ties > 0) {
    r.reasons.push_back("ties: " + std::to_string(c.ties) + " event(s) involving " + country);
  }
  if (c.latest) r.reasons.push_back("latest evidence " + *c.latest);
  // One entry per sentence: an event and a term match in the same sentence add up.
  std::map<std::pair<std::string, std::string>, std::pair<double, Evidence>> merged;
  for (auto& [w, e] : c.evidence) {
    auto [it, fresh] = merged.try_emplace({e.doc_id, e.sentence}, w, e);
    if (fresh) continue;
    it->second.first += w;
    if (it->second.second.why.find(e.why) == std::string::npos)
      it->second.second.why += "; " + e.why;
  }
  std::vector<std::pair<double, Evidence>> best;
  for (auto& [k, v] : merged) best.push_back(std::move(v));
  std::stable_sort(best.begin(), best.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [w, e] : best) {
    if (r.evidence.size() >= kMaxEvidence) break;
    r.evidence.push_back(std::move(e));
  }
  return r;
}

// The oldest publication date the event pool (kEventPool events, newest documents first)
// reaches, or "" when the matching events of all dated documents do not fill it. Counted
// date by date from the newest through the documents' date index, stopping once the pool is
// full, so the pool's query then reads and sorts the events of those dates only instead of
// every matching event of the base (over a million at 100k documents, each with its evidence
// slice and proposal subquery computed before the sort). Events on the cutoff date beyond the
// pool are still cut by the pool's own order and LIMIT: the answer is the same.
Result<std::string> PoolCutoff(store::SqlConnection& db, const std::string& pool_filter,
                               const std::string& fields_json, const std::string& event_type) {
  auto q = db.Prepare(
      "SELECT d.published, count(*) FROM documents d JOIN events e ON e.doc_id = d.id "
      "WHERE d.published IS NOT NULL AND " +
      pool_filter + " GROUP BY d.published ORDER BY d.published DESC");
  if (!q.ok()) return q.status();
  q->Bind(1, fields_json).Bind(2, event_type);
  int64_t pooled = 0;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::string();
    pooled += q->Int(1);
    if (pooled >= kEventPool) return q->Text(0);
  }
}

}  // namespace

Result<MatchReport> KnowledgeBase::Match(const MatchQuery& query,
                                         const extract::Lexicons& lexicons) {
  KETNOI_RETURN_IF_ERROR(CatchUpIndex());
  if (query.limit <= 0) return core::InvalidInput("the limit must be positive");
  MatchReport report;
  // ---- parse the need
  const std::string need_key = text::SearchKey(query.need);
  if (IndexTokens(query.need, true).empty()) {
    return core::InvalidInput("the need has no searchable words");
  }
  std::vector<std::string> keyword_hits;
  std::set<std::string> fields;
  for (const extract::FieldKeyword& kw : lexicons.field_keywords) {
    std::string key = text::SearchKey(kw.keyword);
    if (!ContainsKey(need_key, key)) continue;
    if (fields.insert(kw.field).second) report.fields.push_back(kw.field);
    keyword_hits.push_back(kw.keyword);
  }
  if (!query.field.empty()) {
    const auto& ids = lexicons.field_ids;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), query.field) == ids.end()) {
      return core::InvalidInput("unknown field '" + query.field + "' (see data/fields.txt)");
    }
    if (fields.insert(query.field).second) report.fields.push_back(query.field);
  }
  report.terms = NeedTerms(query.need, keyword_hits);
  std::vector<std::string> tie_ids;
  if (!query.country.empty()) {
    auto ids = ResolveIds(query.country, true);
    if (!ids.ok()) return ids.status();
    tie_ids = std::move(ids).value();
  }
  std::set<std::string> excluded(tie_ids.begin(), tie_ids.end());

  store::SqlConnection& db = *sql_;
  std::optional<core::Date> newest;
  {
    auto q = db.Prepare("SELECT max(published) FROM documents");
    if (!q.ok()) return q.status();
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (*row && !q->IsNull(0)) newest = core::ParseIsoDate(q->Text(0));
  }
  std::map<std::string, Candidate> cands;
  auto cand = [&](const std::string& id, const std::string& name,
                  const std::string& kind) -> Candidate* {
    if (kind == "place" || excluded.count(id)) return nullptr;
    Candidate& c = cands[id];
    c.entity = {id, name, kind};
    return &c;
  };
  const std::string fields_json = nlohmann::json(report.fields).dump();

  // ---- (a) events in the need's fields
  // A training programme is training whatever words its sentence uses ("a programme to
  // train lecturers"): with training among the need's fields, every one counts.
  const bool need_training = fields.count(kTrainingField) > 0;
  const std::string in_fields = "EXISTS (SELECT 1 FROM " + JsonValues(db.dialect(), "e.fields") +
                                " f WHERE f.value IN " + JsonValues(db.dialect(), "?1") + ")";
  // Newest first (undated last on both backends), the pool bounded on big bases.
  const std::string pool_filter = "(e.type = ?2 OR " + in_fields + ")";
  Result<std::string> cutoff = std::string();  // no fields: the pool is never read
  if (!report.fields.empty()) {
    cutoff = PoolCutoff(db, pool_filter, fields_json, need_training ? kTrainingEventType : "");
    if (!cutoff.ok()) return cutoff.status();
  }
  const std::string pool_where = "FROM events e JOIN documents d ON d.id = e.doc_id WHERE " +
                                 pool_filter + (cutoff->empty() ? "" : " AND d.published >= ?4");
  const std::string pool_order = " ORDER BY d.published IS NULL, d.published DESC, e.doc_id, e.idx";
  auto bind_pool = [&](store::SqlQuery& q) {
    q.Bind(1, fields_json)
        .Bind(2, need_training ? kTrainingEventType : "")
        .Bind(3, int64_t{kEventPool});
    if (!cutoff->empty()) q.Bind(4, *cutoff);
  };
  auto ev = db.Prepare(
      "SELECT e.doc_id, e.idx, e.type, e.modality, coalesce(e.date, d.published), e.fields, "
      "(SELECT min(x.trigger_begin) FROM events x WHERE x.doc_id = e.doc_id "
      "AND x.sentence = e.sentence AND x.type = 'proposal'), " +
      ByteSlice(db.dialect(), "d.text", "e.evidence_begin", "e.evidence_end") +
      ", d.title, e.evidence_begin " + pool_where + pool_order + " LIMIT ?3");
  if (!ev.ok()) return ev.status();
  bind_pool(*ev);
  // Each pooled event's participants with the names its document gives them, to find them in
  // the sentence (the extractor may link a mention elsewhere: the title's "Arm" for the
  // lead's "Arm"). Two queries for the whole pool, not a round trip per event; names come
  // from the pooled documents' own mentions (the primary key's prefix), never by scanning
  // every mention of an entity as common as a national centre.
  std::map<std::pair<std::string, int64_t>, std::vector<PoolParticipant>> participants;
  if (!report.fields.empty()) {
    const std::string pool =
        "WITH pool AS (SELECT e.doc_id, e.idx " + pool_where + pool_order + " LIMIT ?3) ";
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> names;
    auto surfaces = db.Prepare(pool +
                               "SELECT DISTINCT m.doc_id, m.entity_id, m.surface FROM mentions m "
                               "WHERE m.doc_id IN (SELECT doc_id FROM pool)");
    if (!surfaces.ok()) return surfaces.status();
    bind_pool(*surfaces);
    while (true) {
      auto row = surfaces->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      names[{surfaces->Text(0), surfaces->Text(1)}].push_back(surfaces->Text(2));
    }
    auto parts = db.Prepare(
        pool +
        "SELECT p.doc_id, p.event_idx, p.entity_id, en.name, en.kind "
        // CROSS JOIN keeps SQLite reading the pool first: with its LIMIT a parameter, the
        // planner otherwise scans every participant of the base (9 s at 100k documents).
        "FROM pool CROSS JOIN event_participants p JOIN entities en ON en.id = p.entity_id "
        "WHERE p.doc_id = pool.doc_id AND p.event_idx = pool.idx "
        "GROUP BY p.doc_id, p.event_idx, p.entity_id, en.name, en.kind "
        "ORDER BY p.doc_id, p.event_idx, min(p.mention_idx), p.entity_id");
    if (!parts.ok()) return parts.status();
    bind_pool(*parts);
    while (true) {
      auto row = parts->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      std::string doc = parts->Text(0), entity = parts->Text(2);
      participants[{doc, parts->Int(1)}].push_back(
          {entity, parts->Text(3), parts->Text(4), names[{doc, entity}]});
    }
  }
  while (!report.fields.empty()) {
    auto row = ev->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string doc = ev->Text(0), type = ev->Text(2), modality = ev->Text(3);
    int64_t idx = ev->Int(1);
    std::optional<int64_t> proposal_trigger = OptionalInt(*ev, 6);
    std::optional<std::string> date;
    if (!ev->IsNull(4)) date = ev->Text(4);
    std::vector<std::string> hit;
    auto efields = nlohmann::json::parse(ev->Text(5), nullptr, false);
    if (efields.is_array()) {
      for (const auto& f : efields) {
        if (f.is_string() && fields.count(f.get<std::string>()))
          hit.push_back(f.get<std::string>());
      }
    }
    if (need_training && type == kTrainingEventType &&
        std::find(hit.begin(), hit.end(), kTrainingField) == hit.end()) {
      hit.push_back(kTrainingField);
    }
    // hits x the share of the need's fields covered: an event in all of them is what was
    // asked for; one in a single field of two ("training", but in anything) a quarter of it.
    const double coverage_weight =
        static_cast<double>(hit.size() * hit.size()) / static_cast<double>(report.fields.size());
    double modality_factor = modality == "reported" ? 1.0 : 0.8;
    const std::string evidence = ev->Text(7);
    const int64_t evidence_begin = ev->Int(9);
    for (const PoolParticipant& part : participants[{doc, idx}]) {
      Candidate* c = cand(part.id, part.name, part.kind);
      if (!c) continue;
      std::optional<int64_t> first, last;
      if (auto at = NamedAt(evidence, part.surfaces)) {
        first = evidence_begin + static_cast<int64_t>(at->first);
        last = evidence_begin + static_cast<int64_t>(at->second);
      }
      SentenceRole role = RoleInSentence(proposal_trigger, first, last);
      double w = kEventWeight * coverage_weight * EventTypeFactor(type) * modality_factor *
                 RoleFactor(role) * Recency(date, newest);
      c->event_weights[doc].push_back(w);
      c->event_keys.insert(doc + "#" + std::to_string(idx));
      c->event_fields.insert(hit.begin(), hit.end());
      c->docs.insert(doc);
      if (role == SentenceRole::kProposer) ++c->proposer_only;
      Note(*c, date);
      std::string why = type + " in ";
      for (size_t i = 0; i < hit.size(); ++i) why += (i ? ", " : "") + hit[i];
      if (role == SentenceRole::kProposer) why += " (as the proposing side)";
      if (role == SentenceRole::kContext) why += " (not named in the sentence)";
      c->evidence.push_back({w, {doc, ev->Text(8), ev->Text(7), date, why}});
    }
  }

  for (auto& [id, c] : cands) c.score += EventScore(c.event_weights);

  // ---- (b) sentences that say the need's terms and name them
  if (MatchExpression(report.terms, true).ok()) {
    auto sentences = BestSentences(db, report.terms, kSentencePool);
    if (!sentences.ok()) return sentences.status();
    auto men = db.Prepare(
        "SELECT m.entity_id, en.name, en.kind, min(m.begin_byte), max(m.begin_byte) "
        "FROM mentions m "
        "JOIN entities en ON en.id = m.entity_id WHERE m.doc_id = ? AND m.sentence = ? "
        "GROUP BY m.entity_id, en.name, en.kind ORDER BY min(m.begin_byte), m.entity_id");
    if (!men.ok()) return men.status();
    auto prop = db.Prepare(
        "SELECT min(trigger_begin) FROM events WHERE doc_id = ? AND sentence = ? "
        "AND type = 'proposal'");
    if (!prop.ok()) return prop.status();
    double top = 0;
    for (const SentenceHit& hit : *sentences) {
      double bm = static_cast<double>(hit.score) / 1e6;
      if (top <= 0) top = bm;
      const std::string& doc = hit.doc_id;
      const std::string& sentence = hit.text;
      int64_t sidx = hit.idx;
      const std::optional<std::string>& date = hit.date;
      std::string sentence_key = text::SearchKey(sentence);
      std::vector<std::string> said;
      for (const std::string& t : report.terms) {
        if (ContainsKey(sentence_key, text::SearchKey(t))) said.push_back(t);
      }
      prop->Reset();
      prop->Bind(1, doc).Bind(2, sidx);
      std::optional<int64_t> trigger;
      auto pr = prop->Step();
      if (!pr.ok()) return pr.status();
      if (*pr && !prop->IsNull(0)) trigger = prop->Int(0);
      men->Reset();
      men->Bind(1, doc).Bind(2, sidx);
      while (true) {
        auto m = men->Step();
        if (!m.ok()) return m.status();
        if (!*m) break;
        Candidate* c = cand(men->Text(0), men->Text(1), men->Text(2));
        if (!c) continue;
        bool proposer =
            RoleInSentence(trigger, men->Int(3), men->Int(4)) == SentenceRole::kProposer;
        double w = kSentenceWeight * (top > 0 ? bm / top : 1.0) *
                   (proposer ? kProposerFactor : 1.0) * Recency(date, newest);
        c->score += w;
        c->sentence_keys.insert(doc + "#" + std::to_string(sidx));
        c->terms_hit.insert(said.begin(), said.end());
        c->docs.insert(doc);
        Note(*c, date);
        std::string why = "says";
        for (size_t i = 0; i < said.size(); ++i) why += (i ? ", " : " ") + said[i];
        c->evidence.push_back({w, {doc, hit.doc_title, sentence, date, why}});
      }
    }
  }

  // ---- (c) documents about the need's fields that name the candidates of (a) and (b);
  // counted up to the cap only, so a party named in 50,000 such documents costs no more
  // than one named in five.
  if (!report.fields.empty()) {
    auto dq = db.Prepare(
        "SELECT count(*) FROM (SELECT DISTINCT m.doc_id FROM mentions m "
        "JOIN document_fields f ON f.doc_id = m.doc_id WHERE m.entity_id = ?1 "
        "AND f.field IN " +
        JsonValues(db.dialect(), "?2") + " LIMIT ?3) AS capped");
    if (!dq.ok()) return dq.status();
    for (auto& [id, c] : cands) {
      dq->Reset();
      dq->Bind(1, id).Bind(2, fields_json).Bind(3, int64_t{kDocumentsCounted});
      auto row = dq->Step();
      if (!row.ok()) return row.status();
      c.field_docs = *row ? static_cast<int>(dq->Int(0)) : 0;
      c.score += kDocumentWeight * c.field_docs;
    }
  }

  // ---- rank, then ties to the asking side and reasons for the best
  std::vector<Candidate*> ranked;
  for (auto& [id, c] : cands) ranked.push_back(&c);
  auto by_score = [](const Candidate* a, const Candidate* b) {
    if (a->score != b->score) return a->score > b->score;
    return a->entity.id < b->entity.id;
  };
  std::sort(ranked.begin(), ranked.end(), by_score);
  if (ranked.size() > static_cast<size_t>(query.limit) * 3) ranked.resize(query.limit * 3);
  if (!tie_ids.empty()) {
    KETNOI_RETURN_IF_ERROR(CountTies(db, nlohmann::json(tie_ids).dump(), ranked));
    for (Candidate* c : ranked) {
      if (c->ties > 0) c->score *= kTieBonus;
    }
    std::sort(ranked.begin(), ranked.end(), by_score);
  }
  if (ranked.size() > static_cast<size_t>(query.limit)) ranked.resize(query.limit);
  for (Candidate* c : ranked) {
    auto roles = PersonRoles(db, *c);
    if (!roles.ok()) return roles.status();
    report.results.push_back(Finish(*c, report, query.country, *roles));
  }
  return report;
}

}  // namespace ketnoi::search
