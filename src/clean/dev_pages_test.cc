// The dev pages of /work/shared/eval, scored as score.py scores them: body token F1, title
// and date accuracy. Skipped when the shared directory is absent.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "clean/article.h"
#include "ingest/page.h"

namespace ketnoi::clean {
namespace {

namespace fs = std::filesystem;

std::string SharedDir() {
  const char* env = std::getenv("KETNOI_SHARED_DIR");
  return env ? env : "/work/shared";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

icu::UnicodeString Nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return nfc->normalize(icu::UnicodeString::fromUTF8(s), status);
}

bool IsCjk(UChar32 c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

// score.py's tokens(): runs of letters/digits/marks, and each CJK character alone.
std::vector<std::string> Tokens(const std::string& text) {
  icu::UnicodeString s = Nfc(text).foldCase();
  std::vector<std::string> out;
  icu::UnicodeString cur;
  auto flush = [&] {
    if (!cur.isEmpty()) {
      std::string t;
      cur.toUTF8String(t);
      out.push_back(t);
      cur.remove();
    }
  };
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (IsCjk(c)) {
      flush();
      std::string one;
      icu::UnicodeString(c).toUTF8String(one);
      out.push_back(one);
    } else if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) {
      cur.append(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string GoldBody(const std::string& raw, const std::string& first, const std::string& last) {
  std::string r;
  std::string f;
  std::string l;
  Nfc(raw).toUTF8String(r);
  Nfc(first).toUTF8String(f);
  Nfc(last).toUTF8String(l);
  size_t i = r.find(f);
  if (i == std::string::npos) return "";
  size_t j = r.find(l, i);
  if (j == std::string::npos) return "";
  return r.substr(i, j + l.size() - i);
}

TEST(DevPagesTest, BodyTitleDateMeetTheBars) {
  fs::path dev = fs::path(SharedDir()) / "eval" / "dev";
  if (!fs::exists(dev / "docs") || !fs::exists(dev / "gold")) GTEST_SKIP() << "no dev pages";
  size_t overlap = 0;
  size_t sys_tokens = 0;
  size_t gold_tokens = 0;
  int docs = 0;
  int titles = 0;
  int dates = 0;
  for (const auto& entry : fs::directory_iterator(dev / "docs")) {
    fs::path gold_path = dev / "gold" / (entry.path().stem().string() + ".json");
    if (!fs::exists(gold_path)) continue;
    nlohmann::json gold = nlohmann::json::parse(ReadFile(gold_path));
    auto page = ingest::ReadPage(entry.path().string());
    ASSERT_TRUE(page.ok()) << entry.path() << ": " << page.status().ToString();
    Article article = Clean(*page);
    ++docs;
    std::string gold_title = gold.value("title", "");
    titles += article.title == gold_title;
    std::string gold_date = gold["date"].is_null() ? "null" : gold["date"].get<std::string>();
    std::string date = article.date ? article.date->ToIso() : "null";
    dates += date == gold_date;
    std::string raw = ReadFile(entry.path());
    std::vector<std::string> gt = Tokens(
        GoldBody(raw, gold.value("body_first_sentence", ""), gold.value("body_last_sentence", "")));
    std::vector<std::string> st = Tokens(article.Body(page->text));
    std::map<std::string, int> counts;
    for (const auto& t : gt) ++counts[t];
    size_t ov = 0;
    for (const auto& t : st) {
      if (counts[t] > 0) {
        --counts[t];
        ++ov;
      }
    }
    overlap += ov;
    sys_tokens += st.size();
    gold_tokens += gt.size();
    std::printf("%s: title %s date %s/%s body P=%.3f R=%.3f\n", entry.path().stem().c_str(),
                article.title == gold_title ? "ok" : "WRONG", date.c_str(), gold_date.c_str(),
                st.empty() ? 0.0 : double(ov) / st.size(),
                gt.empty() ? 0.0 : double(ov) / gt.size());
    if (article.title != gold_title) std::printf("  title was: %s\n", article.title.c_str());
    if (const char* out_dir = std::getenv("KETNOI_CLEAN_OUT")) {  // for score.py
      nlohmann::json out = {{"id", entry.path().stem().string()},
                            {"title", article.title},
                            {"date", article.date ? nlohmann::json(date) : nlohmann::json()},
                            {"body", article.Body(page->text)}};
      std::ofstream(fs::path(out_dir) / (entry.path().stem().string() + ".json")) << out.dump(1);
    }
    if (std::getenv("KETNOI_DEBUG_CLEAN")) {
      for (const auto& p : article.paragraphs) {
        std::printf("  | %.120s\n", std::string(p.Of(page->text)).c_str());
      }
    }
  }
  ASSERT_GT(docs, 0);
  double p = sys_tokens ? double(overlap) / sys_tokens : 0;
  double r = gold_tokens ? double(overlap) / gold_tokens : 0;
  double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("body P=%.4f R=%.4f F1=%.4f title %d/%d date %d/%d\n", p, r, f1, titles, docs, dates,
              docs);
  EXPECT_GE(f1, 0.95);
  EXPECT_EQ(titles, docs);
  EXPECT_GE(dates, docs * 8 / 10);
}

}  // namespace
}  // namespace ketnoi::clean
