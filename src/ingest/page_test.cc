#include "ingest/page.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace ketnoi::ingest {
namespace {

using core::StatusCode;

std::string Surface(const Page& page, size_t i) {
  return std::string(page.blocks.at(i).span.Of(page.text));
}

TEST(ParsePageTest, RejectsEmptyPages) {
  for (std::string bytes :
       {std::string(), std::string(" \n\t\r\n"), std::string("\xEF\xBB\xBF\n")}) {
    auto page = ParsePage(bytes, PageFormat::kText, "x");
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(page.status().message(), "empty page");
  }
}

TEST(ParsePageTest, RejectsBinary) {
  auto nul = ParsePage(std::string("abc\0def", 7), PageFormat::kText, "x");
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.status().message(), "binary file, not a page");
  std::string controls(100, 'a');
  for (int i = 0; i < 20; ++i) controls[i * 5] = '\x01';
  auto ctl = ParsePage(controls, PageFormat::kHtml, "x");
  ASSERT_FALSE(ctl.ok());
  EXPECT_EQ(ctl.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ctl.status().message(), "binary file, not a page");
}

TEST(ParsePageTest, RejectsTooLarge) {
  IngestOptions options;
  options.max_page_bytes = 10;
  auto page = ParsePage("01234567890", PageFormat::kText, "x", options);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(page.status().message(), "page is 11 bytes, limit 10");
}

TEST(ParsePageTest, TextPageHasOneBlockPerNonEmptyLine) {
  std::string bytes = "  Tiêu đề bài báo \n\nĐoạn một.\r\n\xC2\xA0\nĐoạn hai.";
  auto page = ParsePage(bytes, PageFormat::kText, "a.txt");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->text, bytes);
  ASSERT_EQ(page->blocks.size(), 3u);
  EXPECT_EQ(Surface(*page, 0), "Tiêu đề bài báo");
  EXPECT_EQ(Surface(*page, 1), "Đoạn một.");
  EXPECT_EQ(Surface(*page, 2), "Đoạn hai.");
  EXPECT_EQ(page->blocks[0].kind, BlockKind::kLine);
  EXPECT_EQ(page->source, "a.txt");
  EXPECT_TRUE(page->warnings.empty());
}

TEST(ParsePageTest, SplitsOverlongLinesOnCharacterBoundaries) {
  IngestOptions options;
  options.max_line_bytes = 4;
  auto page = ParsePage("ăăăăă", PageFormat::kText, "x", options);  // 10 bytes
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->blocks.size(), 3u);
  EXPECT_EQ(Surface(*page, 0), "ăă");
  EXPECT_EQ(Surface(*page, 2), "ă");
}

TEST(ParsePageTest, RepairsInvalidUtf8AndCountsIt) {
  auto page = ParsePage("ab\xFF\xFE cd", PageFormat::kText, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text, "ab\xEF\xBF\xBD\xEF\xBF\xBD cd");
  ASSERT_EQ(page->warnings.size(), 1u);
  EXPECT_EQ(page->warnings[0], "2 invalid UTF-8 sequences replaced");
}

TEST(ParsePageTest, HashesTheOriginalBytes) {
  auto page = ParsePage("abc", PageFormat::kText, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->content_hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

constexpr char kHtml[] = R"(<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Hợp tác bán dẫn mở rộng - Báo Mẫu</title>
<meta property="og:title" content="Hợp tác bán dẫn mở rộng">
<meta name="description" content="Tóm tắt ngắn.">
<meta property="article:published_time" content="2024-03-05T08:15:00+07:00">
<style>p { color: red }</style>
<script>var x = "<p>không hiện</p>";</script>
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/kh">Khoa học</a></li></ul></nav></header>
<article>
<h1>Hợp tác   bán dẫn
 mở rộng</h1>
<p>Đoạn đầu &amp; có <a href="/x">liên kết</a> và <b>chữ đậm</b>.</p>
<p>Dòng một<br>dòng hai</p>
<figure><img src="a.jpg" alt="ảnh"><figcaption>Chú thích ảnh</figcaption></figure>
</article>
<footer>Bản quyền</footer>
<noscript>bật JavaScript</noscript>
</body></html>)";

TEST(ParsePageTest, RendersHtmlBlocksAndMetadata) {
  auto page = ParsePage(kHtml, PageFormat::kHtml, "a.html");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const Page& p = *page;
  EXPECT_EQ(p.meta.title, "Hợp tác bán dẫn mở rộng");
  EXPECT_EQ(p.meta.published, "2024-03-05T08:15:00+07:00");
  EXPECT_EQ(p.meta.lang_attr, "vi");
  EXPECT_EQ(p.meta.description, "Tóm tắt ngắn.");
  std::vector<std::string> texts;
  for (size_t i = 0; i < p.blocks.size(); ++i) texts.push_back(Surface(p, i));
  ASSERT_EQ(texts.size(), 8u) << p.text;
  EXPECT_EQ(texts[0], "Hợp tác bán dẫn mở rộng - Báo Mẫu");
  EXPECT_TRUE(p.blocks[0].is_title_element);
  EXPECT_EQ(texts[1], "Trang chủ");
  EXPECT_TRUE(p.blocks[1].in_chrome);
  EXPECT_EQ(p.blocks[1].kind, BlockKind::kListItem);
  EXPECT_EQ(p.blocks[1].link_bytes, texts[1].size());
  EXPECT_EQ(texts[3], "Hợp tác bán dẫn mở rộng");
  EXPECT_EQ(p.blocks[3].kind, BlockKind::kHeading);
  EXPECT_EQ(p.blocks[3].heading_level, 1);
  EXPECT_TRUE(p.blocks[3].in_article);
  EXPECT_FALSE(p.blocks[3].in_chrome);
  EXPECT_EQ(texts[4], "Đoạn đầu & có liên kết và chữ đậm.");
  EXPECT_EQ(p.blocks[4].link_bytes, std::string("liên kết").size());
  EXPECT_EQ(texts[5], "Dòng một\ndòng hai");
  EXPECT_EQ(texts[6], "Chú thích ảnh");
  EXPECT_EQ(p.blocks[6].kind, BlockKind::kCaption);
  EXPECT_EQ(texts[7], "Bản quyền");
  EXPECT_TRUE(p.blocks[7].in_chrome);
  EXPECT_EQ(p.text.find("không hiện"), std::string::npos);
  EXPECT_EQ(p.text.find("JavaScript"), std::string::npos);
  EXPECT_EQ(p.text.find("color"), std::string::npos);
  // Blocks are separated by exactly one "\n" and ordered.
  for (size_t i = 1; i < p.blocks.size(); ++i) {
    EXPECT_EQ(p.blocks[i].span.begin, p.blocks[i - 1].span.end + 1);
  }
}

TEST(ParsePageTest, APageWideFormIsNotChrome) {
  std::string long_text(5000, 'x');
  auto page = ParsePage("<html><body><form id=\"form1\"><p>" + long_text +
                            "</p></form><form><input name=q><p>Tìm kiếm</p></form></body></html>",
                        PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->blocks.size(), 2u);
  EXPECT_FALSE(page->blocks[0].in_chrome);
  EXPECT_TRUE(page->blocks[1].in_chrome);
}

TEST(ParsePageTest, ReadsJsonLdDateAndTitleFallback) {
  auto page = ParsePage(
      "<html><head><title>Only title</title><script type=\"application/ld+json\">"
      "{\"@type\":\"NewsArticle\",\"datePublished\": \"2023-11-02T10:00:00Z\"}</script>"
      "</head><body><p>Text.</p></body></html>",
      PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->meta.published, "2023-11-02T10:00:00Z");
  EXPECT_EQ(page->meta.title, "Only title");
}

TEST(ParsePageTest, HonoursALegacyCharset) {
  // "中文" in GBK.
  auto page = ParsePage(
      "<html><head><meta charset=\"gbk\"></head><body><p>\xD6\xD0\xCE\xC4</p>"
      "</body></html>",
      PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("中文"), std::string::npos) << page->text;
}

TEST(ParsePageTest, HonoursWindows1258) {
  // "Tâm" with 0xE2 = U+00E2 in windows-1258.
  auto page = ParsePage(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=windows-1258\"></head><body><p>T\xE2m</p></body></html>",
      PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text, "Tâm");
}

TEST(ParsePageTest, MisdeclaredCharsetOnUtf8IsReadAsUtf8) {
  auto page = ParsePage(
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Hợp tác</p>"
      "</body></html>",
      PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text, "Hợp tác");
}

TEST(ParsePageTest, BrokenHtmlStillRenders) {
  auto page = ParsePage("<div><p>Một <b>hai<p>ba</div></span><li>bốn", PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("Một hai"), std::string::npos);
  EXPECT_NE(page->text.find("bốn"), std::string::npos);
}

TEST(ParsePageTest, DeepHtmlIsFlattenedNotCrashed) {
  std::string deep;
  deep += "<p>nông</p>";
  for (int i = 0; i < 5000; ++i) deep += "<div><b>";
  deep += "sâu";
  auto page = ParsePage(deep, PageFormat::kHtml, "x");
  ASSERT_TRUE(page.ok());  // libxml2 gives up below its depth limit; what it kept is rendered
  EXPECT_NE(page->text.find("nông"), std::string::npos);
}

TEST(ParsePageTest, ParsesHtmlFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok] {
      for (int i = 0; i < 50; ++i) {
        auto page = ParsePage(kHtml, PageFormat::kHtml, "x");
        if (page.ok() && page->blocks.size() == 8) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 200);
}

TEST(DetectFormatTest, UsesExtensionThenSniffs) {
  EXPECT_EQ(DetectFormat("a/b.HTML", ""), PageFormat::kHtml);
  EXPECT_EQ(DetectFormat("a/b.htm", "plain"), PageFormat::kHtml);
  EXPECT_EQ(DetectFormat("b.txt", "Tiêu đề"), PageFormat::kText);
  EXPECT_EQ(DetectFormat("b.txt", "\xEF\xBB\xBF  <!doctype html><html>"), PageFormat::kHtml);
  EXPECT_EQ(DetectFormat("-", "<HTML><body>"), PageFormat::kHtml);
  EXPECT_EQ(DetectFormat("a.v1/b", "<?xml version=\"1.0\"?><note/>"), PageFormat::kText);
}

class ReadPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ketnoi_ingest_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ReadPageTest, ReadsAFile) {
  std::filesystem::path path = dir_ / "page.html";
  std::ofstream(path) << "<p>Xin chào.</p>";
  auto page = ReadPage(path.string());
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->format, PageFormat::kHtml);
  EXPECT_EQ(page->text, "Xin chào.");
  EXPECT_EQ(page->source, path.string());
}

TEST_F(ReadPageTest, ExplainsMissingFilesAndDirectories) {
  auto missing = ReadPage((dir_ / "nope.txt").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "cannot open: No such file or directory");
  auto directory = ReadPage(dir_.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(directory.status().message(), "is a directory, not a page");
}

TEST_F(ReadPageTest, ExplainsPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads everything";
  std::filesystem::path path = dir_ / "secret.txt";
  std::ofstream(path) << "x";
  std::filesystem::permissions(path, std::filesystem::perms::none);
  auto page = ReadPage(path.string());
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kIoError);
  EXPECT_EQ(page.status().message(), "cannot open: Permission denied");
}

TEST_F(ReadPageTest, RefusesLargeFilesBeforeReading) {
  std::filesystem::path path = dir_ / "big.txt";
  std::ofstream(path) << std::string(100, 'a');
  IngestOptions options;
  options.max_page_bytes = 50;
  auto page = ReadPage(path.string(), options);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().message(), "page is 100 bytes, limit 50");
}

}  // namespace
}  // namespace ketnoi::ingest
