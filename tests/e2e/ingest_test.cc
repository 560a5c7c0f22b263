// End-to-end: `ketnoi ingest` / `stats` / `extract` as a user runs them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_util.h"

namespace ketnoi::testing {
namespace {

namespace fs = std::filesystem;

class IngestE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ketnoi_e2e_" + std::to_string(::getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "pages");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteGoodPage(const std::string& name) {
    WriteFile(
        dir_ / "pages" / name,
        "Trang chủ | Tin tức | Liên hệ\n\n"
        "Viện Nghiên cứu A ký kết hợp tác với Đại học B về bán dẫn\n\n"
        "Tin tức 05/03/2024 08:00\n\n"
        "Sáng 4/3, tại Hà Nội, Viện Nghiên cứu A và Đại học B đã ký kết biên bản ghi nhớ "
        "hợp tác nghiên cứu và đào tạo nhân lực ngành bán dẫn trong giai đoạn 2024 - 2028.\n\n"
        "Theo thỏa thuận, hai bên sẽ trao đổi chuyên gia, xây dựng phòng thí nghiệm chung "
        "và tổ chức các khóa đào tạo ngắn hạn cho kỹ sư trẻ về thiết kế vi mạch.\n\n"
        "Phát biểu tại lễ ký kết, lãnh đạo hai đơn vị cho biết hợp tác sẽ mở rộng sang "
        "lĩnh vực trí tuệ nhân tạo trong thời gian tới.\n\n"
        "Đọc thêm\n\nGiá vàng hôm nay tăng mạnh\nThời tiết Hà Nội chuyển lạnh\n");
  }

  nlohmann::json Stats() {
    RunResult r = RunKetnoi(dir_, "stats --db kb.db --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  fs::path dir_;
};

TEST_F(IngestE2eTest, IngestsExamplesAndReingestIsANoOp) {
  fs::path examples = SourceDir() / "examples";
  if (!fs::exists(examples)) GTEST_SKIP() << "no examples/";
  RunResult first = RunKetnoi(dir_, "ingest --db kb.db --json '" + examples.string() + "'");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto report = nlohmann::json::parse(first.out);
  EXPECT_GE(report["inserted"].get<int>(), 12);
  EXPECT_EQ(report["failed"].get<int>(), 0);

  nlohmann::json stats = Stats();
  EXPECT_EQ(stats["documents"].get<int>(), report["inserted"].get<int>());
  EXPECT_GE(stats["by_language"]["vi"].get<int>(), 1);
  EXPECT_GE(stats["by_language"]["zh"].get<int>(), 1);
  EXPECT_GE(stats["by_language"]["en"].get<int>(), 1);

  RunResult again = RunKetnoi(dir_, "ingest --db kb.db --json '" + examples.string() + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto report2 = nlohmann::json::parse(again.out);
  EXPECT_EQ(report2["inserted"].get<int>(), 0);
  EXPECT_EQ(report2["unchanged"].get<int>(), report["inserted"].get<int>());
  EXPECT_EQ(Stats()["documents"], stats["documents"]);
}

TEST_F(IngestE2eTest, BadInputsGetOneLineEachAndTheRestIsIngested) {
  WriteGoodPage("good.txt");
  ASSERT_EQ(RunKetnoi(dir_, "ingest --db kb.db pages/good.txt").exit_code, 0);
  nlohmann::json before = Stats();
  ASSERT_EQ(before["documents"].get<int>(), 1);

  fs::create_directories(dir_ / "bad" / "sub");
  WriteFile(dir_ / "bad" / "empty.txt", "");
  WriteFile(dir_ / "bad" / "binary.txt", std::string("\x7f"
                                                     "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                                     16) +
                                             std::string(4000, '\0'));
  WriteFile(dir_ / "bad" / "huge.txt", std::string(50u << 20, 'a'));
  fs::create_directory_symlink("..", dir_ / "bad" / "sub" / "loop");
  // Invalid UTF-8 inside an otherwise good page: repaired, reported, ingested.
  std::string page = ReadFile(dir_ / "pages" / "good.txt");
  page.insert(page.find("Theo thỏa thuận"), "\xC3\x28 ");
  WriteFile(dir_ / "bad" / "mojibake.txt", page + "\nthêm một dòng khác\n");

  RunResult r = RunKetnoi(dir_, "ingest --db kb.db bad missing/nowhere.txt");
  EXPECT_EQ(r.exit_code, 1);
  auto has_line = [&](const std::string& path, const std::string& problem) {
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(path) != std::string::npos && line.find(problem) != std::string::npos)
        return true;
    }
    return false;
  };
  EXPECT_TRUE(has_line("empty.txt", "empty")) << r.err;
  EXPECT_TRUE(has_line("binary.txt", "binary")) << r.err;
  EXPECT_TRUE(has_line("huge.txt", "limit")) << r.err;
  EXPECT_TRUE(has_line("missing/nowhere.txt", "no such file")) << r.err;
  EXPECT_TRUE(has_line("loop", "loop")) << r.err;
  EXPECT_TRUE(has_line("mojibake.txt", "UTF-8")) << r.err;

  nlohmann::json after = Stats();
  EXPECT_EQ(after["documents"].get<int>(), 2);  // good.txt kept, mojibake.txt added
}

TEST_F(IngestE2eTest, ExtractWritesOneJsonPerDocument) {
  WriteGoodPage("a.txt");
  WriteGoodPage("b.txt");
  RunResult r = RunKetnoi(dir_, "extract --out out pages");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto a = nlohmann::json::parse(ReadFile(dir_ / "out" / "a.json"));
  EXPECT_EQ(a["language"], "vi");
  EXPECT_EQ(a["title"], "Viện Nghiên cứu A ký kết hợp tác với Đại học B về bán dẫn");
  EXPECT_EQ(a["date"], "2024-03-05");
  EXPECT_NE(a["body"].get<std::string>().find("Sáng 4/3"), std::string::npos);
  EXPECT_EQ(a["body"].get<std::string>().find("Giá vàng"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "b.json"));
}

TEST_F(IngestE2eTest, StdinIsAPage) {
  WriteGoodPage("a.txt");
  RunResult r = RunKetnoi(dir_, "ingest --db kb.db - < pages/a.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Stats()["documents"].get<int>(), 1);
}

TEST_F(IngestE2eTest, EveryCommandHasHelp) {
  for (const char* cmd : {"ingest", "extract", "stats", "clean"}) {
    RunResult r = RunKetnoi(dir_, std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << ": " << r.out;
  }
}

}  // namespace
}  // namespace ketnoi::testing
