#include "pipeline/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace ketnoi::pipeline {
namespace {

TEST(OrderedPoolTest, GivesEveryResultInInputOrder) {
  for (int jobs : {1, 2, 5}) {
    OrderedPool<size_t> pool(
        500, jobs, /*window=*/7, /*held_bytes=*/1u << 20, [](size_t i) { return i * i; },
        [](const size_t&) { return size_t{1}; });
    for (size_t i = 0; i < 500; ++i) ASSERT_EQ(pool.Next(), i * i) << "jobs " << jobs;
  }
}

// Results made but not taken yet never pass the byte budget by more than what the workers
// are making (one each) plus the one the consumer waits for, however large the window: a
// slow consumer of large results does not make the workers fill it.
TEST(OrderedPoolTest, HoldsNoMoreThanItsBytesAhead) {
  constexpr size_t kResultBytes = 1000;
  constexpr int kJobs = 3;
  constexpr size_t kBudget = 4 * kResultBytes;
  std::atomic<size_t> made{0};
  OrderedPool<std::string> pool(
      200, kJobs, /*window=*/64, kBudget,
      [&](size_t i) {
        ++made;
        return std::string(kResultBytes, static_cast<char>('a' + i % 26));
      },
      [](const std::string& s) { return s.size(); });
  size_t most_ahead = 0;
  for (size_t taken = 0; taken < 200; ++taken) {
    if (taken % 20 == 0) {
      // Let the workers run as far ahead as they may (the bound holds at any speed; the
      // pause only gives them the chance to break it).
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    most_ahead = std::max(most_ahead, made.load() - taken);
    ASSERT_EQ(pool.Next(), std::string(kResultBytes, static_cast<char>('a' + taken % 26)));
  }
  EXPECT_LE(most_ahead * kResultBytes, kBudget + (kJobs + 1) * kResultBytes);
  EXPECT_GE(most_ahead, kBudget / kResultBytes);  // it did run ahead, up to the budget
}

TEST(OrderedPoolTest, StopsEarlyWithoutTakingEverything) {
  std::atomic<size_t> made{0};
  {
    OrderedPool<int> pool(
        1000, 4, /*window=*/8, /*held_bytes=*/1u << 20,
        [&](size_t i) {
          ++made;
          return static_cast<int>(i);
        },
        [](const int&) { return sizeof(int); });
    EXPECT_EQ(pool.Next(), 0);
  }  // joins its workers
  EXPECT_LE(made.load(), size_t{1 + 8 + 4});
}

}  // namespace
}  // namespace ketnoi::pipeline
