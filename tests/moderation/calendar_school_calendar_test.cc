#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "calendar_fixtures.h"
#include "schoolmod/moderation/calendar.h"

namespace schoolmod::moderation {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::At;
using testing::Casterton;
using testing::Date;
using testing::Local;
using testing::MakeCalendar;
using testing::Range;

std::string CreateError(const config::School& school,
                        std::vector<config::DateRange> closures = {}) {
  auto calendar = SchoolCalendar::Create(school, closures);
  if (calendar) return "";
  CHECK(calendar.error().kind == ErrorKind::kInvalidInput);
  return calendar.error().message;
}

TEST_CASE("SchoolCalendar::Create rejects a calendar it cannot use", "[calendar][school]") {
  SECTION("unknown time zone") {
    auto school = Casterton();
    school.timezone = "Europe/Lundon";
    CHECK(CreateError(school) ==
          "school 'casterton': timezone 'Europe/Lundon' is not a known time zone");
  }
  SECTION("no working day") {
    auto school = Casterton();
    school.working_days = {};
    CHECK(CreateError(school) == "school 'casterton': working_days names no day");
  }
  SECTION("working hours") {
    auto school = Casterton();
    school.working_hours = {minutes{17 * 60}, minutes{8 * 60}};
    CHECK_THAT(CreateError(school), Catch::Contains("working_hours"));
    school.working_hours = {minutes{8 * 60}, minutes{8 * 60}};
    CHECK_THAT(CreateError(school), Catch::Contains("working_hours"));
    school.working_hours = {minutes{8 * 60}, minutes{25 * 60}};
    CHECK_THAT(CreateError(school), Catch::Contains("working_hours"));
    school.working_hours = {minutes{0}, minutes{24 * 60}};
    CHECK(CreateError(school).empty());
  }
  SECTION("reversed holiday range") {
    auto school = Casterton();
    school.holidays.push_back(Range(Date(2027, 4, 9), Date(2027, 3, 29)));
    CHECK(CreateError(school) ==
          "school 'casterton': holidays range 2027-04-09..2027-03-29 ends before it starts");
  }
  SECTION("invalid dates") {
    auto school = Casterton();
    school.extra_bank_holidays = {Date(2026, 2, 30)};
    CHECK_THAT(CreateError(school), Catch::Contains("extra_bank_holidays"));
    CHECK_THAT(CreateError(Casterton(), {Range(Date(2026, 13, 1), Date(2026, 13, 2))}),
               Catch::Contains("holidays_ical"));
  }
}

TEST_CASE("SchoolCalendar classifies days", "[calendar][school]") {
  const auto calendar = MakeCalendar(Casterton());
  CHECK(calendar.school_id() == "casterton");
  CHECK(calendar.timezone() == "Europe/London");
  CHECK(calendar.Classify(Date(2026, 11, 20)) == DayKind::kWorking);
  CHECK(calendar.Classify(Date(2026, 11, 21)) == DayKind::kNonWorkingWeekday);
  CHECK(calendar.Classify(Date(2026, 11, 22)) == DayKind::kNonWorkingWeekday);
  CHECK(calendar.Classify(Date(2026, 4, 3)) == DayKind::kBankHoliday);
  CHECK(calendar.Classify(Date(2026, 12, 21)) == DayKind::kSchoolHoliday);
  CHECK(calendar.Classify(Date(2027, 5, 28)) == DayKind::kSchoolHoliday);
  CHECK(calendar.Classify(Date(2027, 5, 27)) == DayKind::kWorking);
  // Several reasons: weekday first, then bank holiday, then school holiday.
  CHECK(calendar.Classify(Date(2026, 12, 25)) == DayKind::kBankHoliday);
  CHECK(calendar.Classify(Date(2026, 12, 26)) == DayKind::kNonWorkingWeekday);
  CHECK(calendar.IsWorkingDay(Date(2027, 1, 4)));
  CHECK_FALSE(calendar.IsWorkingDay(Date(2027, 1, 3)));
  CHECK(ToString(DayKind::kSchoolHoliday) == "school holiday");
}

TEST_CASE("SchoolCalendar::NextWorkingDay", "[calendar][school]") {
  auto school = Casterton();
  // Overlapping and adjacent ranges merge; a closure from iCal joins them.
  school.holidays.push_back(Range(Date(2027, 2, 10), Date(2027, 2, 16)));
  const std::vector<config::DateRange> closures{Range(Date(2027, 2, 22), Date(2027, 2, 22))};
  const auto calendar = MakeCalendar(school, closures);
  CHECK(calendar.NextWorkingDay(Date(2026, 11, 19)) == Date(2026, 11, 20));
  CHECK(calendar.NextWorkingDay(Date(2026, 11, 20)) == Date(2026, 11, 23));
  CHECK(calendar.NextWorkingDay(Date(2026, 12, 18)) == Date(2027, 1, 4));
  CHECK(calendar.NextWorkingDay(Date(2026, 12, 25)) == Date(2027, 1, 4));
  CHECK(calendar.NextWorkingDay(Date(2026, 4, 2)) == Date(2026, 4, 7));
  CHECK(calendar.NextWorkingDay(Date(2027, 2, 9)) == Date(2027, 2, 23));
  CHECK(calendar.NextWorkingDay(Date(2027, 5, 27)) == Date(2027, 6, 1));

  SECTION("a school open only on Wednesdays") {
    auto wednesdays = Casterton();
    wednesdays.working_days = {false, false, false, true, false, false, false};
    const auto wed = MakeCalendar(wednesdays);
    CHECK(wed.NextWorkingDay(Date(2026, 12, 16)) == Date(2027, 1, 6));
  }
}

TEST_CASE("SchoolCalendar local dates and offsets in Europe/London", "[calendar][school]") {
  const auto calendar = MakeCalendar(Casterton());
  CHECK(calendar.LocalDate(At("2026-07-12T23:30:00Z")) == Date(2026, 7, 13));
  CHECK(calendar.LocalDate(At("2026-11-22T23:30:00Z")) == Date(2026, 11, 22));
  CHECK(calendar.UtcOffset(At("2026-01-15T12:00:00Z")) == Seconds{0});
  CHECK(calendar.UtcOffset(At("2026-07-15T12:00:00Z")) == hours{1});
  // The changes happen at 01:00 UTC on the last Sundays of March and October.
  CHECK(calendar.UtcOffset(At("2026-03-29T00:59:59Z")) == Seconds{0});
  CHECK(calendar.UtcOffset(At("2026-03-29T01:00:00Z")) == hours{1});
  CHECK(calendar.UtcOffset(At("2026-10-25T00:59:59Z")) == hours{1});
  CHECK(calendar.UtcOffset(At("2026-10-25T01:00:00Z")) == Seconds{0});
  CHECK(Local(calendar, At("2026-10-25T00:30:00Z")) == "2026-10-25T01:30:00+01:00");
  CHECK(Local(calendar, At("2026-10-25T01:30:00Z")) == "2026-10-25T01:30:00+00:00");
}

TEST_CASE("SchoolCalendar wall-clock times on days the clocks change", "[calendar][school]") {
  const auto calendar = MakeCalendar(Casterton());
  CHECK(calendar.StartOfWorkingHours(Date(2026, 3, 27)) == At("2026-03-27T08:00:00Z"));
  CHECK(calendar.EndOfWorkingHours(Date(2026, 3, 27)) == At("2026-03-27T17:00:00Z"));
  CHECK(calendar.StartOfWorkingHours(Date(2026, 3, 30)) == At("2026-03-30T07:00:00Z"));
  CHECK(calendar.EndOfWorkingHours(Date(2026, 3, 30)) == At("2026-03-30T16:00:00Z"));
  CHECK(calendar.EndOfWorkingHours(Date(2026, 10, 26)) == At("2026-10-26T17:00:00Z"));
  // Given even for a non-working day.
  CHECK(calendar.EndOfWorkingHours(Date(2026, 3, 29)) == At("2026-03-29T16:00:00Z"));
  // 01:30 on 29 March does not exist: the instant the clocks jump.
  CHECK(calendar.AtLocalTime(Date(2026, 3, 29), minutes{90}) == At("2026-03-29T01:00:00Z"));
  // 01:30 on 25 October happens twice: the first.
  CHECK(calendar.AtLocalTime(Date(2026, 10, 25), minutes{90}) == At("2026-10-25T00:30:00Z"));
  CHECK(calendar.AtLocalTime(Date(2026, 10, 25), minutes{0}) == At("2026-10-24T23:00:00Z"));

  SECTION("working hours ending at midnight") {
    auto school = Casterton();
    school.working_hours = {minutes{0}, minutes{24 * 60}};
    const auto all_day = MakeCalendar(school);
    CHECK(all_day.EndOfWorkingHours(Date(2026, 11, 20)) == At("2026-11-21T00:00:00Z"));
    CHECK(all_day.IsWithinWorkingHours(At("2026-11-20T23:59:59Z")));
    CHECK_FALSE(all_day.IsWithinWorkingHours(At("2026-11-21T00:00:00Z")));
  }
}

TEST_CASE("SchoolCalendar working periods", "[calendar][school]") {
  const auto calendar = MakeCalendar(Casterton());
  CHECK_FALSE(calendar.IsWithinWorkingHours(At("2026-11-20T07:59:59Z")));
  CHECK(calendar.IsWithinWorkingHours(At("2026-11-20T08:00:00Z")));
  CHECK(calendar.IsWithinWorkingHours(At("2026-11-20T16:59:59Z")));
  CHECK_FALSE(calendar.IsWithinWorkingHours(At("2026-11-20T17:00:00Z")));
  CHECK_FALSE(calendar.IsWithinWorkingHours(At("2026-11-21T10:00:00Z")));
  CHECK_FALSE(calendar.IsWithinWorkingHours(At("2026-04-03T10:00:00+01:00")));

  const std::vector<std::pair<const char*, const char*>> table{
      {"2026-11-20T06:00:00Z", "2026-11-20T08:00:00+00:00"},  // before hours: today
      {"2026-11-20T12:34:56Z", "2026-11-20T12:34:56+00:00"},  // inside: unchanged
      {"2026-11-20T17:00:00Z", "2026-11-23T08:00:00+00:00"},  // at the end: next working day
      {"2026-11-21T12:00:00Z", "2026-11-23T08:00:00+00:00"},  // weekend
      {"2026-03-27T18:00:00Z", "2026-03-30T08:00:00+01:00"},  // across spring forward
      {"2026-10-23T18:00:00+01:00", "2026-10-26T08:00:00+00:00"},  // across fall back
      {"2026-12-18T17:30:00Z", "2027-01-04T08:00:00+00:00"},  // into the Christmas holiday
  };
  for (const auto& [t, expected] : table) {
    INFO(t);
    CHECK(Local(calendar, calendar.NextWorkingPeriodStart(At(t))) == expected);
  }
}

TEST_CASE("SchoolCalendar works in another zone and copies share state", "[calendar][school]") {
  auto school = Casterton();
  school.timezone = "Europe/Berlin";
  const auto berlin = MakeCalendar(school);
  CHECK(berlin.UtcOffset(At("2026-11-20T12:00:00Z")) == hours{1});
  CHECK(berlin.EndOfWorkingHours(Date(2026, 11, 20)) == At("2026-11-20T16:00:00Z"));
  const SchoolCalendar copy = berlin;  // NOLINT: the copy is the point
  CHECK(copy.timezone() == "Europe/Berlin");
  CHECK(copy.EndOfWorkingHours(Date(2026, 7, 20)) == At("2026-07-20T15:00:00Z"));
}

}  // namespace
}  // namespace schoolmod::moderation
