#include "extract/events.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "clean/dates.h"

namespace ketnoi::extract {
namespace {

using core::Lang;
using core::Span;

// ---- folding ---------------------------------------------------------------------------

// Lower-cased copy of a text with a byte map back into it, so matches found on the folded
// text become spans of the original.
struct Folded {
  std::string text;
  std::vector<uint32_t> to_original;  // size text.size() + 1
};

// The code point at byte `i` of `s` lower-cased (U+FFFD for a bad sequence), as FoldInto writes
// it; advances `i`.
UChar32 NextFolded(std::string_view s, int32_t& i) {
  const auto byte = static_cast<unsigned char>(s[i]);
  if (byte < 0x80) {
    ++i;
    return byte >= 'A' && byte <= 'Z' ? byte | 0x20 : byte;
  }
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return u_tolower(c < 0 ? 0xFFFD : c);
}

// Lower-cases `s` into `text`; `map` (when not null) gets the source byte of each output byte.
void FoldInto(std::string_view s, std::string& text, std::vector<uint32_t>* map) {
  text.reserve(s.size());
  if (map != nullptr) map->reserve(s.size() + 1);
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      // A run of ASCII: what u_tolower gives, without the call, written in one go.
      int32_t end = i + 1;
      while (end < n && static_cast<unsigned char>(s[end]) < 0x80) ++end;
      const size_t at = text.size();
      text.resize(at + static_cast<size_t>(end - i));
      for (int32_t k = i; k < end; ++k) {
        const auto byte = static_cast<unsigned char>(s[k]);
        text[at + static_cast<size_t>(k - i)] =
            static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte | 0x20 : byte);
      }
      if (map != nullptr) {
        const size_t from = map->size();
        map->resize(from + static_cast<size_t>(end - i));
        std::iota(map->begin() + static_cast<std::ptrdiff_t>(from), map->end(),
                  static_cast<uint32_t>(i));
      }
      i = end;
      continue;
    }
    const UChar32 c = NextFolded(s, i);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, c, error);
    if (error) continue;
    text.append(buf, static_cast<size_t>(len));
    if (map != nullptr)
      map->insert(map->end(), static_cast<size_t>(len), static_cast<uint32_t>(start));
  }
  if (map != nullptr) map->push_back(static_cast<uint32_t>(s.size()));
}

Folded Fold(std::string_view s) {
  Folded out;
  FoldInto(s, out.text, &out.to_original);
  return out;
}

std::string FoldString(std::string_view s) {
  std::string out;
  FoldInto(s, out, nullptr);
  return out;
}

// FoldString(a) == FoldString(b), without building either: participants are compared by
// name many times per sentence.
bool FoldedEqual(std::string_view a, std::string_view b) {
  int32_t i = 0, j = 0;
  const auto n = static_cast<int32_t>(a.size());
  const auto m = static_cast<int32_t>(b.size());
  while (i < n && j < m) {
    if (NextFolded(a, i) != NextFolded(b, j)) return false;
  }
  return i == n && j == m;
}

// True when the code point ending just before `pos` (or starting at `pos`) is a letter or
// digit: vi and en triggers must sit on word boundaries ("ký" is not inside "kýt").
bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool AlnumBefore(std::string_view s, size_t pos) {
  if (pos == 0) return false;
  const auto last = static_cast<unsigned char>(s[pos - 1]);
  if (last < 0x80) return IsAsciiAlnum(last);  // u_isalnum of an ASCII character
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_PREV(s.data(), 0, i, c);
  return c >= 0 && u_isalnum(c);
}

bool AlnumAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  const auto first = static_cast<unsigned char>(s[pos]);
  if (first < 0x80) return IsAsciiAlnum(first);
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isalnum(c);
}

bool StartsWithHan(std::string_view s) {
  if (s.empty() || static_cast<unsigned char>(s[0]) < 0x80) return false;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN;
}

// Calls `stop(pos)` for each occurrence of `needle` in `hay`, in order, until it returns
// true; on word boundaries unless the needle is Chinese. Returns whether it was stopped.
template <typename Stop>
bool ScanOccurrences(std::string_view hay, std::string_view needle, Stop stop) {
  if (needle.empty()) return false;
  const bool bounded = !StartsWithHan(needle);
  for (size_t pos = hay.find(needle); pos != std::string_view::npos;
       pos = hay.find(needle, pos + 1)) {
    if (bounded && (AlnumBefore(hay, pos) || AlnumAt(hay, pos + needle.size()))) continue;
    if (stop(pos)) return true;
  }
  return false;
}

// Many needles found in one pass over a text: a byte trie of the needles, walked from each
// byte. The same occurrences as ScanOccurrences of each needle (overlapping ones included,
// on word boundaries unless the needle is Chinese), for a sentence against hundreds of
// trigger or country words, instead of one `find` per word.
class PhraseSet {
 public:
  struct Occurrence {
    uint32_t needle;  // the needle's number: the order it was added
    uint32_t pos;     // byte offset in the text
  };

  void Add(std::string_view needle) {
    const auto number = static_cast<uint32_t>(lengths_.size());
    lengths_.push_back(static_cast<uint32_t>(needle.size()));
    bounded_.push_back(!StartsWithHan(needle));
    if (needle.empty()) return;  // ScanOccurrences finds nothing for it either
    uint32_t node = 0;
    for (unsigned char byte : needle) {
      if (nodes_[node].next[byte] == kNone) {
        const auto child = static_cast<uint32_t>(nodes_.size());
        nodes_.emplace_back();  // may move the nodes: index again below
        nodes_[node].next[byte] = child;
      }
      node = nodes_[node].next[byte];
    }
    nodes_[node].ends.push_back(number);
  }

  // Calls visit(needle, position) for each occurrence by position, then needle length,
  // while it returns true.
  template <typename Visit>
  void Scan(std::string_view hay, Visit visit) const {
    // Most positions start no needle: one root lookup each, the walk only past that.
    const std::array<uint32_t, 256>& root = nodes_[0].next;
    for (size_t pos = 0; pos < hay.size(); ++pos) {
      uint32_t node = root[static_cast<unsigned char>(hay[pos])];
      for (size_t i = pos; node != kNone;) {
        for (uint32_t n : nodes_[node].ends) {
          if (bounded_[n] && (AlnumBefore(hay, pos) || AlnumAt(hay, pos + lengths_[n]))) continue;
          if (!visit(n, pos)) return;
        }
        if (++i == hay.size()) break;
        node = nodes_[node].next[static_cast<unsigned char>(hay[i])];
      }
    }
  }

  // Every occurrence, ordered by needle number, then position.
  std::vector<Occurrence> FindAll(std::string_view hay) const {
    std::vector<Occurrence> out;
    Scan(hay, [&](uint32_t needle, size_t pos) {
      out.push_back({needle, static_cast<uint32_t>(pos)});
      return true;
    });
    std::stable_sort(out.begin(), out.end(),
                     [](const Occurrence& x, const Occurrence& y) { return x.needle < y.needle; });
    return out;
  }

  // The smallest position of FindAll's occurrences, or npos when there are none.
  size_t First(std::string_view hay) const {
    size_t first = std::string_view::npos;
    Scan(hay, [&](uint32_t, size_t pos) {
      first = pos;
      return false;
    });
    return first;
  }

  uint32_t length(uint32_t needle) const { return lengths_[needle]; }
  size_t size() const { return lengths_.size(); }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    std::array<uint32_t, 256> next = MakeEmpty();
    std::vector<uint32_t> ends;  // needles ending here
    static std::array<uint32_t, 256> MakeEmpty() {
      std::array<uint32_t, 256> table;
      table.fill(kNone);
      return table;
    }
  };
  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0]: the root
  std::vector<uint32_t> lengths_;
  std::vector<bool> bounded_;
};

// ---- small word lists (general language knowledge, not lexicon data) ----------------------

// Compounds that contain a trigger but are not events ("đăng ký" = register, "thư ký" =
// secretary). A trigger inside one of these is dropped.
constexpr const char* kBlockers[] = {
    "đăng ký", "thư ký", "ký hiệu", "ký túc", "ký ức", "nhật ký", "chữ ký", "ký giả", "ký sự",
    "ký quỹ", "đăng kí", "thư kí", "kí hiệu", "kí túc", "chữ kí", "gặp khó khăn", "thăm dò",
    "thăm khám", "hội nghị viên", "đầu tư công", "hội nghị truyền hình", "会议室", "建议书",
    "投资者", "访问量", "sign up", "signed up", "meeting room", "visitor",
    // "tiếp" (to receive a guest) starts many unrelated words.
    "tiếp tục", "tiếp cận", "tiếp nhận", "trực tiếp", "gián tiếp", "tiếp theo", "tiếp thu",
    "kế tiếp", "liên tiếp", "tiếp nối", "tiếp diễn", "tiếp thị", "tiếp sức", "tiếp giáp", "tiếp tế",
    "tiếp xúc", "tiếp viên", "tiếp quản", "tiếp thêm", "chuyển tiếp", "tiếp ứng",
    // "During the forum, ..." frames a gathering already reported.
    "会议期间", "论坛期间", "研讨会期间", "峰会期间", "trong khuôn khổ hội thảo",
    "trong khuôn khổ hội nghị", "trong khuôn khổ diễn đàn", "bên lề hội thảo", "bên lề hội nghị",
    "bên lề diễn đàn", "during the forum", "during the conference", "at the forum",
    "at the conference",
    // Accompanying a tour is part of it, not a visit of its own.
    "陪同考察", "陪同参观",
    // Witnesses of a signing attend the one the story reported.
    "出席签约", "出席签字", "见证签约", "chứng kiến lễ ký", "witnessed the signing"};

// "X方" words that are not a country's side: directions, "both sides", "the other side".
constexpr const char* kGenericSides[] = {"东方", "西方", "南方", "北方", "双方", "对方",
                                         "各方", "一方", "多方", "官方", "地方", "上方"};

// "Under the agreement, ..." cites a signing already reported: what follows is its content,
// between that signing's parties (and a trigger inside the phrase is no new signing).
constexpr const char* kAgreementRefs[] = {"theo biên bản ghi nhớ",
                                          "theo bản ghi nhớ",
                                          "theo thỏa thuận",
                                          "theo thoả thuận",
                                          "theo hiệp định",
                                          "根据协议",
                                          "根据备忘录",
                                          "根据合作备忘录",
                                          "根据该协议",
                                          "根据谅解备忘录",
                                          "under the memorandum",
                                          "under the agreement",
                                          "under the mou",
                                          "under the deal",
                                          "under the partnership"};

// "The two sides", "hai bên", "双方": the parties of the signing or gathering just reported.
constexpr const char* kBothSides[] = {"hai bên", "đôi bên", "both sides", "the two sides",
                                      "双方",    "两方",    "hai phía",   "both parties"};

// "The two countries", "hai nước", "两国": the countries of the story.
constexpr const char* kTwoCountries[] = {"hai nước", "hai quốc gia", "two countries", "两国",
                                         "both countries"};

// "The delegation", "đoàn công tác", "代表团": the party of the latest trip led by a named
// person.
constexpr const char* kDelegation[] = {"the delegation", "đoàn công tác", "代表团", "phái đoàn",
                                       "the vietnamese delegation"};

// Words that refer back to the previous event's date.
constexpr const char* kSameDay[] = {"cùng ngày", "同日",     "当天", "同一天",    "the same day",
                                    "that day",  "cùng hôm", "当日", "in the day"};

// Sentence openers that move the story back in time: do not inherit the running date.
constexpr const char* kFlashback[] = {"trước đó",    "此前", "earlier", "previously",
                                      "before that", "先前", "日前"};

// Hopes and wishes: what follows them has not happened ("希望在越南进行投资").
// Goals are not acts either ("Vietnam aims to train 50,000 engineers").
constexpr const char* kWishes[] = {"希望",    "愿意",   "mong muốn", "hy vọng",     "mong",
                                   "hope",    "hopes",  "wish",      "wishes",      "willing",
                                   "aims to", "aim to", "aiming to", "đặt mục tiêu"};

// References to the meeting or visit the story is about ("at the meeting, X proposed"): the
// sentence's events involve that gathering's parties.
constexpr const char* kContextRefs[] = {"tại buổi tiếp",
                                        "tại buổi hội kiến",
                                        "tại buổi hội đàm",
                                        "tại buổi làm việc",
                                        "tại cuộc làm việc",
                                        "tại cuộc họp",
                                        "tại buổi gặp",
                                        "tại cuộc hội đàm",

                                        "trong buổi làm việc",
                                        "trong cuộc họp",
                                        "trong chuyến thăm",
                                        "nhân dịp này",
                                        "sau buổi làm việc",
                                        "sau cuộc hội đàm",
                                        "sau hội đàm",
                                        "kết thúc buổi làm việc",
                                        "会谈后",
                                        "会谈结束后",
                                        "会见后",
                                        "after the meeting",
                                        "after the talks",
                                        "会谈中",
                                        "会谈时",
                                        "会见时",
                                        "会上",
                                        "访问期间",
                                        "值此机会",
                                        "during the meeting",
                                        "at the meeting",
                                        "during the talks",
                                        "during the visit",
                                        "on this occasion",
                                        "the talks",
                                        "the meeting"};

// After these, training, investment and cooperation words are what a meeting talked about,
// not events of their own.
constexpr const char* kTopicCues[] = {
    "trao đổi về",  "thảo luận về",    "bàn về", "tập trung vào", "discussed", "focused on",
    "talked about", "exchanged views", "探讨",   "讨论",          "交换意见"};

// Attending a gathering the story already reported ("率团出席会议", "attended the forum",
// "出席了会谈") is part of that gathering, not a new one.
constexpr const char* kAttend[] = {"出席",         "参加",      "tham dự", "dự",
                                   "attended",     "attending", "attend",  "participated in",
                                   "took part in", "joined"};

// "..., during a working visit to X": a gathering framing the sentence's act is an event of its
// own, even after a proposal (whose content it is not).
constexpr const char* kFrames[] = {"during a",     "during an",   "during his", "during her",
                                   "trong chuyến", "nhân chuyến", "在对"};

// Answering a proposal ("would study the proposal", "研究越方建议") is not a new proposal.
constexpr const char* kResponses[] = {"nghiên cứu", "xem xét", "phản hồi", "study", "consider",
                                      "respond to", "研究",    "考虑",     "答复"};

// Words right before a place that make it the event's location.
constexpr const char* kLocatives[] = {"tại", "ở",  "in", "at",   "在",  "于", "赴",
                                      "到",  "对", "至", "sang", "đến", "to", "tới"};

// Is page offset `at` right after `end` in the sentence, with only spaces between?
bool RightAfter(const Folded& f, Span sentence, uint32_t end, uint32_t at) {
  if (at < end) return false;
  for (size_t i = 0; i < f.text.size(); ++i) {
    const uint32_t page = sentence.begin + f.to_original[i];
    if (page >= at) break;
    if (page >= end && f.text[i] != ' ') return false;
  }
  return true;
}

// ---- per-event working state -------------------------------------------------------------

struct Hit {
  EventType type = EventType::kOther;
  Span span;  // page coordinates
  int priority = 0;
  bool needs_object = false;     // ends in "với" / "with": the party must follow
  bool needs_person = false;     // "tiếp" / "received": a guest must follow
  bool needs_addressee = false;  // "希望" / "mong muốn": a wish is a request only to a party
                                 // named right after it ("希望三星...")
  bool framed = false;           // after "during a" / "trong chuyến" (kFrames)
};

struct TriggerRule {
  EventType type;
  Lang lang;
  std::string folded;
  int priority;
  bool needs_object;
  bool needs_person;
  bool needs_addressee;
};

struct CueRule {
  Modality modality;
  Lang lang;
  std::string folded;
};

bool IsGathering(EventType t) {
  return t == EventType::kMeeting || t == EventType::kVisit || t == EventType::kDialogue ||
         t == EventType::kConference;
}

// What an agreement or a meeting is about, rather than a gathering or a signing.
bool IsContent(EventType t) {
  return t == EventType::kTrainingProgram || t == EventType::kInvestment || t == EventType::kOther;
}

bool IsSigning(EventType t) {
  return t == EventType::kMouSigned || t == EventType::kAgreementSigned;
}

int PlaceRank(PlaceType t) {
  switch (t) {
    case PlaceType::kCity:
      return 0;
    case PlaceType::kOther:
      return 1;
    case PlaceType::kRegion:
      return 2;
    case PlaceType::kCountry:
      return 3;
    case PlaceType::kNone:
      break;
  }
  return 4;
}

}  // namespace

// A word naming a country in a text ("Vietnam", "Vietnamese", "越南", "越方"): one concept of
// data/name_words.tsv whose words include a country name of the place lexicon.
struct CountryWord {
  std::string folded;
  Lang lang;
  std::string concept_id;
  bool needs_capital;  // vi/en: only capitalized ("Pháp" France, not "giải pháp")
};

struct EventExtractor::Impl {
  std::vector<TriggerRule> triggers;
  std::vector<CueRule> cues;
  std::vector<CountryWord> country_words;
  // The words each sentence is searched for, in one pass each (PhraseSet). hit_words holds
  // kBlockers and kAgreementRefs (numbers below first_context_ref), kContextRefs (below
  // first_trigger), then `triggers` in order; cue_words `cues`; country_phrases
  // `country_words`.
  PhraseSet hit_words, cue_words, country_phrases;
  uint32_t first_context_ref = 0, first_trigger = 0;

  void IndexWords();

  void Run(std::string_view page, std::optional<core::Date> published, Analysis* a) const;

  // The trigger words of a sentence (`f`: the sentence folded) that read as events.
  std::vector<Hit> FindHits(const Folded& f, Span sentence, Lang lang,
                            const std::vector<Span>& blocked) const;
  std::optional<Modality> CueBefore(const Folded& f, Span sentence, uint32_t trigger_begin,
                                    uint32_t trigger_end, Lang lang,
                                    const std::vector<Span>& blocked) const;
  std::map<std::string, int> CountryMentions(const std::vector<Mention>& ms) const;
  std::vector<int> ActingCountries(const Analysis& a, std::string_view sentence, Span span,
                                   const Folded& folded, const std::vector<int>& in_sentence,
                                   const std::map<std::string, int>& country_mention) const;
};

namespace {

bool LangMatches(Lang rule, Lang doc) {
  return doc == Lang::kUnknown || rule == Lang::kUnknown || rule == doc;
}

// Follows `antecedent` links to the fullest mention; guards against cycles.
int Resolve(const std::vector<Mention>& ms, int i) {
  for (int steps = 0; steps < 8 && i >= 0 && i < static_cast<int>(ms.size()); ++steps) {
    const int next = ms[i].antecedent;
    if (next < 0 || next >= static_cast<int>(ms.size()) || next == i) break;
    i = next;
  }
  return i;
}

// A bare title ("Thủ tướng") or a given name ("Dũng") the entity stage left unlinked:
// link it to the latest earlier person whose role or name it repeats.
int ResolvePersonFallback(const std::vector<Mention>& ms, int i) {
  const Mention& m = ms[i];
  if (m.kind != EntityKind::kPerson || m.antecedent >= 0) return i;
  const std::string key = FoldString(m.surface);
  std::string folded;  // one buffer for the folded names and titles compared below
  // Nearby persons only: an unlinked title refers to someone just named, and the bound keeps
  // pages with thousands of mentions linear.
  for (int j = i - 1; j >= 0 && j >= i - 64; --j) {
    const Mention& p = ms[j];
    if (p.kind != EntityKind::kPerson || p.surface.size() <= m.surface.size()) continue;
    folded.clear();
    FoldInto(p.surface, folded, nullptr);
    if (folded.size() > key.size() && folded.ends_with(key) &&
        folded[folded.size() - key.size() - 1] == ' ') {
      return Resolve(ms, j);
    }
    for (const Role& r : p.roles) {
      folded.clear();
      FoldInto(r.title, folded, nullptr);
      if (folded.starts_with(key) && (folded.size() == key.size() || folded[key.size()] == ' ')) {
        return Resolve(ms, j);
      }
    }
  }
  return i;
}

int FullMention(const std::vector<Mention>& ms, int i) {
  return Resolve(ms, ResolvePersonFallback(ms, Resolve(ms, i)));
}

std::string IdentityKey(const Mention& m) {
  if (!m.lexicon_key.empty()) return "k:" + m.lexicon_key;
  if (!m.canonical.empty()) return "c:" + FoldString(m.canonical);
  return "s:" + FoldString(m.surface);
}

// IdentityKey(a) == IdentityKey(b), without building the keys.
bool SameIdentity(const Mention& a, const Mention& b) {
  if (!a.lexicon_key.empty() || !b.lexicon_key.empty()) return a.lexicon_key == b.lexicon_key;
  if (!a.canonical.empty() || !b.canonical.empty()) {
    return !a.canonical.empty() && !b.canonical.empty() && FoldedEqual(a.canonical, b.canonical);
  }
  return FoldedEqual(a.surface, b.surface);
}

// Adds mention `i` (resolved) to `out` unless the same entity is already there.
void AddParticipant(const std::vector<Mention>& ms, int i, std::vector<int>* out) {
  const int full = FullMention(ms, i);
  for (int p : *out) {
    if (p == full || SameIdentity(ms[p], ms[full])) return;
  }
  out->push_back(full);
}

bool IsParty(const Mention& m) {
  return m.kind == EntityKind::kPerson || m.kind == EntityKind::kOrganization;
}

size_t CountParties(const std::vector<Mention>& ms, const std::vector<int>& ps) {
  return static_cast<size_t>(
      std::count_if(ps.begin(), ps.end(), [&](int i) { return IsParty(ms[i]); }));
}

// Does the folded text just before byte `pos` (sentence-relative) end with a locative word?
bool HasLocativeBefore(const Folded& f, size_t pos) {
  std::string_view t(f.text);
  size_t end = std::min(pos, t.size());
  while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '(')) --end;
  const std::string_view head = t.substr(0, end);
  for (const char* w : kLocatives) {
    const std::string_view word(w);
    if (head.size() < word.size() || head.substr(head.size() - word.size()) != word) continue;
    if (StartsWithHan(word) || !AlnumBefore(head, head.size() - word.size())) return true;
  }
  // "tại các nước như A, B": a locative a few words back, no clause break in between.
  const size_t window = std::min<size_t>(head.size(), 40);
  const std::string_view tail = head.substr(head.size() - window);
  if (tail.find(';') != std::string_view::npos) return false;
  for (const char* w : {"tại các", "tại một số", "ở các", "in countries"}) {
    if (tail.find(w) != std::string_view::npos) return true;
  }
  return false;
}

bool StartsWithAny(std::string_view hay, const auto& words) {
  for (const char* w : words) {
    const std::string_view word(w);
    if (hay.substr(0, word.size()) == word) return true;
  }
  return false;
}

// The most frequent plausible year the body mentions: the year of partial dates when the
// page has no publication date.
int DominantYear(std::string_view page, const std::vector<Sentence>& sentences) {
  std::map<int, int> counts;
  for (const Sentence& s : sentences) {
    const std::string_view t = s.span.Of(page);
    for (size_t i = 0; i + 4 <= t.size(); ++i) {
      if ((i > 0 && std::isdigit(static_cast<unsigned char>(t[i - 1]))) ||
          (i + 4 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 4])))) {
        continue;
      }
      if (!std::all_of(t.begin() + i, t.begin() + i + 4,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        continue;
      }
      const int y = std::stoi(std::string(t.substr(i, 4)));
      if (y >= 1990 && y <= 2099) ++counts[y];
    }
  }
  int best = 0, best_n = 0;
  for (const auto& [y, n] : counts) {
    if (n > best_n) best = y, best_n = n;
  }
  return best;
}

// The PhraseSet of one of the word lists above, built on first use.
template <const auto& kWords>
const PhraseSet& Phrases() {
  static const PhraseSet set = [] {
    PhraseSet s;
    for (const char* w : kWords) s.Add(w);
    return s;
  }();
  return set;
}

// Whether one of `kWords` occurs in `hay` (as ScanOccurrences finds each): one pass over it.
template <const auto& kWords>
bool ContainsAny(std::string_view hay) {
  return Phrases<kWords>().First(hay) != std::string_view::npos;
}

// Page offset of the first of `words` in a folded sentence, or UINT32_MAX: one pass over the
// sentence for the whole list rather than one `find` per word.
uint32_t FirstOf(const Folded& f, Span sentence, const PhraseSet& words) {
  const size_t pos = words.First(f.text);
  return pos == std::string_view::npos ? UINT32_MAX : sentence.begin + f.to_original[pos];
}

// "làm việc với X" / "cooperation with X" is an event only when X is a named party (a wish
// word: right after it): a
// meeting "với các doanh nghiệp" (with companies) names no one.
bool HasObject(const std::vector<Mention>& ms, const std::vector<int>& in_sentence, const Hit& h) {
  if (!h.needs_object && !h.needs_person && !h.needs_addressee) return true;
  const uint32_t window = h.needs_addressee ? 2 : h.needs_person ? 48 : 64;
  for (int i : in_sentence) {
    const Mention& m = ms[i];
    const bool fits = h.needs_person ? m.kind == EntityKind::kPerson : IsParty(m);
    if (fits && m.span.begin >= h.span.end && m.span.begin < h.span.end + window) return true;
  }
  return false;
}

// "Diễn đàn doanh nghiệp Việt Nam - Bỉ", "Đối thoại kinh tế Việt Nam - Mỹ": countries in
// the name of a conference or dialogue are its sides.
bool NamesTheSides(std::string_view sentence, Span sentence_span, const Hit& h, const Mention& m) {
  if (h.type != EventType::kConference && h.type != EventType::kDialogue) return false;
  if (m.place_type != PlaceType::kCountry && m.place_type != PlaceType::kRegion) return false;
  if (m.span.begin < h.span.end || m.span.begin > h.span.end + 80) return false;
  const std::string_view between =
      sentence.substr(h.span.end - sentence_span.begin, m.span.begin - h.span.end);
  return between.find_first_of(",;") == std::string_view::npos &&
         between.find("，") == std::string_view::npos;
}

// The last meeting, visit or dialogue of the story: the context "at the meeting" refers to.
const Event* LastGathering(const std::vector<Event>& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (IsGathering(it->type) && it->type != EventType::kConference) return &*it;
  }
  return nullptr;
}

// Up to four Chinese characters and nothing else: the inside of one compound noun.
bool IsHanCompound(std::string_view gap) {
  int32_t i = 0, chars = 0;
  const int32_t n = static_cast<int32_t>(gap.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(gap.data(), i, n, c);
    if (c < 0 || u_getIntPropertyValue(c, UCHAR_SCRIPT) != USCRIPT_HAN || ++chars > 4) {
      return false;
    }
  }
  return true;
}

// Is the trigger itself a delegation word ("đoàn công tác")?
bool IsDelegationWord(std::string_view page, const Hit& h) {
  const std::string trigger = FoldString(h.span.Of(page));
  return std::any_of(std::begin(kDelegation), std::end(kDelegation),
                     [&](const char* w) { return trigger == w; });
}

// The parties a sentence refers to without naming them: "under the agreement" (the last
// signing's), "the two sides" (the last signing's or gathering's), "the two countries" (the
// countries of the latest events).
std::vector<int> ReferredParties(const std::vector<Mention>& ms, std::string_view folded,
                                 const std::vector<Event>& events) {
  auto last = [&](auto pred) -> const Event* {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (pred(*it) && it->participants.size() >= 2) return &*it;
    }
    return nullptr;
  };
  const Event* ref = nullptr;
  if (ContainsAny<kAgreementRefs>(folded)) {
    ref = last([](const Event& e) { return IsSigning(e.type); });
  }
  if (ref == nullptr && ContainsAny<kBothSides>(folded)) {
    ref = last([](const Event& e) { return IsSigning(e.type) || IsGathering(e.type); });
  }
  if (ref != nullptr) return ref->participants;
  std::vector<int> countries;
  if (!ContainsAny<kTwoCountries>(folded)) return countries;
  for (auto it = events.rbegin(); it != events.rend() && countries.size() < 2; ++it) {
    for (int p : it->participants) {
      if (ms[p].place_type == PlaceType::kCountry) AddParticipant(ms, p, &countries);
    }
  }
  return countries;
}

// Where the parties of a sentence that names only one side come from, nearest first: the
// previous event of the same paragraph, the actors of the previous sentence of the paragraph
// ("Trong đó ..."; only when this sentence names someone itself), the meeting or visit the
// story is about, the previous event, the headline.
std::vector<std::vector<int>> CarrySources(const Analysis& a, const std::vector<Event>& events,
                                           int sentence, bool names_someone, bool content,
                                           const std::vector<int>& headline) {
  std::vector<std::vector<int>> out;
  const int paragraph = a.sentences[sentence].paragraph;
  // Training, funding and the like are what an agreement provides: "X will host the
  // project's laboratory and train 40 officers" continues the last signing.
  if (content) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (IsSigning(it->type)) {
        out.push_back(it->participants);
        break;
      }
    }
  }
  if (!events.empty() && a.sentences[events.back().sentence].paragraph == paragraph) {
    out.push_back(events.back().participants);
  }
  if (names_someone && sentence > 0 && a.sentences[sentence - 1].paragraph == paragraph) {
    const Span prev = a.sentences[sentence - 1].span;
    std::vector<int> actors;
    for (int i = 0; i < static_cast<int>(a.mentions.size()); ++i) {
      const Mention& m = a.mentions[i];
      if (!prev.Contains(m.span)) continue;
      if (IsParty(m) || m.place_type == PlaceType::kCity || m.place_type == PlaceType::kRegion) {
        AddParticipant(a.mentions, i, &actors);
      }
    }
    out.push_back(std::move(actors));
  }
  if (const Event* g = LastGathering(events)) out.push_back(g->participants);
  if (!events.empty()) out.push_back(events.back().participants);
  out.push_back(headline);
  return out;
}

struct EventDate {
  std::optional<core::Date> start;
  std::optional<core::Date> end;
};

// The day-precise date expression of a sentence nearest before the trigger (else after).
// A date followed by a dash opens a wire story ("HANOI, March 12 (VNA) - ..."): it dates
// the report, not the event. "Ngày 25.6 (theo giờ địa phương), ..." is not one.
bool IsDateline(std::string_view sentence, Span date) {
  if (date.begin >= 40) return false;
  std::string_view rest = sentence.substr(std::min<size_t>(date.end, sentence.size()));
  auto skip_spaces = [&] {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  };
  skip_spaces();
  if (rest.starts_with("(")) {
    const size_t close = rest.find(')');
    if (close == std::string_view::npos || close > 16) return false;
    rest.remove_prefix(close + 1);
    skip_spaces();
  }
  return rest.starts_with("-") || rest.starts_with("\u2013") || rest.starts_with("\u2014");
}

// The day number right before " và " / " and " that precedes byte `pos`, or 0.
int DayBeforeConjunction(std::string_view sentence, size_t pos) {
  std::string_view head = sentence.substr(0, pos);
  bool joined = false;
  for (std::string_view conj : {" và ", " and ", "、", "和"}) {
    if (head.ends_with(conj)) {
      head.remove_suffix(conj.size());
      joined = true;
      break;
    }
  }
  if (!joined) return 0;
  size_t b = head.size();
  while (b > 0 && std::isdigit(static_cast<unsigned char>(head[b - 1]))) --b;
  if (b == head.size() || head.size() - b > 2) return 0;
  if (b > 0 && (std::isdigit(static_cast<unsigned char>(head[b - 1])) || head[b - 1] == '/'))
    return 0;
  return std::stoi(std::string(head.substr(b)));
}

// Three names per weekday, Sunday first.
constexpr const char* kWeekdayNames[] = {
    "sunday", "星期日", "周日",      "monday", "星期一",   "周一",     "tuesday",
    "星期二", "周二",   "wednesday", "星期三", "周三",     "thursday", "星期四",
    "周四",   "friday", "星期五",    "周五",   "saturday", "星期六",   "周六"};

// "on Tuesday", "周二": the latest such weekday on or before the publication date (news
// reports the past week). Weekday 0 is Sunday. `folded`: the sentence as Fold gives it.
std::optional<core::Date> WeekdayDate(std::string_view folded, core::Date reference) {
  // The first weekday (in kWeekdayNames' order) any of whose names occurs.
  uint32_t first_name = UINT32_MAX;
  Phrases<kWeekdayNames>().Scan(folded, [&](uint32_t name, size_t) {
    first_name = std::min(first_name, name);
    return true;
  });
  if (first_name == UINT32_MAX || !reference.Valid()) return std::nullopt;
  const int weekday = static_cast<int>(first_name / 3);
  const long days = reference.DaysSinceEpoch();
  const int ref_weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01: Thursday
  core::Date d = reference;
  for (int back = (ref_weekday - weekday + 7) % 7; back > 0; --back) {
    if (--d.day == 0) {
      if (--d.month == 0) d.month = 12, --d.year;
      d.day = core::DaysInMonth(d.year, d.month);
    }
  }
  return d;
}

// A partial date of a planned event: on or after the reference, not last year's ("will hold
// the forum on 20/11" in a page of August).
std::optional<core::Date> UpcomingDate(const clean::DateMention& m, core::Date reference) {
  core::Date d{reference.year, m.month, m.day};
  if (d < reference) ++d.year;
  if (!d.Valid()) return std::nullopt;
  return d;
}

// `upcoming`: the event is planned, so a partial date is read forward from the reference.
// `folded`: the sentence as Fold gives it (the run folds each sentence once).
EventDate SentenceDate(std::string_view sentence, std::string_view folded, uint32_t trigger_rel,
                       std::optional<core::Date> reference, int fallback_year,
                       bool upcoming = false) {
  EventDate best;
  int best_score = -1;
  for (const clean::DateMention& m : clean::FindDates(sentence)) {
    if (m.day == 0 || m.month == 0) continue;  // a year or month alone is not an event date
    if (m.has_time) continue;                  // "16/12/2022 12:00": when the page was posted
    std::optional<core::Date> d = upcoming && m.year == 0 && reference && reference->Valid()
                                      ? UpcomingDate(m, *reference)
                                      : clean::ResolveDate(m, reference, fallback_year);
    // "hai ngày 3 và 4/12", "on 3 and 4 December": the day before the conjunction starts it.
    const int first_day = d ? DayBeforeConjunction(sentence, m.span.begin) : 0;
    core::Date conj_end;
    if (first_day > 0 && first_day < d->day && m.end_day == 0) {
      conj_end = *d;
      d->day = first_day;
    }
    if (!d || !d->Valid()) continue;
    // Before the trigger and close to it is best; after it is a weaker reading; a dateline
    // ("HANOI, March 12 - ...") is the weakest.
    int score = m.span.begin <= trigger_rel ? 1000000 + static_cast<int>(m.span.begin)
                                            : 500000 - static_cast<int>(m.span.begin);
    if (IsDateline(sentence, m.span)) score = 1;
    if (score <= best_score) continue;
    best_score = score;
    best.start = d;
    best.end.reset();
    if (conj_end.Valid()) best.end = conj_end;
    if (m.end_day > 0) {
      core::Date e = *d;
      e.day = m.end_day;
      if (m.end_month > 0) e.month = m.end_month;
      if (e.Valid() && *d < e) best.end = e;
    }
  }
  // A weekday is a better reading than a wire dateline, which dates the report.
  if ((!best.start || best_score == 1) && reference) {
    if (auto w = WeekdayDate(folded, *reference)) {
      best.start = w;
      best.end.reset();
    }
  }
  return best;
}

}  // namespace

std::vector<Hit> EventExtractor::Impl::FindHits(const Folded& f, Span sentence, Lang lang,
                                                const std::vector<Span>& blocked) const {
  auto to_page = [&](size_t b, size_t e) {
    return Span{sentence.begin + f.to_original[b], sentence.begin + f.to_original[e]};
  };
  std::vector<Span> blockers, refs;
  std::vector<Hit> all;
  for (const PhraseSet::Occurrence& o : hit_words.FindAll(f.text)) {
    const Span at = to_page(o.pos, o.pos + hit_words.length(o.needle));
    if (o.needle < first_context_ref) {
      blockers.push_back(at);
    } else if (o.needle < first_trigger) {
      refs.push_back(at);
    } else {
      const TriggerRule& r = triggers[o.needle - first_trigger];
      if (!LangMatches(r.lang, lang)) continue;
      all.push_back({r.type, at, r.priority, r.needs_object, r.needs_person, r.needs_addressee});
    }
  }
  // Occurrences come by number, so every blocker and reference is known before a trigger.
  std::erase_if(all, [&](const Hit& h) {
    // "đã tiếp" in "đã tiếp tục" is blocked too: a blocker that overlaps the trigger
    // without lying inside it changes its words.
    const bool in_blocker = std::any_of(blockers.begin(), blockers.end(), [&](Span b) {
      return b.Overlaps(h.span) && !h.span.Contains(b);
    });
    // "tại cuộc họp", "会谈中" refer to a gathering already reported.
    const bool in_ref =
        std::any_of(refs.begin(), refs.end(), [&](Span b) { return b.Contains(h.span); });
    if (in_blocker || in_ref) return true;
    // A trigger word inside a name ("Bộ Kế hoạch và Đầu tư") is not an event, except a
    // conference or dialogue: a name containing one is usually the event's own name.
    const bool named_event = h.type == EventType::kConference || h.type == EventType::kDialogue;
    return !named_event &&
           std::any_of(blocked.begin(), blocked.end(), [&](Span b) { return b.Overlaps(h.span); });
  });
  // Overlaps: higher priority, then longer, then earlier wins.
  std::sort(all.begin(), all.end(), [](const Hit& x, const Hit& y) {
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
    return x.span.begin < y.span.begin;
  });
  std::vector<Hit> kept;
  for (const Hit& h : all) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(),
                                      [&](const Hit& k) { return k.span.Overlaps(h.span); });
    if (!overlaps) kept.push_back(h);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Hit& x, const Hit& y) { return x.span.begin < y.span.begin; });
  return kept;
}

// The first mention of each country the page names, by name_words concept.
std::map<std::string, int> EventExtractor::Impl::CountryMentions(
    const std::vector<Mention>& ms) const {
  std::map<std::string, int> out;
  for (int i = 0; i < static_cast<int>(ms.size()); ++i) {
    if (ms[i].kind != EntityKind::kPlace || ms[i].place_type != PlaceType::kCountry) continue;
    const std::string surface = FoldString(ms[i].surface);
    for (const CountryWord& w : country_words) {
      if (w.folded == surface) out.emplace(w.concept_id, FullMention(ms, i));
    }
  }
  return out;
}

// Countries a sentence names as parties: "Vietnam and Japan held", "the Australian side",
// "越方", "Japanese universities", "kỹ sư Việt Nam". Not a location ("in Vietnam", "tại Hà
// Lan"), a word inside an organization's or person's name, or a possessive ("Vietnam's
// National Innovation Center" names the centre). Each maps to the page's mention of it.
std::vector<int> EventExtractor::Impl::ActingCountries(
    const Analysis& a, std::string_view sentence, Span span, const Folded& folded,
    const std::vector<int>& in_sentence, const std::map<std::string, int>& country_mention) const {
  std::vector<int> out;
  if (country_mention.empty()) return out;
  for (const PhraseSet::Occurrence& o : country_phrases.FindAll(folded.text)) {
    const CountryWord& w = country_words[o.needle];
    if (!LangMatches(w.lang, a.lang)) continue;
    const auto it = country_mention.find(w.concept_id);
    if (it == country_mention.end()) continue;
    const size_t pos = o.pos;
    const size_t rel = folded.to_original[pos];
    const size_t rel_end = folded.to_original[pos + w.folded.size()];
    if (w.needs_capital) {
      int32_t k = static_cast<int32_t>(rel);
      UChar32 c = 0;
      U8_NEXT(sentence.data(), k, static_cast<int32_t>(sentence.size()), c);
      if (c < 0 || !u_isupper(c)) continue;
    }
    const Span at{span.begin + static_cast<uint32_t>(rel),
                  span.begin + static_cast<uint32_t>(rel_end)};
    const bool in_name = std::any_of(in_sentence.begin(), in_sentence.end(), [&](int i) {
      return a.mentions[i].kind != EntityKind::kPlace && a.mentions[i].span.Overlaps(at);
    });
    const std::string_view rest = sentence.substr(rel_end);
    const bool possessive = rest.starts_with("'s") || rest.starts_with("\u2019s");
    if (in_name || possessive || HasLocativeBefore(folded, pos)) continue;
    if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
  }
  return out;
}

std::optional<Modality> EventExtractor::Impl::CueBefore(const Folded& f, Span sentence,
                                                        uint32_t trigger_begin,
                                                        uint32_t trigger_end, Lang lang,
                                                        const std::vector<Span>& blocked) const {
  std::optional<Modality> found;
  // Occurrences come by cue, then position: a cue's occurrences after the trigger's start
  // are skipped once its first one there is seen.
  uint32_t past_trigger = UINT32_MAX;  // the cue whose remaining occurrences are skipped
  for (const PhraseSet::Occurrence& o : cue_words.FindAll(f.text)) {
    const CueRule& c = cues[o.needle];
    if (o.needle == past_trigger || !LangMatches(c.lang, lang)) continue;
    const size_t pos = o.pos;
    const Span span{sentence.begin + f.to_original[pos],
                    sentence.begin + f.to_original[pos + c.folded.size()]};
    if (span.begin >= trigger_begin) {
      // "The second dialogue will be held", "论坛将于...举办": a cue right after a noun
      // trigger marks it too.
      if (RightAfter(f, sentence, trigger_end, span.begin)) found = c.modality;
      past_trigger = o.needle;
      continue;
    }
    const bool in_name =
        std::any_of(blocked.begin(), blocked.end(), [&](Span b) { return b.Overlaps(span); });
    if (in_name) continue;
    if (!found || c.modality == Modality::kProposed) found = c.modality;
  }
  return found;
}

namespace {

// Settles one sentence's readings: one signing (the verb and its MoU noun are one act), one
// event per type, nothing after a proposal (its content) but a gathering framing it ("during a
// visit"), nothing an agreement covers, and
// a generic "cooperation with" only when nothing more specific is said.
std::vector<Hit> SelectHits(const std::vector<Hit>& hits) {
  std::vector<Hit> out;
  for (const Hit& h : hits) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Hit& k) {
      return k.type == h.type || (IsSigning(k.type) && IsSigning(h.type));
    });
    if (same == out.end()) {
      out.push_back(h);
    } else if (h.priority > same->priority) {
      same->type = h.type;
      same->priority = h.priority;
      same->span = h.span;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Hit& x, const Hit& y) { return x.span.begin < y.span.begin; });
  auto proposal = std::find_if(out.begin(), out.end(),
                               [](const Hit& h) { return h.type == EventType::kProposal; });
  if (proposal != out.end()) {
    out.erase(std::remove_if(proposal + 1, out.end(),
                             [](const Hit& h) { return !(h.framed && IsGathering(h.type)); }),
              out.end());
  }
  auto signing =
      std::find_if(out.begin(), out.end(), [](const Hit& h) { return IsSigning(h.type); });
  if (signing != out.end()) {
    const uint32_t after = signing->span.end;
    std::erase_if(out, [&](const Hit& h) { return h.span.begin >= after && IsContent(h.type); });
  }
  const bool specific =
      std::any_of(out.begin(), out.end(), [](const Hit& h) { return h.type != EventType::kOther; });
  if (specific) std::erase_if(out, [](const Hit& h) { return h.type == EventType::kOther; });
  return out;
}

// One sentence as the event builders read it.
struct SentenceView {
  int index = -1;
  const Sentence* sentence = nullptr;
  std::string_view text;
  Folded folded;
  std::vector<int> mentions;   // indices of the mentions inside it
  std::vector<int> countries;  // countries acting in it (EventExtractor::Impl::ActingCountries)
  uint32_t context_ref = UINT32_MAX;  // page offset of its first context reference (kContextRefs)
};

// What later sentences inherit from earlier ones.
struct Story {
  std::vector<Event> events;
  std::optional<core::Date> anchor;  // the running date
  bool anchor_is_visit = false;
  int last_visit_place = -1;

  // The running date follows meetings and signings; a visit's date (the whole trip) sets it
  // only while nothing more precise has.
  void Add(Event ev, bool own_date) {
    if (ev.date && ev.modality != Modality::kPlanned) {
      if (ev.type != EventType::kVisit) {
        anchor = ev.date;
        anchor_is_visit = false;
      } else if (own_date && !anchor) {
        // A later-reported trip span ("from 25 to 29") does not re-date the story's days.
        anchor = ev.date;
        anchor_is_visit = true;
      }
    }
    if (ev.type == EventType::kVisit && ev.place >= 0) last_visit_place = ev.place;
    events.push_back(std::move(ev));
  }
};

// A located place in the sentence (finest first), a visit's destination country, else the
// place of the paragraph's previous event or of the visit the story is about.
int FindPlace(const Analysis& a, const SentenceView& sv, const Hit& h, const Story& story) {
  const std::vector<Mention>& ms = a.mentions;
  const uint32_t base = sv.sentence->span.begin;
  int place = -1;
  for (int i : sv.mentions) {
    const Mention& m = ms[i];
    if (m.kind != EntityKind::kPlace || !HasLocativeBefore(sv.folded, m.span.begin - base)) {
      continue;
    }
    if (place < 0 || PlaceRank(m.place_type) < PlaceRank(ms[place].place_type)) place = i;
  }
  if (place < 0 && h.type == EventType::kVisit) {
    for (int i : sv.mentions) {
      if (ms[i].kind == EntityKind::kPlace && ms[i].span.begin > h.span.begin &&
          ms[i].place_type == PlaceType::kCountry) {
        place = i;
        break;
      }
    }
  }
  if (place < 0 && !story.events.empty() &&
      a.sentences[story.events.back().sentence].paragraph == sv.sentence->paragraph) {
    place = story.events.back().place;
  }
  if (place < 0 && h.type != EventType::kVisit) place = story.last_visit_place;
  return place >= 0 ? FullMention(ms, place) : -1;
}

// A person's title as a sentence may repeat it bare ("Bộ trưởng", "the deputy minister",
// "部长"): the first two or three words of a role (vi/en), its last two or three characters
// (zh). Views into `folded_title` (the role's title as Fold gives it).
std::vector<std::string_view> TitleHeads(std::string_view folded_title) {
  std::vector<std::string_view> out;
  const std::string_view t = folded_title;
  if (StartsWithHan(t)) {
    for (size_t chars : {2u, 3u}) {
      if (t.size() >= 3 * chars) out.push_back(t.substr(t.size() - 3 * chars));
    }
    return out;
  }
  for (size_t pos = t.find(' '), words = 2; pos != std::string_view::npos && words <= 3;
       pos = t.find(' ', pos + 1), ++words) {
    out.push_back(t.substr(0, pos));
  }
  if (std::count(t.begin(), t.end(), ' ') <= 2 && t.find(' ') != std::string_view::npos) {
    out.push_back(t);
  }
  return out;
}

// [mention][role]: each role title as Fold gives it. Folded once per document: every trigger
// looks back over the titles of up to 64 earlier persons (BareTitlePersons).
using FoldedTitles = std::vector<std::vector<std::string>>;

FoldedTitles FoldTitles(const std::vector<Mention>& ms) {
  FoldedTitles out(ms.size());
  for (size_t i = 0; i < ms.size(); ++i) {
    for (const Role& r : ms[i].roles) out[i].push_back(FoldString(r.title));
  }
  return out;
}

// Persons a sentence names by a bare title only ("Bộ trưởng làm việc với ...", "the deputy
// minister said"): for each such title outside any name or stated role, the latest person
// before the sentence who bears it.
std::vector<int> BareTitlePersons(const Analysis& a, const FoldedTitles& titles,
                                  const SentenceView& sv) {
  const std::vector<Mention>& ms = a.mentions;
  const uint32_t base = sv.sentence->span.begin;
  auto covered = [&](Span at) {
    return std::any_of(sv.mentions.begin(), sv.mentions.end(), [&](int i) {
      if (ms[i].span.Overlaps(at)) return true;
      return std::any_of(ms[i].roles.begin(), ms[i].roles.end(),
                         [&](const Role& r) { return r.span.Overlaps(at); });
    });
  };
  std::vector<int> out;
  const int first_in_sentence =
      sv.mentions.empty() ? static_cast<int>(ms.size()) : sv.mentions.front();
  for (int j = std::min<int>(first_in_sentence, static_cast<int>(ms.size())) - 1;
       j >= 0 && j >= first_in_sentence - 64; --j) {
    if (ms[j].kind != EntityKind::kPerson || ms[j].span.end > base) continue;
    const int person = Resolve(ms, j);
    if (ms[person].roles.empty()) continue;
    for (const std::string& title : titles[static_cast<size_t>(person)]) {
      for (std::string_view head : TitleHeads(title)) {
        ScanOccurrences(sv.folded.text, head, [&](size_t pos) {
          const Span at{base + sv.folded.to_original[pos],
                        base + sv.folded.to_original[pos + head.size()]};
          if (!covered(at)) AddParticipant(ms, person, &out);
          return false;
        });
      }
    }
  }
  return out;
}

// The parties the sentence names and the places acting in it, then parties carried over
// from the story when the sentence names only one side, then its countries.
std::vector<int> FindParticipants(const Analysis& a, const FoldedTitles& titles,
                                  const SentenceView& sv, const Hit& h, const Story& story,
                                  const std::vector<int>& headline) {
  const std::vector<Mention>& ms = a.mentions;
  std::vector<int> out;
  for (int i : sv.mentions) {
    if (IsParty(ms[i])) AddParticipant(ms, i, &out);
  }
  for (int i : sv.mentions) {
    const Mention& m = ms[i];
    if (m.kind != EntityKind::kPlace) continue;
    // A province or city before the trigger acts ("TP X đã hợp tác với ..."); the country a
    // visit goes to is one of its parties.
    const bool subject = m.span.end <= h.span.begin && m.place_type != PlaceType::kCountry;
    const bool destination = h.type == EventType::kVisit && m.place_type == PlaceType::kCountry;
    if (subject || destination || NamesTheSides(sv.text, sv.sentence->span, h, m)) {
      AddParticipant(ms, i, &out);
    }
  }
  for (int c : sv.countries) AddParticipant(ms, c, &out);
  for (int p : BareTitlePersons(a, titles, sv)) AddParticipant(ms, p, &out);
  if (CountParties(ms, out) < 2) {
    for (int p : ReferredParties(ms, sv.folded.text, story.events)) AddParticipant(ms, p, &out);
  }
  if (CountParties(ms, out) < 2 && ContainsAny<kDelegation>(sv.folded.text)) {
    for (auto it = story.events.rbegin(); it != story.events.rend(); ++it) {
      // A trip led by a named official; a province's study tours name no one to carry.
      const bool led = std::any_of(it->participants.begin(), it->participants.end(),
                                   [&](int p) { return ms[p].kind == EntityKind::kPerson; });
      if (it->type != EventType::kVisit || !led) continue;
      for (int p : it->participants) {
        if (IsParty(ms[p])) AddParticipant(ms, p, &out);
      }
      break;
    }
  }
  // "She proposed ...", "Thứ trưởng đề nghị ...": a proposal whose speaker is a pronoun or a
  // bare title was made by the person named last in the sentences just before.
  if (h.type == EventType::kProposal) {
    const bool speaker_named =
        std::any_of(sv.mentions.begin(), sv.mentions.end(),
                    [&](int i) {
                      return ms[i].kind == EntityKind::kPerson && ms[i].span.begin < h.span.begin &&
                             FullMention(ms, i) != i;
                    }) ||
        std::any_of(sv.mentions.begin(), sv.mentions.end(), [&](int i) {
          return ms[i].kind == EntityKind::kPerson && ms[i].span.begin < h.span.begin &&
                 ms[i].surface.find(' ') != std::string::npos;
        });
    if (!speaker_named) {
      for (int j = static_cast<int>(ms.size()) - 1; j >= 0; --j) {
        const Mention& m = ms[j];
        if (m.span.end > sv.sentence->span.begin || m.kind != EntityKind::kPerson) continue;
        if (m.sentence >= 0 && m.sentence < sv.index - 3) break;
        AddParticipant(ms, j, &out);
        break;
      }
    }
  }
  // "Tại buổi làm việc, ..." (no counterpart named here): the gathering's parties take part.
  const Event* gathering = LastGathering(story.events);
  if (gathering != nullptr && !h.needs_object) {
    if (sv.context_ref < h.span.begin) {
      for (int p : gathering->participants) AddParticipant(ms, p, &out);
    }
  }
  // Two sources at most: further back the story has moved on.
  int used = 0;
  for (const std::vector<int>& source :
       CarrySources(a, story.events, sv.index, !out.empty(), IsContent(h.type), headline)) {
    if (CountParties(ms, out) >= 2 || used == 2) break;
    if (source.empty()) continue;
    for (int p : source) AddParticipant(ms, p, &out);
    ++used;
  }
  if (CountParties(ms, out) < 2) {
    for (int i : sv.mentions) {
      const PlaceType t = ms[i].place_type;
      if (ms[i].kind == EntityKind::kPlace &&
          (t == PlaceType::kCountry || t == PlaceType::kRegion)) {
        AddParticipant(ms, i, &out);
      }
    }
  }
  return out;
}

std::vector<std::string> SentenceFields(const Analysis& a, Span sentence) {
  std::vector<std::string> out;
  for (const FieldMention& fm : a.field_mentions) {
    if (sentence.Contains(fm.span) && std::find(out.begin(), out.end(), fm.field) == out.end()) {
      out.push_back(fm.field);
    }
  }
  return out;
}

// "đoàn công tác ... tại Israel; mô hình ... tại Hàn Quốc và Singapore": each ';' clause
// after the trigger that names new partners is a separate visit or cooperation of the same
// subject. Returns the events, the trimmed original first.
std::vector<Event> SplitClauses(const Analysis& a, const SentenceView& sv, const Hit& h, Event ev) {
  if (h.type != EventType::kVisit && h.type != EventType::kOther) return {std::move(ev)};
  const std::vector<Mention>& ms = a.mentions;
  const uint32_t base = sv.sentence->span.begin;
  // Clause starts after the trigger, in page offsets.
  std::vector<uint32_t> cuts;
  for (size_t pos = h.span.end - base; pos < sv.text.size(); ++pos) {
    if (sv.text[pos] == ';') cuts.push_back(base + static_cast<uint32_t>(pos) + 1);
    if (sv.text.compare(pos, 3, "；") == 0) cuts.push_back(base + static_cast<uint32_t>(pos) + 3);
  }
  if (cuts.empty()) return {std::move(ev)};
  cuts.push_back(sv.sentence->span.end);
  auto partner = [&](const Mention& m) {
    return IsParty(m) ||
           (h.type == EventType::kVisit && m.kind == EntityKind::kPlace &&
            (m.place_type == PlaceType::kCountry || m.place_type == PlaceType::kRegion));
  };
  // The subject: participants not named only after the trigger.
  std::vector<int> subject;
  for (int p : ev.participants) {
    bool only_after = false;
    for (int i : sv.mentions) {
      if (FullMention(ms, i) != p) continue;
      only_after = ms[i].span.begin >= h.span.end;
      if (!only_after) break;
    }
    if (!only_after) subject.push_back(p);
  }
  std::vector<Event> out;
  std::vector<int> moved;
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    const Span clause{cuts[c], cuts[c + 1]};
    Event part = ev;
    part.participants = subject;
    size_t named = 0;
    for (int i : sv.mentions) {
      if (!clause.Contains(ms[i].span) || !partner(ms[i])) continue;
      const size_t before = part.participants.size();
      AddParticipant(ms, i, &part.participants);
      if (part.participants.size() > before) {
        ++named;
        moved.push_back(part.participants.back());
      }
    }
    if (named == 0) continue;
    part.place = -1;
    out.push_back(std::move(part));
  }
  std::erase_if(ev.participants,
                [&](int p) { return std::find(moved.begin(), moved.end(), p) != moved.end(); });
  out.insert(out.begin(), std::move(ev));
  return out;
}

// One gathering reported twice (lead + body) is one event: same type and modality,
// compatible dates, the same parties. A meeting with one of the lead's parties is a part of
// the story of its own ("与X举行工作会谈时").
bool IsRetelling(const std::vector<Mention>& ms, const std::vector<Event>& events,
                 const Event& ev) {
  if (!IsGathering(ev.type)) return false;
  // The same parties: the participants' identities are equal as multisets (SameIdentity is
  // an equivalence, so matching each one to any equal unused one decides it).
  auto same_parties = [&](const Event& o) {
    if (o.participants.size() != ev.participants.size()) return false;
    std::vector<bool> used(o.participants.size(), false);
    for (int p : ev.participants) {
      bool matched = false;
      for (size_t k = 0; k < o.participants.size() && !matched; ++k) {
        if (used[k] || !SameIdentity(ms[p], ms[o.participants[k]])) continue;
        used[k] = matched = true;
      }
      if (!matched) return false;
    }
    return true;
  };
  return std::any_of(events.begin(), events.end(), [&](const Event& o) {
    if (o.type != ev.type || o.modality != ev.modality) return false;
    if (o.date && ev.date && *o.date != *ev.date) return false;
    return same_parties(o);
  });
}

// Is one of `kWords` within a few words before `rel` (sentence-relative byte offset)?
template <const auto& kWords>
bool WordsBefore(const Folded& f, size_t rel) {
  size_t fpos = 0;
  while (fpos < f.text.size() && f.to_original[fpos] < rel) ++fpos;
  const size_t from = fpos > 24 ? fpos - 24 : 0;
  return ContainsAny<kWords>(std::string_view(f.text).substr(from, fpos - from));
}

// "The agreement was signed in the presence of ...", "Lễ ký kết diễn ra ...": a bare
// signing word (no "signed a memorandum" phrase) in a story that already reported a signing,
// with no organization the story's signings did not have, retells that signing.
bool RetellsSigning(const std::vector<Mention>& ms, const std::vector<int>& in_sentence,
                    const std::vector<Event>& events, const Hit& h) {
  if (!IsSigning(h.type) || h.priority >= 90) return false;
  std::vector<std::string> signed_keys;
  for (const Event& e : events) {
    if (!IsSigning(e.type)) continue;
    for (int p : e.participants) signed_keys.push_back(IdentityKey(ms[p]));
  }
  if (signed_keys.empty()) return false;
  // A new signing names its two parties; a retelling names at most one of them.
  const auto orgs = std::count_if(in_sentence.begin(), in_sentence.end(),
                                  [&](int i) { return ms[i].kind == EntityKind::kOrganization; });
  return orgs < 2 || std::none_of(in_sentence.begin(), in_sentence.end(), [&](int i) {
           if (ms[i].kind != EntityKind::kOrganization) return false;
           const std::string key = IdentityKey(ms[FullMention(ms, i)]);
           return std::find(signed_keys.begin(), signed_keys.end(), key) == signed_keys.end();
         });
}

// Body sentences first; the headline only for a page whose body reports nothing (-1 marks
// the switch).
std::vector<int> SentenceOrder(const std::vector<Sentence>& sentences) {
  std::vector<int> order;
  for (int si = 0; si < static_cast<int>(sentences.size()); ++si) {
    if (sentences[si].paragraph >= 0) order.push_back(si);
  }
  order.push_back(-1);
  for (int si = 0; si < static_cast<int>(sentences.size()); ++si) {
    if (sentences[si].paragraph < 0) order.push_back(si);
  }
  return order;
}

}  // namespace

void EventExtractor::Impl::Run(std::string_view page, std::optional<core::Date> published,
                               Analysis* a) const {
  const std::vector<Mention>& ms = a->mentions;
  const int fallback_year = published ? 0 : DominantYear(page, a->sentences);

  // Spans where a trigger word is part of a name or a title.
  std::vector<Span> names;
  for (const Mention& m : ms) {
    if (m.kind == EntityKind::kPlace) continue;
    names.push_back(m.span);
    for (const Role& r : m.roles) {
      if (!r.span.empty()) names.push_back(r.span);
    }
  }
  // Headline parties: the last resort for a sentence that names only one side.
  std::vector<int> headline;
  for (int i = 0; i < static_cast<int>(ms.size()); ++i) {
    const int si = ms[i].sentence;
    if (si >= 0 && si < static_cast<int>(a->sentences.size()) && a->sentences[si].paragraph < 0 &&
        IsParty(ms[i])) {
      AddParticipant(ms, i, &headline);
    }
  }

  const std::map<std::string, int> country_mention = CountryMentions(ms);
  const FoldedTitles titles = FoldTitles(ms);
  Story story;
  for (int si : SentenceOrder(a->sentences)) {
    if (si < 0) {
      if (!story.events.empty()) break;
      continue;
    }
    SentenceView sv;
    sv.index = si;
    sv.sentence = &a->sentences[si];
    const Span span = sv.sentence->span;
    sv.text = span.Of(page);
    sv.folded = Fold(sv.text);
    std::vector<Hit> hits = FindHits(sv.folded, span, a->lang, names);
    if (hits.empty()) continue;
    for (int i = 0; i < static_cast<int>(ms.size()); ++i) {
      if (span.Contains(ms[i].span)) sv.mentions.push_back(i);
    }
    sv.countries = ActingCountries(*a, sv.text, span, sv.folded, sv.mentions, country_mention);
    std::erase_if(hits,
                  [&](const Hit& h) { return RetellsSigning(ms, sv.mentions, story.events, h); });
    std::erase_if(hits, [&](const Hit& h) {
      const bool reported = std::any_of(story.events.begin(), story.events.end(),
                                        [&](const Event& e) { return e.type == h.type; });
      return reported && IsGathering(h.type) &&
             WordsBefore<kAttend>(sv.folded, h.span.begin - span.begin);
    });
    for (Hit& h : hits) h.framed = WordsBefore<kFrames>(sv.folded, h.span.begin - span.begin);
    std::erase_if(hits, [&](const Hit& h) {
      return h.type == EventType::kProposal &&
             WordsBefore<kResponses>(sv.folded, h.span.begin - span.begin);
    });
    // "Hội thảo thu hút 500 đại biểu", "The dialogue was co-chaired by ...": a gathering word
    // opening an undated sentence, of a type the story reported, is that gathering again
    // (not a trip: a story lists many).
    std::erase_if(hits, [&](const Hit& h) {
      const bool opens = h.span.begin - span.begin <= 4;  // "The ", "Le "
      return opens && IsGathering(h.type) && h.type != EventType::kVisit &&
             std::any_of(story.events.begin(), story.events.end(),
                         [&](const Event& e) { return e.type == h.type; }) &&
             !SentenceDate(sv.text, sv.folded.text, 0, published, fallback_year).start.has_value();
    });
    // "论坛筹备工作会议" (the forum's preparatory meeting): in a Chinese compound of two
    // gathering words, the last is the head; the first only says what it is about.
    std::vector<uint32_t> modifiers;  // trigger starts
    for (const Hit& h : hits) {
      for (const Hit& k : hits) {
        if (IsGathering(h.type) && IsGathering(k.type) && k.type != h.type &&
            k.span.begin >= h.span.end &&
            IsHanCompound(page.substr(h.span.end, k.span.begin - h.span.end))) {
          modifiers.push_back(h.span.begin);
        }
      }
    }
    std::erase_if(hits, [&](const Hit& h) {
      return std::find(modifiers.begin(), modifiers.end(), h.span.begin) != modifiers.end();
    });
    // "Đoàn công tác đã làm việc với X": the delegation is the subject of the meeting, not a
    // visit of its own.
    const bool other_gathering = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
      return IsGathering(h.type) && !IsDelegationWord(page, h);
    });
    std::erase_if(hits, [&](const Hit& h) { return other_gathering && IsDelegationWord(page, h); });
    hits = SelectHits(hits);
    // "Hai bên nhất trí ...", "The two sides agreed to ...": a generic act with no counterpart
    // word is the outcome of the gathering reported, unless the sentence names two parties.
    std::vector<int> named;
    for (int i : sv.mentions) {
      if (IsParty(ms[i])) AddParticipant(ms, i, &named);
    }
    std::erase_if(hits, [&](const Hit& h) {
      return h.type == EventType::kOther && !h.needs_object && named.size() < 2;
    });
    // Hopes are not events, nor the topics of a meeting; "làm việc với" needs a named
    // counterpart.
    const uint32_t wish = FirstOf(sv.folded, span, Phrases<kWishes>());
    sv.context_ref = FirstOf(sv.folded, span, Phrases<kContextRefs>());
    const uint32_t topic =
        std::min(FirstOf(sv.folded, span, Phrases<kTopicCues>()), sv.context_ref);
    std::erase_if(hits, [&](const Hit& h) {
      return (h.span.begin > wish && h.type != EventType::kProposal) ||
             (h.span.begin > topic && IsContent(h.type)) || !HasObject(ms, sv.mentions, h);
    });
    if (hits.empty()) continue;
    const bool same_day = ContainsAny<kSameDay>(sv.folded.text);
    // "Earlier in the day" stays on the story's day.
    if (!same_day && StartsWithAny(sv.folded.text, kFlashback)) story.anchor.reset();

    for (const Hit& h : hits) {
      Event ev;
      ev.type = h.type;
      ev.sentence = si;
      ev.evidence = span;
      ev.trigger = h.span;
      if (h.type == EventType::kProposal) {
        ev.modality = Modality::kProposed;
      } else if (auto m = CueBefore(sv.folded, span, h.span.begin, h.span.end, a->lang, names)) {
        ev.modality = *m;
      }
      ev.place = FindPlace(*a, sv, h, story);
      ev.participants = FindParticipants(*a, titles, sv, h, story, headline);
      if (ev.participants.empty()) continue;
      // Date: the sentence's own, "the same day", else the running date of the story.
      const EventDate d = SentenceDate(sv.text, sv.folded.text, h.span.begin - span.begin,
                                       published, fallback_year, ev.modality == Modality::kPlanned);
      if (d.start) {
        ev.date = d.start;
        ev.end_date = d.end;
      } else if (same_day &&
                 (story.anchor || (!story.events.empty() && story.events.back().date))) {
        // The story's running day: a trip's span reported in between does not move it.
        ev.date = story.anchor ? story.anchor : story.events.back().date;
      } else if (ev.modality != Modality::kPlanned) {
        ev.date = story.anchor;
      }
      ev.fields = SentenceFields(*a, span);
      for (Event& part : SplitClauses(*a, sv, h, std::move(ev))) {
        if (part.participants.empty() || IsRetelling(ms, story.events, part)) continue;
        story.Add(std::move(part), d.start.has_value());
      }
    }
  }
  a->events = std::move(story.events);
}

EventExtractor::EventExtractor(const Lexicons& lexicons) : impl_(std::make_unique<Impl>()) {
  for (const TriggerEntry& t : lexicons.triggers) {
    const std::optional<EventType> type = EventTypeFromName(t.type);
    if (!type || t.trigger.empty()) continue;
    std::string folded = FoldString(t.trigger);
    const bool needs_object = folded.ends_with(" với") || folded.ends_with(" with");
    // Receiving is a meeting only with a named guest ("received funding" is not).
    const bool needs_person = folded == "tiếp" || folded == "received" || folded == "receives";
    const bool needs_addressee = ContainsAny<kWishes>(folded);
    impl_->triggers.push_back({*type, t.lang, std::move(folded), t.priority, needs_object,
                               needs_person, needs_addressee});
  }
  // Country concepts: name_words concepts with a word that is a country's name.
  std::map<std::string, bool> country_names;
  for (const PlaceEntry& p : lexicons.places) {
    if (p.type == "country") country_names.emplace(FoldString(p.name), true);
  }
  std::map<std::string, bool> country_concepts;
  for (const NameWord& w : lexicons.name_words) {
    if (country_names.contains(FoldString(w.word))) country_concepts.emplace(w.concept_id, true);
  }
  for (const NameWord& w : lexicons.name_words) {
    if (!country_concepts.contains(w.concept_id) || w.word.empty()) continue;
    std::string folded = FoldString(w.word);
    const bool han = StartsWithHan(folded);
    impl_->country_words.push_back({folded, w.lang, w.concept_id, !han});
    // "越方", "中方", "澳方": the first character of a Chinese country name with 方 (side).
    if (han && w.lang == Lang::kZh && folded.size() >= 6) {
      int32_t k = 0;
      UChar32 c = 0;
      U8_NEXT(folded.data(), k, static_cast<int32_t>(folded.size()), c);
      const std::string side = folded.substr(0, static_cast<size_t>(k)) + "方";
      if (!ContainsAny<kGenericSides>(side)) {
        impl_->country_words.push_back({side, Lang::kZh, w.concept_id, false});
      }
    }
  }
  for (const ModalityCue& c : lexicons.modality_cues) {
    if (c.cue.empty()) continue;
    if (c.modality == "planned") {
      impl_->cues.push_back({Modality::kPlanned, c.lang, FoldString(c.cue)});
    } else if (c.modality == "proposed") {
      impl_->cues.push_back({Modality::kProposed, c.lang, FoldString(c.cue)});
    }
  }
  impl_->IndexWords();
}

void EventExtractor::Impl::IndexWords() {
  for (const char* w : kBlockers) hit_words.Add(w);
  for (const char* w : kAgreementRefs) hit_words.Add(w);
  first_context_ref = static_cast<uint32_t>(hit_words.size());
  for (const char* w : kContextRefs) hit_words.Add(w);
  first_trigger = static_cast<uint32_t>(hit_words.size());
  for (const TriggerRule& r : triggers) hit_words.Add(r.folded);
  for (const CueRule& c : cues) cue_words.Add(c.folded);
  for (const CountryWord& w : country_words) country_phrases.Add(w.folded);
}

EventExtractor::~EventExtractor() = default;

void EventExtractor::Extract(std::string_view page_text, std::optional<core::Date> published,
                             Analysis* analysis) const {
  if (analysis == nullptr) return;
  analysis->events.clear();
  // Spans that do not fit the page would make every offset below meaningless.
  for (const Sentence& s : analysis->sentences) {
    if (s.span.end > page_text.size() || s.span.begin > s.span.end) return;
  }
  for (const Mention& m : analysis->mentions) {
    if (m.span.end > page_text.size() || m.span.begin > m.span.end) return;
  }
  impl_->Run(page_text, published, analysis);
}

}  // namespace ketnoi::extract
