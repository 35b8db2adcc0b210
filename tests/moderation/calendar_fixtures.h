#pragma once

#include <chrono>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/time.h"

// Shared fixtures for the calendar_*_test.cc files. Every test pins Europe/London, whose clocks
// change on the last Sundays of March and October (29 March and 25 October in 2026).
namespace schoolmod::moderation::testing {

// An instant from RFC 3339 text; a typo in a test throws, which Catch reports as a failure.
inline TimePoint At(std::string_view rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  if (!t) throw std::invalid_argument("bad RFC 3339 in test: " + std::string(rfc3339));
  return *t;
}

inline std::chrono::year_month_day Date(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

inline config::DateRange Range(std::chrono::year_month_day first,
                               std::chrono::year_month_day last) {
  return {first, last};
}

// The design document's example school: Mon-Fri 08:00-17:00, England and Wales bank holidays,
// Christmas 19 Dec 2026 - 3 Jan 2027, February half-term 15-19 Feb 2027, closed Fri 28 May 2027.
inline config::School Casterton() {
  config::School s;
  s.id = "casterton";
  s.name = "Casterton Primary Academy";
  s.timezone = "Europe/London";
  s.bank_holidays = config::BankHolidays::kEnglandAndWales;
  s.holidays = {Range(Date(2026, 12, 19), Date(2027, 1, 3)),
                Range(Date(2027, 2, 15), Date(2027, 2, 19)),
                Range(Date(2027, 5, 28), Date(2027, 5, 28))};
  return s;
}

inline SchoolCalendar MakeCalendar(const config::School& school,
                                   std::span<const config::DateRange> closures = {}) {
  auto calendar = SchoolCalendar::Create(school, closures);
  if (!calendar) throw std::runtime_error(calendar.error().message);
  return *calendar;
}

// `t` as the school's wall clock shows it: "2026-11-23T17:00:00+00:00".
inline std::string Local(const SchoolCalendar& calendar, TimePoint t) {
  return FormatRfc3339(t, calendar.UtcOffset(t));
}

}  // namespace schoolmod::moderation::testing
