// core/date.h — calendar dates as ketnoi stores them (no time zone: news gives local dates).
#ifndef KETNOI_CORE_DATE_H_
#define KETNOI_CORE_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace ketnoi::core {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  bool Valid() const;
  // "YYYY-MM-DD".
  std::string ToIso() const;
  // Days since 1970-01-01 (proleptic Gregorian), for windows and ordering.
  long DaysSinceEpoch() const;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Parses exactly "YYYY-MM-DD"; nullopt for anything else or an impossible date.
std::optional<Date> ParseIsoDate(std::string_view s);
int DaysInMonth(int year, int month);

}  // namespace ketnoi::core

#endif  // KETNOI_CORE_DATE_H_
