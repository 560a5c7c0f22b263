#include "search/search.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "search/query.h"
#include "search/tokenizer.h"
#include "store/postgres/pg_scratch.h"
#include "store/sql.h"
#include "store/store.h"

namespace ketnoi::search {
namespace {

using extract::EntityKind;
using extract::EventType;
using extract::Modality;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Builds a store::DocumentRecord by hand: deterministic input for the query side.
class RecordBuilder {
 public:
  RecordBuilder(std::string id, core::Lang lang, std::optional<core::Date> date, std::string title,
                std::string text) {
    r_.id = id;
    r_.source = "pages/" + id + ".txt";
    r_.content_hash = "hash-" + id + "-" + std::to_string(text.size());
    r_.format = "text";
    r_.lang = lang;
    r_.title = std::move(title);
    r_.date = date;
    r_.text = std::move(text);
    r_.paragraphs = {{0, static_cast<uint32_t>(r_.text.size())}};
    r_.analysis.lang = lang;
  }

  // Adds the sentence `s` (must occur in the text); returns its index.
  int Sentence(std::string_view s) {
    size_t at = r_.text.find(s);
    EXPECT_NE(at, std::string::npos) << s;
    r_.analysis.sentences.push_back(
        {{static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())}, 0});
    return static_cast<int>(r_.analysis.sentences.size()) - 1;
  }

  // Adds a mention of `surface` inside sentence `sentence`; returns its index.
  int Mention(int sentence, EntityKind kind, std::string_view surface, const std::string& entity_id,
              const std::string& name, std::vector<std::string> roles = {},
              extract::PlaceType place_type = extract::PlaceType::kNone) {
    core::Span s = r_.analysis.sentences[static_cast<size_t>(sentence)].span;
    size_t from = s.begin;
    for (const auto& m : r_.analysis.mentions) {
      if (m.sentence == sentence && m.surface == surface) from = m.span.end;
    }
    size_t at = r_.text.find(surface, from);
    EXPECT_NE(at, std::string::npos) << surface;
    extract::Mention m;
    m.kind = kind;
    m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size())};
    m.surface = std::string(surface);
    m.sentence = sentence;
    m.place_type = place_type;
    for (auto& t : roles) m.roles.push_back({t, m.span});
    r_.analysis.mentions.push_back(m);
    int e = -1;
    for (size_t i = 0; i < r_.resolved.entities.size(); ++i) {
      if (r_.resolved.entities[i].id == entity_id) e = static_cast<int>(i);
    }
    if (e < 0) {
      resolve::LocalEntity le;
      le.id = entity_id;
      le.kind = kind;
      le.place_type = place_type;
      le.name = name;
      // Lexicon places carry their key ("VN"), as the resolver gives them.
      if (kind == EntityKind::kPlace) le.lexicon_key = entity_id.substr(entity_id.rfind(':') + 1);
      r_.resolved.entities.push_back(le);
      e = static_cast<int>(r_.resolved.entities.size()) - 1;
    }
    r_.resolved.mention_entity.push_back(e);
    return static_cast<int>(r_.analysis.mentions.size()) - 1;
  }

  void Event(int sentence, EventType type, Modality modality, std::vector<int> participants,
             std::string_view trigger, std::vector<std::string> fields,
             std::optional<core::Date> date = std::nullopt, int place = -1) {
    extract::Event e;
    e.type = type;
    e.modality = modality;
    e.participants = std::move(participants);
    e.sentence = sentence;
    e.evidence = r_.analysis.sentences[static_cast<size_t>(sentence)].span;
    size_t at = r_.text.find(trigger, e.evidence.begin);
    EXPECT_NE(at, std::string::npos) << trigger;
    e.trigger = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + trigger.size())};
    e.fields = std::move(fields);
    e.date = date;
    e.place = place;
    r_.analysis.events.push_back(std::move(e));
  }

  void Fields(std::vector<std::string> f) { r_.analysis.fields = std::move(f); }
  // Mention `m` refers back to the fuller mention `to` (a title, a short name).
  void RefersBack(int m, int to) { r_.analysis.mentions[static_cast<size_t>(m)].antecedent = to; }
  const store::DocumentRecord& record() const { return r_; }

 private:
  store::DocumentRecord r_;
};

constexpr auto kOrg = EntityKind::kOrganization;
constexpr auto kPerson = EntityKind::kPerson;
constexpr auto kPlace = EntityKind::kPlace;
constexpr auto kCountry = extract::PlaceType::kCountry;

// Four small pages of our own in three languages.
std::vector<store::DocumentRecord> Corpus() {
  std::vector<store::DocumentRecord> out;
  {
    RecordBuilder b("vi-chip", core::Lang::kVi, core::Date{2024, 3, 10},
                    "Hợp tác đào tạo thiết kế chip",
                    "Bộ trưởng Đặng Văn Hùng tiếp Công ty Beta Chip tại Hà Nội. "
                    "Bộ trưởng Hùng đề nghị Beta Chip phối hợp với Viện Alpha đào tạo thiết kế "
                    "chip cho Việt Nam.");
    int s0 = b.Sentence("Bộ trưởng Đặng Văn Hùng tiếp Công ty Beta Chip tại Hà Nội.");
    int s1 = b.Sentence(
        "Bộ trưởng Hùng đề nghị Beta Chip phối hợp với Viện Alpha đào tạo thiết kế chip cho "
        "Việt Nam.");
    int hung = b.Mention(s0, kPerson, "Đặng Văn Hùng", "person:dang van hung", "Đặng Văn Hùng",
                         {"Bộ trưởng"});
    int beta = b.Mention(s0, kOrg, "Công ty Beta Chip", "organization:beta", "Beta Chip Inc.");
    int hanoi =
        b.Mention(s0, kPlace, "Hà Nội", "place:city:hanoi", "Hanoi", {}, extract::PlaceType::kCity);
    int hung2 = b.Mention(s1, kPerson, "Hùng", "person:dang van hung", "Đặng Văn Hùng");
    int beta2 = b.Mention(s1, kOrg, "Beta Chip", "organization:beta", "Beta Chip Inc.");
    int alpha = b.Mention(s1, kOrg, "Viện Alpha", "organization:alpha", "Alpha Institute");
    b.Mention(s1, kPlace, "Việt Nam", "place:VN", "Vietnam", {}, kCountry);
    b.Event(s0, EventType::kMeeting, Modality::kReported, {hung, beta}, "tiếp", {"chip_design"},
            std::nullopt, hanoi);
    b.Event(s1, EventType::kProposal, Modality::kProposed, {hung2, beta2, alpha}, "đề nghị",
            {"chip_design", "human_resources"});
    b.Fields({"chip_design", "human_resources"});
    out.push_back(b.record());
  }
  {
    RecordBuilder b("zh-mou", core::Lang::kZh, core::Date{2023, 11, 2}, "台湾与越南半导体合作",
                    "台湾半导体研究中心与越南国家创新中心签署合作备忘录。");
    int s0 = b.Sentence("台湾半导体研究中心与越南国家创新中心签署合作备忘录。");
    int tw = b.Mention(s0, kOrg, "台湾半导体研究中心", "organization:tsri",
                       "Taiwan Semiconductor Research Institute");
    int nic =
        b.Mention(s0, kOrg, "越南国家创新中心", "organization:nic", "National Innovation Center");
    b.Event(s0, EventType::kMouSigned, Modality::kReported, {tw, nic}, "签署", {"semiconductors"});
    b.Fields({"semiconductors"});
    out.push_back(b.record());
  }
  {
    RecordBuilder b("en-deal", core::Lang::kEn, core::Date{2022, 5, 20},
                    "Beta Chip and Alpha Institute sign agreement",
                    "Beta Chip signed an agreement with the Alpha Institute on chip design "
                    "training in Belgium. Vietnam and Belgium welcomed the deal.");
    int s0 = b.Sentence(
        "Beta Chip signed an agreement with the Alpha Institute on chip design training in "
        "Belgium.");
    int s1 = b.Sentence("Vietnam and Belgium welcomed the deal.");
    int beta = b.Mention(s0, kOrg, "Beta Chip", "organization:beta", "Beta Chip Inc.");
    int alpha = b.Mention(s0, kOrg, "Alpha Institute", "organization:alpha", "Alpha Institute");
    int be = b.Mention(s0, kPlace, "Belgium", "place:BE", "Belgium", {}, kCountry);
    b.Mention(s1, kPlace, "Vietnam", "place:VN", "Vietnam", {}, kCountry);
    b.Mention(s1, kPlace, "Belgium", "place:BE", "Belgium", {}, kCountry);
    b.Event(s0, EventType::kAgreementSigned, Modality::kReported, {beta, alpha}, "signed",
            {"chip_design"}, core::Date{2022, 5, 18}, be);
    b.Fields({"chip_design"});
    out.push_back(b.record());
  }
  {
    RecordBuilder b("vi-solar", core::Lang::kVi, core::Date{2019, 8, 1}, "Điện mặt trời",
                    "Viện Alpha và Tập đoàn Gamma Solar ký kết hợp tác điện mặt trời tại Bỉ.");
    int s0 = b.Sentence("Viện Alpha và Tập đoàn Gamma Solar ký kết hợp tác điện mặt trời tại Bỉ.");
    int alpha = b.Mention(s0, kOrg, "Viện Alpha", "organization:alpha", "Alpha Institute");
    int gamma = b.Mention(s0, kOrg, "Tập đoàn Gamma Solar", "organization:gamma", "Gamma Solar");
    int be = b.Mention(s0, kPlace, "Bỉ", "place:BE", "Belgium", {}, kCountry);
    b.Event(s0, EventType::kAgreementSigned, Modality::kReported, {alpha, gamma}, "ký kết",
            {"solar_energy"}, std::nullopt, be);
    b.Fields({"solar_energy"});
    out.push_back(b.record());
  }
  return out;
}

// Every query test runs on both backends: "sqlite" (a file) and "postgres" (a scratch
// database on KETNOI_TEST_PG_URL; skipped without it).
class KnowledgeBaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static int counter = 0;
    ++counter;
    dir_ = std::filesystem::temp_directory_path() /
           ("ketnoi_search_" + std::to_string(::getpid()) + "_" + std::to_string(counter));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "kb.db").string();
    if (GetParam() == "postgres") {
      if (store::PgUrl() == nullptr) {
        GTEST_SKIP() << "set KETNOI_TEST_PG_URL (tools/pg-test-cluster.sh prints one) to run "
                        "the query tests on PostgreSQL";
      }
      pg_ = std::make_unique<store::PgScratchDatabase>(
          "ketnoi_search_" + std::to_string(::getpid()) + "_" + std::to_string(counter));
      ASSERT_TRUE(pg_->error().empty()) << pg_->error();
      db_ = pg_->url();
    }
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    for (const auto& r : Corpus()) {
      auto put = (*store)->PutDocument(r);
      ASSERT_TRUE(put.ok()) << put.status().message();
    }
    auto kb = KnowledgeBase::Open(db_);
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    kb_ = std::move(kb).value();
    ASSERT_TRUE(kb_->UpdateIndex().ok());  // as `ketnoi ingest` does when it is done
  }
  void TearDown() override {
    kb_.reset();
    pg_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> SearchIds(SearchQuery q) {
    auto hits = kb_->Search(q);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    std::vector<std::string> ids;
    if (hits.ok()) {
      for (const auto& h : *hits) ids.push_back(h.doc_id);
    }
    return ids;
  }
  std::vector<std::string> SearchIds(const std::string& text) {
    return SearchIds(SearchQuery{text});
  }

  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<store::PgScratchDatabase> pg_;
  std::unique_ptr<KnowledgeBase> kb_;
};

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeBaseTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

// ---- tokenizer -------------------------------------------------------------------------

TEST(IndexTokensTest, FoldsVietnameseWithOffsetsIntoTheOriginal) {
  std::string text = "Ông ĐẶNG Văn Hùng, Đà Nẵng";
  auto toks = IndexTokens(text, false);
  std::vector<std::string> keys, surfaces;
  for (const auto& t : toks) {
    keys.push_back(t.key);
    surfaces.emplace_back(t.span.Of(text));
  }
  EXPECT_THAT(keys, ElementsAre("ong", "dang", "van", "hung", "da", "nang"));
  EXPECT_THAT(surfaces, ElementsAre("Ông", "ĐẶNG", "Văn", "Hùng", "Đà", "Nẵng"));
}

TEST(IndexTokensTest, ChineseIsCharactersPlusColocatedWordsInDocuments) {
  std::string text = "臺灣大學";
  auto query = IndexTokens(text, true);
  std::vector<std::string> keys;
  for (const auto& t : query) keys.push_back(t.key);
  EXPECT_THAT(keys, ElementsAre("台", "湾", "大", "学"));
  auto doc = IndexTokens("半导体研究", false);
  int colocated = 0;
  for (const auto& t : doc) colocated += t.colocated ? 1 : 0;
  EXPECT_GE(colocated, 1);
  EXPECT_FALSE(doc.front().colocated);
  EXPECT_EQ(doc.front().key, "半");
}

// FTS5's extra tokens: a pair at every ideograph followed by an ideograph at the next
// position (also across punctuation, where a phrase of the characters matches too), none
// where a segmenter word already is that key; queries of ideographs only become pairs.
TEST(IndexTokensTest, Fts5AddsIdeographPairsAtConsecutivePositions) {
  auto keys = [](const std::vector<IndexToken>& tokens) {
    std::vector<std::string> out;
    for (const IndexToken& t : tokens) out.push_back((t.colocated ? "+" : "") + t.key);
    return out;
  };
  EXPECT_THAT(
      keys(Fts5Tokens("中心，签署 ok 合作", false)),
      ElementsAre("中", "+中心", "心", "+心签", "签", "+签署", "署", "ok", "合", "+合作", "作"));
  auto doc = Fts5Tokens("半导体", false);
  EXPECT_THAT(keys(doc), ElementsAre("半", "+半导体", "+半导", "导", "+导体", "体"));
  EXPECT_EQ(doc[2].span.begin, 0u);
  EXPECT_EQ(doc[2].span.end, 6u);
  EXPECT_THAT(keys(Fts5Tokens("臺灣大學", true)), ElementsAre("台湾", "湾大", "大学"));
  EXPECT_THAT(keys(Fts5Tokens("湾", true)), ElementsAre("湾"));
  EXPECT_THAT(keys(Fts5Tokens("半导体chip", true)), ElementsAre("半", "导", "体", "chip"));
}

// Words pair like ideographs (also across punctuation), their keys joined by a space; an
// ideograph and a word never pair; queries of words only become pairs.
TEST(IndexTokensTest, Fts5AddsWordPairsAtConsecutivePositions) {
  auto keys = [](const std::vector<IndexToken>& tokens) {
    std::vector<std::string> out;
    for (const IndexToken& t : tokens) out.push_back((t.colocated ? "+" : "") + t.key);
    return out;
  };
  auto doc = Fts5Tokens("Viện Hàn lâm, Việt Nam 中心 ok", false);
  EXPECT_THAT(keys(doc), ElementsAre("vien", "+vien han", "han", "+han lam", "lam", "+lam viet",
                                     "viet", "+viet nam", "nam", "中", "+中心", "心", "ok"));
  EXPECT_EQ(doc[1].span.begin, 0u);
  EXPECT_EQ(doc[1].span.end, std::string("Viện Hàn").size());
  EXPECT_THAT(keys(Fts5Tokens("Hàn lâm Khoa", true)), ElementsAre("han lam", "lam khoa"));
  EXPECT_THAT(keys(Fts5Tokens("Samsung", true)), ElementsAre("samsung"));
  EXPECT_THAT(keys(Fts5Tokens("Samsung 三星", true)), ElementsAre("samsung", "三", "星"));
}

// A name's term sits at the name's first position after that position's pair, wherever its
// keys occur in order (also inside a longer name, across punctuation, twice); a query that is
// exactly a name is its term, anything more stays pairs.
TEST(IndexTokensTest, Fts5AddsNameTermsWhereTheNamesKeysOccur) {
  auto keys = [](const std::vector<IndexToken>& tokens) {
    std::vector<std::string> out;
    for (const IndexToken& t : tokens) out.push_back((t.colocated ? "+" : "") + t.key);
    return out;
  };
  IndexedNames names(
      IndexedNames::TermsOf({"Alpha Beta Institute", "Beta Institute of Gamma", "Two Words",
                             "Alpha", "国家创新中心", "Beta  institute OF gamma"}));
  EXPECT_THAT(names.terms(),
              ElementsAre("alpha_beta_institute", "beta_institute_of_gamma", "国_家_创_新_中_心"));
  auto doc = Fts5Tokens("Alpha Beta Institute of Gamma, alpha beta", false, &names);
  EXPECT_THAT(keys(doc), ElementsAre("alpha", "+alpha beta", "+alpha_beta_institute", "beta",
                                     "+beta institute", "+beta_institute_of_gamma", "institute",
                                     "+institute of", "of", "+of gamma", "gamma", "+gamma alpha",
                                     "alpha", "+alpha beta", "beta"));
  EXPECT_EQ(doc[2].span.begin, 0u);
  EXPECT_EQ(doc[2].span.end, std::string("Alpha Beta Institute").size());
  EXPECT_THAT(keys(Fts5Tokens("Two Words", false, &names)),
              ElementsAre("two", "+two words", "words"));
  auto zh = keys(Fts5Tokens("在国家创新中心", false, &names));
  EXPECT_EQ(std::count(zh.begin(), zh.end(), "+国_家_创_新_中_心"), 1);
  EXPECT_THAT(keys(Fts5Tokens("alpha, BETA institute", true, &names)),
              ElementsAre("alpha_beta_institute"));
  EXPECT_THAT(keys(Fts5Tokens("the Alpha Beta Institute", true, &names)),
              ElementsAre("the alpha", "alpha beta", "beta institute"));
  EXPECT_THAT(keys(Fts5Tokens("Alpha Beta Institute", true)),
              ElementsAre("alpha beta", "beta institute"));
}

// A document's sentences get the tokens its body already has: for every part of a body that
// BodyTokens serves, exactly what tokenizing the part alone gives (pairs and names that reach
// past it left out, offsets into the part), and every sentence-like part is served; a part
// that cuts a word or an ideograph run, which tokenizes differently alone, is not, nor one
// before the last part served or far after it.
TEST(IndexTokensTest, BodyTokensServeEachPartAsItTokenizesAlone) {
  IndexedNames names(
      IndexedNames::TermsOf({"Alpha Beta Institute", "Beta Institute of Gamma", "国家创新中心"}));
  const std::string body =
      "Alpha Beta Institute signed with Gamma Labs. Beta Institute of Gamma, in Đà Nẵng!\n"
      "国家创新中心与半导体研究所签署合作协议。双方将培训芯片设计人才\n"
      "Viện Hàn lâm Khoa học và 三星 ký kết (2026).";
  auto as_pairs = [](const std::vector<IndexToken>& tokens) {
    std::vector<std::pair<std::string, core::Span>> out;
    for (const IndexToken& t : tokens) out.push_back({(t.colocated ? "+" : "") + t.key, t.span});
    return out;
  };
  auto served = [](const BodyTokens::Part& part) {
    std::vector<std::pair<std::string, core::Span>> out;
    part.ForEach([&](const IndexToken& t, core::Span span) {
      out.push_back({(t.colocated ? "+" : "") + t.key, span});
    });
    return out;
  };
  BodyTokens reuse;
  reuse.Expect(body);
  EXPECT_FALSE(reuse.Serve("Alpha Beta", &names)) << "nothing before the body's own tokens";
  auto whole = reuse.Serve(body, &names);
  ASSERT_TRUE(whole);
  EXPECT_EQ(served(*whole), as_pairs(Fts5Tokens(body, false, &names)));
  const BodyTokens body_tokenized = reuse;  // each part below is looked for from the start

  std::vector<size_t> starts;  // every character boundary
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i == body.size() || (static_cast<uint8_t>(body[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  int parts_served = 0;
  for (size_t a = 0; a < starts.size(); ++a) {
    for (size_t b = a + 1; b < starts.size(); ++b) {
      const std::string part = body.substr(starts[a], starts[b] - starts[a]);
      reuse = body_tokenized;
      auto got = reuse.Serve(part, &names);
      if (!got) continue;
      ++parts_served;
      ASSERT_EQ(served(*got), as_pairs(Fts5Tokens(part, false, &names))) << part;
    }
  }
  EXPECT_GT(parts_served, 1000);
  reuse = body_tokenized;
  for (const std::string cut : {"pha Beta", "Institute sig", "创新中心与", "Nẵ", "not in it"}) {
    EXPECT_FALSE(reuse.Serve(cut, &names)) << cut;
  }
  for (const std::string sentence :
       {"Alpha Beta Institute signed with Gamma Labs.", "Beta Institute of Gamma, in Đà Nẵng!",
        "国家创新中心与半导体研究所签署合作协议。", "双方将培训芯片设计人才",
        "Viện Hàn lâm Khoa học và 三星 ký kết (2026)."}) {
    EXPECT_TRUE(reuse.Serve(sentence, &names)) << sentence;
  }
  EXPECT_FALSE(reuse.Serve("Alpha Beta Institute", &names)) << "only after the last part";
  // A part far past the last one is tokenized afresh: a text not in the body costs a short
  // search, not a scan of the whole body.
  const std::string far = "Gamma Labs signed.";
  const std::string far_body = std::string(3 * BodyTokens::kSearchWindow, ' ') + far;
  reuse.Expect(far_body);
  ASSERT_TRUE(reuse.Serve(far_body, &names));
  EXPECT_FALSE(reuse.Serve(far, &names));
  reuse.Clear();
  EXPECT_FALSE(reuse.Serve(body, &names)) << "nothing once the document is indexed";
}

// Tokens made ahead (on another thread, as the drain's helpers do) serve every text exactly as
// tokens made when the body is first served; a body that is not valid UTF-8 has none either way.
TEST(IndexTokensTest, BodyTokensMadeAheadServeAsTokensMadeOnUse) {
  IndexedNames names(IndexedNames::TermsOf({"Alpha Beta Institute", "国家创新中心"}));
  const std::string body =
      "Alpha Beta Institute met Gamma Labs.\n国家创新中心与研究所签署协议。\nViện Alpha ký kết.";
  const std::vector<std::string> texts = {"Title of it",  // not the body: before it, nothing
                                          body,
                                          "Alpha Beta Institute met Gamma Labs.",
                                          "国家创新中心与研究所签署协议。",
                                          "not in the body",
                                          "Viện Alpha ký kết."};
  auto serve_all = [&](BodyTokens& tokens) {
    std::vector<std::vector<std::pair<std::string, core::Span>>> out;
    for (const std::string& text : texts) {
      auto part = tokens.Serve(text, &names);
      out.emplace_back();
      if (!part) continue;
      part->ForEach([&](const IndexToken& t, core::Span span) {
        out.back().push_back({(t.colocated ? "+" : "") + t.key, span});
      });
    }
    return out;
  };
  BodyTokens on_use, ahead;
  on_use.Expect(body);
  ahead.Expect(body, BodyTokens::Make(body, &names));
  const auto served = serve_all(on_use);
  EXPECT_EQ(serve_all(ahead), served);
  EXPECT_TRUE(served[0].empty());
  EXPECT_FALSE(served[1].empty());
  EXPECT_FALSE(served[5].empty());

  const std::string invalid = "Alpha \xC3 Beta";
  EXPECT_FALSE(BodyTokens::Make(invalid, &names));
  ahead.Expect(invalid, BodyTokens::Make(invalid, &names));
  EXPECT_FALSE(ahead.Serve(invalid, &names));
}

// A drain with helpers tokenizing ahead (UpdateIndex with threads) builds the very index one
// thread does: every FTS5 shadow table, search_rows and search_aliases equal, byte for byte,
// over several drain transactions, a replaced document and a deleted one.
TEST(IndexDrainTest, HelpersBuildTheSameIndexAsOneThread) {
  const std::vector<std::string> tables = {"search_documents_data",
                                           "search_documents_idx",
                                           "search_documents_content",
                                           "search_documents_docsize",
                                           "search_sentences_data",
                                           "search_sentences_idx",
                                           "search_sentences_content",
                                           "search_sentences_docsize",
                                           "search_rows",
                                           "search_aliases"};
  auto build = [&](int threads) -> std::string {
    const auto path =
        std::filesystem::temp_directory_path() /
        ("ketnoi_drain_" + std::to_string(::getpid()) + "_" + std::to_string(threads) + ".db");
    std::filesystem::remove(path);
    {
      auto store = store::Store::Open(path.string());
      EXPECT_TRUE(store.ok());
      if (!store.ok()) return "";
      const std::vector<store::DocumentRecord> corpus = Corpus();
      for (int i = 0; i < 150; ++i) {  // three drain transactions
        store::DocumentRecord r = corpus[static_cast<size_t>(i) % corpus.size()];
        r.id += "-" + std::to_string(i);
        r.source = "pages/" + r.id + ".txt";
        r.content_hash += "-" + std::to_string(i);
        EXPECT_TRUE((*store)->PutDocument(r).ok());
      }
      auto kb = KnowledgeBase::Open(path.string());
      EXPECT_TRUE(kb.ok());
      if (!kb.ok()) return "";
      EXPECT_EQ(*(*kb)->UpdateIndex(threads), 150);
      store::DocumentRecord replaced = corpus[0];
      replaced.id += "-4";
      replaced.source = "pages/" + replaced.id + ".txt";
      replaced.content_hash += "-replaced";
      replaced.title = "Another title";
      EXPECT_EQ((*store)->PutDocument(replaced)->result, store::PutResult::kReplaced);
      auto del = (*kb)->sql().Prepare("DELETE FROM documents WHERE id = 'zh-mou-5'");
      EXPECT_TRUE(del.ok() && del->Run().ok());
      EXPECT_EQ(*(*kb)->UpdateIndex(threads), 2);
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    std::string rows;
    for (const std::string& table : tables) {
      sqlite3_stmt* q = nullptr;
      EXPECT_EQ(sqlite3_prepare_v2(db, ("SELECT * FROM " + table).c_str(), -1, &q, nullptr),
                SQLITE_OK)
          << table;
      rows += table + ":";
      while (sqlite3_step(q) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(q); ++c) {
          const auto* bytes = static_cast<const char*>(sqlite3_column_blob(q, c));
          rows += std::string(bytes ? bytes : "", static_cast<size_t>(sqlite3_column_bytes(q, c)));
          rows += '\x1f';
        }
        rows += '\n';
      }
      sqlite3_finalize(q);
    }
    sqlite3_close(db);
    std::filesystem::remove(path);
    return rows;
  };
  const std::string one_thread = build(1);
  EXPECT_GT(one_thread.size(), 10000u);
  EXPECT_EQ(build(4), one_thread);
}

// The same FTS5 index read through name terms and through pairs gives the same rows and the
// same bm25() for every phrase: names change what a lookup reads, never what it finds.
TEST(IndexTokensTest, NameTermsMatchAndScoreExactlyAsTheirPhrases) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ketnoi_names_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto state = std::make_shared<TokenizerState>();
  state->names = std::make_shared<const IndexedNames>(IndexedNames::TermsOf(
      {"Alpha Beta Institute", "Beta Institute of Gamma", "Institute of Gamma", "国家创新中心"}));
  sqlite3* named = nullptr;
  sqlite3* plain = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &named), SQLITE_OK);
  ASSERT_EQ(sqlite3_open(path.c_str(), &plain), SQLITE_OK);
  ASSERT_TRUE(RegisterTokenizer(named, state).ok());
  ASSERT_TRUE(RegisterTokenizer(plain).ok());
  auto exec = [](sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
  };
  exec(named, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='ketnoi')");
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Alpha Beta Institute", "The Alpha Beta Institute of Gamma met the Institute of Gamma."},
      {"News",
       "alpha beta institute; ALPHA-BETA institute, and Beta Institute of Gamma twice: "
       "Beta Institute of Gamma"},
      {"Beta Institute", "of Gamma starts the body: no name spans two columns."},
      {"国家创新中心", "越南国家创新中心与国家创新中心合作"},
      {"Alpha Beta", "Institute words apart: Alpha, Beta, Institute of something, Gamma."}};
  for (const auto& [title, body] : rows) {
    exec(named, "INSERT INTO t (title, body) VALUES ('" + title + "', '" + body + "')");
  }
  auto page = [](sqlite3* db, const std::string& match) {
    std::vector<std::string> out;
    sqlite3_stmt* q = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT rowid, bm25(t, 4.0, 1.0) FROM t WHERE t MATCH ?1 "
                                 "ORDER BY rowid",
                                 -1, &q, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(q, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(q) == SQLITE_ROW) {
      char score[64];
      std::snprintf(score, sizeof score, "%.17g", sqlite3_column_double(q, 1));
      out.push_back(std::to_string(sqlite3_column_int64(q, 0)) + " " + score);
    }
    sqlite3_finalize(q);
    return out;
  };
  for (const char* match :
       {"\"Alpha Beta Institute\"", "\"Beta Institute of Gamma\"", "\"Institute of Gamma\"",
        "\"国家创新中心\"", "\"Alpha Beta Institute\" AND \"Institute of Gamma\"",
        "\"Alpha Beta Institute\" OR \"国家创新中心\" OR \"Gamma\"",
        "\"the Alpha Beta Institute of Gamma\"", "\"Alpha Beta Institute\" AND alpha"}) {
    std::vector<std::string> by_name = page(named, match);
    EXPECT_FALSE(by_name.empty()) << match;
    EXPECT_EQ(by_name, page(plain, match)) << match;
  }
  // The index holds the terms (so the lookups above did read them).
  exec(named, "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, t, row)");
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(named,
                               "SELECT doc, cnt FROM temp.v WHERE term = "
                               "'beta_institute_of_gamma'",
                               -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 2);  // rows 1 and 2 (row 3 splits it over two columns)
  EXPECT_EQ(sqlite3_column_int(q, 1), 3);
  sqlite3_finalize(q);
  sqlite3_close(named);
  sqlite3_close(plain);
  std::filesystem::remove(path);
}

TEST(IndexTokensTest, SurvivesBrokenUtf8AndEmptyInput) {
  EXPECT_THAT(IndexTokens("", false), IsEmpty());
  auto toks = IndexTokens(std::string("ab\xff\xfe"
                                      "cd"),
                          false);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].key, "ab");
  EXPECT_EQ(toks[1].key, "cd");
}

TEST(QueryTest, TermsAreQuotedSoUserTextIsNeverFts5Syntax) {
  EXPECT_THAT(QueryTerms("chip \"thiết kế\" OR -x"), ElementsAre("chip", "thiết kế", "OR", "-x"));
  auto expr = MatchExpression({"a\"b", "c"}, false);
  ASSERT_TRUE(expr.ok());
  EXPECT_EQ(*expr, "\"a\"\"b\" AND \"c\"");
  auto empty = MatchExpression(QueryTerms(" ,, "), false);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "the query has no searchable words");
}

// ---- search ----------------------------------------------------------------------------

TEST_P(KnowledgeBaseTest, SearchIsDiacriticAndCaseInsensitive) {
  EXPECT_THAT(SearchIds("dang van hung"), ElementsAre("vi-chip"));
  EXPECT_THAT(SearchIds("ĐẶNG VĂN HÙNG"), ElementsAre("vi-chip"));
  EXPECT_THAT(SearchIds("dien mat troi"), ElementsAre("vi-solar"));
}

TEST_P(KnowledgeBaseTest, SearchFoldsTraditionalChineseAndMatchesPartialWords) {
  EXPECT_THAT(SearchIds("臺灣"), ElementsAre("zh-mou"));
  EXPECT_THAT(SearchIds("导体"), ElementsAre("zh-mou"));
  EXPECT_THAT(SearchIds("半導體合作"), ElementsAre("zh-mou"));
  EXPECT_THAT(SearchIds("\"湾台\""), IsEmpty());  // a phrase keeps the order
}

TEST_P(KnowledgeBaseTest, SearchByAnEntityNameFindsItsOtherLanguageNames) {
  // "Beta Chip" is only a name in en-deal and vi-chip; "Alpha Institute" links to "Viện Alpha".
  EXPECT_THAT(SearchIds("alpha institute"), ElementsAre("en-deal", "vi-solar", "vi-chip"));
  EXPECT_THAT(SearchIds("越南国家创新中心"), ElementsAre("zh-mou"));
}

TEST_P(KnowledgeBaseTest, SearchForAnEntitysNameFindsTheNameNotItsWordsApart) {
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok());
  RecordBuilder b("en-apart", core::Lang::kEn, core::Date{2025, 2, 1}, "Alpha and an institute",
                  "The Alpha team toured an institute in Hanoi.");
  b.Sentence("The Alpha team toured an institute in Hanoi.");
  ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  // "Alpha Institute" names an entity (as in en-deal): its phrase, and its other names.
  EXPECT_THAT(SearchIds("Alpha Institute"), ElementsAre("en-deal", "vi-solar", "vi-chip"));
  EXPECT_THAT(SearchIds("ALPHA INSTITUTE"), ElementsAre("en-deal", "vi-solar", "vi-chip"));
  // Words that name nothing must each occur, anywhere.
  EXPECT_THAT(SearchIds("institute alpha"), ElementsAre("en-apart", "en-deal"));
}

TEST_P(KnowledgeBaseTest, SearchExpandsAnEntityOnlyToNamesOfOneInAHundredOfItsMentions) {
  // "Delta Corp" is named 100 times and one "Omega Labs" mention was linked to it (a
  // resolution error): not one of its names, so the query does not find Omega's page.
  auto put = [&](const std::string& id, std::string text, int delta, int omega_linked) {
    RecordBuilder b(id, core::Lang::kEn, std::nullopt, id, text);
    int s = b.Sentence(text);
    for (int i = 0; i < delta; ++i) {
      b.Mention(s, kOrg, "Delta Corp", "organization:delta", "Delta Corp");
    }
    for (int i = 0; i < omega_linked; ++i) {
      b.Mention(s, kOrg, "Omega Labs", "organization:delta", "Delta Corp");
    }
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto r = (*store)->PutDocument(b.record());
    ASSERT_TRUE(r.ok()) << r.status().message();
  };
  std::string delta_text;
  for (int i = 0; i < 100; ++i) delta_text += "Delta Corp ";
  put("en-delta", delta_text + "and Omega Labs met.", 100, 1);
  put("en-omega", "Omega Labs opened a lab.", 0, 0);
  ASSERT_TRUE(kb_->UpdateIndex().ok());
  EXPECT_THAT(SearchIds("Delta Corp"), ElementsAre("en-delta"));
  // A second linked mention: 2 of 102 are one in a hundred, so "Omega Labs" is a name.
  put("en-omega-linked", "Delta Corp is Omega Labs.", 0, 1);
  ASSERT_TRUE(kb_->UpdateIndex().ok());
  EXPECT_THAT(SearchIds("Delta Corp"),
              ::testing::UnorderedElementsAre("en-delta", "en-omega", "en-omega-linked"));
}

TEST_P(KnowledgeBaseTest, SearchDoesNotExpandAnEntityToMentionsReferringBack) {
  // "Delta Corp" is named twice; three "Board Chairman" mentions refer back to it: they are
  // its mentions but not its names, so the query does not find another chairman's page.
  std::string text =
      "Delta Corp hired a Board Chairman. Board Chairman and Board Chairman met "
      "Delta Corp.";
  RecordBuilder b("en-delta", core::Lang::kEn, std::nullopt, "Delta", text);
  int s = b.Sentence(text);
  const int full = b.Mention(s, kOrg, "Delta Corp", "organization:delta", "Delta Corp");
  for (int i = 0; i < 3; ++i) {
    b.RefersBack(b.Mention(s, kOrg, "Board Chairman", "organization:delta", "Delta Corp"), full);
  }
  b.Mention(s, kOrg, "Delta Corp", "organization:delta", "Delta Corp");
  RecordBuilder other("en-chair", core::Lang::kEn, std::nullopt, "Chair",
                      "The Board Chairman resigned.");
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  ASSERT_TRUE((*store)->PutDocument(other.record()).ok());
  ASSERT_TRUE(kb_->UpdateIndex().ok());
  EXPECT_THAT(SearchIds("Delta Corp"), ElementsAre("en-delta"));
  // One mention naming it on its own makes "Board Chairman" a name (1 of the 3 that do).
  RecordBuilder named("en-chair-named", core::Lang::kEn, std::nullopt, "Named",
                      "Board Chairman is a company.");
  named.Mention(named.Sentence("Board Chairman is a company."), kOrg, "Board Chairman",
                "organization:delta", "Delta Corp");
  ASSERT_TRUE((*store)->PutDocument(named.record()).ok());
  ASSERT_TRUE(kb_->UpdateIndex().ok());
  EXPECT_THAT(SearchIds("Delta Corp"),
              ::testing::UnorderedElementsAre("en-delta", "en-chair", "en-chair-named"));
}

TEST_P(KnowledgeBaseTest, SearchRanksAndFilters) {
  // The title match first, then the shorter page (BM25 length normalization).
  EXPECT_THAT(SearchIds("Alpha"), ElementsAre("en-deal", "vi-solar", "vi-chip"));
  SearchQuery q{"Alpha"};
  q.lang = "vi";
  EXPECT_THAT(SearchIds(q), ElementsAre("vi-solar", "vi-chip"));
  q.from = "2020";
  EXPECT_THAT(SearchIds(q), ElementsAre("vi-chip"));
  q = SearchQuery{"Alpha"};
  q.to = "2022-05";
  EXPECT_THAT(SearchIds(q), ElementsAre("en-deal", "vi-solar"));
  q = SearchQuery{"Alpha"};
  q.source = "vi-solar";
  EXPECT_THAT(SearchIds(q), ElementsAre("vi-solar"));
  q = SearchQuery{"Alpha"};
  q.limit = 1;
  EXPECT_THAT(SearchIds(q), ElementsAre("en-deal"));
}

// SQLite ranks a page from its in-memory table of the index's rows (search/rank.h); the page
// must be exactly FTS5's bm25() ORDER BY score DESC, doc_id LIMIT n, filters included, also
// after the index changed under the open KnowledgeBase.
TEST_P(KnowledgeBaseTest, SqlitePageIsFts5Bm25Page) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the ranking function is SQLite's";
  auto fts5_page = [&](const std::string& match, const SearchQuery& q) {
    std::string sql =
        "SELECT r.doc_id, CAST(-bm25(search_documents, 0.0, 4.0, 1.0) * 1000000 AS INTEGER) "
        "AS score FROM search_documents s JOIN search_rows r ON r.doc_row = s.rowid "
        "JOIN documents d ON d.id = r.doc_id WHERE search_documents MATCH ?1 "
        "AND (?2 = '' OR d.lang = ?2) AND (?3 = '' OR d.published >= ?3) "
        "AND (?4 = '' OR substr(d.published, 1, length(?4)) <= ?4) "
        "AND (?5 = '' OR instr(d.source, ?5) > 0) ORDER BY score DESC, r.doc_id LIMIT ?6";
    auto stmt = kb_->sql().Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    std::vector<std::string> out;
    if (!stmt.ok()) return out;
    stmt->Bind(1, match).Bind(2, q.lang).Bind(3, q.from).Bind(4, q.to).Bind(5, q.source);
    stmt->Bind(6, int64_t{q.limit});
    while (*stmt->Step()) out.push_back(stmt->Text(0) + " " + std::to_string(stmt->Int(1)));
    return out;
  };
  auto page = [&](const SearchQuery& q) {
    std::vector<std::string> out;
    auto hits = kb_->Search(q);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    if (!hits.ok()) return out;
    for (const SearchHit& h : *hits) {
      out.push_back(h.doc_id + " " + std::to_string(std::llround(h.score * 1e6)));
    }
    return out;
  };
  auto check = [&](const std::string& text, const std::string& match) {
    // Search first: it indexes what is queued.
    auto same = [&](const SearchQuery& q, const std::string& what) {
      std::vector<std::string> got = page(q);
      EXPECT_EQ(got, fts5_page(match, q)) << what;
    };
    SearchQuery q{text};
    same(q, text);
    q.lang = "vi";
    same(q, text + " lang=vi");
    q = SearchQuery{text};
    q.from = "2020";
    q.to = "2024-03";
    same(q, text + " 2020..2024-03");
    q = SearchQuery{text};
    q.source = "vi-";
    same(q, text + " source");
    q = SearchQuery{text};
    q.limit = 1;
    same(q, text + " limit 1");
  };
  check("chip", "\"chip\"");
  check("design training", "\"design\" AND \"training\"");
  check("\"thiết kế\"", "\"thiết kế\"");
  check("hợp tác", "\"hợp\" AND \"tác\"");
  check("Alpha Institute", "\"Alpha Institute\" OR \"Viện Alpha\"");  // a name: a phrase
  check("半导体", "\"半导体\"");
  check("台湾 合作", "\"台湾\" AND \"合作\"");
  EXPECT_EQ(fts5_page("\"alpha\"", SearchQuery{"alpha"}).size(), 3u);  // the check has rows

  // A page added and one replaced while the KnowledgeBase is open: the next query sees them.
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok());
  RecordBuilder b("en-chip2", core::Lang::kEn, core::Date{2025, 1, 5}, "Chip design school",
                  "A chip design school with the Alpha Institute: chip design, chip tests.");
  b.Sentence("A chip design school with the Alpha Institute: chip design, chip tests.");
  ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  RecordBuilder r("vi-solar", core::Lang::kVi, core::Date{2019, 8, 1}, "Điện gió và chip",
                  "Viện Alpha nghiên cứu chip cho điện gió.");
  r.Sentence("Viện Alpha nghiên cứu chip cho điện gió.");
  ASSERT_TRUE((*store)->PutDocument(r.record()).ok());
  auto indexed = kb_->UpdateIndex();
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(*indexed, 2);
  check("chip", "\"chip\"");
  check("Alpha", "\"Alpha\"");
  EXPECT_EQ(fts5_page("\"chip\"", SearchQuery{"chip"}).size(), 4u);
}

TEST_P(KnowledgeBaseTest, SnippetsMarkTheOriginalText) {
  auto hits = kb_->Search({"hung"});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_THAT((*hits)[0].snippet,
              ::testing::HasSubstr("Bộ trưởng [Đặng Văn Hùng] tiếp"));  // the whole name: an alias
  EXPECT_EQ((*hits)[0].title, "Hợp tác đào tạo thiết kế chip");
  EXPECT_EQ((*hits)[0].date, "2024-03-10");
  EXPECT_GT((*hits)[0].score, 0);
}

TEST_P(KnowledgeBaseTest, BadQueriesAreClearErrors) {
  SearchQuery q{"chip"};
  q.from = "March 2024";
  auto r = kb_->Search(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "bad date 'March 2024': expected YYYY, YYYY-MM or YYYY-MM-DD");
  q = SearchQuery{"chip"};
  q.lang = "fr";
  EXPECT_EQ(kb_->Search(q).status().message(), "bad language 'fr': expected vi, zh or en");
  EXPECT_EQ(kb_->Search({"..."}).status().message(), "the query has no searchable words");
}

TEST_P(KnowledgeBaseTest, IndexFollowsReplacedDocuments) {
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok());
  RecordBuilder b("vi-solar", core::Lang::kVi, core::Date{2019, 8, 2}, "Điện gió",
                  "Tập đoàn Gamma Solar xây dựng điện gió.");
  auto put = (*store)->PutDocument(b.record());
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(put->result, store::PutResult::kReplaced);
  EXPECT_THAT(SearchIds("mat troi"), IsEmpty());
  EXPECT_THAT(SearchIds("dien gio"), ElementsAre("vi-solar"));
  auto again = kb_->UpdateIndex();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TEST_P(KnowledgeBaseTest, ReopeningIsCheapAndKeepsTheIndex) {
  if (GetParam() == "sqlite") {  // the SQLite index's names: the shipped organizations'
    auto names = kb_->sql().Prepare("SELECT count(*) FROM search_names");
    ASSERT_TRUE(names.ok());
    ASSERT_TRUE(*names->Step());
    EXPECT_GT(names->Int(0), 100);
  }
  kb_.reset();
  auto kb = KnowledgeBase::Open(db_);
  ASSERT_TRUE(kb.ok());
  auto n = (*kb)->UpdateIndex();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  auto hits = (*kb)->Search({"beta"});
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 2u);
}

TEST_P(KnowledgeBaseTest, FullTextIndexMergesEightSegmentsAtATimeOldIndexesToo) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the merge policy is FTS5's";
  auto automerge = [&](KnowledgeBase& kb, const std::string& table) -> int64_t {
    auto q = kb.sql().Prepare("SELECT v FROM " + table + "_config WHERE k = 'automerge'");
    EXPECT_TRUE(q.ok());
    auto row = q->Step();
    EXPECT_TRUE(row.ok());
    return row.ok() && *row ? q->Int(0) : -1;
  };
  EXPECT_EQ(automerge(*kb_, "search_documents"), 8);
  EXPECT_EQ(automerge(*kb_, "search_sentences"), 8);
  // An index built with SQLite's default policy, as before it was set.
  ASSERT_TRUE(kb_->sql().Exec("DELETE FROM search_sentences_config WHERE k = 'automerge'").ok());
  kb_.reset();
  auto kb = KnowledgeBase::Open(db_);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ(automerge(**kb, "search_sentences"), 8);
  auto hits = (*kb)->Search({"beta"});
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 2u);
}

TEST_P(KnowledgeBaseTest, QueriesAnswerFromTheIndexAsItStandsWhileAnotherWriterHoldsTheLock) {
  if (GetParam() == "postgres") {
    GTEST_SKIP() << "PostgreSQL's writers do not hold the lock that indexing waits for";
  }
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok());
  RecordBuilder b("en-late", core::Lang::kEn, core::Date{2025, 2, 1}, "Beta Labs again",
                  "Beta Labs opened a second test line.");
  b.Sentence("Beta Labs opened a second test line.");
  ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  // Another process's ingest, between two of its batches: a write transaction left open.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  kb_.reset();
  auto kb = KnowledgeBase::Open(db_);  // opening writes nothing, so it does not wait
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  auto stale = (*kb)->Search({"beta"});
  ASSERT_TRUE(stale.ok()) << stale.status().message();
  EXPECT_EQ(stale->size(), 2u);  // the page committed but not indexed is not among them
  EXPECT_EQ((*kb)->unindexed(), 1);
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  auto current = (*kb)->Search({"beta"});
  ASSERT_TRUE(current.ok()) << current.status().message();
  EXPECT_EQ(current->size(), 3u);
  EXPECT_EQ((*kb)->unindexed(), 0);
}

// ---- entities --------------------------------------------------------------------------

TEST_P(KnowledgeBaseTest, FindsEntitiesByIdKeyAliasAndPart) {
  auto ids = [&](const std::string& q) {
    std::vector<std::string> out;
    auto r = kb_->FindEntities(q);
    EXPECT_TRUE(r.ok());
    if (r.ok()) {
      for (const auto& e : *r) out.push_back(e.id);
    }
    return out;
  };
  EXPECT_THAT(ids("organization:alpha"), ElementsAre("organization:alpha"));
  EXPECT_THAT(ids("be"), ElementsAre("place:BE"));
  EXPECT_THAT(ids("viện alpha"), ElementsAre("organization:alpha"));
  EXPECT_THAT(ids("VIEN ALPHA"), ElementsAre("organization:alpha"));
  EXPECT_THAT(ids("hung"), ElementsAre("person:dang van hung"));
  EXPECT_THAT(ids("创新中心"), ElementsAre("organization:nic"));
  EXPECT_THAT(ids("nobody at all"), IsEmpty());
}

TEST_P(KnowledgeBaseTest, ProfileGathersAliasesRolesPartnersEventsAndSources) {
  auto p = kb_->Profile("alpha institute");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->entity.id, "organization:alpha");
  EXPECT_EQ(p->entity.kind, "organization");
  std::vector<std::string> aliases;
  for (const auto& a : p->aliases)
    aliases.push_back(a.lang + ":" + a.surface + "x" + std::to_string(a.count));
  EXPECT_THAT(aliases, ElementsAre("en:Alpha Institutex1", "vi:Viện Alphax2"));
  std::vector<std::string> partners;
  for (const auto& c : p->partners) partners.push_back(c.key + "=" + std::to_string(c.count));
  EXPECT_THAT(partners,
              ElementsAre("organization:beta=2", "organization:gamma=1", "person:dang van hung=1"));
  std::vector<std::string> events;
  for (const auto& e : p->events) events.push_back(e.type + "@" + e.date.value_or("?"));
  EXPECT_THAT(events, ElementsAre("agreement_signed@2019-08-01", "agreement_signed@2022-05-18",
                                  "proposal@2024-03-10"));
  EXPECT_TRUE(p->events[0].date_from_document);
  EXPECT_FALSE(p->events[1].date_from_document);
  std::vector<std::string> docs;
  for (const auto& d : p->documents) docs.push_back(d.id);
  EXPECT_THAT(docs, ElementsAre("vi-solar", "en-deal", "vi-chip"));
  ASSERT_FALSE(p->fields.empty());
  EXPECT_EQ(p->fields[0].key, "chip_design");
  EXPECT_EQ(p->fields[0].count, 4);  // two documents + two events
}

TEST_P(KnowledgeBaseTest, ProfileRolesCarryTheDocumentDate) {
  auto p = kb_->Profile("Đặng Văn Hùng");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->roles.size(), 1u);
  EXPECT_EQ(p->roles[0].title, "Bộ trưởng");
  EXPECT_EQ(p->roles[0].date, "2024-03-10");
  EXPECT_EQ(p->roles[0].doc_id, "vi-chip");
}

TEST_P(KnowledgeBaseTest, UnknownEntityIsNotFound) {
  auto p = kb_->Profile("Nobody");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(p.status().message(), "no entity named 'Nobody' in the database");
}

// ---- events ----------------------------------------------------------------------------

std::vector<std::string> EventKeys(const core::Result<std::vector<EventRow>>& r) {
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const auto& e : *r) out.push_back(e.doc_id + "#" + std::to_string(e.idx));
  }
  return out;
}

TEST_P(KnowledgeBaseTest, EventsFilter) {
  EXPECT_THAT(EventKeys(kb_->Events({})),
              ElementsAre("vi-solar#0", "en-deal#0", "zh-mou#0", "vi-chip#0", "vi-chip#1"));
  EventFilter f;
  f.type = "agreement_signed";
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-solar#0", "en-deal#0"));
  f = {};
  f.field = "chip_design";
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("en-deal#0", "vi-chip#0", "vi-chip#1"));
  f = {};
  f.participants = {"Beta Chip", "alpha"};
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("en-deal#0", "vi-chip#1"));
  f = {};
  f.modality = "proposed";
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-chip#1"));
  f = {};
  f.from = "2022-05-19";
  f.to = "2023";
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("zh-mou#0"));
  f = {};
  f.countries = {"VN", "Bỉ"};  // a country pair: the participant/place/sentence involve both
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre());
  f.countries = {"Vietnam"};
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-chip#1"));
  f.countries = {"BE"};
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-solar#0", "en-deal#0"));
  f.countries = {"Hanoi"};  // the place of an event
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-chip#0"));
  f.countries = {"BE"};  // with other filters and a limit
  f.type = "agreement_signed";
  f.from = "2020";
  f.limit = 1;
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("en-deal#0"));
  f = {};
  f.participants = {"Beta Chip"};  // one participant's list, the country checked per event
  f.countries = {"Vietnam"};
  EXPECT_THAT(EventKeys(kb_->Events(f)), ElementsAre("vi-chip#1"));
  f = {};
  f.participants = {"Nobody"};
  EXPECT_EQ(kb_->Events(f).status().message(), "no entity named 'Nobody' in the database");
}

// EventCounts counts in SQL what a listing would give; it must agree with Events() for
// every kind of filter, with and without clusters (one_per_act: the first report by date).
TEST_P(KnowledgeBaseTest, EventCountsAgreeWithTheListing) {
  auto counted = [&](const EventFilter& f, bool by_month) {
    auto r = kb_->EventCounts(f, by_month);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::map<std::string, std::map<std::string, int>> out;
    if (r.ok()) {
      for (const PeriodCount& p : *r) {
        int total = 0;
        for (const auto& [type, n] : p.by_type) total += n;
        EXPECT_EQ(p.count, total) << p.period;
        out[p.period] = p.by_type;
      }
    }
    return out;
  };
  auto listed = [&](const EventFilter& f, bool by_month) {
    std::map<std::string, std::map<std::string, int>> out;
    auto r = kb_->Events(f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (r.ok()) {
      for (const EventRow& e : *r) {
        if (e.date && e.date->size() >= (by_month ? 7u : 4u)) {
          out[e.date->substr(0, by_month ? 7 : 4)][e.type]++;
        }
      }
    }
    return out;
  };
  // The Belgian agreement reported twice: the 2019 page's event comes first by date.
  ASSERT_TRUE(kb_->sql()
                  .Exec("INSERT INTO event_clusters (doc_id, event_idx, cluster_id) VALUES "
                        "('vi-solar', 0, 'vi-solar#0'), ('en-deal', 0, 'vi-solar#0')")
                  .ok());
  std::vector<EventFilter> filters(6);
  filters[1].participants = {"Alpha Institute"};  // one entity's list
  filters[2].countries = {"BE"};                  // a country's rows
  filters[3].type = "agreement_signed";           // plain filters
  filters[3].from = "2019";
  filters[4].participants = {"Beta Chip", "alpha"};  // checked per event
  filters[5].limit = 3;                              // the listing's first events only
  for (bool one_per_act : {false, true}) {
    for (bool by_month : {false, true}) {
      for (EventFilter f : filters) {
        f.one_per_act = one_per_act;
        EXPECT_EQ(counted(f, by_month), listed(f, by_month))
            << "one_per_act " << one_per_act << " by_month " << by_month << " participants "
            << f.participants.size() << " countries " << f.countries.size() << " type " << f.type;
      }
    }
  }
  EventFilter acts;
  acts.one_per_act = true;
  acts.type = "agreement_signed";
  EXPECT_EQ(
      counted(acts, false),
      (std::map<std::string, std::map<std::string, int>>{{"2019", {{"agreement_signed", 1}}}}));
}

// Listings are read and finished a chunk at a time (events.cc): events of one page spread
// over several chunks keep their own participants, and a listing stops when asked.
TEST_P(KnowledgeBaseTest, EventListingsLongerThanAChunkKeepEachEventsParticipants) {
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  constexpr int kPages = 3, kEventsPerPage = 450;  // 1,350 events dated over 2010
  for (int page = 0; page < kPages; ++page) {
    RecordBuilder b("bulk-" + std::to_string(page), core::Lang::kEn, core::Date{2011, 1, 1}, "Bulk",
                    "Beta Chip met Alpha Institute.");
    int s0 = b.Sentence("Beta Chip met Alpha Institute.");
    int beta = b.Mention(s0, kOrg, "Beta Chip", "organization:beta", "Beta Chip Inc.");
    int alpha = b.Mention(s0, kOrg, "Alpha Institute", "organization:alpha", "Alpha Institute");
    for (int i = 0; i < kEventsPerPage; ++i) {
      std::vector<int> who = i % 2 == 0 ? std::vector<int>{beta, alpha} : std::vector<int>{beta};
      b.Event(s0, EventType::kMeeting, Modality::kReported, who, "met", {},
              core::Date{2010, 1 + i % 12, 1 + (i / 12) % 28});
    }
    ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  }
  EventFilter f;
  f.from = "2010";
  f.to = "2010";
  auto all = kb_->Events(f);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), static_cast<size_t>(kPages * kEventsPerPage));
  for (size_t k = 0; k < all->size(); ++k) {
    const EventRow& e = (*all)[k];
    ASSERT_EQ(e.participants.size(), e.idx % 2 == 0 ? 2u : 1u) << e.doc_id << "#" << e.idx;
    EXPECT_EQ(e.participants[0].id, "organization:beta");
    if (k > 0) {
      const EventRow& before = (*all)[k - 1];
      EXPECT_LE(std::tie(*before.date, before.doc_id, before.idx),
                std::tie(*e.date, e.doc_id, e.idx));
    }
  }
  // Two participant groups: the second is checked per event, after its chunk is read.
  f.participants = {"Beta Chip", "Alpha Institute"};
  auto both = kb_->Events(f);
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_EQ(both->size(), static_cast<size_t>(kPages * (kEventsPerPage / 2)));
  f.participants.clear();
  std::vector<std::string> first;
  ASSERT_TRUE(kb_->ForEachEvent(f,
                                [&](EventRow&& e) {
                                  first.push_back(e.doc_id + "#" + std::to_string(e.idx));
                                  return first.size() < 1001;
                                })
                  .ok());
  ASSERT_EQ(first.size(), 1001u);
  EXPECT_EQ(first.back(), all->at(1000).doc_id + "#" + std::to_string(all->at(1000).idx));
}

// An entity's lists lie by month and then in the order their rows were written
// (store/entity_stats.h): pages of one month written out of date order still list by date,
// with or without a limit.
TEST_P(KnowledgeBaseTest, OneEntitysEventsAndDocumentsListByDateWhateverTheWriteOrder) {
  auto store = store::Store::Open(db_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const std::pair<std::string, core::Date> pages[] = {{"july", core::Date{2021, 7, 1}},
                                                      {"late-june", core::Date{2021, 6, 25}},
                                                      {"early-june", core::Date{2021, 6, 3}},
                                                      {"mid-june", core::Date{2021, 6, 14}}};
  for (const auto& [id, date] : pages) {
    RecordBuilder b(id, core::Lang::kEn, date, "Omega", "Omega Labs met Beta Chip.");
    int s0 = b.Sentence("Omega Labs met Beta Chip.");
    int omega = b.Mention(s0, kOrg, "Omega Labs", "organization:omega", "Omega Labs");
    int beta = b.Mention(s0, kOrg, "Beta Chip", "organization:beta", "Beta Chip Inc.");
    b.Event(s0, EventType::kMeeting, Modality::kReported, {omega, beta}, "met", {}, date);
    ASSERT_TRUE((*store)->PutDocument(b.record()).ok());
  }
  const std::vector<std::string> by_date = {"early-june", "mid-june", "late-june", "july"};
  EventFilter f;
  f.participants = {"organization:omega"};
  auto all = kb_->Events(f);
  ASSERT_TRUE(all.ok()) << all.status().message();
  std::vector<std::string> listed;
  for (const EventRow& e : *all) listed.push_back(e.doc_id);
  EXPECT_EQ(listed, by_date);
  f.limit = 2;
  auto first_two = kb_->Events(f);
  ASSERT_TRUE(first_two.ok());
  ASSERT_EQ(first_two->size(), 2u);
  EXPECT_EQ((*first_two)[0].doc_id, "early-june");
  EXPECT_EQ((*first_two)[1].doc_id, "mid-june");
  auto p = kb_->Profile("organization:omega");
  ASSERT_TRUE(p.ok()) << p.status().message();
  std::vector<std::string> documents;
  for (const auto& d : p->documents) documents.push_back(d.id);
  EXPECT_EQ(documents, by_date);
}

TEST_P(KnowledgeBaseTest, EventRowsCarryEvidenceParticipantsAndPlace) {
  EventFilter f;
  f.type = "meeting";
  auto r = kb_->Events(f);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  const EventRow& e = (*r)[0];
  EXPECT_EQ(e.evidence, "Bộ trưởng Đặng Văn Hùng tiếp Công ty Beta Chip tại Hà Nội.");
  ASSERT_EQ(e.participants.size(), 2u);
  EXPECT_EQ(e.participants[0].name, "Đặng Văn Hùng");
  EXPECT_EQ(e.participants[1].id, "organization:beta");
  ASSERT_TRUE(e.place.has_value());
  EXPECT_EQ(e.place->id, "place:city:hanoi");
  EXPECT_EQ(e.doc_title, "Hợp tác đào tạo thiết kế chip");

  // Without texts (counts and graphs): the same event, its evidence and title left out.
  f.with_texts = false;
  auto brief = kb_->Events(f);
  ASSERT_TRUE(brief.ok());
  ASSERT_EQ(brief->size(), 1u);
  const EventRow& b = (*brief)[0];
  EXPECT_EQ(b.doc_id, e.doc_id);
  EXPECT_EQ(b.idx, e.idx);
  EXPECT_EQ(b.date, e.date);
  EXPECT_EQ(b.participants.size(), 2u);
  EXPECT_EQ(b.place->id, "place:city:hanoi");
  EXPECT_EQ(b.evidence, "");
  EXPECT_EQ(b.doc_title, "");
}

// ---- graph -----------------------------------------------------------------------------

TEST_P(KnowledgeBaseTest, GraphHasWeightedEdgesAndValidGraphMl) {
  auto g = kb_->CooperationGraph({});
  ASSERT_TRUE(g.ok());
  std::vector<std::string> nodes, edges;
  for (const auto& n : g->nodes) nodes.push_back(n.id);
  for (const auto& e : g->edges) {
    std::string types;
    for (const auto& t : e.types) types += t + ";";
    edges.push_back(e.source + "--" + e.target + "=" + std::to_string(e.count) + " " + types);
  }
  EXPECT_THAT(nodes, ElementsAre("organization:alpha", "organization:beta", "organization:gamma",
                                 "organization:nic", "organization:tsri", "person:dang van hung"));
  EXPECT_THAT(edges,
              ElementsAre("organization:alpha--organization:beta=2 agreement_signed;proposal;",
                          "organization:alpha--organization:gamma=1 agreement_signed;",
                          "organization:alpha--person:dang van hung=1 proposal;",
                          "organization:beta--person:dang van hung=2 meeting;proposal;",
                          "organization:nic--organization:tsri=1 mou_signed;"));
  std::string xml = GraphToGraphMl(*g);
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "graph.graphml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ASSERT_NE(doc, nullptr) << xml;
  xmlFreeDoc(doc);
  EXPECT_THAT(xml, ::testing::HasSubstr("<data key=\"weight\">2</data>"));
  EXPECT_THAT(GraphToDot(*g),
              ::testing::HasSubstr("\"organization:alpha\" -- \"organization:beta\" [weight=2"));
  auto json = nlohmann::json::parse(GraphToJson(*g));
  EXPECT_EQ(json["edges"].size(), 5u);
  EXPECT_EQ(json["nodes"][0]["name"], "Alpha Institute");
}

TEST_P(KnowledgeBaseTest, GraphFollowsFilters) {
  EventFilter f;
  f.field = "semiconductors";
  auto g = kb_->CooperationGraph(f);
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->edges.size(), 1u);
  EXPECT_EQ(g->edges[0].dates, std::vector<std::string>{"2023-11-02"});
}

// ---- matchmaking -----------------------------------------------------------------------

extract::Lexicons TestLexicons() {
  extract::Lexicons lex;
  lex.field_keywords = {{"chip_design", core::Lang::kVi, "thiết kế chip"},
                        {"chip_design", core::Lang::kEn, "chip design"},
                        {"chip_design", core::Lang::kZh, "芯片设计"},
                        {"human_resources", core::Lang::kVi, "đào tạo nhân lực"},
                        {"solar_energy", core::Lang::kVi, "điện mặt trời"}};
  lex.field_ids = {"chip_design", "human_resources", "solar_energy", "semiconductors"};
  return lex;
}

std::vector<std::string> MatchIds(const core::Result<MatchReport>& r) {
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const auto& m : r->results) out.push_back(m.entity.id);
  }
  return out;
}

TEST_P(KnowledgeBaseTest, MatchRanksWhoOffersTheNeedFirst) {
  auto lex = TestLexicons();
  auto r = kb_->Match({"đào tạo thiết kế chip"}, lex);
  EXPECT_THAT(MatchIds(r),
              ElementsAre("organization:beta", "organization:alpha", "person:dang van hung"));
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->fields, ElementsAre("chip_design"));
  EXPECT_THAT(r->terms,
              ElementsAre("thiết kế chip", "đào tạo", "tạo thiết", "thiết kế", "kế chip"));
  const MatchResult& best = r->results[0];
  ASSERT_FALSE(best.reasons.empty());
  EXPECT_EQ(best.reasons[0], "3 event(s) in chip_design");
  ASSERT_FALSE(best.evidence.empty());
  EXPECT_EQ(best.evidence[0].doc_id, "vi-chip");
  EXPECT_THAT(best.evidence[0].sentence, ::testing::HasSubstr("đào tạo thiết kế chip"));
  // The minister asked for it: he is the proposing side, not a provider.
  EXPECT_THAT(r->results[2].reasons[0], ::testing::HasSubstr("as the proposing side"));
}

TEST_P(KnowledgeBaseTest, MatchWorksAcrossLanguagesAndFilters) {
  auto lex = TestLexicons();
  EXPECT_THAT(MatchIds(kb_->Match({"chip design partner"}, lex)),
              ElementsAre("organization:beta", "organization:alpha", "person:dang van hung"));
  MatchQuery q{"solar power plant"};
  q.field = "solar_energy";
  q.limit = 2;  // equal evidence: ties go by id
  EXPECT_THAT(MatchIds(kb_->Match(q, lex)),
              ElementsAre("organization:alpha", "organization:gamma"));
  q.field = "warp_drive";
  EXPECT_EQ(kb_->Match(q, lex).status().message(),
            "unknown field 'warp_drive' (see data/fields.txt)");
  q = MatchQuery{"điện mặt trời"};
  q.country = "BE";
  auto r = kb_->Match(q, lex);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->results.empty());
  EXPECT_THAT(r->results[0].reasons, ::testing::Contains("ties: 2 event(s) involving BE"));
  EXPECT_EQ(kb_->Match({"!!"}, lex).status().message(), "the need has no searchable words");
}

// Two pages of the same day (recency 1.0) that exercise how a party's part in the evidence
// sentence weighs (docs/MATCHING.md section 2): named after a proposal trigger, only before
// it, or not at all; a training programme; talk; several events of one article.
std::vector<store::DocumentRecord> RoleCorpus() {
  std::vector<store::DocumentRecord> out;
  const core::Date day{2024, 5, 1};
  {
    RecordBuilder b("vi-ask", core::Lang::kVi, day, "Làm việc với Delta",
                    "Tại buổi làm việc với công ty Delta, Bộ trưởng Hùng đề nghị Delta hợp tác "
                    "đào tạo kỹ sư.");
    int s0 = b.Sentence(
        "Tại buổi làm việc với công ty Delta, Bộ trưởng Hùng đề nghị Delta hợp tác đào tạo kỹ "
        "sư.");
    int delta = b.Mention(s0, kOrg, "Delta", "organization:delta", "Delta");
    int hung = b.Mention(s0, kPerson, "Hùng", "person:hung", "Hùng", {"Bộ trưởng"});
    b.Mention(s0, kOrg, "Delta", "organization:delta", "Delta");
    b.Event(s0, EventType::kMeeting, Modality::kReported, {delta, hung}, "làm việc",
            {"human_resources"});
    b.Event(s0, EventType::kProposal, Modality::kProposed, {hung, delta}, "đề nghị",
            {"human_resources"});
    out.push_back(b.record());
  }
  {
    RecordBuilder b("en-course", core::Lang::kEn, day, "Epsilon Labs course",
                    "Epsilon Labs to teach engineers, Zeta News reports. Epsilon Labs launched a "
                    "training course for 40 engineers.");
    int s0 = b.Sentence("Epsilon Labs to teach engineers, Zeta News reports.");
    int s1 = b.Sentence("Epsilon Labs launched a training course for 40 engineers.");
    // The extractor linked both parties to the first sentence's mentions.
    int epsilon = b.Mention(s0, kOrg, "Epsilon Labs", "organization:epsilon", "Epsilon Labs");
    int zeta = b.Mention(s0, kOrg, "Zeta News", "organization:zeta", "Zeta News");
    b.Event(s1, EventType::kTrainingProgram, Modality::kReported, {epsilon, zeta},
            "training course", {});
    out.push_back(b.record());
  }
  return out;
}

TEST(MatchRankingTest, PartInTheSentenceTrainingTalkAndOneStoryWeigh) {
  auto dir =
      std::filesystem::temp_directory_path() / ("ketnoi_match_roles_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "kb.db").string();
  {
    auto store = store::Store::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().message();
    for (const auto& r : RoleCorpus()) ASSERT_TRUE((*store)->PutDocument(r).ok());
  }
  auto kb = KnowledgeBase::Open(db);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  MatchQuery q{"xyz"};  // no words of the pages: only events (a) count
  q.field = "human_resources";
  auto r = (*kb)->Match(q, TestLexicons());
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::pair<std::string, double>> got;
  for (const auto& m : r->results) got.push_back({m.entity.id, m.score});
  // Delta: asked by the proposal 3 x 0.8 = 2.4, the meeting (talk) 3 x 0.6 = 1.8 counts
  // half as the article's second event: 3.3. Epsilon: the training course is
  // human_resources, named in its sentence: 3.0. Hùng: named only before "đề nghị", the
  // asking side (x0.3) of both: 0.72 + 0.54 / 2 = 0.99. Zeta: not named there (x0.3): 0.9.
  EXPECT_THAT(got, ElementsAre(std::pair<std::string, double>{"organization:delta", 3.3},
                               std::pair<std::string, double>{"organization:epsilon", 3.0},
                               std::pair<std::string, double>{"person:hung", 0.99},
                               std::pair<std::string, double>{"organization:zeta", 0.9}));
  EXPECT_EQ(r->results[2].reasons.at(0), "2 event(s) in human_resources (2 as the proposing side)");
  EXPECT_EQ(r->results[3].evidence.at(0).why,
            "training_program in human_resources (not named in the sentence)");
  kb->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ketnoi::search

namespace ketnoi::search {
namespace {

// Regression: fuzz/query_fuzz found that a NUL inside a term left an FTS5 quote open and
// surfaced as a database error instead of a search.
TEST(QueryTermsRegressionTest, ControlCharactersSeparateWords) {
  std::string query("\0\0\0\0\0\0\0\x0bign", 11);
  EXPECT_EQ(QueryTerms(query), std::vector<std::string>{"ign"});
  EXPECT_EQ(QueryTerms(std::string("chip\0design", 11)),
            (std::vector<std::string>{"chip", "design"}));
}

}  // namespace
}  // namespace ketnoi::search
