// clean/dates.h — date expressions in vi / zh / en text, full or partial, with offsets.
//
// Finds "16/12/2022 12:00", "19:16 17/12/2023", "26/06/2024", "ngày 17/12/2023",
// "Ngày 25.6", "Chiều 15/12", "từ 18 đến 21/2", "2月20日", "2024年6月25日", "从2月18日至21日",
// "June 25, 2024", "25 June 2024", ISO "2024-06-25" and HTML meta values
// ("2024-06-25T12:30:00+07:00"). Partial dates (no year) are resolved against a reference
// date (the publication date) and the years the text mentions. Used by clean (publication
// date) and by extract (event dates). Pure functions, thread-safe.
#ifndef KETNOI_CLEAN_DATES_H_
#define KETNOI_CLEAN_DATES_H_

#include <optional>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/span.h"

namespace ketnoi::clean {

struct DateMention {
  core::Span span;  // into the text that was searched
  int year = 0;     // 0 when the text does not say
  int month = 0;    // 0 when the text does not say
  int day = 0;      // 0 when the text does not say
  int end_day = 0;  // ranges "từ 18 đến 21/2", "2月18日至21日": last day (same month)
  int end_month = 0;
  bool has_time = false;  // "12:00" next to it: a dateline rather than an event date
};

// Every date expression in `text`, in order.
std::vector<DateMention> FindDates(std::string_view text);

// Completes a partial date: missing year from `reference` (the publication date), moved
// back a year when that would put a past-tense day more than ~2 months after the reference.
std::optional<core::Date> ResolveDate(const DateMention& m, std::optional<core::Date> reference,
                                      int fallback_year = 0);

// A date in an HTML meta value or ISO string ("2024-06-25T12:30:00+07:00").
std::optional<core::Date> ParseMetaDate(std::string_view value);

}  // namespace ketnoi::clean

#endif  // KETNOI_CLEAN_DATES_H_
