#include "resolve/resolve.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "resolve/han_viet.h"
#include "resolve/names.h"

namespace ketnoi::resolve {
namespace {

using core::Lang;
using extract::EntityKind;
using extract::Mention;

extract::Lexicons TestLexicons() {
  extract::Lexicons lex;
  auto word = [&](const char* concept_id, Lang lang, const char* w) {
    lex.name_words.push_back({concept_id, lang, w});
  };
  word("centre", Lang::kVi, "Trung tâm");
  word("centre", Lang::kZh, "中心");
  word("centre", Lang::kEn, "Centre");
  word("centre", Lang::kEn, "Center");
  word("innovation", Lang::kVi, "Đổi mới sáng tạo");
  word("innovation", Lang::kZh, "创新");
  word("innovation", Lang::kEn, "Innovation");
  word("national", Lang::kVi, "Quốc gia");
  word("national", Lang::kZh, "国家");
  word("national", Lang::kEn, "National");
  word("network", Lang::kVi, "Mạng lưới");
  word("network", Lang::kZh, "网络");
  word("network", Lang::kEn, "Network");
  word("ministry", Lang::kVi, "Bộ");
  word("ministry", Lang::kEn, "Ministry");
  word("institute", Lang::kVi, "Viện");
  word("institute", Lang::kEn, "Institute");
  auto place = [&](const char* key, Lang lang, const char* canonical, const char* name) {
    lex.places.push_back({key, "country", canonical, lang, name});
  };
  place("VN", Lang::kVi, "Vietnam", "Việt Nam");
  place("VN", Lang::kZh, "Vietnam", "越南");
  place("JP", Lang::kVi, "Japan", "Nhật Bản");
  place("JP", Lang::kZh, "Japan", "日本");
  place("BE", Lang::kVi, "Belgium", "Bỉ");
  place("BE", Lang::kZh, "Belgium", "比利时");
  lex.places.push_back({"region:europe", "region", "Europe", Lang::kVi, "châu Âu"});
  lex.organizations.push_back({"imec", "IMEC", Lang::kEn, "IMEC", true});
  lex.organizations.push_back({"imec", "IMEC", Lang::kZh, "校际微电子中心", false});
  return lex;
}

HanVietTable TestReadings() {
  HanVietTable t;
  t.Add("阮", {"nguyễn"});
  t.Add("志", {"chí", "trí"});
  t.Add("勇", {"dũng"});
  t.Add("範", {"phạm"});
  t.Add("明", {"minh"});
  t.Add("政", {"chính"});
  return t;
}

Mention M(EntityKind kind, const std::string& surface, int antecedent = -1,
          const std::string& acronym = "", const std::string& lexicon_key = "") {
  Mention m;
  m.kind = kind;
  m.surface = surface;
  m.antecedent = antecedent;
  m.acronym = acronym;
  m.lexicon_key = lexicon_key;
  return m;
}

extract::Analysis Doc(std::vector<Mention> mentions) {
  extract::Analysis a;
  a.mentions = std::move(mentions);
  return a;
}

// The id of mention `i` in `doc`.
std::string IdOf(const ResolvedDocument& doc, int i) {
  return doc.entities[static_cast<size_t>(doc.mention_entity[static_cast<size_t>(i)])].id;
}

class ResolverTest : public ::testing::Test {
 protected:
  ResolverTest() : lex_(TestLexicons()), readings_(TestReadings()) {}
  std::unique_ptr<Resolver> Make() { return std::make_unique<Resolver>(lex_, readings_); }
  extract::Lexicons lex_;
  HanVietTable readings_;
};

TEST(HanVietTest, ReadsAVietnameseNameWrittenInChinese) {
  HanVietTable t = TestReadings();
  EXPECT_THAT(t.ReadingKeys("阮志勇"),
              ::testing::ElementsAre("nguyen chi dung", "nguyen tri dung"));
  EXPECT_THAT(t.ReadingKeys("阮志勇", 1), ::testing::ElementsAre("nguyen chi dung"));
  // Simplified 范 goes through OpenCC s2t to 範.
  EXPECT_THAT(t.ReadingKeys("范明政"), ::testing::ElementsAre("pham minh chinh"));
  EXPECT_TRUE(t.ReadingKeys("阮X勇").size() == 1);  // non-Han characters are skipped
  EXPECT_TRUE(t.ReadingKeys("王").empty());         // no reading: not a transcription
}

TEST(HanVietTest, ShippedTableHasUnihanReadings) {
  const HanVietTable& t = HanVietTable::Shipped();
  if (t.size() == 0) GTEST_SKIP() << "data/han_viet.tsv not found";
  EXPECT_THAT(t.ReadingKeys("阮志勇"), ::testing::Contains("nguyen chi dung"));
  EXPECT_THAT(t.ReadingKeys("范明政"), ::testing::Contains("pham minh chinh"));
}

TEST(HanVietTest, MalformedFileIsRejectedWithLine) {
  std::string path = ::testing::TempDir() + "/bad_han_viet.tsv";
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("# comment\nchar\treadings\tsource\n阮\tnguyễn\tunihan\n\tx\tunihan\n", f);
  fclose(f);
  auto t = HanVietTable::Load(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), path + ":4: expected 3 columns");
}

TEST(NamesTest, ConceptKeyIsTheSameInThreeLanguages) {
  NameComposer c(TestLexicons());
  std::string vi = c.ConceptKey("Trung tâm Đổi mới sáng tạo Quốc gia");
  EXPECT_EQ(vi, "centre+innovation+national");
  EXPECT_EQ(c.ConceptKey("越南国家创新中心"), vi);  // home country dropped
  EXPECT_EQ(c.ConceptKey("National Innovation Center"), vi);
  EXPECT_EQ(c.ConceptKey("Trung tâm"), "");       // a head word alone is a reference
  EXPECT_EQ(c.ConceptKey("校际微电子中心"), "");  // unknown Han: not composable
  EXPECT_EQ(c.ConceptKey("Trung tâm IMEC"), "centre+imec");
}

TEST(NamesTest, ConceptKeyKeepsLookAlikeNetworksApart) {
  NameComposer c(TestLexicons());
  std::string japan = c.ConceptKey("Mạng lưới Đổi mới sáng tạo Việt Nam tại Nhật Bản");
  std::string europe = c.ConceptKey("Mạng lưới Đổi mới sáng tạo Việt Nam tại châu Âu");
  EXPECT_NE(japan, europe);
  EXPECT_EQ(japan, c.ConceptKey("日本越南创新网络"));
  EXPECT_NE(c.ConceptKey("Bộ Ngoại giao Nhật Bản"), c.ConceptKey("Bộ Ngoại giao"));
}

TEST(NamesTest, Acronyms) {
  EXPECT_TRUE(LooksLikeAcronym("NIC"));
  EXPECT_TRUE(LooksLikeAcronym("KH&CN"));
  EXPECT_FALSE(LooksLikeAcronym("MaGIC"));
  EXPECT_FALSE(LooksLikeAcronym("hub.brussels"));
  EXPECT_FALSE(LooksLikeAcronym("Google"));
}

TEST_F(ResolverTest, AcronymDefinedInOneDocumentResolvesABareOneInAnother) {
  auto r = Make();
  auto d1 = r->Resolve(
      "", Doc({M(EntityKind::kOrganization, "Trung tâm Đổi mới sáng tạo Quốc gia", -1, "NIC"),
               M(EntityKind::kOrganization, "NIC", 0)}));
  auto d2 = r->Resolve("", Doc({M(EntityKind::kOrganization, "NIC")}));
  auto d3 = r->Resolve("", Doc({M(EntityKind::kOrganization, "越南国家创新中心")}));
  ASSERT_EQ(d1.entities.size(), 1u);
  EXPECT_EQ(IdOf(d1, 0), "org:centre+innovation+national");
  EXPECT_EQ(IdOf(d2, 0), IdOf(d1, 0));
  EXPECT_EQ(IdOf(d3, 0), IdOf(d1, 0));
}

TEST_F(ResolverTest, LexiconAliasesShareTheLexiconId) {
  auto r = Make();
  auto vi =
      r->Resolve("", Doc({M(EntityKind::kOrganization, "Trung tâm IMEC"),
                          M(EntityKind::kOrganization, "IMEC"), M(EntityKind::kPlace, "Bỉ")}));
  auto zh = r->Resolve(
      "", Doc({M(EntityKind::kOrganization, "校际微电子中心"), M(EntityKind::kPlace, "比利时")}));
  ASSERT_EQ(vi.entities.size(), 2u);  // "IMEC" inside "Trung tâm IMEC"
  EXPECT_EQ(IdOf(vi, 0), "org:imec");
  EXPECT_EQ(IdOf(zh, 0), "org:imec");
  EXPECT_EQ(IdOf(vi, 2), "loc:BE");
  EXPECT_EQ(IdOf(zh, 1), "loc:BE");
  EXPECT_EQ(vi.entities[0].name, "IMEC");  // the lexicon's canonical name
}

TEST_F(ResolverTest, ChineseTranscriptionOfAVietnameseNameInEitherOrder) {
  for (bool zh_first : {false, true}) {
    auto r = Make();
    auto vi_doc = Doc({M(EntityKind::kPerson, "Nguyễn Chí Dũng"), M(EntityKind::kPerson, "Dũng")});
    auto zh_doc = Doc({M(EntityKind::kPerson, "阮志勇"), M(EntityKind::kPerson, "范明政")});
    ResolvedDocument zh = zh_first ? r->Resolve("", zh_doc) : ResolvedDocument();
    ResolvedDocument vi = r->Resolve("", vi_doc);
    if (!zh_first) zh = r->Resolve("", zh_doc);
    EXPECT_EQ(IdOf(vi, 0), "per:nguyen chi dung");
    EXPECT_EQ(IdOf(vi, 1), IdOf(vi, 0)) << "partial name within the document";
    EXPECT_EQ(IdOf(zh, 0), "per:nguyen chi dung");
    EXPECT_EQ(IdOf(zh, 1), "per:pham minh chinh");
  }
}

TEST_F(ResolverTest, FoldedNamesAndWesternWordOrder) {
  auto r = Make();
  auto d1 = r->Resolve("", Doc({M(EntityKind::kPerson, "Nguyễn Chí Dũng"),
                                M(EntityKind::kPerson, "Maria Schmidt")}));
  auto d2 = r->Resolve("", Doc({M(EntityKind::kPerson, "NGUYEN CHI DUNG"),
                                M(EntityKind::kPerson, "Schmidt Maria")}));
  EXPECT_EQ(IdOf(d2, 0), IdOf(d1, 0));
  EXPECT_EQ(IdOf(d2, 1), IdOf(d1, 1));
}

TEST_F(ResolverTest, PartialReferencesWithinADocument) {
  auto r = Make();
  auto d = r->Resolve(
      "", Doc({M(EntityKind::kPerson, "Trần Văn Minh"), M(EntityKind::kPerson, "Lê Thị Lan"),
               M(EntityKind::kPerson, "Minh"), M(EntityKind::kPerson, "Lan"),
               M(EntityKind::kOrganization, "Đại học Kyoto"),
               M(EntityKind::kOrganization, "Trường Đại học Kyoto")}));
  EXPECT_EQ(IdOf(d, 2), IdOf(d, 0));
  EXPECT_EQ(IdOf(d, 3), IdOf(d, 1));
  EXPECT_NE(IdOf(d, 0), IdOf(d, 1));
  EXPECT_EQ(IdOf(d, 4), IdOf(d, 5));
  EXPECT_EQ(d.entities.size(), 3u);
}

TEST_F(ResolverTest, KeepsApartLookAlikes) {
  auto r = Make();
  // One acronym, two institutions, each defined in its own document.
  auto d1 = r->Resolve("", Doc({M(EntityKind::kOrganization, "Viện Vật lý Max Planck", -1, "MPI"),
                                M(EntityKind::kOrganization, "MPI", 0)}));
  auto d2 = r->Resolve("", Doc({M(EntityKind::kOrganization, "Bộ Kế hoạch và Đầu tư", -1, "MPI"),
                                M(EntityKind::kOrganization, "MPI", 0)}));
  EXPECT_NE(IdOf(d1, 0), IdOf(d2, 0));
  // Same pattern of words, different countries.
  auto d3 = r->Resolve(
      "", Doc({M(EntityKind::kOrganization, "Mạng lưới Đổi mới sáng tạo Việt Nam tại Nhật Bản")}));
  auto d4 = r->Resolve(
      "", Doc({M(EntityKind::kOrganization, "Mạng lưới Đổi mới sáng tạo Việt Nam tại châu Âu")}));
  EXPECT_NE(IdOf(d3, 0), IdOf(d4, 0));
  // Two persons sharing a given name in one document stay two.
  auto d5 = r->Resolve("", Doc({M(EntityKind::kPerson, "Nguyễn Văn Hùng"),
                                M(EntityKind::kPerson, "Trần Quốc Hùng")}));
  EXPECT_NE(IdOf(d5, 0), IdOf(d5, 1));
}

TEST_F(ResolverTest, BareHeadWordsStayInTheirDocument) {
  auto r = Make();
  auto d1 = r->Resolve("page one", Doc({M(EntityKind::kOrganization, "Trung tâm")}));
  auto d2 = r->Resolve("page two", Doc({M(EntityKind::kOrganization, "Trung tâm")}));
  EXPECT_NE(IdOf(d1, 0), IdOf(d2, 0));
  EXPECT_EQ(IdOf(d1, 0),
            IdOf(r->Resolve("page one", Doc({M(EntityKind::kOrganization, "Trung tâm")})),
                 0));  // still deterministic
}

TEST_F(ResolverTest, AmbiguousBareAcronymIsDecidedByContext) {
  auto r = Make();
  (void)r->Resolve("", Doc({M(EntityKind::kOrganization, "Viện Vật lý Max Planck", -1, "MPI"),
                            M(EntityKind::kOrganization, "MPI", 0), M(EntityKind::kPlace, "Bỉ")}));
  auto d2 = r->Resolve(
      "", Doc({M(EntityKind::kOrganization, "Bộ Kế hoạch và Đầu tư", -1, "MPI"),
               M(EntityKind::kOrganization, "MPI", 0), M(EntityKind::kPlace, "Nhật Bản")}));
  auto bare =
      r->Resolve("", Doc({M(EntityKind::kOrganization, "MPI"), M(EntityKind::kPlace, "Nhật Bản")}));
  EXPECT_EQ(IdOf(bare, 0), IdOf(d2, 0));
}

// What a store gives back of a resolved document (Store::LoadKnownEntities): each
// entity's lexicon key is the one its first writer stored (`first_keys`).
std::vector<KnownMention> Stored(const extract::Analysis& a, const ResolvedDocument& d,
                                 std::map<std::string, std::string>* first_keys) {
  for (const LocalEntity& e : d.entities) first_keys->emplace(e.id, e.lexicon_key);
  std::vector<KnownMention> out;
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    std::string id = IdOf(d, static_cast<int>(i));
    out.push_back({id, a.mentions[i].kind, a.mentions[i].surface, first_keys->at(id)});
  }
  return out;
}

TEST_F(ResolverTest, RecallingStoredDocumentsResolvesLikeTheResolverThatStoredThem) {
  // Links that need the memory: an acronym and a transcription seen alone later, an
  // ambiguous acronym decided by context, a bare head word (document-scoped, not recalled).
  const std::vector<extract::Analysis> docs = {
      Doc({M(EntityKind::kOrganization, "Trung tâm Đổi mới sáng tạo Quốc gia", -1, "NIC"),
           M(EntityKind::kOrganization, "NIC", 0), M(EntityKind::kPerson, "Nguyễn Chí Dũng"),
           M(EntityKind::kOrganization, "Trung tâm")}),
      Doc({M(EntityKind::kOrganization, "Viện Vật lý Max Planck", -1, "MPI"),
           M(EntityKind::kOrganization, "MPI", 0), M(EntityKind::kPlace, "Bỉ")}),
      Doc({M(EntityKind::kOrganization, "Bộ Kế hoạch và Đầu tư", -1, "MPI"),
           M(EntityKind::kOrganization, "MPI", 0), M(EntityKind::kPlace, "Nhật Bản")}),
      Doc({M(EntityKind::kOrganization, "NIC"), M(EntityKind::kPerson, "阮志勇")}),
      Doc({M(EntityKind::kOrganization, "MPI"), M(EntityKind::kPlace, "Nhật Bản")}),
      Doc({M(EntityKind::kOrganization, "MPI"), M(EntityKind::kPlace, "Bỉ")}),
  };
  for (size_t cut = 1; cut < docs.size(); ++cut) {
    SCOPED_TRACE("stored " + std::to_string(cut) + " documents");
    auto first = Make();   // resolves everything in one process
    auto second = Make();  // a new process: recalls what the first stored
    std::map<std::string, std::string> first_keys;
    for (size_t i = 0; i < cut; ++i) {
      second->Recall(
          Stored(docs[i], first->Resolve("doc" + std::to_string(i), docs[i]), &first_keys));
    }
    EXPECT_EQ(second->MemoryKeys(), first->MemoryKeys());
    for (size_t i = cut; i < docs.size(); ++i) {
      ResolvedDocument want = first->Resolve("doc" + std::to_string(i), docs[i]);
      ResolvedDocument got = second->Resolve("doc" + std::to_string(i), docs[i]);
      for (size_t m = 0; m < docs[i].mentions.size(); ++m) {
        EXPECT_EQ(IdOf(got, static_cast<int>(m)), IdOf(want, static_cast<int>(m)))
            << "document " << i << " mention " << m;
      }
    }
  }
  // The memory links that make this test meaningful.
  auto r = Make();
  std::vector<ResolvedDocument> out;
  for (size_t i = 0; i < docs.size(); ++i)
    out.push_back(r->Resolve("doc" + std::to_string(i), docs[i]));
  EXPECT_EQ(IdOf(out[3], 0), IdOf(out[0], 0));
  EXPECT_EQ(IdOf(out[3], 1), IdOf(out[0], 2));
  EXPECT_EQ(IdOf(out[4], 0), IdOf(out[2], 0));
  EXPECT_EQ(IdOf(out[5], 0), IdOf(out[1], 0));
}

TEST_F(ResolverTest, IdsAreDeterministicAcrossRuns) {
  auto doc = Doc({M(EntityKind::kOrganization, "Trung tâm Đổi mới sáng tạo Quốc gia"),
                  M(EntityKind::kPerson, "Jose Fernandez"), M(EntityKind::kPlace, "Hòa Lạc")});
  auto a = Make()->Resolve("", doc);
  auto b = Make()->Resolve("", doc);
  for (size_t i = 0; i < a.entities.size(); ++i) EXPECT_EQ(a.entities[i].id, b.entities[i].id);
}

TEST_F(ResolverTest, CurationSurvivesReingest) {
  auto r = Make();
  auto doc = Doc({M(EntityKind::kOrganization, "Công ty Alpha"),
                  M(EntityKind::kOrganization, "Alpha Holdings"),
                  M(EntityKind::kPerson, "Nguyễn Văn An"), M(EntityKind::kPerson, "An")});
  auto before = r->Resolve("", doc);
  std::string alpha = IdOf(before, 0), holdings = IdOf(before, 1), an = IdOf(before, 2);
  ASSERT_NE(alpha, holdings);
  ASSERT_EQ(IdOf(before, 3), an);

  Curation c;
  c.merged_into[holdings] = alpha;
  c.renames[alpha] = "Alpha Group";
  c.splits.push_back({an, "An", Curation::SplitId(an, "An")});
  c.aliases.push_back({alpha, "Tập đoàn Alpha"});
  r->SetCuration(c);
  r->Forget();  // re-ingest from scratch: only the curation remains
  r->SetCuration(c);
  auto after = r->Resolve("", doc);
  EXPECT_EQ(IdOf(after, 0), alpha);
  EXPECT_EQ(IdOf(after, 1), alpha);
  EXPECT_EQ(after.entities[static_cast<size_t>(after.mention_entity[0])].name, "Alpha Group");
  EXPECT_EQ(IdOf(after, 3), an + "~an");
  EXPECT_EQ(IdOf(after, 2), an);
  auto other = r->Resolve("", Doc({M(EntityKind::kOrganization, "Tập đoàn Alpha")}));
  EXPECT_EQ(IdOf(other, 0), alpha);
}

TEST_F(ResolverTest, CurationMergeChainsAndCyclesEnd) {
  Curation c;
  c.merged_into["a"] = "b";
  c.merged_into["b"] = "c";
  c.merged_into["x"] = "y";
  c.merged_into["y"] = "x";
  EXPECT_EQ(c.Final("a"), "c");
  EXPECT_EQ(c.Final("z"), "z");
  EXPECT_FALSE(c.Final("x").empty());
}

TEST_F(ResolverTest, BadInputNeverCrashes) {
  auto r = Make();
  auto d = r->Resolve("", Doc({M(EntityKind::kPerson, ""), M(EntityKind::kOrganization, "--", 7),
                               M(EntityKind::kPlace, "\xff\xfe", 0)}));
  EXPECT_EQ(d.mention_entity.size(), 3u);
  for (int e : d.mention_entity) EXPECT_GE(e, 0);
}

}  // namespace
}  // namespace ketnoi::resolve
