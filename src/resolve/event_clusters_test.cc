#include "resolve/event_clusters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolve/han_viet.h"
#include "resolve/resolve.h"

namespace ketnoi::resolve {
namespace {

using core::Lang;
using extract::EntityKind;

EventKey Ev(std::string doc, int idx, std::string type, std::vector<std::string> parts,
            std::optional<std::string> date, std::vector<std::string> fields = {}) {
  EventKey e;
  e.doc_id = std::move(doc);
  e.event_idx = idx;
  e.type = std::move(type);
  e.participants = std::move(parts);
  if (date) e.date = core::ParseIsoDate(*date);
  e.fields = std::move(fields);
  return e;
}

TEST(EventClustersTest, SameSigningOnThreePagesIsOneCluster) {
  auto ids = ClusterEvents({
      Ev("vi", 0, "mou_signed", {"org:a", "org:b"}, "2024-03-04", {"semiconductors"}),
      Ev("zh", 2, "agreement_signed", {"org:b", "org:a", "per:x"}, "2024-03-05"),
      Ev("en", 1, "mou_signed", {"org:a", "org:b"}, std::nullopt, {"semiconductors"}),
  });
  EXPECT_THAT(ids, ::testing::ElementsAre("vi#0", "vi#0", "vi#0"));
}

TEST(EventClustersTest, KeepsApartOtherActsOfTheSameParties) {
  auto ids = ClusterEvents({
      Ev("d1", 0, "mou_signed", {"org:a", "org:b"}, "2024-03-04", {"ai"}),
      Ev("d2", 0, "mou_signed", {"org:a", "org:b"}, "2024-06-20"),  // months later
      Ev("d3", 0, "visit", {"org:a", "org:b"}, "2024-03-04"),       // another type
      Ev("d4", 0, "mou_signed", {"org:a", "org:c"}, "2024-03-04"),  // another partner
      Ev("d5", 0, "mou_signed", {"org:a", "org:b"}, "2024-03-05", {"ai"}),
      Ev("d6", 0, "mou_signed", {"org:a", "org:b"}, "2024-03-05", {"space"}),  // other field
      Ev("d7", 0, "mou_signed", {"org:a"}, std::nullopt),                      // too little to say
  });
  EXPECT_THAT(ids, ::testing::ElementsAre("d1#0", "d2#0", "d3#0", "d4#0", "d1#0", "d6#0", "d7#0"));
}

// An undated report joins the same parties' act only when its page appeared near that act:
// a training announced this autumn is not the one the same partners ran in spring.
TEST(EventClustersTest, UndatedReportIsAnchoredAtItsPublicationDate) {
  auto reported = [](EventKey e, const char* published) {
    e.reported = core::ParseIsoDate(published);
    return e;
  };
  auto ids = ClusterEvents({
      reported(Ev("spring", 0, "training_program", {"org:a", "org:b"}, "2024-05-20"), "2024-05-21"),
      reported(Ev("autumn-vi", 0, "training_program", {"org:a", "org:b"}, std::nullopt),
               "2024-10-09"),
      reported(Ev("autumn-en", 1, "training_program", {"org:b", "org:a"}, std::nullopt),
               "2024-10-10"),
      reported(Ev("late-spring", 0, "training_program", {"org:a", "org:b"}, std::nullopt),
               "2024-06-10"),
      Ev("undated-page", 0, "training_program", {"org:a", "org:b"}, std::nullopt),
  });
  EXPECT_THAT(ids, ::testing::ElementsAre("spring#0", "autumn-vi#0", "autumn-vi#0", "spring#0",
                                          "spring#0"));
}

// A country takes part in most events of a corpus: sharing it and one centre is not enough
// to call two undated reports one act; sharing two actors is.
TEST(EventClustersTest, SharedCountryDoesNotCountAsSecondActor) {
  auto ids = ClusterEvents({
      Ev("a", 0, "training_program", {"org:centre", "org:lab", "loc:VN", "loc:FR"}, std::nullopt),
      Ev("b", 0, "training_program", {"org:centre", "org:institute", "loc:VN", "loc:DE"},
         std::nullopt),
      Ev("c", 0, "training_program", {"loc:FR", "org:lab", "org:centre"}, std::nullopt),
      Ev("d", 0, "visit", {"loc:VN", "loc:JP"}, "2024-01-02"),
      Ev("e", 0, "visit", {"loc:JP", "loc:VN"}, "2024-01-03"),
  });
  EXPECT_THAT(ids, ::testing::ElementsAre("a#0", "b#0", "a#0", "d#0", "d#0"));
}

TEST(EventClustersTest, IncrementalAddMatchesKnownClusters) {
  EventClusterer c;
  c.AddKnown(Ev("old", 3, "visit", {"per:x", "loc:JP"}, "2023-01-10"), "old#3");
  EXPECT_EQ(c.Add(Ev("new", 0, "visit", {"loc:JP", "per:x"}, "2023-01-12")), "old#3");
  EXPECT_EQ(c.size(), 2u);
}

// The whole path: three pages in three languages, resolved by one Resolver, then clustered.
TEST(EventClustersTest, ResolvedVietnameseChineseAndEnglishReportsAreOneEvent) {
  extract::Lexicons lex;
  for (auto [lang, w] :
       {std::pair{Lang::kVi, "Trung tâm"}, {Lang::kZh, "中心"}, {Lang::kEn, "Centre"}}) {
    lex.name_words.push_back({"centre", lang, w});
  }
  for (auto [lang, w] :
       {std::pair{Lang::kVi, "Năng lượng"}, {Lang::kZh, "能源"}, {Lang::kEn, "Energy"}}) {
    lex.name_words.push_back({"energy", lang, w});
  }
  for (auto [lang, w] :
       {std::pair{Lang::kVi, "Mặt trời"}, {Lang::kZh, "太阳"}, {Lang::kEn, "Solar"}}) {
    lex.name_words.push_back({"solar", lang, w});
  }
  lex.places.push_back({"VN", "country", "Vietnam", Lang::kZh, "越南"});
  HanVietTable readings;
  readings.Add("黎", {"lê"});
  readings.Add("文", {"văn"});
  readings.Add("安", {"an"});
  Resolver resolver(lex, readings);

  auto analysis = [](std::string centre, std::string person, std::string date) {
    extract::Analysis a;
    extract::Mention m1, m2;
    m1.kind = EntityKind::kOrganization;
    m1.surface = std::move(centre);
    m2.kind = EntityKind::kPerson;
    m2.surface = std::move(person);
    a.mentions = {m1, m2};
    extract::Event e;
    e.type = extract::EventType::kMouSigned;
    e.participants = {0, 1};
    e.date = core::ParseIsoDate(date);
    a.events = {e};
    return a;
  };
  std::vector<std::pair<std::string, extract::Analysis>> pages = {
      {"vi", analysis("Trung tâm Năng lượng Mặt trời", "Lê Văn An", "2024-09-02")},
      {"zh", analysis("越南太阳能源中心", "黎文安", "2024-09-03")},
      {"en", analysis("Solar Energy Centre", "Le Van An", "2024-09-02")},
  };
  EventClusterer clusterer;
  std::vector<std::string> clusters;
  for (const auto& [doc_id, a] : pages) {
    ResolvedDocument r = resolver.Resolve("", a);
    for (size_t i = 0; i < a.events.size(); ++i) {
      EventKey k;
      k.doc_id = doc_id;
      k.event_idx = static_cast<int>(i);
      k.type = extract::EventTypeName(a.events[i].type);
      for (int p : a.events[i].participants) {
        k.participants.push_back(r.entities[static_cast<size_t>(r.mention_entity[p])].id);
      }
      k.date = a.events[i].date;
      clusters.push_back(clusterer.Add(k));
    }
  }
  EXPECT_THAT(clusters, ::testing::ElementsAre("vi#0", "vi#0", "vi#0"));
}

}  // namespace
}  // namespace ketnoi::resolve
