#include "extract/entities.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ketnoi::extract {
namespace {

using core::Lang;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

void Place(Lexicons* lex, std::string key, std::string type, std::string canonical, Lang lang,
           std::string name) {
  lex->places.push_back(
      {std::move(key), std::move(type), std::move(canonical), lang, std::move(name)});
}

void Org(Lexicons* lex, std::string key, std::string canonical, Lang lang, std::string name,
         bool acronym = false) {
  lex->organizations.push_back(
      {std::move(key), std::move(canonical), lang, std::move(name), acronym});
}

// A small hand-made lexicon: the shipped data/ files are another engineer's and may change.
const Lexicons& TestLexicons() {
  static const Lexicons* lex = [] {
    auto* l = new Lexicons;
    Place(l, "VN", "country", "Vietnam", Lang::kVi, "Việt Nam");
    Place(l, "VN", "country", "Vietnam", Lang::kZh, "越南");
    Place(l, "BE", "country", "Belgium", Lang::kVi, "Bỉ");
    Place(l, "BE", "country", "Belgium", Lang::kZh, "比利时");
    Place(l, "JP", "country", "Japan", Lang::kVi, "Nhật Bản");
    Place(l, "US", "country", "United States", Lang::kVi, "Mỹ");
    Place(l, "US", "country", "United States", Lang::kEn, "United States");
    Place(l, "KR", "country", "South Korea", Lang::kVi, "Hàn Quốc");
    Place(l, "city:hanoi", "city", "Hanoi", Lang::kVi, "Hà Nội");
    Place(l, "city:hanoi", "city", "Hanoi", Lang::kZh, "河内");
    Place(l, "city:hanoi", "city", "Hanoi", Lang::kEn, "Hanoi");
    Place(l, "IT", "country", "Italy", Lang::kVi, "Ý");
    Org(l, "eu", "European Union", Lang::kVi, "EU", true);
    Org(l, "google", "Google", Lang::kEn, "Google");
    for (const char* w : {"Bộ", "Trung tâm", "Viện", "Trường Đại học", "Đại học", "Tập đoàn",
                          "Công ty", "Mạng lưới", "Ban", "Quỹ"}) {
      l->org_heads.push_back({Lang::kVi, w, false, "other"});
    }
    for (const char* w : {"中心", "部", "大学", "集团", "公司", "网络", "局"}) {
      l->org_heads.push_back({Lang::kZh, w, true, "other"});
    }
    for (const char* w : {"University", "Centre", "Ventures", "Ministry"}) {
      l->org_heads.push_back({Lang::kEn, w, true, "other"});
    }
    for (const char* w : {"Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Giám đốc", "Chủ tịch"}) {
      l->titles.push_back({Lang::kVi, w, false});
    }
    for (const char* w : {"ông", "bà"}) l->titles.push_back({Lang::kVi, w, true});
    for (const char* w : {"部长", "总理", "副总裁"}) l->titles.push_back({Lang::kZh, w, false});
    l->titles.push_back({Lang::kZh, "博士", true});
    l->org_heads.push_back({Lang::kZh, "大使馆", true, "government"});
    for (const char* w : {"Minister", "Prime Minister"}) {
      l->titles.push_back({Lang::kEn, w, false});
    }
    l->titles.push_back({Lang::kEn, "Mr.", true});
    l->person_surnames_vi = {"Nguyễn", "Phạm", "Trần", "Lê"};
    l->person_surnames_zh = {"阮", "范", "王", "李"};
    l->field_keywords = {{"semiconductors", Lang::kVi, "bán dẫn"},
                         {"artificial_intelligence", Lang::kVi, "trí tuệ nhân tạo"},
                         {"artificial_intelligence", Lang::kVi, "AI"},
                         {"semiconductors", Lang::kZh, "半导体"}};
    l->name_words = {{"national", Lang::kVi, "quốc gia"}, {"innovation", Lang::kVi, "sáng tạo"}};
    return l;
  }();
  return *lex;
}

// Each line of `page` is one sentence; the first line is the title when `title` is set.
Analysis Recognize(const std::string& page, Lang lang, bool title = false) {
  Analysis a;
  a.lang = lang;
  uint32_t start = 0;
  int paragraph = title ? -1 : 0;
  while (start < page.size()) {
    size_t end = page.find('\n', start);
    if (end == std::string::npos) end = page.size();
    if (end > start) {
      a.sentences.push_back({{start, static_cast<uint32_t>(end)}, paragraph});
    }
    ++paragraph;
    start = static_cast<uint32_t>(end + 1);
  }
  EntityRecognizer(TestLexicons()).Recognize(page, &a);
  for (const Mention& m : a.mentions) {
    EXPECT_EQ(m.surface, m.span.Of(page)) << "offset contract";
  }
  return a;
}

const Mention* Find(const Analysis& a, std::string_view surface, int nth = 0) {
  for (const Mention& m : a.mentions) {
    if (m.surface == surface && nth-- == 0) return &m;
  }
  return nullptr;
}

std::vector<std::string> Surfaces(const Analysis& a, EntityKind kind) {
  std::vector<std::string> out;
  for (const Mention& m : a.mentions) {
    if (m.kind == kind) out.push_back(m.surface);
  }
  return out;
}

std::vector<std::string> Roles(const Mention* m) {
  std::vector<std::string> out;
  if (m != nullptr) {
    for (const Role& r : m->roles) out.push_back(r.title);
  }
  return out;
}

TEST(EntitiesVi, TitleWithOrganizationBeforeName) {
  Analysis a = Recognize(
      "Bộ trưởng Bộ Tài chính Nguyễn Văn An đã gặp Thứ trưởng Bộ Thương mại Mỹ John Carter "
      "tại Hà Nội.",
      Lang::kVi);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("Nguyễn Văn An", "John Carter"));
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization),
              ElementsAre("Bộ Tài chính", "Bộ Thương mại Mỹ"));
  EXPECT_THAT(Surfaces(a, EntityKind::kPlace), ElementsAre("Hà Nội"));
  EXPECT_THAT(Roles(Find(a, "Nguyễn Văn An")), ElementsAre("Bộ trưởng Bộ Tài chính"));
  EXPECT_THAT(Roles(Find(a, "John Carter")), ElementsAre("Thứ trưởng Bộ Thương mại Mỹ"));
  const Mention* hanoi = Find(a, "Hà Nội");
  ASSERT_NE(hanoi, nullptr);
  EXPECT_EQ(hanoi->lexicon_key, "city:hanoi");
  EXPECT_EQ(hanoi->place_type, PlaceType::kCity);
}

TEST(EntitiesVi, HonorificAppositiveRoleAndAcronym) {
  Analysis a = Recognize(
      "Ông Peter van der Berg, Giám đốc Trung tâm cho biết Trung tâm Công nghệ Sinh học (CBT) "
      "sẽ hợp tác với Tập đoàn Google và EU.\nCBT có 200 nhà khoa học.",
      Lang::kVi);
  const Mention* peter = Find(a, "Peter van der Berg");
  ASSERT_NE(peter, nullptr);
  EXPECT_THAT(Roles(peter), ElementsAre("Giám đốc Trung tâm"));
  const Mention* full = Find(a, "Trung tâm Công nghệ Sinh học");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->acronym, "CBT");
  const Mention* acronym = Find(a, "CBT");
  const Mention* later = Find(a, "CBT", 1);
  ASSERT_NE(acronym, nullptr);
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(&a.mentions[acronym->antecedent], full);
  EXPECT_GE(later->antecedent, 0);
  const Mention* google = Find(a, "Tập đoàn Google");
  ASSERT_NE(google, nullptr);
  EXPECT_EQ(google->lexicon_key, "google");
  ASSERT_NE(Find(a, "EU"), nullptr);
  EXPECT_EQ(Find(a, "EU")->lexicon_key, "eu");
}

TEST(EntitiesVi, PlaceInsideOrganizationIsNotSeparate) {
  Analysis a = Recognize(
      "Mạng lưới đổi mới sáng tạo Việt Nam tại Nhật Bản (VNJ) họp tại Nhật Bản.\n"
      "Mạng lưới VNJ đã báo cáo.",
      Lang::kVi);
  EXPECT_THAT(
      Surfaces(a, EntityKind::kOrganization),
      ElementsAre("Mạng lưới đổi mới sáng tạo Việt Nam tại Nhật Bản", "VNJ", "Mạng lưới VNJ"));
  EXPECT_THAT(Surfaces(a, EntityKind::kPlace), ElementsAre("Nhật Bản"));
  const Mention* network = Find(a, "Mạng lưới VNJ");
  ASSERT_NE(network, nullptr);
  EXPECT_GE(network->antecedent, 0);
}

TEST(EntitiesVi, PrefixedPlacesAndLaterBareUse) {
  Analysis a = Recognize("Đoàn đến TP. Leuven và tỉnh Bình Định.\nLeuven có nhiều trường đại học.",
                         Lang::kVi);
  const Mention* city = Find(a, "TP. Leuven");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->place_type, PlaceType::kCity);
  const Mention* province = Find(a, "tỉnh Bình Định");
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->place_type, PlaceType::kRegion);
  const Mention* bare = Find(a, "Leuven");
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ(&a.mentions[bare->antecedent], city);
}

TEST(EntitiesVi, ShortReferenceAndBareTitle) {
  Analysis a = Recognize(
      "Bộ trưởng Nguyễn Văn An phát biểu.\nBộ trưởng An đề nghị tăng cường hợp tác.\n"
      "Bộ trưởng cũng cho biết thêm.",
      Lang::kVi);
  const Mention* full = Find(a, "Nguyễn Văn An");
  const Mention* short_ref = Find(a, "An");
  const Mention* bare = Find(a, "Bộ trưởng", 2);
  ASSERT_NE(full, nullptr);
  ASSERT_NE(short_ref, nullptr);
  EXPECT_EQ(&a.mentions[short_ref->antecedent], full);
  EXPECT_THAT(Roles(short_ref), ElementsAre("Bộ trưởng"));
  (void)bare;
  const Mention* title_only = nullptr;
  for (const Mention& m : a.mentions) {
    if (m.kind == EntityKind::kPerson && m.surface == "Bộ trưởng") title_only = &m;
  }
  ASSERT_NE(title_only, nullptr);
  EXPECT_EQ(&a.mentions[title_only->antecedent], full);
}

TEST(EntitiesVi, LowerCaseCommonWordIsNotACountry) {
  Analysis a = Recognize("Các ý kiến đều ủng hộ, đoàn sẽ thăm Ý.", Lang::kVi);
  EXPECT_THAT(Surfaces(a, EntityKind::kPlace), ElementsAre("Ý"));
}

TEST(EntitiesVi, ListedCompaniesAfterCue) {
  Analysis a =
      Recognize("Trung tâm hợp tác với các công ty hàng đầu như Acme, Globex, Initech…", Lang::kVi);
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("Acme", "Globex", "Initech"));
}

TEST(EntitiesZh, OrganizationRoleAndName) {
  Analysis a = Recognize("越南计划与投资部部长阮志勇和比利时合作伙伴举行会谈。", Lang::kZh);
  const Mention* ministry = Find(a, "越南计划与投资部");
  ASSERT_NE(ministry, nullptr);
  EXPECT_EQ(ministry->kind, EntityKind::kOrganization);
  const Mention* person = Find(a, "阮志勇");
  ASSERT_NE(person, nullptr);
  EXPECT_THAT(Roles(person), ElementsAre("越南计划与投资部部长"));
  EXPECT_NE(Find(a, "比利时"), nullptr);
}

TEST(EntitiesZh, TransliteratedNameAndLatinAlias) {
  Analysis a = Recognize("该公司副总裁安妮洛·艾萨克(Annelore Isaac)强调合作。", Lang::kZh);
  const Mention* person = Find(a, "安妮洛·艾萨克");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->kind, EntityKind::kPerson);
  EXPECT_THAT(Roles(person), ElementsAre("副总裁"));
  const Mention* alias = Find(a, "Annelore Isaac");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(&a.mentions[alias->antecedent], person);
}

TEST(EntitiesZh, VietnameseNamesAndEmbassyOfSendingCountry) {
  Analysis a = Recognize(
      "部长阮氏兰英博士表示支持。\n部长李在元举行会谈。\n越南驻比利时大使馆代表出席。", Lang::kZh);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("阮氏兰英", "李在元"));
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("越南驻比利时大使馆"));
}

TEST(EntitiesZh, EnumeratedPortfolioAndVerbBeforeHead) {
  Analysis a =
      Recognize("比利时科学、信息与通信部部长王明表示支持。\n他们在越南设立研发中心。", Lang::kZh);
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("比利时科学、信息与通信部"));
}

// 和 is a surname and a conjunction: after a title and before a common word it joins two
// groups of people ("engineers and university lecturers"), while a name after a title reads.
TEST(EntitiesZh, ConjunctionAfterTitleIsNotASurname) {
  Analysis a = Recognize("课程面向越南工程师和高校教师。\n副部长王明出席。", Lang::kZh);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("王明"));
}

TEST(EntitiesEn, AppositiveRoleWithoutHonorific) {
  Analysis a = Recognize(
      "The plan was praised by Ella Foster, Minister of Digital Affairs, at the forum.", Lang::kEn);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("Ella Foster"));
  EXPECT_THAT(Roles(Find(a, "Ella Foster")), ElementsAre("Minister of Digital Affairs"));
}

TEST(EntitiesEn, PlaceAfterInEndsAnOrganization) {
  Analysis a = Recognize("Lorem Ventures in Hanoi and Hanoi and Lorem University met.", Lang::kEn);
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization),
              ElementsAre("Lorem Ventures", "Lorem University"));
}

TEST(EntitiesEn, PossessiveIsNotPartOfAName) {
  Analysis a = Recognize("Hanoi's new Lorem University opened.", Lang::kEn);
  EXPECT_THAT(Surfaces(a, EntityKind::kPlace), ElementsAre("Hanoi"));
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("Lorem University"));
}

TEST(EntitiesEn, TitleAndHeadOrganizations) {
  Analysis a = Recognize(
      "Prime Minister John Carter visited the University of Lorem in the "
      "United States.",
      Lang::kEn);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("John Carter"));
  EXPECT_THAT(Roles(Find(a, "John Carter")), ElementsAre("Prime Minister"));
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("University of Lorem"));
  EXPECT_THAT(Surfaces(a, EntityKind::kPlace), ElementsAre("United States"));
}

TEST(EntitiesVi, NameAfterTitleWithoutKnownSurname) {
  Analysis a =
      Recognize("Thủ tướng Mỹ Bob Lorem gặp Chủ tịch Hàn Quốc Pak Chun Ho hôm qua.", Lang::kVi);
  EXPECT_THAT(Surfaces(a, EntityKind::kPerson), ElementsAre("Bob Lorem", "Pak Chun Ho"));
  EXPECT_THAT(Roles(Find(a, "Pak Chun Ho")), ElementsAre("Chủ tịch Hàn Quốc"));
}

TEST(EntitiesEn, AppositiveRoleWithOrganizationAndLaterSurname) {
  Analysis a = Recognize(
      "Mr. John Carter, Minister of the Lorem Ministry, met the delegation.\n"
      "Carter said the talks went well.",
      Lang::kEn);
  const Mention* full = Find(a, "John Carter");
  ASSERT_NE(full, nullptr);
  EXPECT_THAT(Roles(full), ElementsAre("Minister of the Lorem Ministry"));
  EXPECT_THAT(Surfaces(a, EntityKind::kOrganization), ElementsAre("Lorem Ministry"));
  const Mention* later = Find(a, "Carter");
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(&a.mentions[later->antecedent], full);
}

TEST(Fields, SalienceTitleFirstThenCount) {
  Analysis a =
      Recognize("Hợp tác về trí tuệ nhân tạo\nPhát triển bán dẫn, bán dẫn và AI.", Lang::kVi,
                /*title=*/true);
  EXPECT_THAT(a.fields, ElementsAre("artificial_intelligence", "semiconductors"));
  EXPECT_EQ(a.field_mentions.size(), 4u);
}

TEST(Robustness, BadSpansAndEmptyInput) {
  Analysis a;
  a.lang = Lang::kVi;
  a.sentences.push_back({{5, 2}, 0});
  a.sentences.push_back({{0, 1000}, 0});
  EntityRecognizer(TestLexicons()).Recognize("abc", &a);
  EXPECT_THAT(a.mentions, IsEmpty());
  EntityRecognizer(TestLexicons()).Recognize("abc", nullptr);
  Analysis b = Recognize("\xff\xfe Bộ trưởng \xc3", Lang::kVi);
  EXPECT_THAT(b.fields, IsEmpty());
}

// Random mixes of the characters the rules look at never crash and keep offsets valid.
TEST(Robustness, RandomMixesOfTriggerCharacters) {
  const std::vector<std::string> pieces = {
      "Bộ",   "trưởng", " ",   "Nguyễn",     "(",        ")",    "ABC", ",",    ".",
      "TP",   "tỉnh",   "và",  "tại",        "Việt Nam", "·",    "部",  "部长", "阮",
      "集团", "与",     "Mr.", "University", "of",       "\xff", "Ông", "ông",  "Mạng lưới",
      "EU",   "Ý",      "-",   "中心",       "(",        "the",  "\n"};
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string page;
    for (int k = 0; k < 40; ++k) {
      seed = seed * 1103515245u + 12345u;
      page += pieces[(seed >> 16) % pieces.size()];
    }
    for (Lang lang : {Lang::kVi, Lang::kZh, Lang::kEn}) {
      Analysis a = Recognize(page, lang, round % 2 == 0);
      for (const Mention& m : a.mentions) {
        ASSERT_LE(m.span.end, page.size());
        ASSERT_LT(m.antecedent, static_cast<int>(a.mentions.size()));
      }
    }
  }
}

}  // namespace
}  // namespace ketnoi::extract
namespace ketnoi::extract {
// A known organization before 和/与 ends there: the head word after it ("部") closes a second
// name rather than one that swallows the first ("计划与投资部" still joins two plain words).
// With the shipped lexicons, whose Chinese company names ("高通公司") the suffix rules reach.
// The organizations' surfaces the recognizer finds in `page` (one sentence), with the
// shipped lexicons.
std::vector<std::string> ShippedOrganizations(core::Lang lang, const std::string& page) {
  // Loaded once for all the cases (the shipped data and its gazetteers take ~20 ms).
  static const auto lex = Lexicons::Load(DefaultDataDir());
  EXPECT_TRUE(lex.ok()) << lex.status().message();
  if (!lex.ok()) return {};
  static const EntityRecognizer recognizer(*lex);
  Analysis a;
  a.lang = lang;
  a.sentences.push_back({{0, static_cast<uint32_t>(page.size())}, 0});
  recognizer.Recognize(page, &a);
  std::vector<std::string> orgs;
  for (const Mention& m : a.mentions) {
    if (m.kind == EntityKind::kOrganization) orgs.push_back(m.surface);
  }
  return orgs;
}

TEST(EntitiesZhShipped, ConjunctionAfterAKnownOrganizationSeparatesTwoNames) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "高通公司和教育培训部在河内签署了合作协议。"),
              ::testing::ElementsAre("高通公司", "教育培训部"));
}

// A name that ends in a head word is whole before 和 (here "科技公司", whose known name
// 新思科技 is what is found); a portfolio's words are not ("工业和信息化部" stays one name).
TEST(EntitiesZhShipped, ConjunctionAfterAHeadSeparatesTwoNames) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "新思科技公司和教育培训部签署了协议。"),
              ::testing::ElementsAre("新思科技", "教育培训部"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "工业和信息化部表示支持。"),
              ::testing::ElementsAre("工业和信息化部"));
}

TEST(EntitiesZhShipped, NameAfterFromStartsAfterTheVerb) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "二十名来自岘港技术大学的学者参加了培训。"),
              ::testing::ElementsAre("岘港技术大学"));
  // Without a proper part, "top universities" is no name.
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "三十名来自顶尖大学的专家出席。"),
              ::testing::IsEmpty());
}

// After 在 and a place, a verb and its object say what is built there; a verb right before
// the head is part of a name.
TEST(EntitiesZhShipped, VerbAfterAPlaceAndZaiIsNoName) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "双方将在日本建设绿氢研发中心。"),
              ::testing::IsEmpty());
  EXPECT_THAT(ShippedOrganizations(core::Lang::kZh, "在越南建设部的支持下，双方签署协议。"),
              ::testing::ElementsAre("越南建设部"));
}

// A known organization's whole name does not open a coordinated one: "Synopsys and Da Nang
// University" is two organizations, "Ministry of Planning and Investment" one.
TEST(EntitiesEnShipped, AndAfterAKnownOrganizationSeparatesTwoNames) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kEn,
                                   "Synopsys and Da Nang University of Technology signed a deal."),
              ::testing::ElementsAre("Synopsys", "Da Nang University of Technology"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kEn,
                                   "The University of Tokyo and Intel opened a design lab."),
              ::testing::ElementsAre("The University of Tokyo", "Intel"));
  EXPECT_THAT(
      ShippedOrganizations(core::Lang::kEn, "The Ministry of Planning and Investment approved it."),
      ::testing::ElementsAre("The Ministry of Planning and Investment"));
}

TEST(EntitiesEnShipped, CommonWordsBeforeOfAreNotPartOfAKnownName) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kEn,
                                   "Delegates of Hanoi University of Science and Technology came."),
              ::testing::ElementsAre("Hanoi University of Science and Technology"));
}

// Lower-case words after a known name are the sentence's ("hợp tác": cooperates); an embassy
// or an association abroad is named by its host place, a university is not.
TEST(EntitiesViShipped, KnownNameEndsBeforeLowerCaseWordsAndHostPlaces) {
  EXPECT_THAT(ShippedOrganizations(core::Lang::kVi,
                                   "Công ty Synopsys hợp tác với Đại học Đà Nẵng về vi mạch."),
              ::testing::ElementsAre("Công ty Synopsys", "Đại học Đà Nẵng"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kVi,
                                   "Bộ Khoa học và Công nghệ đã ký với Đại học Bách khoa Hà Nội "
                                   "tại Pháp."),
              ::testing::ElementsAre("Bộ Khoa học và Công nghệ", "Đại học Bách khoa Hà Nội"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kVi, "Hội Trí thức Việt Nam tại Pháp tham dự."),
              ::testing::ElementsAre("Hội Trí thức Việt Nam tại Pháp"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kVi, "Đại sứ quán Việt Nam tại Bỉ đã tổ chức."),
              ::testing::ElementsAre("Đại sứ quán Việt Nam tại Bỉ"));
  EXPECT_THAT(ShippedOrganizations(core::Lang::kVi,
                                   "Văn phòng Thương mại Việt Nam tại Pháp hỗ trợ doanh nghiệp."),
              ::testing::ElementsAre("Văn phòng Thương mại Việt Nam tại Pháp"));
}

// A developer's view of what the recognizer finds with the shipped lexicons:
// ENT_DEBUG="one sentence a line" ENT_LANG=vi|zh|en extract_test --gtest_filter=EntitiesDump.*
TEST(EntitiesDump, ShippedLexicons) {
  const char* env = getenv("ENT_DEBUG");
  if (!env) GTEST_SKIP();
  core::Lang lang = core::LangFromCode(getenv("ENT_LANG") ? getenv("ENT_LANG") : "vi");
  auto lex = Lexicons::Load(DefaultDataDir());
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  std::string page = env;
  Analysis a;
  a.lang = lang;
  uint32_t start = 0;
  while (start < page.size()) {
    size_t end = page.find('\n', start);
    if (end == std::string::npos) end = page.size();
    if (end > start) a.sentences.push_back({{start, static_cast<uint32_t>(end)}, 0});
    start = static_cast<uint32_t>(end + 1);
  }
  EntityRecognizer(*lex).Recognize(page, &a);
  for (const Mention& m : a.mentions) {
    printf("%s [%s] ant=%d key=%s canon=%s\n", EntityKindName(m.kind), m.surface.c_str(),
           m.antecedent, m.lexicon_key.c_str(), m.canonical.c_str());
    for (auto& r : m.roles) printf("   role: %s\n", r.title.c_str());
  }
}
}  // namespace ketnoi::extract
