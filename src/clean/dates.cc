// clean/dates.cc — a small hand-written scanner for the date forms news pages use.
//
// Numbers become dates only in shapes that cannot be something else: a full d/m/yyyy, a year
// with 年/月/日, an English month name, or a day/month after a word that introduces a date
// ("ngày", "sáng", "từ", "(" ...). So "3,6%", "12.000ha", "50 năm" or "1/3 số" stay numbers.
#include "clean/dates.h"

#include <array>
#include <cctype>
#include <string>

namespace ketnoi::clean {
namespace {

using core::Span;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads 1..max_len ASCII digits at `pos`; returns the count read (0 if none or too many).
size_t ReadNumber(std::string_view s, size_t pos, size_t max_len, int* value) {
  size_t i = pos;
  int v = 0;
  while (i < s.size() && IsDigit(s[i])) {
    if (i - pos >= max_len) return 0;
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i == pos) return 0;
  *value = v;
  return i - pos;
}

bool StartsWith(std::string_view s, size_t pos, std::string_view prefix) {
  return pos <= s.size() && s.substr(pos, prefix.size()) == prefix;
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  return pos;
}

bool ValidDayMonth(int day, int month, int year) {
  if (month < 1 || month > 12 || day < 1) return false;
  if (year == 0) return day <= (month == 2 ? 29 : core::DaysInMonth(2001, month));
  return day <= core::DaysInMonth(year, month);
}

bool ValidYear(int year) { return year >= 1900 && year <= 2100; }

// The number continues ("25.6.2", "16/12/22", "3.6%"): not the end of a date.
bool ContinuesNumber(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  char c = s[pos];
  if (IsDigit(c) || c == '%' || IsAlpha(c)) return true;
  if ((c == '.' || c == ',' || c == '/' || c == ':') && pos + 1 < s.size() && IsDigit(s[pos + 1])) {
    return true;
  }
  return false;
}

// The lower-cased word before `pos` (skipping spaces), for the cue words of partial dates.
std::string PreviousWord(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != '(' && s[b - 1] != ',') --b;
  std::string word(s.substr(b, e - b));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (StartsWith(word, 0, "\xC4\x90")) word.replace(0, 2, "\xC4\x91");  // Đ -> đ
  return word;
}

// Words after which "15/12" or "25.6" is a day and month.
bool HasDateCue(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e > 0 && s[e - 1] == ' ') --e;
  if (e > 0 && s[e - 1] == '(') return true;
  static const std::array<std::string_view, 22> kCues = {
      "ngày", "hôm", "sáng", "chiều", "trưa", "tối", "đêm", "khuya", "từ", "đến",  "tới",
      "và",   "nay", "qua",  "mai",   "vào",  "lúc", "đầu", "cuối",  "on", "from", "mùng"};
  std::string word = PreviousWord(s, pos);
  for (std::string_view cue : kCues) {
    if (word == cue) return true;
  }
  return false;
}

struct MonthName {
  std::string_view name;
  int month;
};

constexpr std::array<MonthName, 24> kMonths = {{
    {"January", 1},   {"February", 2},  {"March", 3},  {"April", 4},     {"May", 5},
    {"June", 6},      {"July", 7},      {"August", 8}, {"September", 9}, {"October", 10},
    {"November", 11}, {"December", 12}, {"Jan", 1},    {"Feb", 2},       {"Mar", 3},
    {"Apr", 4},       {"Jun", 6},       {"Jul", 7},    {"Aug", 8},       {"Sept", 9},
    {"Sep", 9},       {"Oct", 10},      {"Nov", 11},   {"Dec", 12},
}};

// An English month name at `pos` (capitalized, whole word, "Sept." allowed); its length.
size_t ReadMonthName(std::string_view s, size_t pos, int* month) {
  // Every name of kMonths starts with one of these: most positions are rejected at once.
  if (pos >= s.size() || std::string_view("JFMASOND").find(s[pos]) == std::string_view::npos) {
    return 0;
  }
  if (pos > 0 && IsAlpha(s[pos - 1])) return 0;
  for (const MonthName& m : kMonths) {
    if (!StartsWith(s, pos, m.name)) continue;
    size_t end = pos + m.name.size();
    if (end < s.size() && IsAlpha(s[end])) continue;
    *month = m.month;
    if (m.name.size() <= 4 && end < s.size() && s[end] == '.') ++end;
    return end - pos;
  }
  return 0;
}

// Range connectors between two days: "18-21", "18 đến 21", "18至21". With `joined`, also
// "và" / "and" (setting *joined): two days joined so ("hai ngày 3 và 4/12") are a range only
// when consecutive, which the caller checks.
size_t ReadRangeConnector(std::string_view s, size_t pos, bool* joined = nullptr) {
  size_t i = SkipSpaces(s, pos);
  if (joined != nullptr) *joined = false;
  for (std::string_view c : {"-", "\xE2\x80\x93", "\xE2\x80\x94", "~", "\xEF\xBD\x9E", "đến", "tới",
                             "to", "\xE8\x87\xB3", "\xE5\x88\xB0", "và", "and"}) {
    const bool conjunction = c == "và" || c == "and";
    if (conjunction && joined == nullptr) continue;
    if (StartsWith(s, i, c)) {
      if (conjunction && (i + c.size() >= s.size() || s[i + c.size()] != ' ')) continue;
      size_t j = SkipSpaces(s, i + c.size());
      if (j < s.size() && IsDigit(s[j])) {
        if (joined != nullptr) *joined = conjunction;
        return j - pos;
      }
    }
  }
  return 0;
}

// "12:00", "19:16", "12h30" at `pos`; its length.
size_t ReadTime(std::string_view s, size_t pos) {
  int h = 0;
  int m = 0;
  size_t n = ReadNumber(s, pos, 2, &h);
  if (n == 0 || pos + n >= s.size()) return 0;
  if (pos > 0 && (IsDigit(s[pos - 1]) || s[pos - 1] == ':')) return 0;
  char sep = s[pos + n];
  if (sep != ':' && sep != 'h') return 0;
  size_t k = ReadNumber(s, pos + n + 1, 2, &m);
  if (k != 2 || h > 23 || m > 59) return 0;
  size_t end = pos + n + 1 + k;
  if (end < s.size() && s[end] == ':') {  // seconds
    int sec = 0;
    if (ReadNumber(s, end + 1, 2, &sec) == 2) end += 3;
  }
  if (end < s.size() && (IsDigit(s[end]) || IsAlpha(s[end]))) return 0;
  return end - pos;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  std::vector<DateMention> Run() {
    size_t pos = 0;
    while (pos < s_.size()) {
      size_t next = pos + 1;
      if (IsDigit(s_[pos]) && (pos == 0 || !IsDigit(s_[pos - 1]))) {
        size_t end = 0;
        if (TryTime(pos, &end) || TryYearFirst(pos, &end) || TryDayFirst(pos, &end))
          next = end;
        else
          next = SkipDigits(pos);
      } else if (IsAlpha(s_[pos]) && (pos == 0 || !IsAlpha(s_[pos - 1]))) {
        size_t end = 0;
        if (TryMonthFirst(pos, &end)) next = end;
      }
      pos = next;
    }
    return std::move(out_);
  }

 private:
  size_t SkipDigits(size_t pos) const {
    while (pos < s_.size() && IsDigit(s_[pos])) ++pos;
    return pos;
  }

  void Emit(DateMention m, size_t begin, size_t end) {
    m.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    // A time just before ("19:16 17/12/2023") belongs to this date.
    if (pending_time_end_ > 0 && begin >= pending_time_end_ && begin - pending_time_end_ <= 3) {
      m.has_time = true;
      m.span.begin = static_cast<uint32_t>(pending_time_begin_);
    }
    pending_time_end_ = 0;
    // A time just after ("16/12/2022 12:00", "16/12/2022, 12:00", "16/12/2022 | 12:00").
    size_t i = end;
    while (i < s_.size() && i - end < 4 &&
           (s_[i] == ' ' || s_[i] == ',' || s_[i] == '|' || s_[i] == '-')) {
      ++i;
    }
    size_t t = ReadTime(s_, i);
    if (t > 0 && i - end <= 3) {
      m.has_time = true;
      m.span.end = static_cast<uint32_t>(i + t);
    }
    out_.push_back(m);
  }

  bool TryTime(size_t pos, size_t* end) {
    size_t t = ReadTime(s_, pos);
    if (t == 0) return false;
    if (!out_.empty() && out_.back().span.end == pos + t) {  // already attached
      *end = pos + t;
      return true;
    }
    pending_time_begin_ = pos;
    pending_time_end_ = pos + t;
    *end = pos + t;
    return true;
  }

  // "2024-06-25", "2024/6/25", "2024年6月25日", "2024年6月".
  bool TryYearFirst(size_t pos, size_t* end) {
    int year = 0;
    if (ReadNumber(s_, pos, 4, &year) != 4 || !ValidYear(year)) return false;
    size_t i = pos + 4;
    if (i >= s_.size()) return false;
    char sep = s_[i];
    if (sep == '-' || sep == '/' || sep == '.') {
      int month = 0;
      int day = 0;
      size_t a = ReadNumber(s_, i + 1, 2, &month);
      if (a == 0 || i + 1 + a >= s_.size() || s_[i + 1 + a] != sep) return false;
      size_t b = ReadNumber(s_, i + 2 + a, 2, &day);
      if (b == 0) return false;
      size_t e = i + 2 + a + b;
      if (!ValidDayMonth(day, month, year) || (e < s_.size() && IsDigit(s_[e]))) return false;
      DateMention m;
      m.year = year;
      m.month = month;
      m.day = day;
      if (e < s_.size() && s_[e] == 'T') {  // ISO time: part of the value
        size_t t = ReadTime(s_, e + 1);
        if (t > 0) {
          m.has_time = true;
          e += 1 + t;
        }
      }
      Emit(m, pos, e);
      *end = out_.back().span.end;
      return true;
    }
    if (!StartsWith(s_, i, "\xE5\xB9\xB4")) return false;  // 年
    size_t e = 0;
    DateMention m;
    if (!ReadChineseMonthDay(i + 3, &m, &e)) return false;
    m.year = year;
    if (m.day > 0 && !ValidDayMonth(m.day, m.month, year)) return false;
    Emit(m, pos, e);
    *end = out_.back().span.end;
    return true;
  }

  // "6月25日", "6月25日至28日", "2月18日至3月2日", "6月" (day 0).
  bool ReadChineseMonthDay(size_t pos, DateMention* m, size_t* end, bool allow_range = true) {
    int month = 0;
    size_t a = ReadNumber(s_, pos, 2, &month);
    if (a == 0 || !StartsWith(s_, pos + a, "\xE6\x9C\x88") || month < 1 || month > 12) {
      return false;  // 月
    }
    m->month = month;
    size_t i = pos + a + 3;
    int day = 0;
    size_t b = ReadNumber(s_, i, 2, &day);
    if (b == 0 ||
        !(StartsWith(s_, i + b, "\xE6\x97\xA5") || StartsWith(s_, i + b, "\xE5\x8F\xB7"))) {
      *end = i;  // month only
      return true;
    }
    if (!ValidDayMonth(day, month, 0)) return false;
    m->day = day;
    i += b + 3;
    *end = i;
    // The end of a range is read without looking for a further range: no recursion chains.
    size_t c = allow_range ? ReadRangeConnector(s_, i) : 0;
    if (c > 0) {
      DateMention second;
      size_t e2 = 0;
      int end_day = 0;
      size_t d = ReadNumber(s_, i + c, 2, &end_day);
      if (ReadChineseMonthDay(i + c, &second, &e2, false) && second.day > 0) {
        m->end_month = second.month;
        m->end_day = second.day;
        *end = e2;
      } else if (d > 0 &&
                 (StartsWith(s_, i + c + d, "\xE6\x97\xA5") ||
                  StartsWith(s_, i + c + d, "\xE5\x8F\xB7")) &&
                 end_day > day && end_day <= 31) {
        m->end_day = end_day;
        *end = i + c + d + 3;
      }
    }
    return true;
  }

  // "16/12/2022", "15/12", "25.6", "18-21/2", "từ 18 đến 21/2", "15 tháng 12 năm 2023",
  // "25 June 2024", "6月25日".
  bool TryDayFirst(size_t pos, size_t* end) {
    int first = 0;
    size_t a = ReadNumber(s_, pos, 2, &first);
    if (a == 0) return false;
    if (pos > 0 && (s_[pos - 1] == '.' || s_[pos - 1] == ',' || s_[pos - 1] == '/')) return false;
    size_t i = pos + a;
    DateMention m;
    size_t e = 0;
    if (ReadChineseMonthDay(pos, &m, &e)) {
      if (m.day == 0) return false;  // "6月" alone is not a date
      Emit(m, pos, e);
      *end = out_.back().span.end;
      return true;
    }
    if (i >= s_.size()) return false;
    char sep = s_[i];
    if (sep == '/' || sep == '.' || sep == '-') {
      int second = 0;
      size_t b = ReadNumber(s_, i + 1, 2, &second);
      if (b == 0) return false;
      size_t j = i + 1 + b;
      int year = 0;
      if (j + 1 < s_.size() && s_[j] == sep && ReadNumber(s_, j + 1, 4, &year) == 4 &&
          !(j + 5 < s_.size() && IsDigit(s_[j + 5]))) {
        int day = first;
        int month = second;
        if (month > 12 && day <= 12) std::swap(day, month);  // US order "12/25/2024"
        if (!ValidYear(year) || !ValidDayMonth(day, month, year)) return false;
        m.year = year;
        m.month = month;
        m.day = day;
        Emit(m, pos, j + 5);
        *end = out_.back().span.end;
        return true;
      }
      if (sep == '-' && (s_.substr(j, 1) == "/" || s_.substr(j, 1) == ".")) {
        // "18-21/2": a range of days in one month.
        return TryDayRange(pos, first, i + 1, end);
      }
      if (ContinuesNumber(s_, j) || !ValidDayMonth(first, second, 0)) return false;
      if (sep == '-' || !HasDateCue(s_, pos)) return false;
      m.month = second;
      m.day = first;
      Emit(m, pos, j);
      *end = out_.back().span.end;
      return true;
    }
    bool joined = false;
    size_t c = ReadRangeConnector(s_, i, &joined);
    if (c > 0 && HasDateCue(s_, pos)) return TryDayRange(pos, first, i + c, end, joined);
    size_t k = SkipSpaces(s_, i);
    if (StartsWith(s_, k, "tháng ") || StartsWith(s_, k, "Tháng ")) {
      int month = 0;
      size_t mm = ReadNumber(s_, k + 7, 2, &month);
      if (mm == 0 || !ValidDayMonth(first, month, 0) || ContinuesNumber(s_, k + 7 + mm)) {
        return false;
      }
      m.day = first;
      m.month = month;
      size_t stop = k + 7 + mm;
      size_t y = SkipSpaces(s_, stop);
      int year = 0;
      if (StartsWith(s_, y, "năm ") && ReadNumber(s_, y + 5, 4, &year) == 4 && ValidYear(year)) {
        m.year = year;
        stop = y + 9;
      }
      Emit(m, pos, stop);
      *end = out_.back().span.end;
      return true;
    }
    int month = 0;
    size_t mn = k > i ? ReadMonthName(s_, k, &month) : 0;
    if (mn > 0 && ValidDayMonth(first, month, 0)) {  // "25 June 2024"
      m.day = first;
      m.month = month;
      size_t stop = k + mn;
      size_t y = SkipSpaces(s_, stop + (stop < s_.size() && s_[stop] == ',' ? 1 : 0));
      int year = 0;
      if (ReadNumber(s_, y, 4, &year) == 4 && ValidYear(year) && !ContinuesNumber(s_, y + 4)) {
        m.year = year;
        stop = y + 4;
      }
      Emit(m, pos, stop);
      *end = out_.back().span.end;
      return true;
    }
    return false;
  }

  // The end day of a range at `pos`: "21/2", "21.2", "21/2/2024", "21 June".
  bool TryDayRange(size_t begin, int first_day, size_t pos, size_t* end, bool joined = false) {
    int last = 0;
    size_t a = ReadNumber(s_, pos, 2, &last);
    if (a == 0 || pos + a >= s_.size()) return false;
    if (joined && last != first_day + 1) return false;
    size_t i = pos + a;
    char sep = s_[i];
    if (sep != '/' && sep != '.') return false;
    int month = 0;
    size_t b = ReadNumber(s_, i + 1, 2, &month);
    if (b == 0) return false;
    size_t e = i + 1 + b;
    DateMention m;
    int year = 0;
    if (e + 1 < s_.size() && s_[e] == sep && ReadNumber(s_, e + 1, 4, &year) == 4 &&
        ValidYear(year)) {
      m.year = year;
      e += 5;
    }
    if (ContinuesNumber(s_, e)) return false;
    if (!ValidDayMonth(first_day, month, m.year) || !ValidDayMonth(last, month, m.year) ||
        last <= first_day) {
      return false;
    }
    m.day = first_day;
    m.month = month;
    m.end_day = last;
    Emit(m, begin, e);
    *end = out_.back().span.end;
    return true;
  }

  // "June 25, 2024", "Sept. 5", "June 18-21", "June 2024" (day 0).
  bool TryMonthFirst(size_t pos, size_t* end) {
    int month = 0;
    size_t n = ReadMonthName(s_, pos, &month);
    if (n == 0) return false;
    size_t i = pos + n;
    if (i >= s_.size() || s_[i] != ' ') return false;
    i = SkipSpaces(s_, i);
    int num = 0;
    size_t a = ReadNumber(s_, i, 4, &num);
    if (a == 0) return false;
    DateMention m;
    m.month = month;
    if (a == 4) {
      if (!ValidYear(num) || ContinuesNumber(s_, i + 4)) return false;
      m.year = num;
      Emit(m, pos, i + 4);
      *end = out_.back().span.end;
      return true;
    }
    if (a > 2 || !ValidDayMonth(num, month, 0)) return false;
    m.day = num;
    size_t e = i + a;
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (StartsWith(s_, e, suffix)) e += 2;
    }
    bool joined = false;
    size_t c = ReadRangeConnector(s_, e, &joined);
    int last = 0;
    size_t d = c > 0 ? ReadNumber(s_, e + c, 2, &last) : 0;
    if (d > 0 && last > num && (!joined || last == num + 1) && ValidDayMonth(last, month, 0) &&
        !ContinuesNumber(s_, e + c + d)) {
      m.end_day = last;
      e += c + d;
    }
    if (e < s_.size() && IsAlpha(s_[e])) return false;
    size_t y = e;
    if (y < s_.size() && s_[y] == ',') ++y;
    y = SkipSpaces(s_, y);
    int year = 0;
    if (y > e && ReadNumber(s_, y, 4, &year) == 4 && ValidYear(year) &&
        !ContinuesNumber(s_, y + 4)) {
      m.year = year;
      e = y + 4;
    }
    if (m.year > 0 && !ValidDayMonth(m.day, m.month, m.year)) return false;
    Emit(m, pos, e);
    *end = out_.back().span.end;
    return true;
  }

  std::string_view s_;
  std::vector<DateMention> out_;
  size_t pending_time_begin_ = 0;
  size_t pending_time_end_ = 0;
};

// "từ 18/2 đến 21/2", "18/2 - 21/2/2024": two mentions joined by a connector become a range.
std::vector<DateMention> MergeRanges(std::string_view text, std::vector<DateMention> in) {
  std::vector<DateMention> out;
  for (DateMention& m : in) {
    if (!out.empty()) {
      DateMention& prev = out.back();
      bool joinable = prev.day > 0 && m.day > 0 && prev.end_day == 0 && m.end_day == 0 &&
                      m.span.begin > prev.span.end && (prev.year == 0 || prev.year == m.year);
      if (joinable) {
        bool joined = false;
        size_t c = ReadRangeConnector(text, prev.span.end, &joined);
        const bool consecutive = m.month == prev.month && m.day == prev.day + 1;
        if (c > 0 && prev.span.end + c == m.span.begin && (!joined || consecutive)) {
          prev.end_day = m.day;
          if (m.month != prev.month) prev.end_month = m.month;
          if (prev.year == 0) prev.year = m.year;
          prev.span.end = m.span.end;
          continue;
        }
      }
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace

std::vector<DateMention> FindDates(std::string_view text) {
  return MergeRanges(text, Scanner(text).Run());
}

std::optional<core::Date> ResolveDate(const DateMention& m, std::optional<core::Date> reference,
                                      int fallback_year) {
  if (m.month == 0 || m.day == 0) return std::nullopt;
  core::Date date{m.year, m.month, m.day};
  if (date.year == 0) {
    if (reference && reference->Valid()) {
      date.year = reference->year;
      if (date.month == 2 && date.day == 29 && !core::Date{date.year, 2, 29}.Valid()) {
        date.year -= 1;
      }
      long delta = date.DaysSinceEpoch() - reference->DaysSinceEpoch();
      // News reports what happened: a day well after publication is last year's; a day almost
      // a year before it is an upcoming one early next year.
      if (delta > 62) date.year -= 1;
      if (delta < -300) date.year += 1;
    } else if (fallback_year > 0) {
      date.year = fallback_year;
    } else {
      return std::nullopt;
    }
  }
  if (!date.Valid()) return std::nullopt;
  return date;
}

std::optional<core::Date> ParseMetaDate(std::string_view value) {
  size_t b = 0;
  while (b < value.size() && std::isspace(static_cast<unsigned char>(value[b]))) ++b;
  value = value.substr(b);
  if (value.size() >= 8 &&
      value.substr(0, 8).find_first_not_of("0123456789") == std::string_view::npos &&
      (value.size() == 8 || !IsDigit(value[8]))) {  // "20240625"
    int year = std::stoi(std::string(value.substr(0, 4)));
    core::Date d{year, std::stoi(std::string(value.substr(4, 2))),
                 std::stoi(std::string(value.substr(6, 2)))};
    if (d.Valid() && ValidYear(year)) return d;
  }
  for (const DateMention& m : FindDates(value.substr(0, 200))) {
    if (m.year > 0 && m.month > 0 && m.day > 0) {
      core::Date d{m.year, m.month, m.day};
      if (d.Valid()) return d;
    }
  }
  return std::nullopt;
}

}  // namespace ketnoi::clean
