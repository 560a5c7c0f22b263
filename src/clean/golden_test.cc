// Golden cases: tests/cases/clean/NAME.{txt,html} with NAME.expected.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "clean/article.h"
#include "ingest/page.h"

namespace ketnoi::clean {
namespace {

namespace fs = std::filesystem;

TEST(GoldenTest, CasesMatchTheirExpectedOutput) {
  fs::path dir = fs::path(KETNOI_SOURCE_DIR) / "tests" / "cases" / "clean";
  if (!fs::exists(dir)) GTEST_SKIP() << "no golden cases at " << dir;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".html") continue;
    fs::path expected_path = dir / (entry.path().stem().string() + ".expected.json");
    ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
    std::ifstream in(expected_path);
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json expected = nlohmann::json::parse(ss.str());
    auto page = ingest::ReadPage(entry.path().string());
    ASSERT_TRUE(page.ok()) << entry.path() << ": " << page.status().ToString();
    Article article = Clean(*page);
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_EQ(article.title, expected["title"].get<std::string>());
    std::string date = article.date ? article.date->ToIso() : "null";
    EXPECT_EQ(date, expected["date"].is_null() ? "null" : expected["date"].get<std::string>());
    EXPECT_EQ(article.Body(page->text), expected["body"].get<std::string>());
    ++cases;
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace ketnoi::clean
