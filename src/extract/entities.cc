#include "extract/entities.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "extract/entities_internal.h"

namespace ketnoi::extract {
namespace internal {
namespace {

PlaceType PlaceTypeFrom(std::string_view type) {
  if (type == "country") return PlaceType::kCountry;
  if (type == "city") return PlaceType::kCity;
  if (type == "region") return PlaceType::kRegion;
  return PlaceType::kOther;
}

bool AllCapsAscii(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

bool StartsUpper(std::string_view s) {
  return !s.empty() && FoldCase(s.substr(0, 4)) != s.substr(0, 4);
}

}  // namespace

bool Doc::Free(int v, size_t first, size_t last) const {
  if (v < 0 || v >= static_cast<int>(views.size()) || first >= last) return false;
  if (last > owner[v].size()) return false;
  for (size_t i = first; i < last; ++i) {
    if (owner[v][i] >= 0) return false;
  }
  return true;
}

int Doc::Claim(Cand cand) {
  if (!Free(cand.view, cand.first, cand.last)) return -1;
  int index = static_cast<int>(cands.size());
  for (size_t i = cand.first; i < cand.last; ++i) owner[cand.view][i] = index;
  cands.push_back(std::move(cand));
  return index;
}

const GazMatch* Doc::Find(int v, size_t i, GazKind kind) const { return FindIn(v, i, kind, lang); }

const GazMatch* Doc::FindIn(int v, size_t i, GazKind kind, core::Lang in_lang) const {
  if (v < 0 || v >= static_cast<int>(matches.size()) || i >= matches[v].units()) return nullptr;
  for (const GazMatch& m : matches[v].At(i)) {  // longest first
    if (m.entry->kind != kind) continue;
    // Titles, honorifics and heads are words of the document's language; names are not.
    bool lang_bound = kind == GazKind::kTitle || kind == GazKind::kHonorific ||
                      kind == GazKind::kOrgHead || kind == GazKind::kName;
    if (lang_bound && m.entry->lang != in_lang) continue;
    return &m;
  }
  return nullptr;
}

void ClaimLexiconNames(Doc* doc) {
  struct Pending {
    int view;
    GazMatch match;
  };
  std::vector<Pending> pending;
  for (int v = 0; v < static_cast<int>(doc->views.size()); ++v) {
    for (size_t i = 0; i < doc->matches[v].units(); ++i) {
      for (GazKind kind : {GazKind::kOrg, GazKind::kPlace}) {
        if (const GazMatch* m = doc->Find(v, i, kind)) pending.push_back({v, *m});
      }
    }
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    size_t la = a.match.last - a.match.first, lb = b.match.last - b.match.first;
    if (la != lb) return la > lb;
    return a.match.entry->kind == GazKind::kOrg && b.match.entry->kind != GazKind::kOrg;
  });
  const Lexicons& lex = doc->res->lex;
  for (const Pending& p : pending) {
    Cand c;
    c.view = p.view;
    c.first = p.match.first;
    c.last = p.match.last;
    // "The World Bank": the article belongs to the name when capitalized.
    if (p.match.entry->kind == GazKind::kOrg && c.first > 0 &&
        doc->views[c.view].Fold(c.first - 1, c.first) == "the" &&
        doc->views[c.view].units[c.first - 1].cap && doc->Free(c.view, c.first - 1, c.first)) {
      --c.first;
    }
    if (p.match.entry->kind == GazKind::kOrg) {
      const OrgEntry& e = lex.organizations[p.match.entry->index];
      c.kind = EntityKind::kOrganization;
      c.key = e.key;
      c.canonical = e.canonical;
    } else {
      const PlaceEntry& e = lex.places[p.match.entry->index];
      c.kind = EntityKind::kPlace;
      c.place_type = PlaceTypeFrom(e.type);
      c.key = e.key;
      c.canonical = e.canonical;
      // "水原市", "广东省": the administrative suffix belongs to the Chinese place name.
      const SentenceView& view = doc->views[c.view];
      size_t after = c.last + 1;  // the suffix is a word of its own, not "市场" (market)
      if (c.last < view.units.size() && view.units[c.last].kind == UnitKind::kHan &&
          (after >= view.units.size() || view.units[after].kind != UnitKind::kHan ||
           view.units[after].token_start) &&
          doc->Free(c.view, c.last, c.last + 1)) {
        std::string_view next = view.Text(c.last, c.last + 1);
        if ((next == "市" && c.place_type == PlaceType::kCity) ||
            (next == "省" && c.place_type == PlaceType::kRegion)) {
          ++c.last;
        }
      }
    }
    (void)doc->Claim(std::move(c));
  }
}

namespace {

bool IsOpenParen(const SentenceView& v, size_t i) { return v.IsPunct(i, "(（"); }
bool IsCloseParen(const SentenceView& v, size_t i) { return v.IsPunct(i, ")）"); }

// Index of the first candidate in the antecedent chain of `c` (its fullest form).
int Root(const Doc& doc, int c) {
  for (int guard = 0; guard < 16 && doc.cands[c].antecedent >= 0; ++guard) {
    c = doc.cands[c].antecedent;
  }
  return c;
}

}  // namespace

void BindParentheses(Doc* doc) {
  for (int v = 0; v < static_cast<int>(doc->views.size()); ++v) {
    const SentenceView& view = doc->views[v];
    for (size_t open = 1; open + 2 < view.units.size(); ++open) {
      if (!IsOpenParen(view, open)) continue;
      size_t close = open + 1;
      while (close < view.units.size() && close < open + 8 && !IsCloseParen(view, close)) {
        ++close;
      }
      if (close >= view.units.size() || !IsCloseParen(view, close)) continue;
      int outer = doc->owner[v][open - 1];
      if (outer < 0) continue;
      Cand& before = doc->cands[outer];
      if (before.last != open || before.kind == EntityKind::kPlace) continue;
      size_t first = open + 1;
      int inside = doc->owner[v][first];
      if (inside >= 0 && doc->cands[inside].first == first && doc->cands[inside].last == close &&
          doc->cands[inside].kind == before.kind && doc->cands[inside].antecedent < 0 &&
          Root(*doc, outer) != inside && before.kind == EntityKind::kOrganization) {
        // "Viện Nghiên cứu Điện tử Hàn Quốc (ETRI)" where the lexicon knows "ETRI".
        doc->cands[inside].antecedent = outer;
        if (before.key.empty()) {
          before.key = doc->cands[inside].key;
          before.canonical = doc->cands[inside].canonical;
        }
        if (close == first + 1 && view.units[first].all_caps && before.acronym.empty()) {
          before.acronym = std::string(view.Text(first, close));
        }
        continue;
      }
      if (!doc->Free(v, first, close)) continue;
      // The content is an alias only when it is a name: Latin words, capitalized.
      bool name_like = true;
      for (size_t k = first; k < close && name_like; ++k) {
        const Unit& u = view.units[k];
        name_like =
            (u.kind == UnitKind::kWord && (u.cap || u.all_caps || doc->lang == core::Lang::kZh)) ||
            (u.kind == UnitKind::kNumber && k > first) ||
            (u.kind == UnitKind::kWord && k > first && close - first > 2);
      }
      if (!name_like) continue;
      if (doc->Find(v, first, GazKind::kPlace) != nullptr) continue;  // "(Nhật Bản)"
      Cand alias;
      alias.view = v;
      alias.first = first;
      alias.last = close;
      alias.kind = before.kind;
      alias.antecedent = outer;
      if (const GazMatch* m = doc->Find(v, first, GazKind::kOrg);
          m != nullptr && m->last == close && before.kind == EntityKind::kOrganization) {
        alias.key = doc->res->lex.organizations[m->entry->index].key;
        alias.canonical = doc->res->lex.organizations[m->entry->index].canonical;
      }
      std::string text(view.Text(first, close));
      bool acronym = close == first + 1 && view.units[first].all_caps;
      int index = doc->Claim(std::move(alias));
      if (index >= 0 && acronym && doc->cands[outer].acronym.empty()) {
        doc->cands[outer].acronym = text;
      }
    }
  }
}

void MatchKnownNames(Doc* doc) {
  // Names the document introduced (pattern orgs, prefixed places, acronyms, aliases):
  // their later bare uses refer back. Inner names ("Trung tâm IMEC" -> "IMEC", "TP Leuven"
  // -> "Leuven") count too.
  Gazetteer known;
  std::vector<int> targets;
  auto add = [&](std::string_view name, int cand, bool exact) {
    if (name.empty()) return;
    GazEntry e;
    e.kind = GazKind::kName;
    e.index = static_cast<int>(targets.size());
    e.exact_case = exact;
    e.first_upper = StartsUpper(name);
    targets.push_back(cand);
    known.Add(name, e);
  };
  size_t n = doc->cands.size();
  for (size_t c = 0; c < n; ++c) {
    const Cand& cand = doc->cands[c];
    if (cand.dropped) continue;
    const SentenceView& view = doc->views[cand.view];
    std::string_view text = view.Text(cand.first, cand.last);
    int root = Root(*doc, static_cast<int>(c));
    if (cand.kind == EntityKind::kPerson) {
      // Full names only: a repeated "Nguyễn Chí Dũng" or "阮志勇" is the same person.
      if (cand.antecedent < 0 && cand.last - cand.first >= 2) {
        add(text, root, false);
        // English text names a person again by the last word ("Connelly said"); Vietnamese
        // text needs a title for that ("Bộ trưởng Dũng"), see the language rules.
        if (doc->lang == core::Lang::kEn && view.units[cand.last - 1].cap) {
          add(view.Text(cand.last - 1, cand.last), root, false);
        }
      }
      continue;
    }
    bool acronym = cand.last == cand.first + 1 && view.units[cand.first].all_caps;
    if (acronym || cand.key.empty()) add(text, root, acronym || AllCapsAscii(text));
    // The name after a head word or a place prefix.
    // Not after a lower-case head: "sở KH&CN" is any province's department.
    bool common_head = cand.kind == EntityKind::kOrganization && !view.units[cand.first].cap &&
                       view.units[cand.first].kind == UnitKind::kWord;
    if (cand.inner.last > cand.inner.first && !common_head &&
        doc->Find(cand.view, cand.inner.first, GazKind::kPlace) == nullptr) {
      std::string_view inner = view.Text(cand.inner.first, cand.inner.last);
      add(inner, root, AllCapsAscii(inner));
    }
  }
  if (known.empty()) return;
  // "Mạng lưới VJOIN" met before "(VJOIN)" was bound: the head plus a known name is that name.
  for (size_t c = 0; c < n; ++c) {
    Cand& cand = doc->cands[c];
    if (cand.antecedent >= 0 || !cand.key.empty() || cand.inner.last <= cand.inner.first) {
      continue;
    }
    for (const GazMatch& m : known.MatchAt(doc->views[cand.view], cand.inner.first)) {
      int target = targets[m.entry->index];
      if (m.last != cand.inner.last || Root(*doc, target) == static_cast<int>(c)) continue;
      if (doc->cands[target].kind != cand.kind) continue;
      cand.antecedent = target;
      break;
    }
  }
  for (int v = 0; v < static_cast<int>(doc->views.size()); ++v) {
    const SentenceView& view = doc->views[v];
    for (size_t i = 0; i < view.units.size(); ++i) {
      if (doc->owner[v][i] >= 0) continue;
      for (const GazMatch& m : known.MatchAt(view, i)) {
        if (!doc->Free(v, m.first, m.last)) continue;
        const Cand& target = doc->cands[targets[m.entry->index]];
        Cand c;
        c.view = v;
        c.first = m.first;
        c.last = m.last;
        c.kind = target.kind;
        c.place_type = target.place_type;
        c.key = target.key;
        c.canonical = target.canonical;
        c.antecedent = targets[m.entry->index];
        if (doc->Claim(std::move(c)) >= 0) {
          i = m.last - 1;
          break;
        }
      }
    }
  }
}

}  // namespace internal

using internal::Cand;
using internal::Doc;
using internal::GazEntry;
using internal::GazKind;

struct EntityRecognizer::Impl {
  internal::Resources res;
};

EntityRecognizer::EntityRecognizer(const Lexicons& lexicons) : impl_(std::make_unique<Impl>()) {
  internal::Resources& res = impl_->res;
  res.lex = lexicons;
  const Lexicons& lex = res.lex;
  auto is_acronym_like = [](std::string_view s) { return internal::AllCapsAscii(s); };
  for (size_t i = 0; i < lex.places.size(); ++i) {
    const PlaceEntry& e = lex.places[i];
    GazEntry g{GazKind::kPlace, static_cast<int>(i), e.lang};
    g.exact_case = is_acronym_like(e.name) && e.name.size() <= 6;
    g.first_upper = internal::StartsUpper(e.name);
    res.gaz.Add(e.name, g);
  }
  for (size_t i = 0; i < lex.organizations.size(); ++i) {
    const OrgEntry& e = lex.organizations[i];
    GazEntry g{GazKind::kOrg, static_cast<int>(i), e.lang};
    g.exact_case = e.is_acronym || is_acronym_like(e.name);
    g.first_upper = internal::StartsUpper(e.name);
    res.gaz.Add(e.name, g);
  }
  for (size_t i = 0; i < lex.titles.size(); ++i) {
    const TitleEntry& e = lex.titles[i];
    res.gaz.Add(e.title,
                {e.honorific ? GazKind::kHonorific : GazKind::kTitle, static_cast<int>(i), e.lang});
  }
  for (size_t i = 0; i < lex.org_heads.size(); ++i) {
    res.gaz.Add(lex.org_heads[i].word,
                {GazKind::kOrgHead, static_cast<int>(i), lex.org_heads[i].lang});
  }
  for (size_t i = 0; i < lex.field_keywords.size(); ++i) {
    const FieldKeyword& e = lex.field_keywords[i];
    GazEntry g{GazKind::kField, static_cast<int>(i), e.lang};
    g.exact_case = is_acronym_like(e.keyword);
    res.gaz.Add(e.keyword, g);
  }
  for (size_t i = 0; i < lex.name_words.size(); ++i) {
    res.gaz.Add(lex.name_words[i].word,
                {GazKind::kName, static_cast<int>(i), lex.name_words[i].lang});
  }
  for (const std::string& s : lex.person_surnames_vi) res.surnames_vi[internal::LookupKey(s)] = 1;
  for (const std::string& s : lex.person_surnames_zh) res.surnames_zh[internal::LookupKey(s)] = 1;
}

EntityRecognizer::~EntityRecognizer() = default;

namespace {

// A lower-case keyword whose later words are capitalized in the text is part of a name or
// a title ("Tuyển tập Khoa học công nghệ Số 2"), not the field.
bool InsideName(const internal::SentenceView& view, const internal::GazMatch& m,
                const Lexicons& lex) {
  const std::string& keyword = lex.field_keywords[m.entry->index].keyword;
  if (internal::FoldCase(keyword) != keyword) return false;
  for (size_t k = m.first + 1; k < m.last; ++k) {
    const internal::Unit& u = view.units[k];
    if (u.kind == internal::UnitKind::kWord && u.cap && !u.all_caps) return true;
  }
  return false;
}

// Field mentions (longest keyword wins) and document fields ordered by salience.
void RecognizeFields(const Doc& doc, Analysis* analysis) {
  const Lexicons& lex = doc.res->lex;
  struct Score {
    int in_title = 0;
    int count = 0;
    uint32_t first = 0;
  };
  std::map<std::string, Score> scores;
  for (int v = 0; v < static_cast<int>(doc.views.size()); ++v) {
    const internal::SentenceView& view = doc.views[v];
    size_t covered = 0;  // end of the last keyword taken: keywords may overlap, not nest
    for (size_t i = 0; i < view.units.size();) {
      const internal::GazMatch* best = nullptr;
      for (const internal::GazMatch& m : doc.matches[v].At(i)) {
        if (m.entry->kind == GazKind::kField && !InsideName(view, m, lex)) {
          best = &m;
          break;
        }
      }
      if (best == nullptr) {
        ++i;
        continue;
      }
      if (best->last <= covered) {  // inside a longer keyword
        ++i;
        continue;
      }
      covered = best->last;
      const FieldKeyword& kw = lex.field_keywords[best->entry->index];
      core::Span span = view.PageSpan(best->first, best->last);
      analysis->field_mentions.push_back({kw.field, span, view.index});
      Score& s = scores[kw.field];
      if (s.count == 0) s.first = span.begin;
      ++s.count;
      if (view.title) s.in_title = 1;
      ++i;
    }
  }
  std::vector<std::pair<std::string, Score>> ranked(scores.begin(), scores.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.in_title != b.second.in_title) return a.second.in_title > b.second.in_title;
    if (a.second.count != b.second.count) return a.second.count > b.second.count;
    return a.second.first < b.second.first;
  });
  for (auto& [field, score] : ranked) analysis->fields.push_back(field);
}

std::string RoleTitle(const internal::SentenceView& view, internal::UnitRange r) {
  return std::string(view.Text(r.first, r.last));
}

void EmitMentions(std::string_view page_text, const Doc& doc, Analysis* analysis) {
  std::vector<int> order;
  for (size_t i = 0; i < doc.cands.size(); ++i) {
    if (!doc.cands[i].dropped) order.push_back(static_cast<int>(i));
  }
  auto span_of = [&](int c) {
    const Cand& cand = doc.cands[c];
    return doc.views[cand.view].PageSpan(cand.first, cand.last);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return span_of(a).begin < span_of(b).begin; });
  std::vector<int> mention_of(doc.cands.size(), -1);
  for (size_t m = 0; m < order.size(); ++m) mention_of[order[m]] = static_cast<int>(m);
  for (int c : order) {
    const Cand& cand = doc.cands[c];
    const internal::SentenceView& view = doc.views[cand.view];
    Mention m;
    m.kind = cand.kind;
    m.span = span_of(c);
    m.surface = std::string(m.span.Of(page_text));
    m.lexicon_key = cand.key;
    m.place_type = cand.kind == EntityKind::kPlace && cand.place_type == PlaceType::kNone
                       ? PlaceType::kOther
                       : cand.place_type;
    m.sentence = view.index;
    m.acronym = cand.acronym;
    int root = internal::Root(doc, c);
    if (cand.antecedent >= 0) m.antecedent = mention_of[cand.antecedent];
    if (m.antecedent < 0 && cand.antecedent >= 0 && mention_of[root] >= 0 && root != c) {
      m.antecedent = mention_of[root];
    }
    if (!cand.canonical.empty()) {
      m.canonical = cand.canonical;
    } else if (!doc.cands[root].canonical.empty()) {
      m.canonical = doc.cands[root].canonical;
    } else {
      m.canonical = std::string(doc.Text(doc.cands[root]));
    }
    for (const internal::UnitRange& r : cand.roles) {
      m.roles.push_back({RoleTitle(view, r), view.PageSpan(r.first, r.last)});
    }
    analysis->mentions.push_back(std::move(m));
  }
}

}  // namespace

void EntityRecognizer::Recognize(std::string_view page_text, Analysis* analysis) const {
  if (analysis == nullptr) return;
  Doc doc;
  doc.res = &impl_->res;
  doc.lang = analysis->lang;
  if (doc.lang == core::Lang::kUnknown) doc.lang = core::Lang::kEn;
  for (size_t s = 0; s < analysis->sentences.size(); ++s) {
    doc.views.push_back(
        internal::BuildView(page_text, analysis->sentences[s], static_cast<int>(s), doc.lang));
  }
  doc.matches.resize(doc.views.size());
  doc.owner.resize(doc.views.size());
  for (size_t v = 0; v < doc.views.size(); ++v) {
    const internal::SentenceView& view = doc.views[v];
    doc.owner[v].assign(view.units.size(), -1);
    internal::ViewMatches& matches = doc.matches[v];
    matches.begin.reserve(view.units.size() + 1);
    for (size_t i = 0; i < view.units.size(); ++i) {
      matches.begin.push_back(static_cast<uint32_t>(matches.all.size()));
      impl_->res.gaz.AppendMatchesAt(view, i, &matches.all);
    }
    matches.begin.push_back(static_cast<uint32_t>(matches.all.size()));
  }
  if (doc.lang == core::Lang::kZh) {
    internal::RecognizeChinese(&doc);
  } else {
    internal::RecognizeLatin(&doc);
  }
  RecognizeFields(doc, analysis);
  EmitMentions(page_text, doc, analysis);
}

}  // namespace ketnoi::extract
