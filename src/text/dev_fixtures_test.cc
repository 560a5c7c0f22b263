// Runs the text layer over the shared dev pages and examples/: language of every page, the offset
// invariant of Normalize on whole pages, and how many annotated evidence sentences come out
// of SplitSentences exactly (printed; a floor guards regressions). Skips without the pages.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "text/text.h"

namespace ketnoi::text {
namespace {

namespace fs = std::filesystem;

fs::path SharedDir() {
  const char* env = std::getenv("KETNOI_SHARED_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path("/work/shared");
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Page {
  std::string stem;
  std::string text;
  nlohmann::json gold;
};

// Text pages with gold annotations in `docs` (gold JSON of the same stem in `gold`).
void LoadDir(const fs::path& docs, const fs::path& gold_dir, std::vector<Page>& pages) {
  std::error_code ec;
  if (!fs::is_directory(docs, ec)) return;
  for (const auto& entry : fs::directory_iterator(docs, ec)) {
    if (entry.path().extension() != ".txt") continue;
    fs::path gold = gold_dir / (entry.path().stem().string() + ".json");
    if (!fs::is_regular_file(gold, ec)) continue;
    Page p;
    p.stem = entry.path().stem().string();
    p.text = ReadFile(entry.path());
    p.gold = nlohmann::json::parse(ReadFile(gold), nullptr, /*allow_exceptions=*/false);
    pages.push_back(std::move(p));
  }
}

// The shared dev pages plus the repository's examples/ (text pages only: HTML pages need
// the clean stage first).
std::vector<Page> LoadPages() {
  std::vector<Page> pages;
  LoadDir(SharedDir() / "eval/dev/docs", SharedDir() / "eval/dev/gold", pages);
  fs::path examples = fs::path(KETNOI_SOURCE_DIR) / "examples";
  LoadDir(examples, examples / "gold", pages);
  return pages;
}

Lang GoldLang(const Page& p) {
  if (!p.gold.is_object() || !p.gold.contains("language")) return Lang::kUnknown;
  return core::LangFromCode(p.gold["language"].get<std::string>());
}

TEST(DevFixtures, LanguageOfPagesAndTitles) {
  std::vector<Page> pages = LoadPages();
  if (pages.empty()) GTEST_SKIP() << "no dev pages under " << SharedDir();
  for (const Page& p : pages) {
    EXPECT_EQ(IdentifyLanguage(p.text), GoldLang(p)) << p.stem;
    if (p.gold.contains("title") && p.gold["title"].is_string()) {
      EXPECT_EQ(IdentifyLanguage(p.gold["title"].get<std::string>()), GoldLang(p)) << p.stem;
    }
  }
}

TEST(DevFixtures, NormalizeOffsetInvariant) {
  std::vector<Page> pages = LoadPages();
  if (pages.empty()) GTEST_SKIP() << "no dev pages under " << SharedDir();
  for (const Page& p : pages) {
    NormalizedText n = Normalize(p.text);
    ASSERT_EQ(n.to_original.size(), n.text.size() + 1) << p.stem;
    for (size_t i = 1; i < n.to_original.size(); ++i) {
      ASSERT_LE(n.to_original[i - 1], n.to_original[i]) << p.stem << " at " << i;
    }
    // Every normalized sentence maps to an input span with the same search key.
    for (Span s : SplitSentences(n.text, GoldLang(p))) {
      std::string_view orig = n.ToOriginal(s).Of(p.text);
      EXPECT_EQ(SearchKey(orig), SearchKey(s.Of(n.text))) << p.stem;
    }
  }
}

TEST(DevFixtures, EvidenceSentencesComeOutWhole) {
  std::vector<Page> pages = LoadPages();
  if (pages.empty()) GTEST_SKIP() << "no dev pages under " << SharedDir();
  size_t total = 0, found = 0;
  for (const Page& p : pages) {
    std::set<std::string> sentences;
    for (Span s : SplitSentences(p.text, GoldLang(p))) sentences.emplace(s.Of(p.text));
    std::vector<std::string> wanted;
    for (const char* key : {"body_first_sentence", "body_last_sentence"}) {
      if (p.gold.contains(key) && p.gold[key].is_string()) wanted.push_back(p.gold[key]);
    }
    if (p.gold.contains("events")) {
      for (const auto& e : p.gold["events"]) {
        if (e.contains("evidence") && e["evidence"].is_string()) wanted.push_back(e["evidence"]);
      }
    }
    for (const std::string& w : wanted) {
      ++total;
      if (sentences.contains(w)) {
        ++found;
      } else {
        std::cout << "[" << p.stem << "] missed: " << w << "\n";
      }
    }
  }
  std::cout << "evidence sentences split exactly: " << found << "/" << total << "\n";
  EXPECT_GE(found * 10, total * 6);
}

}  // namespace
}  // namespace ketnoi::text
