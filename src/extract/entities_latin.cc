// Entity rules for Latin-script documents (Vietnamese and English).
#include <algorithm>
#include <set>
#include <string>

#include "extract/entities_internal.h"
#include "text/text.h"

namespace ketnoi::extract::internal {
namespace {

using core::Lang;

// Words that end a Vietnamese name: prepositions, verbs of reporting, aspect markers.
const std::set<std::string_view>& ViStopWords() {
  static const std::set<std::string_view> kWords = {
      "của", "cho",  "với",  "để",    "là",    "đã",  "đang",  "sẽ",   "được",    "có",
      "như", "về",   "từ",   "theo",  "này",   "đó",  "cũng",  "nhằm", "trong",   "ngoài",
      "và",  "tại",  "hoặc", "hay",   "nhưng", "thì", "mà",    "khi",  "do",      "bởi",
      "vào", "ra",   "lên",  "đến",   "tới",   "sau", "trước", "giữa", "cùng",    "những",
      "đều", "vẫn",  "luôn", "không", "chưa",  "rất", "ở",     "nơi",  "nay",     "vừa",
      "đi",  "thăm", "làm",  "gặp",   "tiếp",  "dự",  "ký",    "nói",  "cho biết"};
  return kWords;
}

// Words that may join capitalized words inside an English name.
bool IsEnConnector(std::string_view f) {
  return f == "of" || f == "and" || f == "for" || f == "the" || f == "&" || f == "de" ||
         f == "on" || f == "in";
}

bool IsParticle(std::string_view f) {
  return f == "van" || f == "den" || f == "der" || f == "de" || f == "von" || f == "da" ||
         f == "di" || f == "du" || f == "le" || f == "la" || f == "dos" || f == "del" ||
         f == "bin" || f == "al" || f == "ter" || f == "ten";
}

bool IsCapWord(const Unit& u) { return u.kind == UnitKind::kWord && (u.cap || u.all_caps); }

class LatinRules {
 public:
  explicit LatinRules(Doc* doc) : doc_(*doc), vi_(doc->lang == Lang::kVi) {}

  void Run() {
    for (int v = 0; v < Views(); ++v) TitledPersons(v);
    for (int v = 0; v < Views(); ++v) HonorificPersons(v);
    for (int v = 0; v < Views(); ++v) AppositivePersons(v);
    for (int v = 0; v < Views(); ++v) HeadOrgs(v);
    for (int v = 0; v < Views(); ++v) PrefixedPlaces(v);
    for (int v = 0; v < Views(); ++v) ForeignRunOrgs(v);
    ClaimLexiconNames(&doc_);
    BindParentheses(&doc_);
    for (int v = 0; v < Views(); ++v) ListedOrgs(v);
    if (vi_) {
      for (int v = 0; v < Views(); ++v) BareViNames(v);
    }
    MatchKnownNames(&doc_);
    BindParentheses(&doc_);
    for (int v = 0; v < Views(); ++v) ShortReferences(v);
    for (int v = 0; v < Views(); ++v) BareTitles(v);
  }

 private:
  int Views() const { return static_cast<int>(doc_.views.size()); }
  const SentenceView& View(int v) const { return doc_.views[v]; }
  size_t Size(int v) const { return doc_.views[v].units.size(); }
  const Unit& U(int v, size_t i) const { return doc_.views[v].units[i]; }
  std::string_view F(int v, size_t i) const { return doc_.views[v].Fold(i, i + 1); }
  bool Word(int v, size_t i) const { return i < Size(v) && U(v, i).kind == UnitKind::kWord; }
  bool Cap(int v, size_t i) const { return i < Size(v) && IsCapWord(U(v, i)); }
  bool Stop(int v, size_t i) const {
    return vi_ ? ViStopWords().count(F(v, i)) > 0 : !Cap(v, i) && !IsEnConnector(F(v, i));
  }
  bool Taken(int v, size_t i) const { return i < Size(v) && doc_.owner[v][i] >= 0; }
  bool IsSurname(int v, size_t i) const {
    return Cap(v, i) && doc_.res->surnames_vi.count(std::string(F(v, i))) > 0;
  }
  bool StartsKnown(int v, size_t i) const {
    return doc_.Find(v, i, GazKind::kPlace) || doc_.Find(v, i, GazKind::kOrg) ||
           doc_.Find(v, i, GazKind::kOrgHead) || doc_.Find(v, i, GazKind::kTitle) ||
           doc_.Find(v, i, GazKind::kHonorific);
  }

  // End of the maximal run of capitalized words from i.
  size_t CapRunEnd(int v, size_t i) const {
    while (Cap(v, i)) ++i;
    return i;
  }

  // A person name starting at unit i: returns its end, or 0.
  size_t NameAt(int v, size_t i) const {
    if (!Cap(v, i) || Taken(v, i)) return 0;
    // "TP Hồ Chí Minh", "tỉnh Lê ...": after a place prefix the words name a place.
    if (i > 0) {
      std::string_view prev = F(v, i - 1);
      if (prev == "tp" || prev == "phố" || prev == "tỉnh" || prev == "quận" || prev == "huyện" ||
          (prev == "." && i > 1 && F(v, i - 2) == "tp")) {
        return 0;
      }
    }
    if (doc_.Find(v, i, GazKind::kTitle) || doc_.Find(v, i, GazKind::kHonorific)) return 0;
    if (IsSurname(v, i)) {
      size_t end = CapRunEnd(v, i);
      size_t len = end - i;
      const GazMatch* place = doc_.Find(v, i, GazKind::kPlace);
      if (len >= 2 && len <= 4 && (place == nullptr || place->last < end)) return end;
    }
    // Western names: 2-4 capitalized words, particles inside ("Luc Van den Hove").
    if (doc_.Find(v, i, GazKind::kPlace) || doc_.Find(v, i, GazKind::kOrg) ||
        doc_.Find(v, i, GazKind::kOrgHead) || doc_.Find(v, i, GazKind::kTitle)) {
      return 0;
    }
    if (vi_ && U(v, i).diacritics) return 0;
    if (U(v, i).all_caps) return 0;
    size_t j = i, words = 0;
    while (j < Size(v) && Word(v, j)) {
      if (j > i && IsParticle(F(v, j)) && Word(v, j + 1)) {
        while (j < Size(v) && IsParticle(F(v, j)) && Word(v, j + 1)) ++j;
        ++j;  // the name word after the particles, whatever its case
        ++words;
        continue;
      }
      if (!Cap(v, j) || U(v, j).all_caps) break;
      if (j > i && (doc_.Find(v, j, GazKind::kPlace) || doc_.Find(v, j, GazKind::kOrgHead))) {
        break;
      }
      ++j;
      ++words;
    }
    return words >= 2 && words <= 4 ? j : 0;
  }

  // Lower-case words accepted inside a name: the rest of a compound ("Hàng hải") or a
  // known name word ("quốc gia", "sáng tạo").
  bool NameWordAt(int v, size_t i) const {
    return Word(v, i) && (U(v, i).joined || doc_.Find(v, i, GazKind::kName));
  }

  // A head of a body named by its host place abroad: an embassy, a representative office,
  // a network or association of Vietnamese abroad; not a university, institute or company,
  // whose "tại" says where something happened (org_heads.tsv kinds).
  bool HostedBodyHead(int v, size_t first) const {
    const GazMatch* head = doc_.Find(v, first, GazKind::kOrgHead);
    if (head == nullptr) return false;
    const std::string& kind = doc_.res->lex.org_heads[head->entry->index].kind;
    return kind != "university" && kind != "research" && kind != "company";
  }

  // The end of an organization name whose head is units [first, head_end); `first` when
  // the head is not followed by a name.
  size_t ExtendOrg(int v, size_t first, size_t head_end, bool in_role) const {
    // A lower-case head ("công ty ARM") names only when capitalized words follow it.
    bool head_upper = U(v, first).cap;
    if (!Cap(v, head_end) && !(head_upper && Word(v, head_end))) return first;
    size_t max_pending = head_upper && vi_ ? 5 : 0;
    size_t k = head_end, good = head_end, pending = 0;
    bool saw_place = false, saw_cap = false;
    // Joins two parts of a name ("Kế hoạch và Đầu tư", "Kế hoạch - Đầu tư") when the part
    // after it is no other entity.
    auto joins_name = [&](size_t j) {
      return pending <= 2 && good > head_end && Cap(v, j + 1) && !Taken(v, j + 1) &&
             !doc_.Find(v, j + 1, GazKind::kOrgHead) && !doc_.Find(v, j + 1, GazKind::kPlace) &&
             !doc_.Find(v, j + 1, GazKind::kOrg) && !(in_role && NameAt(v, j + 1));
    };
    while (k < Size(v)) {
      const Unit& u = U(v, k);
      std::string_view f = F(v, k);
      if (u.kind == UnitKind::kPunct) {
        if (View(v).IsPunct(k, "-&") && joins_name(k)) {
          good = k;
          pending = 0;
          ++k;
          continue;
        }
        // "Trung tâm Nghiên cứu biển (CMR)": an acronym in parentheses closes the name.
        if (IsAcronymInParens(v, k) && pending <= 4 && good > head_end) good = k;
        break;
      }
      if (Taken(v, k)) break;
      if (in_role && k > head_end && NameAt(v, k)) {
        // "Bộ trưởng Bộ Tài chính Nguyễn Văn A": all words between title and name are the
        // organization's.
        if (pending <= 3 && good > head_end) good = k;
        break;
      }
      if (vi_ && f == "và") {
        if (!joins_name(k)) break;
        good = k;
        pending = 0;
        ++k;
        continue;
      }
      if (vi_ && f == "tại") {
        // "Mạng lưới ... Việt Nam tại Nhật Bản", "Đại sứ quán Việt Nam tại Bỉ": a body
        // named by its host place. A university is not ("ký với Đại học ... Hà Nội tại
        // Pháp" says where).
        if (!saw_place || good != k || !HostedBodyHead(v, first)) break;
        size_t j = k + 1;
        while (j < Size(v) && j < k + 3 && Word(v, j) && !U(v, j).cap) ++j;
        if (!Cap(v, j)) break;
        // A known host place ends the name: "... tại Pháp hỗ trợ doanh nghiệp".
        if (const GazMatch* host = doc_.Find(v, j, GazKind::kPlace); host && j == k + 1) {
          good = host->last;
          break;
        }
        k = j;
        continue;
      }
      // "Công ty Synopsys hợp tác với ...", "University of Tokyo and ...": a known name is
      // whole; lower-case words after it are the sentence's (but see "tại" above).
      if (!u.cap &&
          (IsKnownSpan(v, first, k, GazKind::kOrg) || IsKnownSpan(v, head_end, k, GazKind::kOrg))) {
        break;
      }
      if (!vi_ && IsEnConnector(f) && !u.cap) {
        if (!Cap(v, k + 1)) break;
        ++k;
        continue;
      }
      if (Stop(v, k) && !u.cap) break;
      if (IsCapWord(u) || (u.kind == UnitKind::kNumber && pending == 0)) {
        if (doc_.Find(v, k, GazKind::kPlace)) saw_place = true;
        saw_cap = saw_cap || IsCapWord(u);
        good = k + 1;
        pending = 0;
      } else if (NameWordAt(v, k) && pending == 0) {
        good = k + 1;
      } else if (++pending > max_pending) {
        break;
      }
      ++k;
    }
    // "Trung tâm đổi mới sáng tạo" describes; a name has a capitalized word.
    if (!saw_cap) return first;
    return good > head_end ? good : first;
  }

  // A head word at unit i that is used as a head: not inside a longer word ("phục vụ",
  // "thị trường", "Hội nghị") and not a verb ("sẽ tổ chức").
  const GazMatch* HeadAt(int v, size_t i) const {
    const GazMatch* head = doc_.Find(v, i, GazKind::kOrgHead);
    if (head == nullptr || doc_.res->lex.org_heads[head->entry->index].suffix) return nullptr;
    // Inside a lower-case word: "phục vụ", "Hội nghị" (but "Bộ Tài chính" may be one token).
    if ((U(v, i).joined && !U(v, i).cap) ||
        (head->last < Size(v) && U(v, head->last).joined && !U(v, head->last).cap)) {
      return nullptr;
    }
    if (const GazMatch* title = doc_.Find(v, i, GazKind::kTitle);
        title != nullptr && title->last > head->last) {
      return nullptr;
    }
    if (!U(v, i).cap && i > 0) {
      // A lower-case head follows a boundary ("với công ty ARM"), not another syllable of
      // its own word ("phục vụ Đề án").
      bool boundary = U(v, i - 1).kind == UnitKind::kPunct || Stop(v, i - 1) || Cap(v, i - 1) ||
                      TitleEndsAt(v, i);
      if (!boundary) return nullptr;
      std::string_view prev = F(v, i - 1);
      if (prev == "sẽ" || prev == "đã" || prev == "đang" || prev == "được" || prev == "vừa" ||
          prev == "để" || prev == "không" || prev == "chưa" || prev == "từng" || prev == "các" ||
          prev == "những" || prev == "nhiều") {
        return nullptr;
      }
    }
    return head;
  }

  bool TitleEndsAt(int v, size_t end) const {
    for (size_t k = end >= 6 ? end - 6 : 0; k < end; ++k) {
      const GazMatch* t = doc_.Find(v, k, GazKind::kTitle);
      if (t != nullptr && t->last == end) return true;
    }
    return false;
  }

  bool IsAcronymInParens(int v, size_t k) const {
    return View(v).IsPunct(k, "(") && k + 2 < Size(v) && U(v, k + 1).all_caps &&
           View(v).IsPunct(k + 2, ")");
  }

  // True when every capitalized word of units [first, last) belongs to a known place.
  bool OnlyPlaces(int v, size_t first, size_t last) const {
    for (size_t k = first; k < last;) {
      if (const GazMatch* p = doc_.Find(v, k, GazKind::kPlace)) {
        k = p->last;
        continue;
      }
      if (Cap(v, k)) return false;
      ++k;
    }
    return true;
  }

  // An organization starting at unit i (head word + name, or a lexicon name), or false.
  bool OrgAt(int v, size_t i, bool in_role, Cand* out) const {
    const GazMatch* head = HeadAt(v, i);
    const GazMatch* lex = doc_.Find(v, i, GazKind::kOrg);
    size_t end = i;
    if (head != nullptr) {
      end = ExtendOrg(v, i, head->last, in_role);
      // "doanh nghiệp Việt Nam" describes; "chính quyền Vùng Flanders" names a government.
      const OrgHead& h = doc_.res->lex.org_heads[head->entry->index];
      if (end > i && !U(v, i).cap && h.kind != "government" && OnlyPlaces(v, head->last, end)) {
        end = i;
      }
    }
    if (lex != nullptr && lex->last >= end) end = lex->last;
    if (end <= i) return false;
    // "Đài Loan" is a place, not the head "Đài" plus a name.
    if (const GazMatch* place = doc_.Find(v, i, GazKind::kPlace); place && place->last >= end) {
      return false;
    }
    out->view = v;
    out->first = i;
    out->last = end;
    out->kind = EntityKind::kOrganization;
    if (head != nullptr && head->last < end) out->inner = {head->last, end};
    if (lex != nullptr && lex->last == end) {
      SetOrgKey(lex, out);
    } else if (head != nullptr) {
      // "Trung tâm IMEC", "Tập đoàn Google": the head plus a known name is that name.
      if (const GazMatch* inner = doc_.Find(v, head->last, GazKind::kOrg);
          inner != nullptr && inner->last == end) {
        SetOrgKey(inner, out);
      }
    }
    return true;
  }

  void SetOrgKey(const GazMatch* m, Cand* c) const {
    const OrgEntry& e = doc_.res->lex.organizations[m->entry->index];
    c->key = e.key;
    c->canonical = e.canonical;
  }

  // Role words after a title: organizations, places and capitalized words. Returns the end.
  size_t RoleComplement(int v, size_t i, bool stop_at_name, std::vector<Cand>* orgs) const {
    size_t c = i;
    for (int steps = 0; steps < 16 && c < Size(v); ++steps) {
      // "Director of International Partnerships": after "of" the words name a department.
      bool after_connector = !vi_ && c > i && IsEnConnector(F(v, c - 1));
      if (stop_at_name && !after_connector && NameAt(v, c)) break;
      Cand org;
      if (OrgAt(v, c, stop_at_name, &org)) {
        if (org.key.empty() || org.last > c + 1) orgs->push_back(org);
        c = org.last;
        continue;
      }
      if (const GazMatch* place = doc_.Find(v, c, GazKind::kPlace)) {
        c = place->last;
        continue;
      }
      if (Cap(v, c) && !doc_.Find(v, c, GazKind::kTitle) && !doc_.Find(v, c, GazKind::kHonorific)) {
        ++c;
        continue;
      }
      if (c > i && Word(v, c) && U(v, c).joined && Cap(v, c - 1)) {
        ++c;
        continue;
      }
      if (!vi_ && IsEnConnector(F(v, c)) && (c > i || F(v, c) != "and") &&
          (Cap(v, c + 1) || (View(v).Is(c + 1, "the") && Cap(v, c + 2)))) {
        ++c;
        continue;
      }
      break;
    }
    return c;
  }

  void ClaimOrgs(const std::vector<Cand>& orgs) {
    for (const Cand& c : orgs) (void)doc_.Claim(c);
  }

  Cand Person(int v, size_t first, size_t last) const {
    Cand c;
    c.view = v;
    c.first = first;
    c.last = last;
    c.kind = EntityKind::kPerson;
    return c;
  }

  // "Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng", "Thứ trưởng Bộ Ngoại giao Mỹ Jose
  // Fernandez", "Prime Minister Pham Minh Chinh".
  void TitledPersons(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      const GazMatch* title = doc_.Find(v, i, GazKind::kTitle);
      if (title == nullptr || Taken(v, i)) continue;
      std::vector<Cand> orgs;
      size_t c = RoleComplement(v, title->last, /*stop_at_name=*/true, &orgs);
      size_t end = NameAt(v, c);
      if (end == 0) {
        size_t start = NameAfterTitle(v, title->last, c);
        if (start == 0) continue;
        end = c;
        c = start;
        std::erase_if(orgs, [&](const Cand& o) { return o.last > start; });
      }
      Cand person = Person(v, c, end);
      person.roles.push_back({i, c});
      if (doc_.Claim(person) < 0) continue;
      ClaimOrgs(orgs);
      Appositive(v, end, doc_.cands.size() - 1);
      i = end - 1;
    }
  }

  // The start of a name that ends the role words [first, end) without a known surname:
  // 2-3 capitalized syllables that are nothing else, right after the title or a known
  // place or organization ("Chủ tịch Trung Quốc Tập Cận Bình"); 0 when there is none.
  size_t NameAfterTitle(int v, size_t first, size_t end) const {
    if (end >= Size(v) + 1 || Cap(v, end)) return 0;
    for (size_t s = end >= 3 ? end - 3 : 0; s + 2 <= end; ++s) {
      if (s < first || CapRunEnd(v, s) != end) continue;
      bool plain = true;
      for (size_t k = s; k < end && plain; ++k) {
        plain = !StartsKnown(v, k) && !Taken(v, k) && !U(v, k).all_caps;
      }
      if (!plain) continue;
      if (s == first || KnownEndsAt(v, s, first)) return s;
    }
    return 0;
  }

  bool KnownEndsAt(int v, size_t end, size_t from) const {
    for (size_t k = from; k < end; ++k) {
      for (GazKind kind : {GazKind::kPlace, GazKind::kOrg}) {
        const GazMatch* m = doc_.Find(v, k, kind);
        if (m != nullptr && m->last == end) return true;
      }
    }
    return false;
  }

  // "ông Johan Hanssens, Tổng Thư ký ...", "Mr. John Smith".
  void HonorificPersons(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      const GazMatch* h = doc_.Find(v, i, GazKind::kHonorific);
      if (h == nullptr || Taken(v, i)) continue;
      size_t start = h->last;
      if (View(v).IsPunct(start, ".")) ++start;  // "Mr ." split oddly
      size_t end = NameAt(v, start);
      if (end == 0) continue;
      if (doc_.Claim(Person(v, start, end)) < 0) continue;
      Appositive(v, end, doc_.cands.size() - 1);
      i = end - 1;
    }
  }

  // A title right after a comma, possibly behind one rank word ("Senior Vice President",
  // "State Minister"); nullptr when none.
  const GazMatch* TitleAfterComma(int v, size_t comma) const {
    if (!View(v).IsPunct(comma, ",")) return nullptr;
    if (const GazMatch* t = doc_.Find(v, comma + 1, GazKind::kTitle)) return t;
    if (Cap(v, comma + 1) && !StartsKnown(v, comma + 1)) {
      return doc_.Find(v, comma + 2, GazKind::kTitle);
    }
    return nullptr;
  }

  // "Sarah Jones, Vice President of ...": a Western name no title precedes, known as a
  // person by the role the text appends to it.
  void AppositivePersons(int v) {
    for (size_t comma = 2; comma < Size(v); ++comma) {
      if (Taken(v, comma) || TitleAfterComma(v, comma) == nullptr) continue;
      for (size_t s = comma >= 4 ? comma - 4 : 0; s + 2 <= comma; ++s) {
        if (s > 0 && Cap(v, s - 1)) continue;
        if (NameAt(v, s) != comma || !doc_.Free(v, s, comma)) continue;
        bool plain = true;
        for (size_t k = s; k < comma && plain; ++k) plain = !StartsKnown(v, k);
        if (!plain) continue;
        if (doc_.Claim(Person(v, s, comma)) < 0) continue;
        Appositive(v, comma, doc_.cands.size() - 1);
        break;
      }
    }
  }

  // ", Chủ tịch Trung tâm" after a name: the role the text gives that person.
  void Appositive(int v, size_t after_name, size_t person) {
    if (!View(v).IsPunct(after_name, ",")) return;
    const GazMatch* title = doc_.Find(v, after_name + 1, GazKind::kTitle);
    if (title == nullptr) title = TitleAfterComma(v, after_name);
    if (title == nullptr) return;
    std::vector<Cand> orgs;
    size_t end = RoleComplement(v, title->last, /*stop_at_name=*/false, &orgs);
    doc_.cands[person].roles.push_back({after_name + 1, end});
    ClaimOrgs(orgs);
  }

  void HeadOrgs(int v) {
    if (!vi_) EnglishHeadOrgs(v);
    for (size_t i = 0; i < Size(v); ++i) {
      if (Taken(v, i)) continue;
      Cand org;
      if (!OrgAt(v, i, /*in_role=*/false, &org)) continue;
      if (org.key.empty() && org.last == i + 1) continue;
      if (doc_.Find(v, i, GazKind::kOrg) != nullptr && org.key.empty() == false &&
          doc_.Find(v, i, GazKind::kOrgHead) == nullptr) {
        continue;  // plain lexicon names are claimed later, longest first
      }
      if (doc_.Claim(org) >= 0) i = org.last - 1;
    }
  }

  // English names ending with (or containing) a head word: "National Innovation Centre",
  // "University of Tokyo", "Quest Ventures".
  bool EnHead(int v, size_t j) const {
    return doc_.FindIn(v, j, GazKind::kOrgHead, Lang::kEn) != nullptr;
  }
  bool Possessive(int v, size_t j) const {
    std::string_view f = F(v, j);
    return f.size() > 2 && (f.substr(f.size() - 2) == "'s" ||
                            (f.size() > 4 && f.substr(f.size() - 4) == "\xE2\x80\x99s"));
  }

  // Units [first, last) are a known name of `kind` whole, and no longer one starts there:
  // "Synopsys" in "Synopsys and ...", but not "Ministry of Planning" when "Ministry of
  // Planning and Investment" is known.
  bool IsKnownSpan(int v, size_t first, size_t last, GazKind kind) const {
    const GazMatch* m = doc_.Find(v, first, kind);
    return m != nullptr && m->last == last;
  }

  void EnglishHeadOrgs(int v, bool foreign_only = false) {
    for (size_t i = 0; i < Size(v); ++i) {
      if (!Cap(v, i) || Taken(v, i)) continue;
      if (foreign_only && U(v, i).diacritics) continue;
      // "Vietnam's Minister of ...": neither a possessive nor a title opens a name.
      if (Possessive(v, i) || doc_.FindIn(v, i, GazKind::kTitle, Lang::kEn)) continue;
      size_t j = i;
      bool has_head = false;
      size_t last_cap = i;
      while (j < Size(v) && !Taken(v, j)) {
        if (j > i && doc_.FindIn(v, j, GazKind::kTitle, Lang::kEn)) break;
        if (Cap(v, j) && !(foreign_only && U(v, j).diacritics)) {
          if (const GazMatch* h = doc_.FindIn(v, j, GazKind::kOrgHead, Lang::kEn)) {
            // In a role, "Minister of Science and Technology" names a portfolio, not a
            // company: only a body's head word ("Ministry", "Centre") makes a name there.
            if (!InsideRole(v, j) || doc_.res->lex.org_heads[h->entry->index].kind != "company") {
              has_head = true;
            }
          }
          last_cap = j;
          ++j;
          continue;
        }
        std::string_view f = F(v, j);
        bool joins = IsEnConnector(f) && Cap(v, j + 1) && (!foreign_only || j > i);
        // "Samsung Electronics and the Korea ...": a complete name ends before "and";
        // "the" only continues "Bank of the ...".
        if (f == "and" && EnHead(v, last_cap) && j == last_cap + 1) joins = false;
        if (f == "the" && !(j > i && F(v, j - 1) == "of")) joins = false;
        // "... Network in San Jose": "in" before a known place says where the body is.
        if (f == "in" && doc_.Find(v, j + 1, GazKind::kPlace) != nullptr) joins = false;
        // "Hanoi and Da Nang University": a place alone does not open a coordinated name;
        // "Synopsys and Hanoi University": nor does a known organization's whole name.
        if (f == "and" &&
            (IsKnownSpan(v, i, j, GazKind::kPlace) || IsKnownSpan(v, i, j, GazKind::kOrg))) {
          joins = false;
        }
        // "Representatives of Ministry of ...": words without a head before a known name
        // are the sentence's, not the name's.
        if (f == "of" && !has_head && doc_.Find(v, j + 1, GazKind::kOrg) != nullptr) {
          joins = false;
        }
        if (joins) {
          ++j;
          continue;
        }
        // "Shinhan Future's Lab": a possessive inside a name that goes on to its head.
        if (View(v).IsPunct(j, "'\xE2\x80\x99") && F(v, j + 1) == "s" && Cap(v, j + 2) &&
            j == last_cap + 1 &&
            !IsKnownSpan(v, i, j, GazKind::kPlace)) {  // not "Vietnam's Ministry"
          j += 2;
          continue;
        }
        if (View(v).IsPunct(j, "-&") && Cap(v, j + 1) && j > i) {
          ++j;
          continue;
        }
        break;
      }
      // A head alone ("Lab", "Group") is a common noun, not a name.
      if (!has_head || (last_cap == i && EnHead(v, i))) {
        i = std::max(i, last_cap);
        continue;
      }
      Cand org;
      org.view = v;
      org.first = i;
      org.last = last_cap + 1;
      org.kind = EntityKind::kOrganization;
      if (const GazMatch* lex = doc_.Find(v, i, GazKind::kOrg); lex && lex->last >= org.last) {
        // "Vietnam National University, Hanoi": the known name may run past the capitals.
        org.last = lex->last;
        SetOrgKey(lex, &org);
      }
      (void)doc_.Claim(org);
      i = org.last - 1;
    }
  }

  // "TP Leuven", "TP. Hồ Chí Minh", "tỉnh Bình Thuận", "Vùng Flanders", "thung lũng Silicon".
  void PrefixedPlaces(int v) {
    if (!vi_) return;
    size_t known_until = 0;  // "Đồng bằng sông Cửu Long": a known place holds the prefix
    for (size_t i = 0; i + 1 < Size(v); ++i) {
      if (const GazMatch* m = doc_.Find(v, i, GazKind::kPlace); m && m->last > i + 1) {
        known_until = std::max(known_until, m->last);
      }
      if (Taken(v, i) || !Word(v, i) || i < known_until) continue;
      std::string_view f = F(v, i);
      size_t body = i + 1;
      PlaceType type = PlaceType::kNone;
      if (f == "tp" || f == "thành" || f == "thủ") {
        if (f == "thành" && !View(v).Is(i + 1, "phố")) continue;
        if (f == "thủ" && !View(v).Is(i + 1, "đô")) continue;
        if (f != "tp") body = i + 2;
        if (f == "tp" && View(v).IsPunct(i + 1, ".")) body = i + 2;
        type = PlaceType::kCity;
      } else if (f == "tỉnh" || f == "vùng" || f == "bang" || f == "huyện" || f == "quận" ||
                 f == "xã" || f == "miền") {
        type = PlaceType::kRegion;
      } else if (f == "thung" && View(v).Is(i + 1, "lũng")) {
        body = i + 2;
        type = PlaceType::kRegion;
      } else if ((f == "cầu" || f == "sông" || f == "núi" || f == "đảo" || f == "vịnh") &&
                 (i == 0 || !(View(v).Is(i - 1, "toàn") || View(v).Is(i - 1, "nhu") ||
                              View(v).Is(i - 1, "yêu") || View(v).Is(i - 1, "cung")))) {
        type = PlaceType::kOther;
      } else {
        continue;
      }
      if (!Cap(v, body) || Taken(v, body)) continue;
      // "các tỉnh Lào Cai, Cần Thơ": the prefix belongs to the whole list.
      if (i > 0 && (View(v).Is(i - 1, "các") || View(v).Is(i - 1, "những"))) continue;
      size_t end = body;
      const GazMatch* known = doc_.Find(v, body, GazKind::kPlace);
      if (known != nullptr) {
        end = known->last;
      } else {
        while (Cap(v, end) && !Taken(v, end) && !doc_.Find(v, end, GazKind::kOrgHead)) ++end;
        // "Bà Rịa - Vũng Tàu"
        while (View(v).IsPunct(end, "-") && Cap(v, end + 1)) end = CapRunEnd(v, end + 1);
      }
      if (end <= body || end - body > 5) continue;
      Cand place;
      place.view = v;
      place.first = i;
      place.last = end;
      place.kind = EntityKind::kPlace;
      place.place_type = type;
      place.inner = {body, end};
      if (known != nullptr) {
        const PlaceEntry& e = doc_.res->lex.places[known->entry->index];
        place.key = e.key;
        place.canonical = e.canonical;
      }
      if (doc_.Claim(place) >= 0) i = end - 1;
    }
  }

  // Capitalized foreign words no rule explained, when the text says what they are:
  // "German Accelerator Southeast Asia (Đức)" is an organization; "tại Brest (Pháp)" a city.
  void ForeignRunOrgs(int v) {
    if (vi_) EnglishHeadOrgs(v, /*foreign_only=*/true);
    for (size_t i = 0; i < Size(v); ++i) {
      if (!Cap(v, i) || Taken(v, i)) continue;
      if (i > 0 && Cap(v, i - 1)) continue;  // "Loan" of "Đài Loan" starts no name
      bool at = i > 0 && (View(v).Is(i - 1, "tại") || View(v).Is(i - 1, "ở") ||
                          View(v).Is(i - 1, "in") || View(v).Is(i - 1, "at"));
      size_t end = ForeignRunEnd(v, i, /*place_start_ok=*/at);
      if (end == 0) continue;
      bool country_after = View(v).IsPunct(end, "(") && PlaceIn(v, end + 1);
      if (!country_after) {
        i = end - 1;
        continue;
      }
      Cand c;
      c.view = v;
      c.first = i;
      c.last = end;
      c.kind = at ? EntityKind::kPlace : EntityKind::kOrganization;
      c.place_type = at ? PlaceType::kCity : PlaceType::kNone;
      (void)doc_.Claim(c);
      i = end - 1;
    }
  }

  bool PlaceIn(int v, size_t i) const {
    const GazMatch* m = doc_.Find(v, i, GazKind::kPlace);
    return m != nullptr && View(v).IsPunct(m->last, ")");
  }

  // A run of capitalized words that looks foreign (no Vietnamese letters in vi text).
  size_t ForeignRunEnd(int v, size_t i, bool place_start_ok = false) const {
    size_t j = i;
    while (j < Size(v) && !Taken(v, j)) {
      if (Cap(v, j) && (!vi_ || !U(v, j).diacritics || U(v, j).all_caps)) {
        ++j;
        continue;
      }
      if (j > i && IsEnConnector(F(v, j)) && Cap(v, j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    if (j == i || j - i > 6) return 0;
    if (place_start_ok && doc_.Find(v, i, GazKind::kPlace) && j > i + 1 &&
        !doc_.Find(v, i, GazKind::kOrg)) {
      return j;
    }
    if (StartsKnown(v, i)) return 0;
    if (j == i + 1 && (F(v, i) == "the" || U(v, i).kind != UnitKind::kWord)) return 0;
    return j;
  }

  // Items of a list of organizations: after an organization ("Tập đoàn X, Y, Z") or after
  // a cue ("các công ty như A, B, C", "companies such as A, B").
  void ListedOrgs(int v) {
    for (size_t i = 1; i < Size(v); ++i) {
      bool sep = View(v).IsPunct(i, ",;、") || View(v).Is(i, "và") || View(v).Is(i, "and");
      bool cue = View(v).Is(i, "như") || View(v).Is(i, "gồm") || View(v).Is(i, "including") ||
                 (View(v).Is(i, "as") && View(v).Is(i - 1, "such"));
      if (!sep && !cue) continue;
      if (!Cap(v, i + 1) || Taken(v, i + 1)) continue;
      bool after_org = false;
      if (sep) {
        size_t p = i - 1;
        if (View(v).IsPunct(p, ")")) {  // skip "(Nhật Bản)"
          while (p > 0 && !View(v).IsPunct(p, "(")) --p;
          if (p == 0) continue;
          --p;
        }
        int owner = doc_.owner[v][p];
        after_org = owner >= 0 && doc_.cands[owner].kind == EntityKind::kOrganization &&
                    doc_.cands[owner].last == p + 1;
      } else {
        for (size_t k = i >= 6 ? i - 6 : 0; k < i && !after_org; ++k) {
          if (doc_.Find(v, k, GazKind::kOrgHead) && !U(v, k).cap) after_org = true;
          if (F(v, k) == "companies" || F(v, k) == "firms") after_org = true;
        }
      }
      if (!after_org) continue;
      size_t end = ForeignRunEnd(v, i + 1);
      if (end == 0 || end - (i + 1) > 4) continue;
      bool boundary = end >= Size(v) || U(v, end).kind == UnitKind::kPunct ||
                      View(v).Is(end, "và") || View(v).Is(end, "and") || !Cap(v, end);
      if (!boundary) continue;
      Cand c;
      c.view = v;
      c.first = i + 1;
      c.last = end;
      c.kind = EntityKind::kOrganization;
      (void)doc_.Claim(c);
    }
  }

  // "Phạm Minh Chính" without a title: a Vietnamese surname and 1-3 capitalized syllables.
  void BareViNames(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      if (!IsSurname(v, i) || Taken(v, i)) continue;
      if (i > 0 && Cap(v, i - 1)) continue;  // inside a longer capitalized run
      size_t end = CapRunEnd(v, i);
      bool other = false;  // "Phó Thủ tướng": a title, head or place inside is no name
      for (size_t k = i; k < end && !other; ++k) {
        other = doc_.Find(v, k, GazKind::kTitle) || doc_.Find(v, k, GazKind::kOrgHead) ||
                (k > i && doc_.Find(v, k, GazKind::kPlace));
      }
      if (other || NameAt(v, i) != end) continue;
      if (end - i < 2 || end - i > 4 || !doc_.Free(v, i, end)) continue;
      (void)doc_.Claim(Person(v, i, end));
      i = end - 1;
    }
  }

  // The person of the document whose name ends (vi given name) or starts/ends with `word`.
  int PersonByPart(std::string_view word) const {
    int found = -1;
    for (size_t c = 0; c < doc_.cands.size(); ++c) {
      const Cand& p = doc_.cands[c];
      if (p.kind != EntityKind::kPerson || p.antecedent >= 0 || p.last - p.first < 2) continue;
      const SentenceView& view = doc_.views[p.view];
      bool match = view.Fold(p.last - 1, p.last) == word ||
                   (!view.units[p.first].diacritics && view.Fold(p.first, p.first + 1) == word);
      if (!match) continue;
      if (found >= 0 && doc_.Text(doc_.cands[found]) != doc_.Text(p)) return -1;  // ambiguous
      if (found < 0) found = static_cast<int>(c);
    }
    return found;
  }

  // "Bộ trưởng Dũng", "ông Chính", "Mr. Fernandez": a part of a name met in full elsewhere.
  void ShortReferences(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      const GazMatch* t = doc_.Find(v, i, GazKind::kTitle);
      if (t == nullptr) t = doc_.Find(v, i, GazKind::kHonorific);
      if (t == nullptr || Taken(v, i)) continue;
      size_t n = t->last;
      if (View(v).IsPunct(n, ".")) ++n;
      if (!Cap(v, n) || Taken(v, n) || Cap(v, n + 1)) continue;
      int person = PersonByPart(F(v, n));
      if (person < 0) continue;
      Cand c = Person(v, n, n + 1);
      c.antecedent = person;
      if (t->entry->kind == GazKind::kTitle) c.roles.push_back({i, t->last});
      (void)doc_.Claim(c);
    }
  }

  bool InsideRole(int v, size_t i) const {
    for (const Cand& c : doc_.cands) {
      if (c.view != v) continue;
      for (const UnitRange& r : c.roles) {
        if (r.first <= i && i < r.last) return true;
      }
    }
    return false;
  }

  // "Thủ tướng đề nghị ...": a title alone names the one person of the document holding it.
  void BareTitles(int v) {
    for (size_t i = 0; i < Size(v); ++i) {
      const GazMatch* t = doc_.Find(v, i, GazKind::kTitle);
      if (t == nullptr || !doc_.Free(v, i, t->last)) continue;
      if (Cap(v, t->last) && !Stop(v, t->last)) continue;  // a name or an org follows
      if (i > 0 && Word(v, i - 1) && !Stop(v, i - 1) && !View(v).IsPunct(i - 1, ",")) {
        // "các Bộ trưởng", "Phó ..." — not a reference to one person.
        std::string_view prev = F(v, i - 1);
        if (prev == "các" || prev == "những" || prev == "phó" || prev == "nguyên" ||
            prev == "the" || prev == "former") {
          continue;
        }
      }
      if (InsideRole(v, i)) continue;
      std::string_view title = View(v).Fold(i, t->last);
      int holder = -1;
      bool unique = true;
      for (size_t c = 0; c < doc_.cands.size() && unique; ++c) {
        const Cand& p = doc_.cands[c];
        if (p.kind != EntityKind::kPerson || p.antecedent >= 0) continue;
        for (const UnitRange& r : p.roles) {
          std::string_view role = doc_.views[p.view].Fold(r.first, r.last);
          if (role.substr(0, title.size()) != title) continue;
          if (holder >= 0 && holder != static_cast<int>(c)) unique = false;
          holder = static_cast<int>(c);
        }
      }
      if (holder < 0 || !unique) continue;
      Cand c = Person(v, i, t->last);
      c.antecedent = holder;
      c.roles.push_back({i, t->last});
      (void)doc_.Claim(c);
      i = t->last - 1;
    }
  }

  Doc& doc_;
  bool vi_;
};

}  // namespace

void RecognizeLatin(Doc* doc) { LatinRules(doc).Run(); }

}  // namespace ketnoi::extract::internal
