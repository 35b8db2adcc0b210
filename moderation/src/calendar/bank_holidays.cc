#include "schoolmod/moderation/bank_holidays.h"

#include <algorithm>
#include <array>

namespace schoolmod::moderation {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

using config::BankHolidays;

enum class Moveable { kEarlyMay, kSpring };

struct Move {
  int year;
  Moveable holiday;
  year_month_day to;
};

// Royal proclamations that moved a computed holiday, UK-wide. The extra days that came with them
// (the jubilees of 2002, 2012 and 2022) were additions, so they belong in extra_bank_holidays.
constexpr std::array kMoves{
    Move{1995, Moveable::kEarlyMay, year{1995} / std::chrono::May / 8},  // VE Day 50th
    Move{2002, Moveable::kSpring, year{2002} / std::chrono::June / 4},   // Golden Jubilee
    Move{2012, Moveable::kSpring, year{2012} / std::chrono::June / 4},   // Diamond Jubilee
    Move{2020, Moveable::kEarlyMay, year{2020} / std::chrono::May / 8},  // VE Day 75th
    Move{2022, Moveable::kSpring, year{2022} / std::chrono::June / 2},   // Platinum Jubilee
};

year_month_day Moved(Moveable holiday, year y, year_month_day computed) {
  for (const auto& move : kMoves) {
    if (move.holiday == holiday && year{move.year} == y) return move.to;
  }
  return computed;
}

bool IsWeekend(sys_days d) {
  std::chrono::weekday wd{d};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

struct Fixed {
  year_month_day date;
  std::string_view name;
};

}  // namespace

year_month_day EasterSunday(year y) {
  const int yr = static_cast<int>(y);
  const int a = yr % 19;
  const int b = yr / 100;
  const int c = yr % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return year_month_day{y, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
}

std::vector<BankHoliday> BankHolidaysFor(BankHolidays nation, year y) {
  using namespace std::chrono;  // month and weekday names: May, Monday[1], August[last]
  std::vector<BankHoliday> out;
  if (nation == BankHolidays::kNone) return out;
  const bool scotland = nation == BankHolidays::kScotland;
  const bool northern_ireland = nation == BankHolidays::kNorthernIreland;

  // Holidays tied to Easter or to a Monday never fall at a weekend.
  const sys_days easter{EasterSunday(y)};
  out.push_back({year_month_day{easter - days{2}}, "Good Friday", false});
  if (!scotland) out.push_back({year_month_day{easter + days{1}}, "Easter Monday", false});
  out.push_back({Moved(Moveable::kEarlyMay, y, year_month_day{sys_days{y / May / Monday[1]}}),
                 "Early May bank holiday", false});
  out.push_back({Moved(Moveable::kSpring, y, year_month_day{sys_days{y / May / Monday[last]}}),
                 "Spring bank holiday", false});
  const sys_days summer = scotland ? sys_days{y / August / Monday[1]}
                                   : sys_days{y / August / Monday[last]};
  out.push_back({year_month_day{summer}, "Summer bank holiday", false});

  // Fixed-date holidays, in date order: the order substitute days are handed out in.
  std::vector<Fixed> fixed{{y / January / 1, "New Year's Day"}};
  if (scotland) fixed.push_back({y / January / 2, "2nd January"});
  if (northern_ireland) fixed.push_back({y / March / 17, "St Patrick's Day"});
  if (northern_ireland) fixed.push_back({y / July / 12, "Battle of the Boyne (Orangemen's Day)"});
  if (scotland) fixed.push_back({y / November / 30, "St Andrew's Day"});
  fixed.push_back({y / December / 25, "Christmas Day"});
  fixed.push_back({y / December / 26, "Boxing Day"});

  for (const auto& f : fixed) {
    if (!IsWeekend(sys_days{f.date})) out.push_back({f.date, f.name, false});
  }
  auto taken = [&out](sys_days d) {
    return std::any_of(out.begin(), out.end(),
                       [d](const BankHoliday& h) { return sys_days{h.date} == d; });
  };
  // A weekend holiday moves to the next weekday that is not already a holiday, counting the
  // weekday holidays still to come (Christmas on Sunday: Boxing Day keeps Monday 26th, Christmas
  // takes Tuesday 27th) and substitutes already handed out (Christmas on Saturday takes Monday
  // 27th, so Boxing Day on Sunday gets Tuesday 28th).
  for (const auto& f : fixed) {
    sys_days d{f.date};
    if (!IsWeekend(d)) continue;
    do {
      d += days{1};
    } while (IsWeekend(d) || taken(d));
    out.push_back({year_month_day{d}, f.name, true});
  }

  std::sort(out.begin(), out.end(), [](const BankHoliday& a, const BankHoliday& b) {
    return sys_days{a.date} < sys_days{b.date};
  });
  return out;
}

bool IsBankHoliday(BankHolidays nation, year_month_day date) {
  if (nation == BankHolidays::kNone) return false;
  const auto list = BankHolidaysFor(nation, date.year());
  return std::any_of(list.begin(), list.end(),
                     [date](const BankHoliday& h) { return h.date == date; });
}

std::string_view ToString(BankHolidays nation) {
  switch (nation) {
    case BankHolidays::kEnglandAndWales: return "england-and-wales";
    case BankHolidays::kScotland: return "scotland";
    case BankHolidays::kNorthernIreland: return "northern-ireland";
    case BankHolidays::kNone: return "none";
  }
  return "none";
}

}  // namespace schoolmod::moderation
