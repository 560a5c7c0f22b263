// Entity rules for Chinese documents.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/entities_internal.h"

namespace ketnoi::extract::internal {
namespace {

// Single characters that end a name or an organization to their side: conjunctions,
// prepositions, particles, determiners.
constexpr std::string_view kStopChars =
    "和与同及的在对向由是了将为从把被让给等并也都已于以就而各该这那此其每称说表指强提率";

// Multi-character words that end an organization to their left (reporting and meeting verbs).
constexpr std::string_view kStopWords[] = {
    "举行", "签署", "提议", "指出", "强调", "表示", "访问", "会见", "会谈", "出席", "成立", "建立",
    "开设", "参观", "考察", "率领", "包括", "通过", "希望", "协助", "配合", "同意", "支持", "推动",
    "促使", "邀请", "介绍", "代表", "一家", "一个", "设立", "举办", "设有", "创建", "组建", "加入",
    "成为", "担任", "负责", "主办", "承办", "启动", "发布", "宣布", "陪同", "前往", "抵达", "位于"};
constexpr size_t kStopWordUnits = 2;  // Han characters (3 UTF-8 bytes each) of every entry
static_assert(std::ranges::all_of(kStopWords, [](std::string_view w) {
  return w.size() == 3 * kStopWordUnits;
}));

// Is `word` one of kStopWords? One hash lookup per span: the rules ask at every unit.
bool IsStopWord(std::string_view word) {
  static const std::unordered_set<std::string_view> kSet(std::begin(kStopWords),
                                                         std::end(kStopWords));
  return kSet.contains(word);
}

bool IsStopChar(std::string_view ch) { return kStopChars.find(ch) != std::string_view::npos; }

// Verbs after which a name starts ("来自岘港技术大学的学者": scholars from ...): unlike
// kStopWords, what follows them is as much a name as anywhere else.
constexpr std::string_view kOpeningVerbs[] = {"来自", "出自", "参加", "拜访"};

bool IsOpeningVerb(std::string_view word) {
  return std::ranges::find(kOpeningVerbs, word) != std::end(kOpeningVerbs);
}

class ChineseRules {
 public:
  explicit ChineseRules(Doc* doc) : doc_(*doc) {}

  void Run() {
    for (int v = 0; v < Views(); ++v) SuffixOrgs(v);
    ClaimLexiconNames(&doc_);
    BindParentheses(&doc_);
    for (int v = 0; v < Views(); ++v) TitledPersons(v);
    for (int v = 0; v < Views(); ++v) DotNames(v);
    for (int v = 0; v < Views(); ++v) TaggedNames(v);
    MatchKnownNames(&doc_);
    BindParentheses(&doc_);
  }

 private:
  int Views() const { return static_cast<int>(doc_.views.size()); }
  const SentenceView& View(int v) const { return doc_.views[v]; }
  size_t Size(int v) const { return doc_.views[v].units.size(); }
  const Unit& U(int v, size_t i) const { return doc_.views[v].units[i]; }
  std::string_view T(int v, size_t i) const { return doc_.views[v].Text(i, i + 1); }
  bool Han(int v, size_t i) const { return i < Size(v) && U(v, i).kind == UnitKind::kHan; }
  bool Taken(int v, size_t i) const { return i < Size(v) && doc_.owner[v][i] >= 0; }
  bool Dot(int v, size_t i) const { return View(v).IsPunct(i, "·•・"); }
  bool ch_is(int v, size_t i, std::string_view ch) const { return i < Size(v) && T(v, i) == ch; }
  // Unit i cannot continue a name: the end, a non-Han unit, a function character, a title
  // ("博士") or a reporting verb ("举行").
  bool NameBoundary(int v, size_t i) const {
    if (!Han(v, i) || Taken(v, i) || IsStopChar(T(v, i))) return true;
    if (doc_.Find(v, i, GazKind::kTitle) != nullptr) return true;
    if (doc_.Find(v, i, GazKind::kHonorific) != nullptr) return true;
    return i + kStopWordUnits <= Size(v) && IsStopWord(View(v).Text(i, i + kStopWordUnits));
  }

  // Units of the segmenter word starting at i (1 when unknown).
  size_t TokenLen(int v, size_t i) const {
    size_t j = i + 1;
    while (Han(v, j) && !U(v, j).token_start) ++j;
    return j - i;
  }
  bool StopWordEndingAt(int v, size_t end) const {
    return end >= kStopWordUnits && IsStopWord(View(v).Text(end - kStopWordUnits, end));
  }
  bool IsPlaceAt(int v, size_t i, size_t* end) const {
    const GazMatch* m = doc_.Find(v, i, GazKind::kPlace);
    if (m == nullptr) return false;
    *end = m->last;
    return true;
  }
  // The first unit of a lexicon match of `kind` (at most `max_units` long) that ends exactly
  // at `end`; `end` when there is none.
  size_t LexiconEndingAt(int v, size_t end, GazKind kind, size_t max_units) const {
    for (size_t len = std::min(end, max_units); len >= 1; --len) {
      const GazMatch* m = doc_.Find(v, end - len, kind);
      if (m != nullptr && m->last == end) return end - len;
    }
    return end;
  }
  size_t PlaceEndingAt(int v, size_t end) const {
    return LexiconEndingAt(v, end, GazKind::kPlace, 8);
  }

  // A suffix head at unit h that ends a word: not "签署" (sign) nor "大学生" (students).
  const GazMatch* SuffixHeadAt(int v, size_t h) const {
    const GazMatch* head = doc_.Find(v, h, GazKind::kOrgHead);
    if (head == nullptr || !doc_.res->lex.org_heads[head->entry->index].suffix) return nullptr;
    if (Han(v, head->last) && !U(v, head->last).token_start) return nullptr;
    if (!U(v, h).token_start && U(v, h).pos.substr(0, 1) == "v") return nullptr;
    // "部长" is a title, not the ministry "部" plus "长".
    if (const GazMatch* t = doc_.Find(v, h, GazKind::kTitle); t && t->last > head->last) {
      return nullptr;
    }
    return head;
  }

  // "越南计划与投资部", "布鲁塞尔外国投资与贸易促进局", "约翰·考克利尔集团", "John Cockerill集团".
  void SuffixOrgs(int v) {
    size_t covered = 0;  // a head inside a longer head ("研究院" holds "院") is not a head
    for (size_t h = 1; h < Size(v); ++h) {
      const GazMatch* head = SuffixHeadAt(v, h);
      if (head == nullptr || h < covered) {
        if (const GazMatch* any = doc_.Find(v, h, GazKind::kOrgHead)) {
          covered = std::max(covered, any->last);
        }
        continue;
      }
      covered = head->last;
      // "微电子中心": the name goes on to the next head.
      if (SuffixHeadAt(v, head->last) != nullptr) continue;
      size_t first = LeftEdge(v, h);
      if (first >= h) continue;
      if (first > 0 && (StopWordEndingAt(v, first) || View(v).Is(first - 1, "该"))) continue;
      if (VerbPhraseAfterLocative(v, first, h)) continue;
      // A verb opens no name: "在创新创业中心" is "at the start-up centre".
      while (first < h && U(v, first).token_start && U(v, first).pos == "v") {
        first += TokenLen(v, first);
      }
      while (first < h &&
             (View(v).Is(first, "与") || View(v).Is(first, "和") || View(v).Is(first, "及"))) {
        ++first;
      }
      if (first >= h) continue;
      if (!ProperName(v, first, h, doc_.res->lex.org_heads[head->entry->index].kind)) continue;
      Cand org;
      org.view = v;
      org.first = first;
      org.last = head->last;
      org.kind = EntityKind::kOrganization;
      if (U(v, first).kind == UnitKind::kWord) {  // "John Cockerill集团" -> "John Cockerill"
        size_t e = first;
        while (e < h && U(v, e).kind != UnitKind::kHan) ++e;
        if (e == h) org.inner = {first, h};
      }
      if (const GazMatch* inner = doc_.Find(v, first, GazKind::kOrg); inner && inner->last == h) {
        // "三星电子公司": a known name plus its head word.
        org.key = doc_.res->lex.organizations[inner->entry->index].key;
        org.canonical = doc_.res->lex.organizations[inner->entry->index].canonical;
      }
      if (const GazMatch* lex = doc_.Find(v, first, GazKind::kOrg); lex && lex->last == org.last) {
        org.key = doc_.res->lex.organizations[lex->entry->index].key;
        org.canonical = doc_.res->lex.organizations[lex->entry->index].canonical;
      }
      if (doc_.Claim(org) >= 0) h = org.last - 1;
    }
  }

  // The words before a head make a name when they hold something proper (a place, a Latin
  // or transliterated name) or are long enough not to be a common noun ("研发中心").
  bool ProperName(int v, size_t first, size_t head, std::string_view kind) const {
    size_t plain = 0;
    bool proper = false;
    for (size_t k = first; k < head;) {
      size_t e = 0;
      if (IsPlaceAt(v, k, &e) && e <= head) {
        proper = true;
        k = e;
        continue;
      }
      if (U(v, k).kind == UnitKind::kWord || Dot(v, k)) proper = true;
      if (U(v, k).kind == UnitKind::kHan && T(v, k) != "驻") ++plain;  // "越南驻韩国大使馆"
      ++k;
    }
    bool latin = U(v, first).kind == UnitKind::kWord;
    for (size_t k = first; k < head; ++k) latin = latin || Dot(v, k);
    if (latin) return true;
    // "越南政府", "比利时大使馆" name a state body; "越南企业", "越南初创企业" describe.
    if (kind == "company") return plain >= 3;
    if (proper && plain == 0) return kind == "government" || kind == "international";
    return proper ? plain >= 2 : plain >= 3;
  }

  bool NearDot(int v, size_t k) const {
    for (size_t j = k >= 5 ? k - 5 : 0; j <= k + 5 && j < Size(v); ++j) {
      if (Dot(v, j)) return true;
    }
    return false;
  }

  bool HasConjunction(int v, size_t first, size_t last) const {
    for (size_t k = first; k < last; ++k) {
      if (ch_is(v, k, "与") || ch_is(v, k, "和")) return true;
    }
    return false;
  }

  // "在美国建设生物技术研发中心" (to build a biotech R&D centre in the US): after 在 and a
  // place, a verb and its object say what is done there; they are no name. A verb right
  // before the head is part of one ("越南建设部", the Ministry of Construction).
  bool VerbPhraseAfterLocative(int v, size_t first, size_t h) const {
    size_t place_end = 0;
    if (first == 0 || !View(v).Is(first - 1, "在") || !IsPlaceAt(v, first, &place_end)) {
      return false;
    }
    if (place_end >= h || !U(v, place_end).token_start) return false;
    if (U(v, place_end).pos.substr(0, 1) != "v") return false;
    return place_end + TokenLen(v, place_end) < h;
  }

  // The first unit of the name that ends with the head at unit h.
  size_t LeftEdge(int v, size_t h) const {
    size_t first = h;
    bool saw_place = false;
    while (first > 0 && h - first < 16) {
      size_t k = first - 1;
      if (Taken(v, k)) break;
      const Unit& u = U(v, k);
      if (u.kind == UnitKind::kWord) {  // a Latin name before the head
        if (!u.cap && !u.all_caps) break;
        first = k;
        continue;
      }
      if (Dot(v, k) && k > 0 && Han(v, k - 1)) {
        first = k;
        continue;
      }
      if (Han(v, k) && (Dot(v, first) || (k > 0 && Dot(v, k - 1)))) {  // "约翰·考克利尔"
        first = k;
        continue;
      }
      // "研究、技术与航天部": an enumeration inside a ministry's portfolio, closed by "与".
      if (View(v).IsPunct(k, "、") && k > 0 && Han(v, k - 1) && !Taken(v, k - 1) && !saw_place &&
          HasConjunction(v, first, h)) {
        size_t e = 0;
        if (!IsPlaceAt(v, first, &e)) {
          first = k;
          continue;
        }
      }
      if (u.kind != UnitKind::kHan) break;
      if (StopWordEndingAt(v, first)) break;
      if (first >= 2 && IsOpeningVerb(View(v).Text(first - 2, first))) break;
      size_t place_first = PlaceEndingAt(v, first);
      if (place_first < first) {
        first = place_first;
        saw_place = true;
        continue;
      }
      // "越南驻韩国大使馆": the sending country before "驻" and the host country.
      if (saw_place && ch_is(v, k, "驻") && PlaceEndingAt(v, k) < k) {
        first = PlaceEndingAt(v, k);
        continue;
      }
      if (saw_place) break;  // a country or city opens the name
      if (u.pos.substr(0, 2) == "nr" && !NearDot(v, k)) break;
      std::string_view ch = T(v, k);
      if (ch == "与" || ch == "和" || ch == "及") {
        // "计划与投资部": inside a name only between two plain words.
        size_t e = 0;
        if (k + 1 >= h || k == 0 || IsPlaceAt(v, k + 1, &e) || PlaceEndingAt(v, k) < k) break;
        if (doc_.Find(v, k + 1, GazKind::kOrgHead) != nullptr) break;  // "组织和企业"
        // "高通公司和科学技术部": a known organization ends there, two names; so does a
        // name ending in a head ("新思科技公司和...", "河内大学与..."), unlike a
        // portfolio's words ("工业和信息化部").
        if (LexiconEndingAt(v, k, GazKind::kOrg, 16) < k) break;
        if (LexiconEndingAt(v, k, GazKind::kOrgHead, 4) < k) break;
        if (!Han(v, k - 1) || Taken(v, k - 1)) break;
        first = k;
        continue;
      }
      if (TokenLen(v, k) == 1 && IsStopChar(ch)) break;
      first = k;
    }
    return first;
  }

  // A Chinese person name at unit i: its end, or 0.
  size_t NameAt(int v, size_t i) const {
    if (!Han(v, i) || Taken(v, i)) return 0;
    if (size_t end = DotNameEnd(v, i); end > 0) return end;
    size_t surname = 0;
    if (Han(v, i + 1) && doc_.res->surnames_zh.count(std::string(View(v).Text(i, i + 2)))) {
      surname = 2;
    } else if (doc_.res->surnames_zh.count(std::string(T(v, i)))) {
      surname = 1;
    }
    if (surname == 0) {
      if (U(v, i).pos == "nr" && U(v, i).token_start) {
        size_t len = TokenLen(v, i);
        if (len >= 2 && len <= 4) return i + len;
      }
      return 0;
    }
    size_t g = i + surname;
    if (!Han(v, g) || Taken(v, g)) return 0;
    // "工程师和高校讲师": a surname that is also a conjunction or preposition (和, 于, 同)
    // joins two phrases when a common word of the segmenter follows it, not a given name.
    if (surname == 1 && IsStopChar(T(v, i)) && U(v, g).token_start && TokenLen(v, g) > 1 &&
        U(v, g).pos.substr(0, 2) != "nr") {
      return 0;
    }
    // "金在元举行会谈": a function character is a given name only when a clear boundary follows.
    if (IsStopChar(T(v, g)) && !(Han(v, g + 1) && !Taken(v, g + 1) && NameBoundary(v, g + 2))) {
      return 0;
    }
    size_t end = g + 1;
    bool second = Han(v, end) && !Taken(v, end) && !IsStopChar(T(v, end)) &&
                  (!(U(v, end).token_start && TokenLen(v, end) > 1 && U(v, end).pos != "nr") ||
                   NameBoundary(v, end + 1));
    if (second) ++end;
    // Vietnamese names in Chinese keep their middle name: "阮氏兰英", "阮文明".
    bool vi_middle = ch_is(v, g, "氏") || ch_is(v, g, "文");
    if (vi_middle && second && Han(v, end) && !IsStopChar(T(v, end)) && !NameBoundary(v, end) &&
        NameBoundary(v, end + 1)) {
      ++end;
    }
    return end;
  }

  // "安妮洛·艾萨克": transliterated names joined by a middle dot.
  size_t DotNameEnd(int v, size_t i) const {
    size_t j = i;
    while (Han(v, j) && !Taken(v, j) && j - i < 5) ++j;
    if (j == i || !Dot(v, j) || !Han(v, j + 1)) return 0;
    size_t end = j + 1;
    while (Han(v, end) && !Taken(v, end) && end - j <= 5 && !IsStopChar(T(v, end)) &&
           doc_.Find(v, end, GazKind::kOrgHead) == nullptr) {
      ++end;
    }
    while (Dot(v, end) && Han(v, end + 1)) {  // three-part names
      end += 2;
      while (Han(v, end) && !Taken(v, end) && !IsStopChar(T(v, end))) ++end;
    }
    return end > j + 1 ? end : 0;
  }

  // "越南计划与投资部部长阮志勇": role before the name, the organization or place in front of
  // the title part of the role.
  void TitledPersons(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      const GazMatch* title = doc_.Find(v, i, GazKind::kTitle);
      if (title == nullptr || Taken(v, i)) continue;
      size_t end = NameAt(v, title->last);
      if (end == 0) continue;
      Cand person;
      person.view = v;
      person.first = title->last;
      person.last = end;
      person.kind = EntityKind::kPerson;
      person.roles.push_back({RoleStart(v, i), title->last});
      if (doc_.Claim(person) >= 0) i = end - 1;
    }
  }

  size_t RoleStart(int v, size_t title) {
    size_t first = title;
    if (first > 0 && doc_.owner[v][first - 1] >= 0) {
      Cand& c = doc_.cands[doc_.owner[v][first - 1]];
      if (c.kind != EntityKind::kPerson && c.last == first) first = c.first;
      // "越南政府总理": the title "政府总理" reaches into the name; the name is part of the role.
      for (size_t k = c.first; k < c.last && c.last == title; ++k) {
        const GazMatch* t = doc_.Find(v, k, GazKind::kTitle);
        if (t != nullptr && t->last > c.last) c.dropped = true;
      }
    }
    // "越南政府总理": the government of a country.
    if (first >= 2 && View(v).Text(first - 2, first) == "政府") {
      first -= 2;
      size_t p = PlaceEndingAt(v, first);
      if (p < first) first = p;
    }
    return first;
  }

  // "副总裁安妮洛·艾萨克": the name around a middle dot, bounded on the left by a title,
  // a taken unit, punctuation or a function character.
  void DotNames(int v) {
    for (size_t d = 1; d + 1 < Size(v); ++d) {
      if (!Dot(v, d) || Taken(v, d) || !Han(v, d - 1) || !Han(v, d + 1)) continue;
      size_t start = d;
      while (start > 0 && d - start < 4 && Han(v, start - 1) && !Taken(v, start - 1) &&
             !IsStopChar(T(v, start - 1)) && !TitleEndsAt(v, start)) {
        --start;
      }
      if (start == d) continue;
      size_t end = DotNameEnd(v, start);
      if (end <= d + 1) continue;
      Cand person;
      person.view = v;
      person.first = start;
      person.last = end;
      person.kind = EntityKind::kPerson;
      if (TitleEndsAt(v, start)) person.roles.push_back({RoleStartFor(v, start), start});
      if (doc_.Claim(person) >= 0) d = end - 1;
    }
  }

  bool TitleEndsAt(int v, size_t end) const {
    for (size_t k = end >= 6 ? end - 6 : 0; k < end; ++k) {
      const GazMatch* t = doc_.Find(v, k, GazKind::kTitle);
      if (t != nullptr && t->last == end) return true;
    }
    return false;
  }

  size_t RoleStartFor(int v, size_t name) {
    for (size_t k = name >= 6 ? name - 6 : 0; k < name; ++k) {
      const GazMatch* t = doc_.Find(v, k, GazKind::kTitle);
      if (t != nullptr && t->last == name) return RoleStart(v, k);
    }
    return name;
  }

  // Segmenter person tags (nr) that begin with a known surname.
  void TaggedNames(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      if (Taken(v, i) || !Han(v, i) || U(v, i).pos != "nr" || !U(v, i).token_start) continue;
      size_t len = TokenLen(v, i);
      if (len < 2 || len > 4) continue;
      if (!doc_.res->surnames_zh.count(std::string(T(v, i)))) continue;
      Cand person;
      person.view = v;
      person.first = i;
      person.last = i + len;
      person.kind = EntityKind::kPerson;
      if (doc_.Claim(person) >= 0) i += len - 1;
    }
  }

  Doc& doc_;
};

}  // namespace

void RecognizeChinese(Doc* doc) { ChineseRules(doc).Run(); }

}  // namespace ketnoi::extract::internal
