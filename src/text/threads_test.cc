// The contract says every function is safe from many threads, including the first calls
// that load dictionaries: hammer them concurrently and compare with a single-thread run.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/text.h"

namespace ketnoi::text {
namespace {

std::string Digest(const std::string& text, Lang lang) {
  std::string out = Normalize(text).text + "|" + SearchKey(text) + "|";
  for (Span s : SplitSentences(text, lang)) out += std::to_string(s.begin) + ",";
  for (const Token& t : Tokenize(text, lang)) {
    out += std::to_string(t.span.begin) + std::string(t.pos) + ";";
  }
  for (const std::string& term : SearchTerms(text, lang)) out += term + "/";
  return out;
}

TEST(Threads, ConcurrentFirstUseAgreesWithSerial) {
  const std::vector<std::pair<std::string, Lang>> inputs = {
      {"Hợp tác khoa học và công nghệ với Hàn Quốc. Thuý và Hoà dự.", Lang::kVi},
      {"两国在北京签署了半导体合作协议。臺灣代表出席。", Lang::kZh},
      {"Dr. Lee of the U.S. visited IMEC. R&D funding rose 3.5%.", Lang::kEn}};
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (const auto& [text, lang] : inputs) {
          std::string d = Digest(text, lang);
          if (round == 0) results[t].push_back(d);
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string serial = Digest(inputs[i].first, inputs[i].second);
    for (const auto& r : results) EXPECT_EQ(r[i], serial);
  }
}

}  // namespace
}  // namespace ketnoi::text
