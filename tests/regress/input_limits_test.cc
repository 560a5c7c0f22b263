// Input limits and malformed inputs, end to end: every one is refused (or bounded) with a
// clear one-line message naming the input, never a crash. The messages are pinned here: a
// user (or a script) reads them.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/regress/reliability_util.h"

namespace ketnoi::testing {
namespace {

namespace fs = std::filesystem;

class InputLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_limits_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A short, ordinary page in English.
  void WritePage(const std::string& name) {
    WriteFile(dir_ / name,
              "Research Institute A and University B sign a chip design agreement\n\n"
              "On 4 March 2024 in Hanoi, Research Institute A and University B signed a "
              "memorandum of understanding on training engineers in semiconductor design.\n\n"
              "The two sides will exchange experts and build a shared laboratory.\n");
  }

  fs::path dir_;
};

TEST_F(InputLimitsTest, OversizedPageIsRefusedWithItsSize) {
  WritePage("ok.txt");
  WriteFile(dir_ / "big.txt", std::string((16u << 20) + 1, 'a'));
  RunResult r = RunKetnoi(dir_, "ingest --db kb.db ok.txt big.txt");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "ketnoi: big.txt: page is 16777217 bytes, limit 16777216\n");
  EXPECT_NE(r.out.find("ingested 1 new"), std::string::npos) << r.out;
}

// libxml2 stops building the tree at depth 256: a page that is nothing but deep nesting
// is refused with one line naming the file and the depth (no crash); text before the deep
// part is kept.
TEST_F(InputLimitsTest, DeeplyNestedHtmlIsRefusedNotCrashed) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>Deep inside, two universities signed an agreement on chip design.</p>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  WriteFile(dir_ / "deep.html", html + "</body></html>");
  RunResult r = RunKetnoi(dir_, "ingest --db kb.db deep.html");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "ketnoi: deep.html: HTML nested deeper than 256 levels: no article text above that "
            "depth\n");
}

TEST_F(InputLimitsTest, TextBeforeDeepNestingIsKept) {
  std::string html =
      "<html><body><p>Research Institute A and University B signed a memorandum of "
      "understanding on training engineers in semiconductor design in Hanoi.</p>";
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "<p>Deep inside.</p>";
  for (int i = 0; i < 5000; ++i) html += "</div>";
  WriteFile(dir_ / "deep.html", html + "</body></html>");
  RunResult r = RunKetnoi(dir_, "clean --json deep.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out.substr(0, 200);
  EXPECT_NE(j.value("body", "").find("semiconductor design"), std::string::npos);
}

TEST_F(InputLimitsTest, VeryLongLineIsSplitNotFatal) {
  std::string line;
  while (line.size() < (1u << 20) + 1000) line += "Chip design training continues in Hanoi. ";
  WriteFile(dir_ / "long.txt", "A long page\n\n" + line + "\n");
  RunResult r = RunKetnoi(dir_, "clean --json long.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(InputLimitsTest, LexiconWithWrongColumnCountNamesFileAndLine) {
  WritePage("page.txt");
  WriteFile(dir_ / "mine.tsv", "#kind: titles\nlang\ttitle\ttype\nen\tProvost\trole\nen\tDean\n");
  RunResult r = RunKetnoi(dir_, "extract --lexicon mine.tsv -o out page.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ketnoi: mine.tsv:4: expected 3 columns, found 2\n");
}

TEST_F(InputLimitsTest, LexiconWithUnknownKindNamesFileAndLine) {
  WritePage("page.txt");
  WriteFile(dir_ / "mine.tsv", "#kind: gadgets\nname\nwidget\n");
  RunResult r = RunKetnoi(dir_, "extract --lexicon mine.tsv -o out page.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("ketnoi: mine.tsv:1: unknown kind 'gadgets' (expected ", 0), 0u) << r.err;
}

TEST_F(InputLimitsTest, LexiconWithInvalidUtf8NamesFileAndLine) {
  WritePage("page.txt");
  WriteFile(dir_ / "mine.tsv", "#kind: titles\nlang\ttitle\ttype\nen\tPro\xff\xfevost\trole\n");
  RunResult r = RunKetnoi(dir_, "extract --lexicon mine.tsv -o out page.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ketnoi: mine.tsv:3: invalid UTF-8\n");
}

TEST_F(InputLimitsTest, MissingLexiconFileIsNamed) {
  WritePage("page.txt");
  RunResult r = RunKetnoi(dir_, "extract --lexicon nowhere.tsv -o out page.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ketnoi: nowhere.tsv: cannot open lexicon file\n");
}

// CLI11 names no line for a key it cannot place (and reads "[x" as a section): the CLI
// checks the file first (cli/config_file.h).
TEST_F(InputLimitsTest, MalformedConfigIsRefusedWithFileAndLine) {
  WriteFile(dir_ / "ketnoi.ini", "db = kb.db\nno_such_option = 3\n");
  RunResult r = RunKetnoi(dir_, "--config ketnoi.ini stats");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ketnoi: ketnoi.ini:2: unknown option 'no_such_option'\n");
  WriteFile(dir_ / "broken.ini", "# mine\n\n[serve\nport = 1\n");
  r = RunKetnoi(dir_, "--config broken.ini stats");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ketnoi: broken.ini:3: unclosed section header\n");
  WriteFile(dir_ / "words.ini", "db = kb.db\njust some words\n");
  r = RunKetnoi(dir_, "--config words.ini stats");
  EXPECT_EQ(r.err, "ketnoi: words.ini:2: expected key = value\n");
}

TEST_F(InputLimitsTest, ValidConfigWithSubcommandSectionIsAccepted) {
  WritePage("page.txt");
  WriteFile(dir_ / "ketnoi.ini", "; comment\ndb = kb.db\n[ingest]\njobs = 1\n");
  RunResult r = RunKetnoi(dir_, "--config ketnoi.ini ingest page.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "kb.db"));
}

TEST_F(InputLimitsTest, MissingConfigIsRefused) {
  RunResult r = RunKetnoi(dir_, "--config nowhere.ini stats");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("nowhere.ini was not readable (missing?)\n", 0), 0u) << r.err;
}

TEST_F(InputLimitsTest, MentionsPerDocumentAreCapped) {
  // Far more place names than ExtractOptions::max_mentions (5000) in one document.
  std::string body = "Cooperation list\n\n";
  const char* countries[] = {"Vietnam", "Japan", "Germany", "France", "Korea", "India",
                             "Brazil",  "Italy", "Spain",   "Canada", "Egypt", "Chile"};
  for (int p = 0; p < 60; ++p) {
    std::string para = "Delegations from ";
    for (int i = 0; i < 100; ++i) para += std::string(countries[(p + i) % 12]) + ", ";
    body += para + "and Laos met in Hanoi.\n\n";
  }
  WriteFile(dir_ / "many.txt", body);
  RunResult r = RunKetnoi(dir_, "ingest --db kb.db many.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Db db(dir_ / "kb.db");
  ASSERT_TRUE(db.ok());
  int64_t mentions = db.Count("mentions");
  EXPECT_GT(mentions, 0);
  EXPECT_LE(mentions, 5000);
}

TEST_F(InputLimitsTest, OverlongSearchQueryIsRefused) {
  WritePage("page.txt");
  ASSERT_EQ(RunKetnoi(dir_, "ingest --db kb.db page.txt").exit_code, 0);
  std::string words;
  while (words.size() < 5000) words += "chip ";
  RunResult r = RunKetnoi(dir_, "search --db kb.db '" + words + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "ketnoi: search: the query is longer than 2000 bytes\n");
}

}  // namespace
}  // namespace ketnoi::testing
