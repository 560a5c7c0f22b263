// Text layer throughput (docs/PERFORMANCE.md): Normalize, SplitSentences, Tokenize per
// language, SearchKey, IdentifyLanguage (reads at most 64 KB), and the page pipeline, against
// a bare UTF-8 validation pass over the same bytes (the floor). The corpus is generated from
// our own sentences, ~1 MB per language; arg 0 is the three concatenated (Tokenize/0 then
// uses the language-neutral tokenizer). Compare CPU time: the build machine is shared.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/utf8.h"
#include "text/text.h"

namespace {

using ketnoi::core::Lang;

const char* const kVi[] = {
    "Ngày 12/3/2024, Viện Hàn lâm Khoa học và Công nghệ Việt Nam ký biên bản ghi nhớ hợp tác "
    "với Đại học Tổng hợp Seoul về trí tuệ nhân tạo.",
    "Theo PGS. TS. Lê Văn Hòa, giá trị đầu tư đạt 3,5 tỷ đồng, tăng 12,6% so với năm trước.",
    "Hai bên thống nhất thúc đẩy chuyển giao công nghệ bán dẫn và đào tạo nguồn nhân lực chất "
    "lượng cao tại TP. Hồ Chí Minh.",
    "Bộ trưởng nhấn mạnh: “Đổi mới sáng tạo là động lực phát triển bền vững của đất nước.”",
    "Thông tin chi tiết xem tại https://example.vn/tin-tuc hoặc liên hệ info@example.vn./.",
};
const char* const kZh[] = {
    "2024年3月12日，越南科学技术院与首尔大学签署了人工智能领域的合作备忘录。",
    "双方同意加强半导体技术转让，并在河内共同建设联合实验室。",
    "据报道，该项目总投资约3.5亿美元，比去年增长12.6%。",
    "部长表示：“创新是可持续发展的重要动力。”会议在北京举行！",
    "臺灣工業技術研究院代表出席了論壇，並與IMEC討論了合作計劃。",
};
const char* const kEn[] = {
    "On March 12, 2024, the Vietnam Academy of Science and Technology signed a memorandum "
    "of understanding with Seoul National University on artificial intelligence.",
    "Dr. Smith said the U.S. side would invest about 3.5 billion USD, up 12.6% year on year.",
    "Both sides agreed to promote semiconductor technology transfer and joint R&D labs in "
    "Washington, D.C. and Hanoi.",
    "\"Innovation is the engine of sustainable growth,\" the minister said... Details: "
    "https://example.org/news or press@example.org.",
    "Prof. J. Nguyen of hub.brussels met Ms. Lee at the NIC headquarters.",
};

template <size_t N>
std::string Build(const char* const (&sentences)[N], size_t bytes) {
  std::string out;
  size_t i = 0;
  while (out.size() < bytes) {
    out += sentences[i % N];
    out += (i % 4 == 3) ? "\n" : " ";
    ++i;
  }
  return out;
}

const std::string& Corpus(Lang lang) {
  static const std::string vi = Build(kVi, 1 << 20);
  static const std::string zh = Build(kZh, 1 << 20);
  static const std::string en = Build(kEn, 1 << 20);
  static const std::string mixed = vi + "\n" + zh + "\n" + en;
  switch (lang) {
    case Lang::kVi:
      return vi;
    case Lang::kZh:
      return zh;
    case Lang::kEn:
      return en;
    default:
      return mixed;
  }
}

Lang LangArg(const benchmark::State& state) { return static_cast<Lang>(state.range(0)); }

void Finish(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}

void BM_ValidateUtf8(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  for (auto _ : state) benchmark::DoNotOptimize(ketnoi::core::IsValidUtf8(text));
  Finish(state, text.size());
}

void BM_Normalize(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  for (auto _ : state) benchmark::DoNotOptimize(ketnoi::text::Normalize(text));
  Finish(state, text.size());
}

void BM_SplitSentences(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  Lang lang = LangArg(state);
  for (auto _ : state) benchmark::DoNotOptimize(ketnoi::text::SplitSentences(text, lang));
  Finish(state, text.size());
}

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  Lang lang = LangArg(state);
  ketnoi::text::Tokenize("warm up 预热 khởi động", lang);  // load dictionaries outside timing
  for (auto _ : state) benchmark::DoNotOptimize(ketnoi::text::Tokenize(text, lang));
  Finish(state, text.size());
}

// SearchKey is called on names and short strings: measure it per line.
void BM_SearchKeyLines(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  std::vector<std::string_view> lines;
  for (size_t b = 0; b < text.size();) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    lines.push_back(std::string_view(text).substr(b, e - b));
    b = e + 1;
  }
  ketnoi::text::SearchKey("預熱");
  for (auto _ : state) {
    for (std::string_view l : lines) benchmark::DoNotOptimize(ketnoi::text::SearchKey(l));
  }
  Finish(state, text.size());
}

void BM_IdentifyLanguage(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  for (auto _ : state) benchmark::DoNotOptimize(ketnoi::text::IdentifyLanguage(text));
  Finish(state, text.size());
}

// What a page goes through: Normalize, then SplitSentences and Tokenize per sentence.
void BM_Pipeline(benchmark::State& state) {
  const std::string& text = Corpus(LangArg(state));
  Lang lang = LangArg(state);
  ketnoi::text::Tokenize("warm up 预热 khởi động", lang);
  for (auto _ : state) {
    ketnoi::text::NormalizedText n = ketnoi::text::Normalize(text);
    size_t tokens = 0;
    for (ketnoi::core::Span s : ketnoi::text::SplitSentences(n.text, lang)) {
      tokens += ketnoi::text::Tokenize(s.Of(n.text), lang).size();
    }
    benchmark::DoNotOptimize(tokens);
  }
  Finish(state, text.size());
}

// Args: 0 mixed, 1 vi, 2 zh, 3 en (core::Lang values).
#define KETNOI_TEXT_LANGS ->Arg(1)->Arg(2)->Arg(3)->Arg(0)->Unit(benchmark::kMillisecond)
BENCHMARK(BM_ValidateUtf8) KETNOI_TEXT_LANGS;
BENCHMARK(BM_Normalize) KETNOI_TEXT_LANGS;
BENCHMARK(BM_SplitSentences) KETNOI_TEXT_LANGS;
BENCHMARK(BM_Tokenize) KETNOI_TEXT_LANGS;
BENCHMARK(BM_SearchKeyLines) KETNOI_TEXT_LANGS;
BENCHMARK(BM_IdentifyLanguage) KETNOI_TEXT_LANGS;
BENCHMARK(BM_Pipeline) KETNOI_TEXT_LANGS;

}  // namespace

BENCHMARK_MAIN();
