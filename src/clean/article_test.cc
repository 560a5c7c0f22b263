#include "clean/article.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clean/dates.h"

namespace ketnoi::clean {
namespace {

using ingest::PageFormat;

struct Cleaned {
  ingest::Page page;
  Article article;
  std::string body;
};

Cleaned CleanBytes(std::string_view bytes, PageFormat format) {
  auto page = ingest::ParsePage(bytes, format, "test");
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  Cleaned out{std::move(page.value()), {}, {}};
  out.article = Clean(out.page);
  out.body = out.article.Body(out.page.text);
  return out;
}

// A Vietnamese text page as copied from a news site: menu, headline, dateline, a caption with
// a credit inside the body, a "read more" list of other stories, a footer.
constexpr char kViText[] = R"(Đăng nhập
Trang chủ
Tag

Việt Nam và Hà Lan hợp tác đào tạo kỹ sư vi mạch

Khoa học 08/03/2024 09:15
aa
Sáng 7/3, tại Hà Nội, hai trường đại học của Việt Nam và Hà Lan đã ký biên bản ghi nhớ về đào tạo kỹ sư thiết kế vi mạch.
Việt Nam và Hà Lan hợp tác đào tạo kỹ sư vi mạch
Đại diện hai trường ký biên bản ghi nhớ. (Ảnh: Thu Hà)

Theo thỏa thuận, hai bên sẽ trao đổi giảng viên, xây dựng chương trình học chung và tổ chức thực tập tại doanh nghiệp.

Chương trình mới

Dự kiến khóa đầu tiên sẽ tuyển sinh 50 sinh viên vào tháng 9 năm nay, với học bổng toàn phần cho sinh viên xuất sắc.
Báo Mẫu

Tin liên quan

Hà Nội mở thêm ba tuyến xe buýt điện mới
Hà Nội mở thêm ba tuyến xe buýt điện mới trong tháng này để giảm ô nhiễm không khí cho người dân.
Giá xăng giảm nhẹ trong kỳ điều hành hôm nay
Giá xăng giảm nhẹ trong kỳ điều hành hôm nay theo quyết định của liên bộ Công Thương và Tài chính.
POWERED BY SOMECMS
)";

TEST(CleanTest, VietnameseTextPage) {
  Cleaned c = CleanBytes(kViText, PageFormat::kText);
  EXPECT_EQ(c.article.title, "Việt Nam và Hà Lan hợp tác đào tạo kỹ sư vi mạch");
  ASSERT_TRUE(c.article.title_span.has_value());
  EXPECT_EQ(c.article.title_span->Of(c.page.text), c.article.title);
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2024-03-08");
  EXPECT_EQ(c.article.date_span->Of(c.page.text), "08/03/2024 09:15");
  EXPECT_EQ(c.body,
            "Sáng 7/3, tại Hà Nội, hai trường đại học của Việt Nam và Hà Lan đã ký biên bản ghi "
            "nhớ về đào tạo kỹ sư thiết kế vi mạch.\n"
            "Theo thỏa thuận, hai bên sẽ trao đổi giảng viên, xây dựng chương trình học chung và "
            "tổ chức thực tập tại doanh nghiệp.\n"
            "Chương trình mới\n"
            "Dự kiến khóa đầu tiên sẽ tuyển sinh 50 sinh viên vào tháng 9 năm nay, với học bổng "
            "toàn phần cho sinh viên xuất sắc.");
  EXPECT_TRUE(c.article.ok());
}

// A Chinese agency page: no year near the top, so no publication date.
constexpr char kZhText[] = R"(中越两国加强人工智能合作

3月12日,越南科技部代表团与中国有关机构举行工作会谈,双方同意在人工智能领域加强合作。
中越两国加强人工智能合作 ảnh 1会谈现场。图自越通社

据悉,双方将在2024年内共同建立联合实验室,并定期举办学术交流活动。

越方表示,愿与中方一道推动科研成果转化,促进两国企业合作。(完)
越通社

更多

某企业代表在展会上介绍新产品。图自越通社

越南出口增长势头良好

今年前两个月,越南出口额同比增长较快,主要出口市场需求回暖。
)";

TEST(CleanTest, ChineseTextPageWithoutYear) {
  Cleaned c = CleanBytes(kZhText, PageFormat::kText);
  EXPECT_EQ(c.article.title, "中越两国加强人工智能合作");
  EXPECT_FALSE(c.article.date.has_value());
  EXPECT_EQ(c.body,
            "3月12日,越南科技部代表团与中国有关机构举行工作会谈,双方同意在人工智能领域加强合作。\n"
            "据悉,双方将在2024年内共同建立联合实验室,并定期举办学术交流活动。\n"
            "越方表示,愿与中方一道推动科研成果转化,促进两国企业合作。(完)");
}

// An English text page whose lead sits above the headline, with "Related" stories after.
constexpr char kEnText[] = R"(Vietnam and Japan agree to expand research ties in green hydrogen.
Science

Vietnam, Japan Deepen Cooperation on Green Hydrogen Research

By Staff Writer June 25, 2024 | 10:30 am

Vietnam and Japan agree to expand research ties in green hydrogen.

On June 24, officials from both countries met in Tokyo to discuss joint laboratories and training.

Photo: Staff

The two sides will exchange researchers and fund five joint projects over three years.

Related

Hanoi opens new metro line to the public
Hanoi opened a new metro line on Monday, easing traffic in the western districts.
Rice exports hit record high this year
)";

TEST(CleanTest, EnglishTextPage) {
  Cleaned c = CleanBytes(kEnText, PageFormat::kText);
  EXPECT_EQ(c.article.title, "Vietnam, Japan Deepen Cooperation on Green Hydrogen Research");
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2024-06-25");
  EXPECT_EQ(c.body,
            "On June 24, officials from both countries met in Tokyo to discuss joint laboratories "
            "and training.\n"
            "The two sides will exchange researchers and fund five joint projects over three "
            "years.");
}

constexpr char kHtml[] = R"(<!DOCTYPE html><html lang="en"><head>
<title>Vietnam, Korea open semiconductor training centre | Example News</title>
<meta property="og:title" content="Vietnam, Korea open semiconductor training centre">
<meta property="article:published_time" content="2023-10-05T07:00:00+07:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="breadcrumb"><a href="/sci">Science</a></div>
<article>
<h1>Vietnam, Korea open semiconductor training centre</h1>
<div class="date">October 4, 2023</div>
<p>A semiconductor training centre funded by both governments opened in Hanoi on Wednesday.</p>
<figure><img src="x.jpg"><figcaption>Officials at the opening ceremony. Photo: VNA</figcaption></figure>
<p>The centre will train 1,000 engineers a year in chip design and testing.</p>
<h2>Next steps</h2>
<p>Both sides plan a second centre in Ho Chi Minh City by 2026, officials said.</p>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">A story about the weather that people read a lot today.</a></li></ul></aside>
<footer>Copyright 2023 Example News. All rights reserved.</footer>
</body></html>)";

TEST(CleanTest, HtmlPage) {
  Cleaned c = CleanBytes(kHtml, PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "Vietnam, Korea open semiconductor training centre");
  ASSERT_TRUE(c.article.title_span.has_value());
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2023-10-05");  // the metadata wins over the text
  EXPECT_EQ(c.body,
            "A semiconductor training centre funded by both governments opened in Hanoi on "
            "Wednesday.\n"
            "The centre will train 1,000 engineers a year in chip design and testing.\n"
            "Next steps\n"
            "Both sides plan a second centre in Ho Chi Minh City by 2026, officials said.");
}

TEST(CleanTest, HtmlWithoutMetadataUsesH1AndDateline) {
  Cleaned c = CleanBytes(
      "<html><head><title>Site | Home</title></head><body><h1>Hai bộ ký kết hợp tác về "
      "chuyển đổi số</h1><p>Cập nhật 14:20 02/02/2024</p><p>Hai bộ đã ký kết chương trình hợp "
      "tác về chuyển đổi số giai đoạn 2024-2030 tại Hà Nội.</p></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "Hai bộ ký kết hợp tác về chuyển đổi số");
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2024-02-02");
  EXPECT_EQ(c.body,
            "Hai bộ đã ký kết chương trình hợp tác về chuyển đổi số giai đoạn 2024-2030 tại Hà "
            "Nội.");
}

TEST(CleanTest, NoBodyMeansNotOk) {
  Cleaned c = CleanBytes("Trang chủ\nĐăng nhập\nLiên hệ\n", PageFormat::kText);
  EXPECT_FALSE(c.article.ok());
  EXPECT_TRUE(c.body.empty());
  EXPECT_FALSE(c.article.date.has_value());
}

TEST(CleanTest, DoesNotGuessTheDateFromBodyYears) {
  Cleaned c = CleanBytes(
      "Hợp tác khoa học với các đối tác châu Âu tăng mạnh\n"
      "Năm 2023, các viện nghiên cứu đã ký 40 thỏa thuận mới với đối tác châu Âu, tăng 3,6% so "
      "với năm trước.\n"
      "Ngày 12/10/2023, một thỏa thuận về vật liệu mới được ký tại Paris.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "Hợp tác khoa học với các đối tác châu Âu tăng mạnh");
  EXPECT_FALSE(c.article.date.has_value());
}

TEST(CleanTest, ParagraphSpansPointIntoThePage) {
  Cleaned c = CleanBytes(kViText, PageFormat::kText);
  uint32_t last_end = 0;
  for (const core::Span& p : c.article.paragraphs) {
    EXPECT_GE(p.begin, last_end);
    EXPECT_LE(p.end, c.page.text.size());
    EXPECT_FALSE(p.empty());
    last_end = p.end;
  }
}

TEST(CleanTest, MenuLineIsNotTheHeadline) {
  Cleaned c = CleanBytes(
      "Thời Sự Thế Giới Kinh Doanh Giải Trí Thể Thao Pháp Luật\n"
      "Hai viện nghiên cứu hợp tác phát triển vật liệu mới\n"
      "Hai viện nghiên cứu vừa ký thỏa thuận hợp tác phát triển vật liệu bán dẫn thế hệ mới.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "Hai viện nghiên cứu hợp tác phát triển vật liệu mới");
  EXPECT_FALSE(c.article.date.has_value());
}

TEST(CleanTest, DatelineAfterTheLead) {
  Cleaned c = CleanBytes(
      "Thành phố thử nghiệm mạng 5G cho nhà máy thông minh\n"
      "Thành phố bắt đầu thử nghiệm mạng 5G riêng cho ba nhà máy trong khu công nghệ cao.\n"
      "Lan Anh 02/05/2024 07:10\n"
      "Dự án do một doanh nghiệp viễn thông trong nước triển khai cùng đối tác nước ngoài.\n",
      PageFormat::kText);
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2024-05-02");
  EXPECT_EQ(c.article.paragraphs.size(), 2u);
}

TEST(CleanTest, BulletListDoesNotEndTheBody) {
  Cleaned c = CleanBytes(
      "Ba lĩnh vực ưu tiên trong chương trình hợp tác mới\n"
      "Hai bên thống nhất ba lĩnh vực ưu tiên trong giai đoạn tới của chương trình hợp tác.\n"
      "- Thiết kế vi mạch và đóng gói chip\n"
      "- Trí tuệ nhân tạo cho y tế công cộng\n"
      "- Vật liệu mới cho năng lượng tái tạo\n"
      "Chương trình sẽ được đánh giá sau hai năm thực hiện và có thể mở rộng thêm.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.paragraphs.size(), 5u) << c.body;
}

TEST(CleanTest, HtmlMetaTitleWithoutMatchingBlock) {
  Cleaned c = CleanBytes(
      "<html><head><meta property=\"og:title\" content=\"Tiêu đề trong metadata - Báo\">"
      "</head><body><div>Trang chủ Thời sự Thế giới Kinh doanh Giải trí Thể thao</div>"
      "<p>Một đoạn văn đủ dài để làm thân bài của trang thử nghiệm này, có dấu chấm.</p>"
      "</body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "Tiêu đề trong metadata");
  EXPECT_FALSE(c.article.title_span.has_value());
}

// Random pages built from the pieces the heuristics look at: nothing may crash, every span
// must stay inside the page.
TEST(CleanTest, RandomPagesNeverBreakTheInvariants) {
  const std::vector<std::string> pieces = {"12",
                                           "/",
                                           ".",
                                           "-",
                                           " ",
                                           "\n",
                                           "2024",
                                           "年",
                                           "月",
                                           "日",
                                           "至",
                                           "Ảnh:",
                                           "图自",
                                           "Đọc thêm",
                                           "更多",
                                           "Ngày ",
                                           "Sáng ",
                                           "June ",
                                           ", ",
                                           ":",
                                           "<p>",
                                           "</p>",
                                           "<h1>",
                                           "<a href=x>",
                                           "</a>",
                                           "<nav>",
                                           "(",
                                           ")",
                                           "Hợp tác khoa học công nghệ",
                                           "。",
                                           "./.",
                                           "\xC3",
                                           "&amp;",
                                           "đến "};
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    int n = 1 + static_cast<int>(seed % 200);
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      bytes += pieces[(seed >> 8) % pieces.size()];
    }
    for (const DateMention& m : FindDates(bytes)) {
      ASSERT_LE(m.span.end, bytes.size());
      ASSERT_LT(m.span.begin, m.span.end);
    }
    for (PageFormat format : {PageFormat::kText, PageFormat::kHtml}) {
      auto page = ingest::ParsePage(bytes, format, "random");
      if (!page.ok()) continue;
      Article article = Clean(*page);
      for (const core::Span& p : article.paragraphs) ASSERT_LE(p.end, page->text.size());
      if (article.title_span) {
        ASSERT_LE(article.title_span->end, page->text.size());
      }
      if (article.date_span) {
        ASSERT_LE(article.date_span->end, page->text.size());
      }
    }
  }
}

TEST(CleanTest, LogoHeadingIsNotTheHeadline) {
  Cleaned c = CleanBytes(
      "<html><head><meta property=\"og:title\" content=\"Hanoi hosts regional AI forum - "
      "DailyNews\"></head><body><header><h1><a href=\"/\">DailyNews</a></h1></header><article>"
      "<h1>Hanoi hosts regional AI forum</h1><p>Delegates from ten countries met in Hanoi on "
      "Monday to discuss rules for artificial intelligence.</p></article></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "Hanoi hosts regional AI forum");
  EXPECT_EQ(c.body,
            "Delegates from ten countries met in Hanoi on Monday to discuss rules for artificial "
            "intelligence.");
}

TEST(CleanTest, BrowserTitleCopyAndTrailingShortSentence) {
  Cleaned c = CleanBytes(
      "Viện nghiên cứu mở phòng thí nghiệm lượng tử - Báo Mẫu\n"
      "Viện nghiên cứu mở phòng thí nghiệm lượng tử\n"
      "Phòng thí nghiệm mới được trang bị hệ thống làm lạnh sâu và các thiết bị đo lường hiện "
      "đại:\n"
      "Ảnh: Minh Tuấn\n"
      "Ảnh: Minh Tuấn\n"
      "Ảnh minh họa\n"
      "Video: Hoàng Nam\n"
      "Viện cho biết sẽ mời các nhóm nghiên cứu quốc tế cùng sử dụng thiết bị trong năm tới.\n"
      "Lễ khai trương diễn ra sáng nay.\n"
      "Minh Tuấn\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "Viện nghiên cứu mở phòng thí nghiệm lượng tử");
  EXPECT_EQ(c.body,
            "Phòng thí nghiệm mới được trang bị hệ thống làm lạnh sâu và các thiết bị đo lường "
            "hiện đại:\n"
            "Viện cho biết sẽ mời các nhóm nghiên cứu quốc tế cùng sử dụng thiết bị trong năm "
            "tới.\n"
            "Lễ khai trương diễn ra sáng nay.");
}

TEST(CleanTest, XinhuaStyleDateline) {
  Cleaned c = CleanBytes(
      "越南与日本签署半导体人才培养合作协议\n"
      "2024-03-15 10:30:15　来源：某某网\n"
      "某某社河内3月15日电 越南与日本有关机构15日签署半导体人才培养合作协议。\n"
      "根据协议,双方将在未来五年内共同培养半导体工程师。\n"
      "【纠错】 【责任编辑:某某】\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "越南与日本签署半导体人才培养合作协议");
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2024-03-15");
  EXPECT_EQ(c.body,
            "某某社河内3月15日电 越南与日本有关机构15日签署半导体人才培养合作协议。\n"
            "根据协议,双方将在未来五年内共同培养半导体工程师。");
}

// The shape of a large Vietnamese news site: breadcrumb and dateline above the headline, the
// lead outside the article element, captions with nested paragraphs, a related-news box.
constexpr char kNewsSiteHtml[] = R"(<!DOCTYPE html><html lang="vi"><head>
<title>Hai trường đại học hợp tác đào tạo vi mạch - Báo Điện Tử Mẫu</title>
<meta name="pubdate" itemprop="datePublished" content="2023-09-09T12:00:00+07:00"/>
</head><body>
<div class="top-header"><a href="/">Trang chủ</a><a href="/thoi-su">Thời sự</a></div>
<section class="page-detail">
<div class="header-content"><ul class="breadcrumb"><li><a href="/khoa-hoc">Khoa học</a></li></ul>
<span class="date">Thứ bảy, 9/9/2023, 12:00 (GMT+7)</span></div>
<h1 class="title-detail">Hai trường đại học hợp tác đào tạo vi mạch</h1>
<p class="description">Hai trường đại học trong nước và nước ngoài ký thỏa thuận đào tạo kỹ sư vi mạch từ năm học tới.</p>
<article class="fck_detail">
<p class="Normal">Theo thỏa thuận, mỗi năm hai trường sẽ tuyển 100 sinh viên cho chương trình chung.</p>
<figure><img src="a.jpg"><figcaption><p class="Image">Lễ ký kết tại Hà Nội sáng nay. Ảnh: Hoàng Hà</p></figcaption></figure>
<p class="Normal">Sinh viên học hai năm đầu trong nước và hai năm cuối ở nước ngoài, có học bổng.</p>
<p class="Normal" style="text-align:right;"><strong>Hoàng Hà</strong></p>
</article>
<div class="box-related"><h3>Tin liên quan</h3>
<ul><li><a href="/1">Một tin khác có tiêu đề dài dòng về giáo dục đại học và nghiên cứu.</a></li></ul></div>
</section>
<div class="footer">© Báo Điện Tử Mẫu. Giấy phép số 100/GP-BTTTT.</div>
</body></html>)";

TEST(CleanTest, NewsSiteHtml) {
  Cleaned c = CleanBytes(kNewsSiteHtml, PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "Hai trường đại học hợp tác đào tạo vi mạch");
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2023-09-09");
  EXPECT_EQ(c.body,
            "Hai trường đại học trong nước và nước ngoài ký thỏa thuận đào tạo kỹ sư vi mạch từ "
            "năm học tới.\n"
            "Theo thỏa thuận, mỗi năm hai trường sẽ tuyển 100 sinh viên cho chương trình chung.\n"
            "Sinh viên học hai năm đầu trong nước và hai năm cuối ở nước ngoài, có học bổng.");
}

TEST(CleanTest, ShortChineseHeadline) {
  Cleaned c = CleanBytes(
      "中越加强科技合作\n"
      "两国科技部门日前举行会谈,同意在人工智能和新材料领域开展联合研究。\n"
      "双方还将互派研究人员。\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "中越加强科技合作");
  EXPECT_EQ(c.article.paragraphs.size(), 2u) << c.body;
}

TEST(CleanTest, SectionNameBeforeTheHeadline) {
  Cleaned c = CleanBytes(
      "Khoa học công nghệ\n"
      "Ứng dụng trí tuệ nhân tạo trong chẩn đoán hình ảnh y khoa\n"
      "Một nhóm bác sĩ và kỹ sư đã phát triển phần mềm hỗ trợ đọc phim chụp X-quang phổi.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "Ứng dụng trí tuệ nhân tạo trong chẩn đoán hình ảnh y khoa");
}

TEST(CleanTest, SiteNameIsStrippedFromTheTitleElementOnly) {
  Cleaned a = CleanBytes(
      "<html><head><title>Hợp tác Việt Nam - Hàn Quốc</title></head><body><p>Một đoạn văn đủ "
      "dài để làm thân bài của trang thử nghiệm này, có dấu chấm.</p></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(a.article.title, "Hợp tác Việt Nam - Hàn Quốc");
  Cleaned b = CleanBytes(
      "<html><head><title>Hợp tác Việt Nam - Hàn Quốc | Tin Mẫu</title></head><body><p>Một "
      "đoạn văn đủ dài để làm thân bài của trang thử nghiệm này, có dấu chấm.</p></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(b.article.title, "Hợp tác Việt Nam - Hàn Quốc");
  Cleaned c = CleanBytes(
      "<html><head><title>越中签署合作协议_新闻网</title></head><body><p>两国有关部门签署"
      "合作协议,同意加强科技交流。</p></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(c.article.title, "越中签署合作协议");
}

TEST(CleanTest, TeaserListWithoutHeaderIsCut) {
  std::string page =
      "Tỉnh ký thỏa thuận hợp tác với viện nghiên cứu nước ngoài\n"
      "Ủy ban nhân dân tỉnh đã ký thỏa thuận hợp tác với một viện nghiên cứu nước ngoài về nông "
      "nghiệp công nghệ cao.\n"
      "Hai bên sẽ cùng xây dựng trung tâm thử nghiệm giống cây trồng trong hai năm tới.\n";
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    page += "Tiêu đề một tin khác số " + n + " về chuyện khác hẳn\n";
    page += "Đoạn giới thiệu ngắn của tin khác số " + n + " kể về một sự kiện ở nơi khác.\n";
  }
  Cleaned c = CleanBytes(page, PageFormat::kText);
  EXPECT_EQ(c.article.paragraphs.size(), 2u) << c.body;
}

TEST(CleanTest, SectionsWithSeveralParagraphsStay) {
  std::string page = "Báo cáo tổng kết chương trình hợp tác khoa học năm nay\n";
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i);
    page += "Lĩnh vực hợp tác thứ " + n + " của chương trình\n";
    page += "Đoạn thứ nhất của phần " + n + " nói về kết quả đạt được trong năm qua.\n";
    page += "Đoạn thứ hai của phần " + n + " nói về kế hoạch cho những năm tiếp theo.\n";
  }
  Cleaned c = CleanBytes(page, PageFormat::kText);
  EXPECT_EQ(c.article.paragraphs.size(), 8u) << c.body;
}

TEST(CleanTest, TeasersAboveTheHeadline) {
  Cleaned c = CleanBytes(
      "Tin mới\n"
      "Thành phố khánh thành cây cầu mới bắc qua sông lớn\n"
      "Cây cầu dài hai cây số được khánh thành sau ba năm thi công liên tục.\n"
      "Giá vàng hôm nay tiếp tục biến động mạnh trên thị trường\n"
      "Giá vàng trong nước tăng nhẹ theo xu hướng của thị trường thế giới.\n"
      "Việt Nam và Phần Lan ký thỏa thuận hợp tác về giáo dục số\n"
      "10/01/2025 08:00\n"
      "Hai bộ đã ký thỏa thuận hợp tác về giáo dục số tại Hà Nội vào sáng nay.\n"
      "Thỏa thuận có thời hạn năm năm và có thể gia hạn thêm.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.title, "Việt Nam và Phần Lan ký thỏa thuận hợp tác về giáo dục số");
  ASSERT_TRUE(c.article.date.has_value());
  EXPECT_EQ(c.article.date->ToIso(), "2025-01-10");
  EXPECT_EQ(c.article.paragraphs.size(), 2u) << c.body;
}

TEST(CleanTest, SentencesThatStartLikeMarkersStay) {
  Cleaned c = CleanBytes(
      "Hội nghị hợp tác khoa học vùng kết thúc tốt đẹp tại Cần Thơ\n"
      "Hội nghị hợp tác khoa học vùng đã kết thúc tốt đẹp sau hai ngày làm việc tại Cần Thơ.\n"
      "Nổi bật là chương trình hợp tác về giống lúa chịu mặn với hai viện nước ngoài.\n"
      "Bình luận về kết quả này, đại diện ban tổ chức cho biết sẽ nhân rộng mô hình.\n"
      "(3) Bình luận\n"
      "Một bình luận của bạn đọc dài hơn năm mươi ký tự để thử nghiệm phần cuối trang.\n",
      PageFormat::kText);
  EXPECT_EQ(c.article.paragraphs.size(), 3u) << c.body;
}

TEST(CleanTest, BrSeparatedParagraphsAreWeighedOneByOne) {
  Cleaned c = CleanBytes(
      "<html><body><h1>Hai tỉnh hợp tác phát triển du lịch thông minh bền vững</h1>"
      "<div>Hai tỉnh vừa ký kết chương trình hợp tác phát triển du lịch thông minh.<br><br>"
      "Ảnh: Thanh Hà<br>"
      "Theo chương trình, hai bên sẽ chia sẻ dữ liệu du khách và quảng bá chung.<br><br>"
      "Tin liên quan<br>Một tin khác về du lịch không liên quan gì cả<br>"
      "Một tin khác nữa về chuyện khác hẳn ở tỉnh khác</div></body></html>",
      PageFormat::kHtml);
  EXPECT_EQ(c.body,
            "Hai tỉnh vừa ký kết chương trình hợp tác phát triển du lịch thông minh.\n"
            "Theo chương trình, hai bên sẽ chia sẻ dữ liệu du khách và quảng bá chung.");
  for (const core::Span& p : c.article.paragraphs) EXPECT_LE(p.end, c.page.text.size());
}

}  // namespace
}  // namespace ketnoi::clean
