#include "server/response_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace ketnoi::server {
namespace {

TEST(ResponseCacheTest, AnswersAreKeptPerVersionAndOnlyWhenOk) {
  ResponseCache cache;
  int computed = 0;
  auto answer = [&](int status, const std::string& body) {
    return [&computed, status, body] {
      ++computed;
      return CachedAnswer{status, body, "application/json"};
    };
  };
  EXPECT_EQ(cache.Get("/a", 1, answer(200, "one")).body, "one");
  EXPECT_EQ(cache.Get("/a", 1, answer(200, "other")).body, "one");  // stored
  EXPECT_EQ(cache.Get("/a", 2, answer(200, "two")).body, "two");    // the data moved on
  EXPECT_EQ(cache.Get("/b", 2, answer(404, "missing")).status, 404);
  EXPECT_EQ(cache.Get("/b", 2, answer(200, "found")).body, "found");  // errors are not kept
  EXPECT_EQ(computed, 4);
  EXPECT_EQ(cache.hits(), 1);
  EXPECT_EQ(cache.misses(), 4);
}

TEST(ResponseCacheTest, AnswersMarkedNotToKeepAreComputedAgain) {
  ResponseCache cache;
  int computed = 0;
  auto answer = [&](const std::string& body, bool keep) {
    return [&computed, body, keep] {
      ++computed;
      return CachedAnswer{200, body, "application/json", keep};
    };
  };
  EXPECT_EQ(cache.Get("/s", 3, answer("lagging", false)).body, "lagging");
  EXPECT_EQ(cache.Get("/s", 3, answer("current", true)).body, "current");  // same version
  EXPECT_EQ(cache.Get("/s", 3, answer("again", true)).body, "current");    // now kept
  EXPECT_EQ(computed, 2);
}

TEST(ResponseCacheTest, ConcurrentRequestsAtOneVersionComputeOnce) {
  ResponseCache cache;
  std::atomic<int> computed{0};
  std::vector<std::thread> threads;
  std::vector<std::string> bodies(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      bodies[i] = cache
                      .Get("/stats", 7,
                           [&] {
                             ++computed;
                             std::this_thread::sleep_for(std::chrono::milliseconds(50));
                             return CachedAnswer{200, "counts", "application/json"};
                           })
                      .body;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(computed.load(), 1);
  for (const std::string& b : bodies) EXPECT_EQ(b, "counts");
}

}  // namespace
}  // namespace ketnoi::server
