#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/result.h"
#include "schoolmod/time.h"

// A school's working calendar: which local dates are working days and when its working hours
// start and end, in the school's own time zone. The deadline and reminder code (deadline.h,
// reminders.h) asks it every calendar question; nothing else in schoolmod knows about zones.
namespace schoolmod::moderation {

// Why a date is or is not a working day. When several reasons apply the first in this order wins:
// not a working weekday, bank holiday, school closure.
enum class DayKind {
  kWorking,
  kNonWorkingWeekday,  // e.g. Saturday and Sunday with the default working_days
  kBankHoliday,        // the nation's computed bank holidays or the school's extra_bank_holidays
  kSchoolHoliday,      // `holidays` from config, or a closure read from holidays_ical
};

std::string_view ToString(DayKind kind);

// Immutable once built, cheap to copy (shared state), safe to use from several threads at once.
// Pure apart from the system time zone database (/usr/share/zoneinfo, loaded once by date/tz).
//
// "Local date" below is a calendar date on the school's wall clock, as a year_month_day.
// Working hours are the half-open interval [start, end) of each working day. On a day when
// the clocks change, a wall-clock time that does not exist (01:30 on the last Sunday of March in
// Europe/London) maps to the instant the clocks jump, and one that happens twice maps to the
// earlier instant; with ordinary school hours neither ever happens.
class SchoolCalendar {
 public:
  // Builds the calendar of `school`: its timezone, working_days, working_hours, bank_holidays,
  // extra_bank_holidays and holidays, plus `closures` (what ParseIcalClosures read from the
  // school's holidays_ical; the caller reads the file). Fails with kInvalidInput naming the school
  // and the key when the zone is unknown, no weekday is a working day, the working hours are not
  // 00:00 <= start < end <= 24:00, or a date range is invalid or reversed.
  static Result<SchoolCalendar> Create(const config::School& school,
                                       std::span<const config::DateRange> closures = {});

  const std::string& school_id() const;
  const std::string& timezone() const;  // IANA name, e.g. "Europe/London"

  DayKind Classify(std::chrono::year_month_day date) const;
  bool IsWorkingDay(std::chrono::year_month_day date) const;
  // The first working day strictly after `date`. Always exists (Create guarantees a working
  // weekday and closures are finite).
  std::chrono::year_month_day NextWorkingDay(std::chrono::year_month_day date) const;

  // The school's wall-clock date at instant `t`.
  std::chrono::year_month_day LocalDate(TimePoint t) const;
  // The school's UTC offset at `t` (+01:00 in British Summer Time), for RFC 3339 output.
  Seconds UtcOffset(TimePoint t) const;
  // The instant at `time_of_day` (minutes after local midnight) on local `date`.
  TimePoint AtLocalTime(std::chrono::year_month_day date, std::chrono::minutes time_of_day) const;

  // Start and end of working hours on local `date`, whether or not it is a working day.
  TimePoint StartOfWorkingHours(std::chrono::year_month_day date) const;
  TimePoint EndOfWorkingHours(std::chrono::year_month_day date) const;

  // True when `t` is on a working day and inside [start, end) of its working hours.
  bool IsWithinWorkingHours(TimePoint t) const;
  // `t` itself when IsWithinWorkingHours(t); otherwise the start of the next working period
  // (today's start if `t` is before it on a working day, else the next working day's start).
  TimePoint NextWorkingPeriodStart(TimePoint t) const;

 private:
  struct Impl;
  explicit SchoolCalendar(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace schoolmod::moderation
