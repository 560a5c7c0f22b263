// API tests: a real server on an ephemeral loopback port over a database ingested from
// the bundled examples/, driven with httplib::Client.
#include "server/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "pipeline/pipeline.h"
#include "server/json_views.h"

namespace ketnoi::server {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kToken[] = "s3cret-token";

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("ketnoi_server_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::string db = (*dir_ / "kb.db").string();
    {
      auto pipe = pipeline::Pipeline::Create({});
      ASSERT_TRUE(pipe.ok()) << pipe.status().ToString();
      auto store = store::Store::Open(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      std::vector<std::string> errors;
      auto inputs =
          pipeline::CollectInputs({std::string(KETNOI_SOURCE_DIR) + "/examples"}, &errors);
      std::erase_if(inputs, [](const std::string& p) {
        return p.find("/gold/") != std::string::npos || p.ends_with(".md");
      });
      auto report = pipeline::IngestFiles(**pipe, **store, inputs, 1);
      ASSERT_GT(report.inserted, 5);
    }
    ServerOptions options;
    options.db = db;
    options.port = 0;
    options.token = kToken;
    options.threads = 4;
    options.max_body_bytes = 64 * 1024;
    options.access_log = false;
    auto srv = Server::Create(options);
    ASSERT_TRUE(srv.ok()) << srv.status().ToString();
    server_ = srv->release();
    thread_ = new std::thread([] { (void)server_->Run(); });
    // Wait until it answers.
    httplib::Client c("127.0.0.1", server_->port());
    for (int i = 0; i < 200; ++i) {
      if (auto r = c.Get("/api/stats"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "server did not come up";
  }

  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (thread_) thread_->join();
    delete thread_;
    delete server_;
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    if (!server_) GTEST_SKIP() << "server not started";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  // GET and parse; the status is checked by the caller.
  json GetJson(const std::string& path, int expected_status = 200) {
    auto r = client_->Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expected_status) << path << " -> " << r->body;
    EXPECT_THAT(r->get_header_value("Content-Type"), ::testing::StartsWith("application/json"));
    return json::parse(r->body, nullptr, false);
  }

  static fs::path* dir_;
  static Server* server_;
  static std::thread* thread_;
  std::unique_ptr<httplib::Client> client_;
};

fs::path* ServerTest::dir_ = nullptr;
Server* ServerTest::server_ = nullptr;
std::thread* ServerTest::thread_ = nullptr;

TEST(TokenMatchesTest, ComparesWholeStrings) {
  EXPECT_TRUE(TokenMatches("abc", "abc"));
  EXPECT_FALSE(TokenMatches("abd", "abc"));
  EXPECT_FALSE(TokenMatches("ab", "abc"));
  EXPECT_FALSE(TokenMatches("abcd", "abc"));
  EXPECT_FALSE(TokenMatches("", ""));  // no token configured never matches
}

TEST(JsonViewsTest, SnippetPartsSplitOnMarkers) {
  json parts = SnippetParts("a \x02hit\x03 b");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1]["text"], "hit");
  EXPECT_TRUE(parts[1]["hit"].get<bool>());
  EXPECT_FALSE(parts[2]["hit"].get<bool>());
}

TEST(JsonViewsTest, Utf16OffsetsCountSurrogatePairs) {
  Utf16Index idx("a\xC3\xA9\xF0\x9F\x98\x80z");  // a é 😀 z
  EXPECT_EQ(idx.At(0), 0u);
  EXPECT_EQ(idx.At(1), 1u);
  EXPECT_EQ(idx.At(3), 2u);
  EXPECT_EQ(idx.At(7), 4u);
  EXPECT_EQ(idx.At(8), 5u);
  EXPECT_EQ(idx.At(99), 5u);
}

TEST_F(ServerTest, StatsCountsTheExamples) {
  json j = GetJson("/api/stats");
  EXPECT_GT(j["documents"].get<int>(), 5);
  EXPECT_GT(j["entities"].get<int>(), 0);
  EXPECT_TRUE(j["by_language"].contains("vi"));
}

TEST_F(ServerTest, SearchFindsAllLanguagesWithHighlights) {
  json j = GetJson("/api/search?q=Vietnam&limit=5");
  ASSERT_TRUE(j["hits"].is_array());
  ASSERT_FALSE(j["hits"].empty());
  const json& hit = j["hits"][0];
  EXPECT_FALSE(hit["doc_id"].get<std::string>().empty());
  bool highlighted = false;
  for (const json& part : hit["snippet_parts"]) highlighted |= part["hit"].get<bool>();
  EXPECT_TRUE(highlighted);
  EXPECT_EQ(hit["snippet"].get<std::string>().find('\x02'), std::string::npos);
  json vi = GetJson("/api/search?q=h%E1%BB%A3p%20t%C3%A1c&lang=vi");  // "hợp tác"
  for (const json& h : vi["hits"]) EXPECT_EQ(h["lang"], "vi");
}

TEST_F(ServerTest, SearchRejectsBadParameters) {
  EXPECT_EQ(GetJson("/api/search", 400)["error"], "q is required");
  EXPECT_THAT(GetJson("/api/search?q=x&limit=abc", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("limit"));
  EXPECT_THAT(GetJson("/api/search?q=x&limit=0", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("limit"));
  EXPECT_THAT(GetJson("/api/search?q=x&lang=fr", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("lang"));
  EXPECT_THAT(GetJson("/api/search?q=x&from=not-a-date", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("from"));
  EXPECT_THAT(GetJson("/api/search?q=" + std::string(3000, 'a'), 400)["error"].get<std::string>(),
              ::testing::HasSubstr("longer"));
}

TEST_F(ServerTest, InjectionStringsAreJustText) {
  for (const char* q : {"%27%20OR%201%3D1%20--", "%22%3B%20DROP%20TABLE%20documents%3B%20--",
                        "x%27)%20UNION%20SELECT%20*%20FROM%20entities--"}) {
    auto r = client_->Get(std::string("/api/search?q=") + q);
    ASSERT_TRUE(r);
    EXPECT_THAT(r->status, ::testing::AnyOf(200, 400)) << q << " " << r->body;
    json j = json::parse(r->body, nullptr, false);
    if (r->status == 200) {
      EXPECT_TRUE(j["hits"].empty()) << q;
    }
    EXPECT_EQ(GetJson(std::string("/api/entities?q=") + q)["entities"].size(), 0u);
    GetJson(std::string("/api/entities/") + q, 404);
    GetJson(std::string("/api/documents/") + q, 404);
  }
  EXPECT_GT(GetJson("/api/stats")["documents"].get<int>(), 5);  // nothing was dropped
}

TEST_F(ServerTest, DocumentsListAndView) {
  json list = GetJson("/api/documents?limit=3");
  ASSERT_EQ(list["documents"].size(), 3u);
  EXPECT_GT(list["total"].get<int>(), 5);
  json vi = GetJson("/api/documents?lang=vi&limit=1000");
  for (const json& d : vi["documents"]) EXPECT_EQ(d["lang"], "vi");

  // The document with the most mentions must carry offsets that cut out its surfaces.
  bool saw_mention = false, saw_event = false;
  json all = GetJson("/api/documents?limit=1000");
  for (const json& d : all["documents"]) {
    std::string id = d["id"];
    json doc = GetJson("/api/documents/" + id);
    ASSERT_EQ(doc["id"], id);
    const std::string text = doc["text"];
    for (const json& m : doc["mentions"]) {
      saw_mention = true;
      size_t b = m["begin"], e = m["end"];
      EXPECT_EQ(text.substr(b, e - b), m["surface"].get<std::string>());
      EXPECT_LE(m["begin16"].get<size_t>(), b);
    }
    for (const json& ev : doc["events"]) {
      saw_event = true;
      EXPECT_FALSE(ev["evidence"].get<std::string>().empty());
      EXPECT_TRUE(ev["participants"].is_array());
    }
  }
  EXPECT_TRUE(saw_mention);
  EXPECT_TRUE(saw_event);
}

TEST_F(ServerTest, UnknownIdsAre404) {
  EXPECT_THAT(GetJson("/api/documents/no-such-doc", 404)["error"].get<std::string>(),
              ::testing::HasSubstr("no-such-doc"));
  GetJson("/api/entities/organization:no-such-entity-zzz", 404);
  GetJson("/api/nothing-here", 404);
  EXPECT_THAT(GetJson("/api/documents?offset=-1", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("offset"));
}

TEST_F(ServerTest, EntitiesAndProfile) {
  EXPECT_EQ(GetJson("/api/entities", 400)["error"], "q is required");
  json found = GetJson("/api/entities?q=Vietnam");
  ASSERT_FALSE(found["entities"].empty());
  std::string id = found["entities"][0]["id"];
  json profile = GetJson("/api/entities/" + httplib::detail::encode_query_param(id));
  EXPECT_EQ(profile["entity"]["id"], id);
  EXPECT_TRUE(profile["aliases"].is_array());
  EXPECT_TRUE(profile["events"].is_array());
  EXPECT_TRUE(profile["partners"].is_array());
}

TEST_F(ServerTest, EventsTimelineGraph) {
  json events = GetJson("/api/events");
  ASSERT_FALSE(events["events"].empty());
  EXPECT_FALSE(events["events"][0]["evidence"].get<std::string>().empty());
  json limited = GetJson("/api/events?limit=2");
  EXPECT_LE(limited["events"].size(), 2u);
  GetJson("/api/events?from=not-a-date", 400);

  json timeline = GetJson("/api/timeline?bucket=month");
  ASSERT_FALSE(timeline["periods"].empty());
  EXPECT_EQ(timeline["periods"][0]["period"].get<std::string>().size(), 7u);
  GetJson("/api/timeline?bucket=week", 400);

  json graph = GetJson("/api/graph");
  ASSERT_FALSE(graph["nodes"].empty());
  ASSERT_FALSE(graph["edges"].empty());
  std::set<std::string> ids;
  for (const json& n : graph["nodes"]) ids.insert(n["id"].get<std::string>());
  for (const json& e : graph["edges"]) {
    EXPECT_TRUE(ids.count(e["source"])) << e;
    EXPECT_TRUE(ids.count(e["target"])) << e;
  }
  auto dot = client_->Get("/api/graph?format=dot");
  ASSERT_TRUE(dot);
  EXPECT_THAT(dot->body, ::testing::StartsWith("graph"));
  GetJson("/api/graph?format=png", 400);
  json none = GetJson("/api/graph?type=no_such_type");
  EXPECT_TRUE(none["nodes"].empty());
}

TEST_F(ServerTest, MatchGivesReasonsAndEvidence) {
  EXPECT_EQ(GetJson("/api/match", 400)["error"], "need is required");
  json j = GetJson("/api/match?need=semiconductor%20chip%20design%20training");
  ASSERT_TRUE(j["results"].is_array());
  ASSERT_FALSE(j["results"].empty());
  EXPECT_FALSE(j["results"][0]["reasons"].empty());
  GetJson("/api/match?need=x&limit=1000", 400);
}

TEST_F(ServerTest, WrongMethodIs405) {
  auto r = client_->Post("/api/search", "x", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_THAT(r->body, ::testing::HasSubstr("not allowed"));
  auto d = client_->Delete("/api/documents/x");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 405);
  auto g = client_->Get("/api/ingest");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->status, 405);
}

TEST_F(ServerTest, IngestNeedsTheToken) {
  const std::string page = "Plain page\n\nSome text about cooperation.\n";
  auto none = client_->Post("/api/ingest?name=a.txt", page, "text/plain");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403);
  httplib::Headers wrong = {{"Authorization", "Bearer wrong-token"}};
  auto bad = client_->Post("/api/ingest?name=a.txt", wrong, page, "text/plain");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  EXPECT_THAT(bad->body, ::testing::HasSubstr("token"));
}

TEST_F(ServerTest, OversizeBodyIs413) {
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto r =
      client_->Post("/api/ingest?name=big.txt", auth, std::string(100 * 1024, 'a'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, HostilePageIsStoredAsData) {
  const std::string title = "Lab <script>alert(1)</script> signs <img src=x onerror=alert(2)> deal";
  const std::string page =
      "<!doctype html><html lang=\"en\"><head><title>" + title +
      "</title></head><body><article><h1>" + title +
      "</h1><p>HANOI, 3 March 2026 - Vietnam and Japan agreed to cooperate on "
      "semiconductor research &lt;script&gt;alert(3)&lt;/script&gt; and training "
      "&lt;img src=x onerror=alert(4)&gt; at a new joint laboratory in Hanoi.</p>"
      "<p>The Vietnam Academy of Science and Technology signed a memorandum with the "
      "University of Tokyo to exchange researchers from next year.</p></article></body></html>";
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto r = client_->Post("/api/ingest?name=hostile.html", auth, page, "text/html");
  ASSERT_TRUE(r);
  ASSERT_THAT(r->status, ::testing::AnyOf(200, 201)) << r->body;
  json put = json::parse(r->body);
  std::string id = put["id"];
  json doc = GetJson("/api/documents/" + id);
  EXPECT_THAT(doc["text"].get<std::string>(), ::testing::HasSubstr("<script>alert(3)</script>"));
  EXPECT_THAT(doc["text"].get<std::string>(), ::testing::HasSubstr("<img src=x onerror=alert(4)>"));
  // Search sees the new page at once.
  json hits = GetJson("/api/search?q=onerror");
  bool found = false;
  for (const json& h : hits["hits"]) found |= h["doc_id"] == id;
  EXPECT_TRUE(found) << hits;
  // The same bytes again change nothing.
  auto again = client_->Post("/api/ingest?name=hostile.html", auth, page, "text/html");
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body)["result"], "unchanged");
}

TEST_F(ServerTest, IngestRejectsBadUploads) {
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto empty = client_->Post("/api/ingest?name=e.txt", auth, "", "text/plain");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  auto binary = client_->Post("/api/ingest?name=b.txt", auth, std::string(100, '\0'),
                              "application/octet-stream");
  ASSERT_TRUE(binary);
  EXPECT_EQ(binary->status, 400);
  auto path = client_->Post("/api/ingest?name=..%2Fx.txt", auth, "hello", "text/plain");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->status, 400);
}

// ---- Curation (POST /api/curation/ACTION, token-protected; the editor is recorded) ------

class CurationApiTest : public ServerTest {
 protected:
  // POST a JSON body with the token (or `token` if given); the parsed answer.
  json Curate(const std::string& action, const json& body, int expected_status,
              const std::string& token = kToken) {
    httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    auto r = client_->Post("/api/curation/" + action, auth, body.dump(), "application/json");
    EXPECT_TRUE(r) << action;
    if (!r) return json();
    EXPECT_EQ(r->status, expected_status) << action << " " << body.dump() << " -> " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  // The first document holding two different organizations: {doc, mention of the first,
  // first id, second id}.
  struct TwoOrgs {
    std::string doc;
    int64_t mention = -1;
    std::string first, second;
  };
  TwoOrgs FindTwoOrganizations() {
    json all = GetJson("/api/documents?limit=1000");
    for (const json& d : all["documents"]) {
      json doc = GetJson("/api/documents/" + d["id"].get<std::string>());
      TwoOrgs found{doc["id"], -1, "", ""};
      for (const json& m : doc["mentions"]) {
        if (m["kind"] != "organization") continue;
        if (found.first.empty()) {
          found.first = m["entity_id"];
          found.mention = m["idx"];
        } else if (m["entity_id"] != found.first) {
          found.second = m["entity_id"];
          return found;
        }
      }
    }
    return {};
  }
  json Document(const std::string& id) { return GetJson("/api/documents/" + id); }
  json Profile(const std::string& id) {
    return GetJson("/api/entities/" + httplib::detail::encode_query_param(id));
  }
};

TEST_F(CurationApiTest, MergeMovesEveryMentionAndNamesTheEditor) {
  TwoOrgs two = FindTwoOrganizations();
  ASSERT_FALSE(two.second.empty()) << "no document with two organizations in examples/";
  json done = Curate("merge", {{"editor", "Lan"}, {"from", two.first}, {"into", two.second}}, 200);
  EXPECT_EQ(done["action"], "merge");
  EXPECT_EQ(done["editor"], "Lan");
  EXPECT_EQ(done["entity"], two.second);
  EXPECT_GE(done["changed"].get<int>(), 1);
  EXPECT_THAT(done["message"].get<std::string>(),
              ::testing::StartsWith("merged " + two.first + " into " + two.second + " ("));
  const json doc1 = Document(two.doc);  // the range must outlive the loop
  for (const json& m : doc1["mentions"]) EXPECT_NE(m["entity_id"], two.first);
  // Merging again is refused: the target already took it.
  json again = Curate("merge", {{"editor", "Lan"}, {"from", two.second}, {"into", two.first}}, 400);
  EXPECT_EQ(again["error"], two.first + " was merged into " + two.second + " already");
}

TEST_F(CurationApiTest, RenameAliasSplitAndRejectChangeWhatReadersSee) {
  TwoOrgs two = FindTwoOrganizations();
  ASSERT_FALSE(two.second.empty());
  json renamed =
      Curate("rename", {{"editor", "Minh"}, {"id", two.second}, {"name", "Tên mới"}}, 200);
  EXPECT_EQ(renamed["message"], "renamed " + two.second + " to \"Tên mới\"");
  EXPECT_EQ(Profile(two.second)["entity"]["name"], "Tên mới");

  json doc = Document(two.doc);
  std::string first_surface;
  for (const json& m : doc["mentions"]) {
    if (m["idx"] == two.mention) first_surface = m["surface"];
  }
  ASSERT_FALSE(first_surface.empty());
  json aliased =
      Curate("alias", {{"editor", "Minh"}, {"id", two.second}, {"name", first_surface}}, 200);
  EXPECT_EQ(aliased["entity"], two.second);
  const json doc2 = Document(two.doc);  // the range must outlive the loop
  for (const json& m : doc2["mentions"]) {
    if (m["surface"] == first_surface) {
      EXPECT_EQ(m["entity_id"], two.second);
    }
  }
  json split =
      Curate("split", {{"editor", "Minh"}, {"id", two.second}, {"names", {first_surface}}}, 200);
  const std::string split_id = split["entity"];
  EXPECT_THAT(split_id, ::testing::StartsWith(two.second + "~"));
  EXPECT_EQ(Profile(split_id)["entity"]["id"], split_id);

  json rejected = Curate("reject-mention",
                         {{"editor", "Minh"}, {"doc", two.doc}, {"mention", two.mention}}, 200);
  EXPECT_GE(rejected["changed"].get<int>(), 1);
  const json doc3 = Document(two.doc);  // the range must outlive the loop
  for (const json& m : doc3["mentions"]) EXPECT_NE(m["surface"], first_surface);

  // The first event of any document goes the same way.
  json all = GetJson("/api/documents?limit=1000");
  for (const json& d : all["documents"]) {
    json view = Document(d["id"]);
    if (view["events"].empty()) continue;
    const size_t before = view["events"].size();
    const int64_t event = view["events"][0]["idx"];
    Curate("reject-event", {{"editor", "Minh"}, {"doc", d["id"]}, {"event", event}}, 200);
    json after = Document(d["id"]);
    EXPECT_EQ(after["events"].size(), before - 1);
    for (const json& e : after["events"]) EXPECT_NE(e["idx"], event);
    return;
  }
  FAIL() << "no document with an event in examples/";
}

TEST_F(CurationApiTest, ErrorsAreJsonWithTheRightStatus) {
  const json merge = {{"editor", "Lan"}, {"from", "organization:a"}, {"into", "organization:b"}};
  auto none = client_->Post("/api/curation/merge", merge.dump(), "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403);
  EXPECT_THAT(Curate("merge", merge, 403, "wrong-token")["error"].get<std::string>(),
              ::testing::HasSubstr("token"));
  EXPECT_EQ(Curate("merge", merge, 404)["error"], "no entity with id organization:a");
  EXPECT_EQ(Curate("no-such-action", merge, 404)["error"],
            "no such curation action: no-such-action");
  EXPECT_EQ(Curate("merge", json::array({1, 2}), 400)["error"], "the body must be a JSON object");
  EXPECT_EQ(Curate("merge", {{"from", "a"}, {"into", "b"}}, 400)["error"],
            "editor must be a non-empty string");
  EXPECT_EQ(Curate("merge", {{"editor", "Lan"}, {"from", "a"}}, 400)["error"],
            "into must be a non-empty string");
  EXPECT_EQ(Curate("split", {{"editor", "Lan"}, {"id", "a"}, {"names", "x"}}, 400)["error"],
            "names must be a list of 1 to 100 strings");
  EXPECT_EQ(
      Curate("reject-mention", {{"editor", "Lan"}, {"doc", "d"}, {"mention", -1}}, 400)["error"],
      "mention must be a non-negative integer");
  EXPECT_EQ(
      Curate("reject-event", {{"editor", "Lan"}, {"doc", "no-doc"}, {"event", 0}}, 404)["error"],
      "document no-doc has no event 0");
  EXPECT_EQ(Curate("rename", {{"editor", std::string(101, 'x')}, {"id", "a"}, {"name", "b"}},
                   400)["error"],
            "editor is longer than 100 bytes");
  auto get = client_->Get("/api/curation/merge");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
}

TEST_F(ServerTest, DocumentPagesFollowOneAnother) {
  json first = GetJson("/api/documents?limit=2");
  ASSERT_EQ(first["documents"].size(), 2u);
  EXPECT_EQ(first["limit"], 2);
  ASSERT_EQ(first["next_offset"], 2);
  json second = GetJson("/api/documents?limit=2&offset=2");
  EXPECT_NE(second["documents"][0]["id"], first["documents"][1]["id"]);
  const int total = first["total"];
  json last = GetJson("/api/documents?limit=2&offset=" + std::to_string(total - 1));
  EXPECT_EQ(last["documents"].size(), 1u);
  EXPECT_TRUE(last["next_offset"].is_null());
  EXPECT_THAT(GetJson("/api/documents?limit=1001", 400)["error"].get<std::string>(),
              ::testing::HasSubstr("limit must be an integer from 1 to 1000"));
}

TEST_F(ServerTest, ResponsesCarrySecurityHeaders) {
  auto r = client_->Get("/api/stats");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(r->get_header_value("Content-Security-Policy"),
              ::testing::HasSubstr("script-src 'self'"));
}

TEST_F(ServerTest, ConcurrentReadersAllSucceed) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      for (int i = 0; i < 10; ++i) {
        auto r = c.Get(i % 2 ? "/api/search?q=cooperation" : "/api/graph");
        if (r && r->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

}  // namespace
}  // namespace ketnoi::server
