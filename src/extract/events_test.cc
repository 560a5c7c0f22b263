#include "extract/events.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ketnoi::extract {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// Reads the shipped trigger and modality tables directly, so these tests do not depend on
// the lexicon loader.
std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

const Lexicons& TestLexicons() {
  static const Lexicons* lex = [] {
    auto* l = new Lexicons;
    const std::string dir = std::string(KETNOI_SOURCE_DIR) + "/data/";
    for (const auto& r : ReadTsv(dir + "event_triggers.tsv")) {
      if (r.size() != 4) continue;
      l->triggers.push_back({r[0], core::LangFromCode(r[1]), r[2], std::stoi(r[3])});
    }
    for (const auto& r : ReadTsv(dir + "modality.tsv")) {
      if (r.size() != 3) continue;
      l->modality_cues.push_back({r[0], core::LangFromCode(r[1]), r[2]});
    }
    // Two countries' words, as data/name_words.tsv and the place lexicon give them.
    l->places = {{"VN", "country", "Vietnam", core::Lang::kEn, "Vietnam"},
                 {"JP", "country", "Japan", core::Lang::kEn, "Japan"}};
    l->name_words = {
        {"vietnam", core::Lang::kEn, "Vietnam"},  {"vietnam", core::Lang::kEn, "Vietnamese"},
        {"vietnam", core::Lang::kVi, "Việt Nam"}, {"vietnam", core::Lang::kZh, "越南"},
        {"japan", core::Lang::kEn, "Japan"},      {"japan", core::Lang::kEn, "Japanese"},
        {"national", core::Lang::kEn, "National"}};
    return l;
  }();
  return *lex;
}

// Builds a document sentence by sentence, with mentions located by their surface.
class Doc {
 public:
  explicit Doc(core::Lang lang) { a_.lang = lang; }

  // Appends a sentence (paragraph -1 is the title) and returns its index.
  int Sentence(const std::string& s, int paragraph) {
    if (!text_.empty()) text_ += "\n";
    const auto begin = static_cast<uint32_t>(text_.size());
    text_ += s;
    a_.sentences.push_back({{begin, static_cast<uint32_t>(text_.size())}, paragraph});
    return static_cast<int>(a_.sentences.size()) - 1;
  }

  // Adds a mention of the n-th occurrence of `surface` in sentence `si`.
  int Mention(int si, const std::string& surface, EntityKind kind,
              PlaceType place = PlaceType::kNone, int antecedent = -1, int nth = 0) {
    const core::Span s = a_.sentences[si].span;
    size_t pos = text_.find(surface, s.begin);
    for (int k = 0; k < nth; ++k) pos = text_.find(surface, pos + 1);
    EXPECT_NE(pos, std::string::npos) << surface;
    extract::Mention m;
    m.kind = kind;
    m.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + surface.size())};
    m.surface = surface;
    m.canonical = surface;
    m.place_type = place;
    m.sentence = si;
    m.antecedent = antecedent;
    a_.mentions.push_back(m);
    return static_cast<int>(a_.mentions.size()) - 1;
  }

  // Gives person `mention` the role `title`, found in the mention's sentence.
  void AddRole(int mention, const std::string& title) {
    const core::Span s = a_.sentences[a_.mentions[mention].sentence].span;
    const size_t pos = text_.find(title, s.begin);
    EXPECT_NE(pos, std::string::npos) << title;
    a_.mentions[mention].roles.push_back(
        {title, {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + title.size())}});
  }

  void Field(int si, const std::string& surface, const std::string& field) {
    const size_t pos = text_.find(surface, a_.sentences[si].span.begin);
    a_.field_mentions.push_back(
        {field, {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + surface.size())}, si});
  }

  const Analysis& Run(std::optional<core::Date> published) {
    EventExtractor(TestLexicons()).Extract(text_, published, &a_);
    return a_;
  }

  std::string Surface(int mention) const { return a_.mentions[mention].surface; }
  std::string Trigger(const Event& e) const { return std::string(e.trigger.Of(text_)); }

 private:
  std::string text_;
  Analysis a_;
};

std::vector<std::string> Names(const Doc& d, const Event& e) {
  std::vector<std::string> out;
  for (int p : e.participants) out.push_back(d.Surface(p));
  return out;
}

constexpr core::Date kPublished{2024, 3, 10};

TEST(EventExtractorTest, MouSigningBeatsBareSignVerb) {
  Doc d(core::Lang::kVi);
  const int s = d.Sentence(
      "Ngày 5/3, Trường Đại học Hà Giang và Công ty Sao Mai đã ký biên bản ghi nhớ về hợp tác "
      "đào tạo kỹ sư.",
      0);
  d.Mention(s, "Trường Đại học Hà Giang", EntityKind::kOrganization);
  d.Mention(s, "Công ty Sao Mai", EntityKind::kOrganization);
  d.Field(s, "kỹ sư", "human_resources");
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  const Event& e = a.events[0];
  EXPECT_EQ(e.type, EventType::kMouSigned);
  EXPECT_EQ(d.Trigger(e), "ký biên bản ghi nhớ");
  EXPECT_THAT(Names(d, e), ElementsAre("Trường Đại học Hà Giang", "Công ty Sao Mai"));
  ASSERT_TRUE(e.date.has_value());
  EXPECT_EQ(e.date->ToIso(), "2024-03-05");
  EXPECT_EQ(e.modality, Modality::kReported);
  EXPECT_THAT(e.fields, ElementsAre("human_resources"));
  EXPECT_EQ(e.sentence, s);
  EXPECT_EQ(e.evidence, a.sentences[s].span);
}

TEST(EventExtractorTest, ChineseMeetingThenSameDaySigning) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("2月20日,甲研究中心与乙大学举行工作会谈。", 0);
  d.Mention(s0, "甲研究中心", EntityKind::kOrganization);
  d.Mention(s0, "乙大学", EntityKind::kOrganization);
  const int s1 = d.Sentence("同日,甲研究中心和丙集团签署了合作备忘录。", 1);
  d.Mention(s1, "甲研究中心", EntityKind::kOrganization, PlaceType::kNone, 0);
  d.Mention(s1, "丙集团", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("甲研究中心", "乙大学"));
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2024-02-20");
  EXPECT_EQ(a.events[1].type, EventType::kMouSigned);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("甲研究中心", "丙集团"));
  ASSERT_TRUE(a.events[1].date.has_value());
  EXPECT_EQ(a.events[1].date->ToIso(), "2024-02-20");
}

TEST(EventExtractorTest, ProposalUsesAntecedentAndCarriesParties) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Chiều 8/3, Bộ trưởng Lê Văn Nam đã tới thăm và làm việc với Viện Quang học tại "
      "TP Lyon, Pháp.",
      0);
  const int nam = d.Mention(s0, "Lê Văn Nam", EntityKind::kPerson);
  d.Mention(s0, "Viện Quang học", EntityKind::kOrganization);
  const int lyon = d.Mention(s0, "TP Lyon", EntityKind::kPlace, PlaceType::kCity);
  d.Mention(s0, "Pháp", EntityKind::kPlace, PlaceType::kCountry);
  const int s1 = d.Sentence("Bộ trưởng đề nghị Viện Quang học mở rộng đào tạo tiến sĩ.", 1);
  d.Mention(s1, "Bộ trưởng", EntityKind::kPerson, PlaceType::kNone, nam);
  d.Mention(s1, "Viện Quang học", EntityKind::kOrganization);
  const int s2 = d.Sentence("Bộ trưởng cũng đề nghị hai bên sớm hợp tác về vật liệu mới.", 2);
  d.Mention(s2, "Bộ trưởng", EntityKind::kPerson, PlaceType::kNone, nam);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[0].type, EventType::kVisit);
  EXPECT_EQ(a.events[0].place, lyon);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("Lê Văn Nam", "Viện Quang học", "Pháp"));
  // The proposal's content (training) is not a separate event.
  EXPECT_EQ(a.events[1].type, EventType::kProposal);
  EXPECT_EQ(a.events[1].modality, Modality::kProposed);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Lê Văn Nam", "Viện Quang học"));
  ASSERT_TRUE(a.events[1].date.has_value());
  EXPECT_EQ(a.events[1].date->ToIso(), "2024-03-08");
  EXPECT_EQ(a.events[1].place, lyon);
  // Only one side named: the others are carried from the visit the story is about.
  EXPECT_EQ(a.events[2].type, EventType::kProposal);
  EXPECT_THAT(Names(d, a.events[2]), UnorderedElementsAre("Lê Văn Nam", "Viện Quang học", "Pháp"));
}

TEST(EventExtractorTest, PlannedForumInEnglish) {
  Doc d(core::Lang::kEn);
  const int s0 =
      d.Sentence("On March 2, 2024, the Alpha Institute met the Beta Agency in Hanoi.", 0);
  d.Mention(s0, "Alpha Institute", EntityKind::kOrganization);
  d.Mention(s0, "Beta Agency", EntityKind::kOrganization);
  d.Mention(s0, "Hanoi", EntityKind::kPlace, PlaceType::kCity);
  const int s1 = d.Sentence("Both sides will hold a joint forum in Osaka next year.", 1);
  const int osaka = d.Mention(s1, "Osaka", EntityKind::kPlace, PlaceType::kCity);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_EQ(a.events[0].date->ToIso(), "2024-03-02");
  EXPECT_EQ(a.events[1].type, EventType::kConference);
  EXPECT_EQ(a.events[1].modality, Modality::kPlanned);
  EXPECT_EQ(a.events[1].place, osaka);
  EXPECT_FALSE(a.events[1].date.has_value());  // a plan does not inherit the meeting date
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Alpha Institute", "Beta Agency"));
}

TEST(EventExtractorTest, EnglishVisitSigningAndSameDayMeeting) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence(
      "During his official visit to Norway on 12 May 2024, Minister Tran Hoa witnessed the "
      "Delta University and the Nordic Grid Company signing a memorandum of understanding on "
      "smart grids.",
      0);
  d.Mention(s0, "Norway", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s0, "Tran Hoa", EntityKind::kPerson);
  d.Mention(s0, "Delta University", EntityKind::kOrganization);
  d.Mention(s0, "Nordic Grid Company", EntityKind::kOrganization);
  const int s1 = d.Sentence("On the same day, he met the Oslo Science Park board.", 1);
  d.Mention(s1, "Oslo Science Park", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[0].type, EventType::kVisit);
  EXPECT_THAT(Names(d, a.events[0]), ::testing::Contains("Norway"));
  EXPECT_EQ(a.events[1].type, EventType::kMouSigned);
  EXPECT_THAT(Names(d, a.events[1]),
              ::testing::IsSupersetOf({"Delta University", "Nordic Grid Company"}));
  EXPECT_EQ(a.events[2].type, EventType::kMeeting);
  ASSERT_TRUE(a.events[2].date.has_value());
  EXPECT_EQ(a.events[2].date->ToIso(), "2024-05-12");
  EXPECT_THAT(Names(d, a.events[2]), ::testing::Contains("Oslo Science Park"));
}

TEST(EventExtractorTest, GenericCounterpartOrWishIsNoEvent) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Bộ trưởng Lê Văn Nam đã làm việc với các doanh nghiệp công nghệ hàng đầu khu vực.", 0);
  d.Mention(s0, "Lê Văn Nam", EntityKind::kPerson);
  const int s1 = d.Sentence("Công ty Gamma mong muốn sớm mở chương trình đào tạo tại Huế.", 1);
  d.Mention(s1, "Công ty Gamma", EntityKind::kOrganization);
  d.Mention(s1, "Huế", EntityKind::kPlace, PlaceType::kCity);
  EXPECT_TRUE(d.Run(kPublished).events.empty());
}

TEST(EventExtractorTest, SemicolonClausesNameSeparateVisits) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Tỉnh Gia Lai đã tổ chức đoàn công tác đi học tập về nông nghiệp tại Israel; mô hình "
      "năng lượng sạch tại Đan Mạch và Na Uy.",
      0);
  d.Mention(s0, "Tỉnh Gia Lai", EntityKind::kPlace, PlaceType::kRegion);
  d.Mention(s0, "Israel", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s0, "Đan Mạch", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s0, "Na Uy", EntityKind::kPlace, PlaceType::kCountry);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kVisit);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("Tỉnh Gia Lai", "Israel"));
  EXPECT_EQ(a.events[1].type, EventType::kVisit);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Tỉnh Gia Lai", "Đan Mạch", "Na Uy"));
}

TEST(EventExtractorTest, AtTheMeetingBringsTheMeetingParties) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("3月1日,甲部长与乙研究所举行工作会谈。", 0);
  d.Mention(s0, "甲部长", EntityKind::kPerson);
  d.Mention(s0, "乙研究所", EntityKind::kOrganization);
  const int s1 = d.Sentence("会谈中,丙协会代表和丁基金会代表提议扩大交流。", 1);
  d.Mention(s1, "丙协会", EntityKind::kOrganization);
  d.Mention(s1, "丁基金会", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[1].type, EventType::kProposal);
  EXPECT_THAT(Names(d, a.events[1]),
              UnorderedElementsAre("丙协会", "丁基金会", "甲部长", "乙研究所"));
  ASSERT_TRUE(a.events[1].date.has_value());
  EXPECT_EQ(a.events[1].date->ToIso(), "2024-03-01");
}

TEST(EventExtractorTest, PreviousSentenceActorsCompleteOneSidedSentence) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Năm qua, TP Đà Nẵng đã đẩy mạnh kết nối doanh nghiệp.", 0);
  d.Mention(s0, "TP Đà Nẵng", EntityKind::kPlace, PlaceType::kCity);
  const int s1 = d.Sentence("Trong đó có hội thảo với Hiệp hội Omega.", 0);
  d.Mention(s1, "Hiệp hội Omega", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kConference);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("Hiệp hội Omega", "TP Đà Nẵng"));
}

TEST(EventExtractorTest, ReceivingNeedsANamedGuest) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence("The Kappa Institute received funding from the Sigma Fund.", 0);
  d.Mention(s0, "Kappa Institute", EntityKind::kOrganization);
  d.Mention(s0, "Sigma Fund", EntityKind::kOrganization);
  const int s1 = d.Sentence("Director Mai Lan received Ambassador Erik Holm on May 6.", 1);
  d.Mention(s1, "Mai Lan", EntityKind::kPerson);
  d.Mention(s1, "Erik Holm", EntityKind::kPerson);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_EQ(a.events[0].sentence, s1);
}

TEST(EventExtractorTest, MeetingTopicsAreNotEvents) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Sáng 4/3, Thứ trưởng Vũ Hà đã tiếp ông Karl Berg tại Hà Nội.", 0);
  d.Mention(s0, "Vũ Hà", EntityKind::kPerson);
  d.Mention(s0, "Karl Berg", EntityKind::kPerson);
  d.Mention(s0, "Hà Nội", EntityKind::kPlace, PlaceType::kCity);
  const int s1 = d.Sentence(
      "Tại buổi tiếp, hai bên trao đổi về chương trình đào tạo và hợp tác với Viện Delta.", 1);
  d.Mention(s1, "Viện Delta", EntityKind::kOrganization);
  const int s2 = d.Sentence("Bộ đã tiếp tục làm việc với Viện Delta.", 2);
  d.Mention(s2, "Viện Delta", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_EQ(d.Trigger(a.events[0]), "đã tiếp");
  // "đã tiếp tục" is not "đã tiếp": only "làm việc với" makes the second meeting.
  EXPECT_EQ(a.events[1].type, EventType::kMeeting);
  EXPECT_EQ(a.events[1].sentence, s2);
  EXPECT_EQ(d.Trigger(a.events[1]), "làm việc với");
}

TEST(EventExtractorTest, DatelineDoesNotDateTheEvent) {
  Doc d(core::Lang::kEn);
  const int s0 =
      d.Sentence("HANOI, March 8 (VNA) - Rector Tran Binh met Professor Ana Ruiz on March 6.", 0);
  d.Mention(s0, "Tran Binh", EntityKind::kPerson);
  d.Mention(s0, "Ana Ruiz", EntityKind::kPerson);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2024-03-06");
}

TEST(EventExtractorTest, DateRangeGivesStartAndEnd) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("甲部长率团于2月18日至21日对丁国进行工作访问。", 0);
  d.Mention(s0, "甲部长", EntityKind::kPerson);
  const int country = d.Mention(s0, "丁国", EntityKind::kPlace, PlaceType::kCountry);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  const Event& e = a.events[0];
  EXPECT_EQ(e.type, EventType::kVisit);
  EXPECT_EQ(e.place, country);
  EXPECT_THAT(Names(d, e), ElementsAre("甲部长", "丁国"));
  ASSERT_TRUE(e.date && e.end_date);
  EXPECT_EQ(e.date->ToIso(), "2024-02-18");
  EXPECT_EQ(e.end_date->ToIso(), "2024-02-21");
}

TEST(EventExtractorTest, WeekdayResolvesAgainstPublicationDate) {
  Doc d(core::Lang::kEn);
  // 2024-03-10 is a Sunday: "on Thursday" is 2024-03-07.
  const int s0 = d.Sentence(
      "PARIS, March 9 - Orion Labs and the Delta Institute on Thursday signed an agreement on "
      "battery research.",
      0);
  d.Mention(s0, "Orion Labs", EntityKind::kOrganization);
  d.Mention(s0, "Delta Institute", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2024-03-07");
}

TEST(EventExtractorTest, TwoDaysJoinedByAndStartOnTheFirst) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Trong hai ngày 6 và 7/3, Viện Hải Đăng phối hợp với Đại học Lam Sơn tổ chức hội thảo về "
      "vật liệu mới.",
      0);
  d.Mention(s0, "Viện Hải Đăng", EntityKind::kOrganization);
  d.Mention(s0, "Đại học Lam Sơn", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_FALSE(a.events.empty());
  const Event& e = a.events[0];
  EXPECT_EQ(e.type, EventType::kConference);
  ASSERT_TRUE(e.date && e.end_date);
  EXPECT_EQ(e.date->ToIso(), "2024-03-06");
  EXPECT_EQ(e.end_date->ToIso(), "2024-03-07");
}

TEST(EventExtractorTest, RetoldSigningAndItsContentAreNotNewSignings) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence(
      "On March 4, Orion Labs and the Delta Institute signed a memorandum of understanding.", 0);
  d.Mention(s0, "Orion Labs", EntityKind::kOrganization);
  d.Mention(s0, "Delta Institute", EntityKind::kOrganization);
  const int s1 =
      d.Sentence("The memorandum was signed in the presence of the Ministry of Industry.", 0);
  d.Mention(s1, "Ministry of Industry", EntityKind::kOrganization);
  const int s2 = d.Sentence(
      "Under the memorandum, the two sides will run a training programme for engineers.", 1);
  (void)s2;
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kMouSigned);
  EXPECT_EQ(a.events[1].type, EventType::kTrainingProgram);
  EXPECT_EQ(a.events[1].sentence, s2);
}

TEST(EventExtractorTest, PronounProposalTakesTheLastNamedPerson) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence("Minister Tran Binh received a delegation of the Delta Institute.", 0);
  d.Mention(s0, "Tran Binh", EntityKind::kPerson);
  d.Mention(s0, "Delta Institute", EntityKind::kOrganization);
  const int s1 = d.Sentence("She proposed that the Orion Fund support young researchers.", 1);
  d.Mention(s1, "Orion Fund", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[1].type, EventType::kProposal);
  EXPECT_THAT(Names(d, a.events[1]), ::testing::IsSupersetOf({"Orion Fund", "Tran Binh"}));
}

TEST(EventExtractorTest, NoEventFromNamesOrFalseFriends) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Bộ Kế hoạch và Đầu tư tiếp tục hướng dẫn doanh nghiệp đăng ký.", 0);
  d.Mention(s0, "Bộ Kế hoạch và Đầu tư", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  EXPECT_TRUE(a.events.empty());
}

TEST(EventExtractorTest, HeadlineCountsOnlyWhenTheBodyIsSilent) {
  Doc d(core::Lang::kVi);
  const int t = d.Sentence("Viện Alpha ký biên bản ghi nhớ với Công ty Beta", -1);
  d.Mention(t, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(t, "Công ty Beta", EntityKind::kOrganization);
  d.Sentence("Văn bản có hiệu lực trong năm năm.", 0);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMouSigned);
  EXPECT_EQ(a.events[0].sentence, t);
}

TEST(EventExtractorTest, NoHeadlineEventWhenTheBodyReportsIt) {
  Doc d(core::Lang::kVi);
  const int t = d.Sentence("Viện Alpha ký biên bản ghi nhớ với Công ty Beta", -1);
  d.Mention(t, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(t, "Công ty Beta", EntityKind::kOrganization);
  const int s0 = d.Sentence("Hôm qua, Viện Alpha và Công ty Beta đã ký biên bản ghi nhớ.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(s0, "Công ty Beta", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].sentence, s0);
}

TEST(EventExtractorTest, YearFromTextWhenNoPublicationDate) {
  Doc d(core::Lang::kZh);
  d.Sentence("2021年以来,两国合作不断深化。", 0);
  const int s1 = d.Sentence("3月4日,甲中心与乙公司签署协议。", 1);
  d.Mention(s1, "甲中心", EntityKind::kOrganization);
  d.Mention(s1, "乙公司", EntityKind::kOrganization);
  const Analysis& a = d.Run(std::nullopt);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kAgreementSigned);
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2021-03-04");
}

TEST(EventExtractorTest, CyclicAndDanglingAntecedentsAreHarmless) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Viện Alpha và Viện Beta đã ký kết thỏa thuận hợp tác.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization, PlaceType::kNone, 1);
  d.Mention(s0, "Viện Beta", EntityKind::kOrganization, PlaceType::kNone, 0);
  d.Mention(s0, "thỏa thuận", EntityKind::kOrganization, PlaceType::kNone, 99);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kAgreementSigned);
}

TEST(EventExtractorTest, LongPageStaysFast) {
  Doc d(core::Lang::kVi);
  for (int i = 0; i < 3000; ++i) {
    const int s = d.Sentence("Ngày 3/2, Viện Alpha làm việc với Trường Beta và ông Lê Văn An.", i);
    d.Mention(s, "Viện Alpha", EntityKind::kOrganization);
    d.Mention(s, "Trường Beta", EntityKind::kOrganization);
    d.Mention(s, "Lê Văn An", EntityKind::kPerson);
  }
  const auto start = std::chrono::steady_clock::now();
  const Analysis& a = d.Run(kPublished);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_EQ(a.events.size(), 1u);  // the same meeting retold
  EXPECT_LT(ms, 5000);
}

TEST(EventExtractorTest, CountriesActingInTheSentenceAreParties) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence(
      "On 4 March 2025, the Alpha Union and Japan held their first dialogue, chaired by Le Van "
      "An and Anna Berg.",
      0);
  d.Mention(s0, "Alpha Union", EntityKind::kOrganization);
  d.Mention(s0, "Japan", EntityKind::kPlace, PlaceType::kCountry);
  const int an = d.Mention(s0, "Le Van An", EntityKind::kPerson);
  d.Mention(s0, "Anna Berg", EntityKind::kPerson);
  // "Japanese" names Japan; "in Vietnam" is where, not who.
  const int s1 =
      d.Sentence("Le Van An invited Japanese universities to open laboratories in Vietnam.", 1);
  d.Mention(s1, "Le Van An", EntityKind::kPerson, PlaceType::kNone, an);
  d.Mention(s1, "Vietnam", EntityKind::kPlace, PlaceType::kCountry);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kDialogue);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("Alpha Union", "Le Van An", "Anna Berg", "Japan"));
  EXPECT_EQ(a.events[1].type, EventType::kProposal);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Le Van An", "Japan", "Alpha Union", "Anna Berg"));
}

TEST(EventExtractorTest, ChineseSideWordNamesTheCountry) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("2月20日,越南代表团与乙大学举行工作会谈。", 0);
  d.Mention(s0, "越南", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s0, "乙大学", EntityKind::kOrganization);
  const int s1 = d.Sentence("越方建议乙大学扩大培训合作。", 1);
  d.Mention(s1, "乙大学", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("乙大学", "越南"));
  EXPECT_EQ(a.events[1].type, EventType::kProposal);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("乙大学", "越南"));
}

TEST(EventExtractorTest, UnderTheAgreementTheTwoSidesAreTheSigners) {
  Doc d(core::Lang::kVi);
  const int s0 =
      d.Sentence("Ngày 5/3/2025, Viện Alpha và Công ty Beta đã ký biên bản ghi nhớ về đào tạo.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(s0, "Công ty Beta", EntityKind::kOrganization);
  const int s1 = d.Sentence("Ông Lê Văn Nam đề nghị Công ty Beta mở rộng hợp tác.", 1);
  d.Mention(s1, "Lê Văn Nam", EntityKind::kPerson);
  d.Mention(s1, "Công ty Beta", EntityKind::kOrganization);
  // Not the proposal just before: the memorandum's parties.
  d.Sentence("Theo biên bản ghi nhớ, hai bên sẽ mở khóa đào tạo cho 40 kỹ sư.", 1);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[2].type, EventType::kTrainingProgram);
  EXPECT_EQ(a.events[2].modality, Modality::kPlanned);
  EXPECT_FALSE(a.events[2].date.has_value());
  EXPECT_THAT(Names(d, a.events[2]), ElementsAre("Viện Alpha", "Công ty Beta"));
}

TEST(EventExtractorTest, TrainingContinuesTheLastSigningNotTheLastProposal) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence(
      "On 13 January 2026, the Alpha Agency and the Beta Academy signed a research agreement.", 0);
  d.Mention(s0, "Alpha Agency", EntityKind::kOrganization);
  d.Mention(s0, "Beta Academy", EntityKind::kOrganization);
  const int s1 = d.Sentence("Minister Le Van An asked the Gamma Fund to support the project.", 1);
  d.Mention(s1, "Le Van An", EntityKind::kPerson);
  d.Mention(s1, "Gamma Fund", EntityKind::kOrganization);
  const int s2 = d.Sentence(
      "The Delta University will host the project's laboratory and train 40 officers each year.",
      1);
  d.Mention(s2, "Delta University", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[2].type, EventType::kTrainingProgram);
  EXPECT_EQ(a.events[2].modality, Modality::kPlanned);
  EXPECT_THAT(Names(d, a.events[2]),
              ElementsAre("Delta University", "Alpha Agency", "Beta Academy"));
}

TEST(EventExtractorTest, SidelineAgreementIsAnActOfItsOwn) {
  Doc d(core::Lang::kEn);
  const int s0 =
      d.Sentence("On 4 March 2026, the Omega Union and the Sigma Agency held a dialogue.", 0);
  d.Mention(s0, "Omega Union", EntityKind::kOrganization);
  d.Mention(s0, "Sigma Agency", EntityKind::kOrganization);
  const int s1 = d.Sentence(
      "On the sidelines, the Alpha Centre and the Beta Council agreed to launch joint calls.", 1);
  d.Mention(s1, "Alpha Centre", EntityKind::kOrganization);
  d.Mention(s1, "Beta Council", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[1].type, EventType::kOther);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Alpha Centre", "Beta Council"));
  ASSERT_TRUE(a.events[1].date.has_value());
  EXPECT_EQ(a.events[1].date->ToIso(), "2026-03-04");
}

TEST(EventExtractorTest, ChineseCompoundOfGatheringsIsItsHead) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("7月18日,甲协会与乙中心举行论坛筹备工作会议。", 0);
  d.Mention(s0, "甲协会", EntityKind::kOrganization);
  d.Mention(s0, "乙中心", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_EQ(d.Trigger(a.events[0]), "工作会议");
}

TEST(EventExtractorTest, ExchangingViewsWithAPartyIsAMeeting) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("3月5日,甲部与乙基金会就联合研究交换了意见。", 0);
  d.Mention(s0, "甲部", EntityKind::kOrganization);
  d.Mention(s0, "乙基金会", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("甲部", "乙基金会"));
  EXPECT_EQ(a.events[0].date->ToIso(), "2024-03-05");
}

TEST(EventExtractorTest, PlannedEventDateIsReadForward) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Theo kế hoạch, Viện Alpha và Quỹ Beta sẽ tổ chức diễn đàn tại Huế vào ngày 20/11.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(s0, "Quỹ Beta", EntityKind::kOrganization);
  d.Mention(s0, "Huế", EntityKind::kPlace, PlaceType::kCity);
  const Analysis& a = d.Run(core::Date{2025, 8, 14});
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kConference);
  EXPECT_EQ(a.events[0].modality, Modality::kPlanned);
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2025-11-20");
}

TEST(EventExtractorTest, EarlierInTheDayKeepsTheDayEarlierDoesNot) {
  for (const std::string opener : {"Earlier in the day", "Earlier"}) {
    Doc d(core::Lang::kEn);
    const int s0 =
        d.Sentence("On 11 November 2025, the Alpha Agency held a meeting with the Beta Fund.", 0);
    d.Mention(s0, "Alpha Agency", EntityKind::kOrganization);
    d.Mention(s0, "Beta Fund", EntityKind::kOrganization);
    const int s1 = d.Sentence(opener + ", the Gamma University visited the Delta Lab.", 1);
    d.Mention(s1, "Gamma University", EntityKind::kOrganization);
    d.Mention(s1, "Delta Lab", EntityKind::kOrganization);
    const Analysis& a = d.Run(kPublished);
    ASSERT_EQ(a.events.size(), 2u) << opener;
    EXPECT_EQ(a.events[1].type, EventType::kVisit);
    if (opener == "Earlier") {
      EXPECT_FALSE(a.events[1].date.has_value());
    } else {
      ASSERT_TRUE(a.events[1].date.has_value());
      EXPECT_EQ(a.events[1].date->ToIso(), "2025-11-11");
    }
  }
}

TEST(EventExtractorTest, TheSidesAgreeingIsTheMeetingsOutcome) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Ngày 3/3, Viện Alpha đã làm việc với Quỹ Beta.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(s0, "Quỹ Beta", EntityKind::kOrganization);
  d.Sentence("Hai bên nhất trí tăng cường hợp tác về vật liệu mới.", 1);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
}

TEST(EventExtractorTest, TheTwoCountriesWillHoldTheNextDialogue) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence("Vietnam and Japan held their first dialogue on 11 November 2025.", 0);
  d.Mention(s0, "Vietnam", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s0, "Japan", EntityKind::kPlace, PlaceType::kCountry);
  const int s1 =
      d.Sentence("The two countries agreed that the second dialogue will be held in Osaka.", 1);
  d.Mention(s1, "Osaka", EntityKind::kPlace, PlaceType::kCity);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kDialogue);
  ASSERT_TRUE(a.events[0].date.has_value());
  EXPECT_EQ(a.events[0].date->ToIso(), "2025-11-11");
  // "dialogue will be held": planned, so neither undated nor a retelling of the first.
  EXPECT_EQ(a.events[1].type, EventType::kDialogue);
  EXPECT_EQ(a.events[1].modality, Modality::kPlanned);
  EXPECT_FALSE(a.events[1].date.has_value());
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Vietnam", "Japan"));
}

TEST(EventExtractorTest, SameDayIsTheStorysDayNotTheTripsStart) {
  Doc d(core::Lang::kEn);
  const int s0 =
      d.Sentence("On Sept. 24, 2025, Minister Le Van An asked Omega Corp to open a laboratory.", 0);
  const int an = d.Mention(s0, "Le Van An", EntityKind::kPerson);
  d.Mention(s0, "Omega Corp", EntityKind::kOrganization);
  const int s1 = d.Sentence(
      "Le Van An is leading a delegation on a visit to Norway from September 22 to 28.", 1);
  d.Mention(s1, "Le Van An", EntityKind::kPerson, PlaceType::kNone, an);
  d.Mention(s1, "Norway", EntityKind::kPlace, PlaceType::kCountry);
  const int s2 = d.Sentence(
      "On the same day, Delta University and Nordic Grid Company signed a memorandum.", 2);
  d.Mention(s2, "Delta University", EntityKind::kOrganization);
  d.Mention(s2, "Nordic Grid Company", EntityKind::kOrganization);
  const Analysis& a = d.Run(core::Date{2025, 9, 26});
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[1].type, EventType::kVisit);
  EXPECT_EQ(a.events[1].date->ToIso(), "2025-09-22");
  EXPECT_EQ(a.events[2].type, EventType::kMouSigned);
  ASSERT_TRUE(a.events[2].date.has_value());
  EXPECT_EQ(a.events[2].date->ToIso(), "2025-09-24");
}

TEST(EventExtractorTest, BareTitleAndDelegationNameTheTripsLeader) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence(
      "Từ ngày 18 đến 21/2, Bộ trưởng Bộ Alpha Hoàng Văn Minh dẫn đầu đoàn công tác thăm Hàn "
      "Quốc.",
      0);
  d.Mention(s0, "Bộ Alpha", EntityKind::kOrganization);
  const int minh = d.Mention(s0, "Hoàng Văn Minh", EntityKind::kPerson);
  d.AddRole(minh, "Bộ trưởng Bộ Alpha");
  d.Mention(s0, "Hàn Quốc", EntityKind::kPlace, PlaceType::kCountry);
  const int s1 = d.Sentence("Sáng 19/2, Bộ trưởng làm việc với lãnh đạo Tập đoàn Gamma.", 1);
  d.Mention(s1, "Tập đoàn Gamma", EntityKind::kOrganization);
  const int s2 = d.Sentence("Chiều cùng ngày, đoàn công tác đến thăm Viện Delta.", 2);
  d.Mention(s2, "Viện Delta", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[1].type, EventType::kMeeting);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Tập đoàn Gamma", "Hoàng Văn Minh"));
  EXPECT_EQ(a.events[2].type, EventType::kVisit);
  EXPECT_THAT(Names(d, a.events[2]), ElementsAre("Viện Delta", "Bộ Alpha", "Hoàng Văn Minh"));
  ASSERT_TRUE(a.events[2].date.has_value());
  EXPECT_EQ(a.events[2].date->ToIso(), "2024-02-19");
}

TEST(EventExtractorTest, DelegationMeetingIsNoVisit) {
  Doc d(core::Lang::kVi);
  const int s0 = d.Sentence("Ngày 7/10, đoàn công tác đã làm việc với Viện Alpha và Quỹ Beta.", 0);
  d.Mention(s0, "Viện Alpha", EntityKind::kOrganization);
  d.Mention(s0, "Quỹ Beta", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("Viện Alpha", "Quỹ Beta"));
}

TEST(EventExtractorTest, WishIsAProposalOnlyToAPartyRightAfterIt) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("黄某表示,希望丙集团在越南设立研发中心。", 0);
  d.Mention(s0, "丙集团", EntityKind::kOrganization);
  d.Mention(s0, "越南", EntityKind::kPlace, PlaceType::kCountry);
  const int s1 = d.Sentence("越南希望与丁公司开展合作。", 1);
  d.Mention(s1, "越南", EntityKind::kPlace, PlaceType::kCountry);
  d.Mention(s1, "丁公司", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kProposal);
  EXPECT_EQ(a.events[0].sentence, s0);
  // One party named: the sentence's countries complete it.
  EXPECT_THAT(Names(d, a.events[0]), ElementsAre("丙集团", "越南"));
}

TEST(EventExtractorTest, VisitFramingAProposalIsItsOwnEvent) {
  Doc d(core::Lang::kEn);
  const int s0 = d.Sentence(
      "On 24 May 2025, Minister Le Van An asked Omega Corp to open a research centre, during a "
      "working visit to its headquarters.",
      0);
  d.Mention(s0, "Le Van An", EntityKind::kPerson);
  d.Mention(s0, "Omega Corp", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].type, EventType::kProposal);
  EXPECT_EQ(a.events[1].type, EventType::kVisit);
  EXPECT_THAT(Names(d, a.events[1]), ElementsAre("Le Van An", "Omega Corp"));
}

TEST(EventExtractorTest, AttendingOrRetellingAGatheringAndGoalsAreNoEvents) {
  Doc d(core::Lang::kZh);
  const int s0 = d.Sentence("3月5日,甲部与乙部举行会谈。", 0);
  d.Mention(s0, "甲部", EntityKind::kOrganization);
  d.Mention(s0, "乙部", EntityKind::kOrganization);
  const int s1 = d.Sentence("丙使馆代表出席了会谈。", 1);
  d.Mention(s1, "丙使馆", EntityKind::kOrganization);
  const Analysis& a = d.Run(kPublished);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].type, EventType::kMeeting);

  Doc retold(core::Lang::kEn);
  const int r0 = retold.Sentence(
      "On 3 December 2025, the Alpha University and the Beta Institute opened a forum on robots.",
      0);
  retold.Mention(r0, "Alpha University", EntityKind::kOrganization);
  retold.Mention(r0, "Beta Institute", EntityKind::kOrganization);
  const int r1 = retold.Sentence("The forum drew 500 scientists from Japan and Vietnam.", 1);
  retold.Mention(r1, "Japan", EntityKind::kPlace, PlaceType::kCountry);
  retold.Mention(r1, "Vietnam", EntityKind::kPlace, PlaceType::kCountry);
  const Analysis& ra = retold.Run(kPublished);
  ASSERT_EQ(ra.events.size(), 1u);
  EXPECT_EQ(ra.events[0].type, EventType::kConference);
  EXPECT_EQ(ra.events[0].sentence, r0);

  Doc goal(core::Lang::kEn);
  const int g0 = goal.Sentence("Vietnam aims to train 50,000 semiconductor engineers by 2030.", 0);
  goal.Mention(g0, "Vietnam", EntityKind::kPlace, PlaceType::kCountry);
  EXPECT_TRUE(goal.Run(kPublished).events.empty());
}

TEST(EventExtractorTest, SpansOutsideTheTextAreIgnoredNotFatal) {
  Analysis a;
  a.lang = core::Lang::kEn;
  a.sentences.push_back({{0, 500}, 0});
  EventExtractor(TestLexicons()).Extract("short text", std::nullopt, &a);
  EXPECT_TRUE(a.events.empty());
  EventExtractor(TestLexicons()).Extract("short text", std::nullopt, nullptr);
}

}  // namespace
}  // namespace ketnoi::extract
