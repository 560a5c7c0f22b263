#include "pipeline/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace ketnoi::pipeline {
namespace {

TEST(OrderedPoolTest, GivesEveryResultInInputOrder) {
  for (int threads : {1, 2, 5}) {
    OrderedPool<size_t> pool(threads, /*window=*/7, /*held_bytes=*/1u << 20);
    pool.Start(500, [](size_t i) { return i * i; });
    for (size_t i = 0; i < 500; ++i) ASSERT_EQ(pool.Next(), i * i) << threads << " threads";
  }
}

// Results made but not taken yet never pass the byte budget by more than what the workers
// are making (one each) plus the one the consumer waits for, however large the window: a
// slow consumer of large results does not make the workers fill it.
TEST(OrderedPoolTest, HoldsNoMoreThanItsBytesAhead) {
  constexpr size_t kResultBytes = 1000;
  constexpr int kThreads = 3;
  constexpr size_t kBudget = 4 * kResultBytes;
  std::atomic<size_t> made{0};
  OrderedPool<std::string> pool(kThreads, /*window=*/64, kBudget,
                                [](const std::string& s) { return s.size(); });
  pool.Start(200, [&](size_t i) {
    ++made;
    return std::string(kResultBytes, static_cast<char>('a' + i % 26));
  });
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
  EXPECT_LE(most_ahead * kResultBytes, kBudget + (kThreads + 1) * kResultBytes);
  EXPECT_GE(most_ahead, kBudget / kResultBytes);  // it did run ahead, up to the budget
}

// The same threads serve job after job; a job finished before all its results are taken
// starts no more inputs, and its results do not leak into the next job.
TEST(OrderedPoolTest, RunsJobAfterJobWithTheSameThreads) {
  OrderedPool<std::string> pool(3, /*window=*/8, /*held_bytes=*/1u << 20);
  std::atomic<size_t> made{0};
  for (int job = 0; job < 20; ++job) {
    const size_t inputs = 1 + static_cast<size_t>(job) * 7 % 30;
    made = 0;
    pool.Start(inputs, [&, job](size_t i) {
      ++made;
      return std::to_string(job) + "/" + std::to_string(i);
    });
    const size_t take = job % 3 == 0 ? inputs / 2 : inputs;  // some jobs end early
    for (size_t i = 0; i < take; ++i) {
      ASSERT_EQ(pool.Next(), std::to_string(job) + "/" + std::to_string(i));
    }
    pool.Finish();
    EXPECT_LE(made.load(), std::min(inputs, take + 8 + 1)) << "job " << job;
  }
}

}  // namespace
}  // namespace ketnoi::pipeline
