// libFuzzer target for the date parser: arbitrary bytes through FindDates, ResolveDate
// (with and without a reference date) and ParseMetaDate. Checks that spans are ordered and
// inside the text, and that every resolved date is a real calendar date.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "clean/dates.h"
#include "core/date.h"

namespace {

constexpr size_t kMaxInput = 16 * 1024;

void Check(bool ok) {
  if (!ok) std::abort();
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

void CheckDate(const std::optional<ketnoi::core::Date>& d) {
  if (!d) return;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  Check(d->month >= 1 && d->month <= 12);
  Check(d->day >= 1 && d->day <= kDays[d->month - 1]);
  Check(d->month != 2 || d->day <= 28 || IsLeap(d->year));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  uint32_t prev = 0;
  const ketnoi::core::Date reference{2024, 6, 25};
  for (const ketnoi::clean::DateMention& m : ketnoi::clean::FindDates(text)) {
    Check(m.span.begin <= m.span.end && m.span.end <= text.size() && m.span.begin >= prev);
    prev = m.span.begin;
    CheckDate(ketnoi::clean::ResolveDate(m, reference));
    CheckDate(ketnoi::clean::ResolveDate(m, std::nullopt, 2023));
    CheckDate(ketnoi::clean::ResolveDate(m, std::nullopt));
  }
  CheckDate(ketnoi::clean::ParseMetaDate(text));
  return 0;
}
