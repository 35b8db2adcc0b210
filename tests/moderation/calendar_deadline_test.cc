#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "calendar_fixtures.h"
#include "schoolmod/moderation/deadline.h"
#include "schoolmod/moderation/ical.h"

namespace schoolmod::moderation {
namespace {

using config::BankHolidays;
using testing::At;
using testing::Casterton;
using testing::Local;
using testing::MakeCalendar;

using R = DeadlineRule;

struct Row {
  const char* what;
  const char* received;  // RFC 3339
  const char* due;       // RFC 3339 with the school's offset at that instant
  DeadlineRule rule;
};

// Checks the instant AND the offset it is shown with: "17:00+01:00" is 16:00Z.
void CheckTable(const SchoolCalendar& calendar, const config::SlaSettings& sla,
                const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    INFO(row.what << ": received " << row.received);
    const Deadline d = ComputeDeadline(calendar, sla, At(row.received));
    CHECK(Local(calendar, d.due_at) == row.due);
    CHECK(d.due_at == At(row.due));
    CHECK(ToString(d.rule) == ToString(row.rule));
  }
}

config::School WithNation(BankHolidays nation) {
  auto school = Casterton();
  school.bank_holidays = nation;
  return school;
}

TEST_CASE("school-policy deadlines: weekdays, evenings and weekends", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  CheckTable(calendar, config::SlaSettings{}, {
      {"Tuesday morning", "2026-11-17T10:00:00Z", "2026-11-18T10:00:00+00:00", R::kElapsed},
      {"Tuesday in summer time", "2026-06-16T09:30:00+01:00", "2026-06-17T09:30:00+01:00",
       R::kElapsed},
      {"Friday afternoon rolls past the weekend", "2026-11-20T15:00:00Z",
       "2026-11-23T17:00:00+00:00", R::kRolledToNextWorkingDay},
      {"Friday before hours", "2026-11-20T07:00:00Z", "2026-11-23T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      // Still a working day after hours, and the due instant is on a working day: kept.
      {"Thursday evening", "2026-11-19T19:00:00Z", "2026-11-20T19:00:00+00:00", R::kElapsed},
      {"Friday evening", "2026-11-20T19:00:00Z", "2026-11-23T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"Saturday", "2026-11-21T10:00:00Z", "2026-11-23T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
      {"last second of Sunday", "2026-11-22T23:59:59Z", "2026-11-23T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
      {"first second of Monday", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00+00:00",
       R::kElapsed},
      // 23:30Z on Sunday is 00:30 BST on Monday: the school's date decides.
      {"Monday 00:30 BST", "2026-07-12T23:30:00Z", "2026-07-14T00:30:00+01:00", R::kElapsed},
  });
}

TEST_CASE("school-policy deadlines: term ends, school holidays and closures",
          "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  CheckTable(calendar, config::SlaSettings{}, {
      {"day before the last day of term", "2026-12-17T12:00:00Z", "2026-12-18T12:00:00+00:00",
       R::kElapsed},
      {"last day of term rolls to the first day of next term", "2026-12-18T12:00:00Z",
       "2027-01-04T17:00:00+00:00", R::kRolledToNextWorkingDay},
      {"inside the Christmas holiday", "2026-12-29T10:00:00Z", "2027-01-04T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
      {"last day of the Christmas holiday", "2027-01-03T20:00:00Z",
       "2027-01-04T17:00:00+00:00", R::kReceivedOnNonWorkingDay},
      {"Friday before half-term", "2027-02-12T15:00:00Z", "2027-02-22T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"inside half-term", "2027-02-17T09:00:00Z", "2027-02-22T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
      // One-day closure (Fri 28 May), weekend, then the Spring bank holiday (Mon 31 May).
      {"day before a one-day closure", "2027-05-27T09:00:00+01:00", "2027-06-01T17:00:00+01:00",
       R::kRolledToNextWorkingDay},
      {"on the one-day closure", "2027-05-28T10:00:00+01:00", "2027-06-01T17:00:00+01:00",
       R::kReceivedOnNonWorkingDay},
  });
}

TEST_CASE("school-policy deadlines: England and Wales bank holidays and substitute days",
          "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  CheckTable(calendar, config::SlaSettings{}, {
      {"Maundy Thursday: Good Friday, weekend, Easter Monday", "2026-04-02T12:00:00+01:00",
       "2026-04-07T17:00:00+01:00", R::kRolledToNextWorkingDay},
      {"on Good Friday", "2026-04-03T10:00:00+01:00", "2026-04-07T17:00:00+01:00",
       R::kReceivedOnNonWorkingDay},
      {"on Easter Monday", "2026-04-06T10:00:00+01:00", "2026-04-07T17:00:00+01:00",
       R::kReceivedOnNonWorkingDay},
      {"Friday before the summer bank holiday", "2026-08-28T12:00:00+01:00",
       "2026-09-01T17:00:00+01:00", R::kRolledToNextWorkingDay},
      {"St Patrick's Day is a working day here", "2026-03-16T10:00:00Z",
       "2026-03-17T10:00:00+00:00", R::kElapsed},
      // Christmas 2027 is a Saturday: substitutes on Monday 27 and Tuesday 28 December.
      {"Christmas Eve 2027", "2027-12-24T11:00:00Z", "2027-12-29T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"on the Christmas substitute day", "2027-12-27T11:00:00Z", "2027-12-29T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
      {"day before Christmas Eve 2027", "2027-12-23T11:00:00Z", "2027-12-24T11:00:00+00:00",
       R::kElapsed},
      // New Year's Day 2028 is a Saturday: substitute Monday 3 January.
      {"New Year's Eve 2027", "2027-12-31T12:00:00Z", "2028-01-04T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"New Year's Eve 2025", "2025-12-31T12:00:00Z", "2026-01-02T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
  });
}

TEST_CASE("school-policy deadlines: Scottish bank holidays", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(WithNation(BankHolidays::kScotland));
  CheckTable(calendar, config::SlaSettings{}, {
      {"Good Friday, but Easter Monday is a working day", "2026-04-02T12:00:00+01:00",
       "2026-04-06T17:00:00+01:00", R::kRolledToNextWorkingDay},
      {"on Easter Monday", "2026-04-06T10:00:00+01:00", "2026-04-07T10:00:00+01:00",
       R::kElapsed},
      {"New Year's Day then 2 January", "2025-12-31T12:00:00Z", "2026-01-05T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"New Year 2028: substitutes on Monday 3 and Tuesday 4", "2027-12-31T12:00:00Z",
       "2028-01-05T17:00:00+00:00", R::kRolledToNextWorkingDay},
      {"first Monday of August", "2026-07-31T12:00:00+01:00", "2026-08-04T17:00:00+01:00",
       R::kRolledToNextWorkingDay},
      {"last Monday of August is a working day", "2026-08-28T12:00:00+01:00",
       "2026-08-31T17:00:00+01:00", R::kRolledToNextWorkingDay},
      {"St Andrew's Day on a Monday", "2026-11-27T12:00:00Z", "2026-12-01T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"St Andrew's Day substitute (30 Nov 2025 is a Sunday)", "2025-11-28T12:00:00Z",
       "2025-12-02T17:00:00+00:00", R::kRolledToNextWorkingDay},
  });
  const auto england = MakeCalendar(Casterton());
  CheckTable(england, config::SlaSettings{}, {
      {"England: 1 December 2025 is a working day", "2025-11-28T12:00:00Z",
       "2025-12-01T17:00:00+00:00", R::kRolledToNextWorkingDay},
      {"England: first Monday of August is a working day", "2026-07-31T12:00:00+01:00",
       "2026-08-03T17:00:00+01:00", R::kRolledToNextWorkingDay},
  });
}

TEST_CASE("school-policy deadlines: Northern Irish bank holidays", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(WithNation(BankHolidays::kNorthernIreland));
  CheckTable(calendar, config::SlaSettings{}, {
      {"St Patrick's Day", "2026-03-16T10:00:00Z", "2026-03-18T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"Battle of the Boyne substitute (12 July 2026 is a Sunday)", "2026-07-10T12:00:00+01:00",
       "2026-07-14T17:00:00+01:00", R::kRolledToNextWorkingDay},
      {"received on the Boyne substitute day", "2026-07-12T23:30:00Z",
       "2026-07-14T17:00:00+01:00", R::kReceivedOnNonWorkingDay},
      {"Easter Monday", "2026-04-02T12:00:00+01:00", "2026-04-07T17:00:00+01:00",
       R::kRolledToNextWorkingDay},
  });
}

TEST_CASE("school-policy deadlines across both daylight-saving changes", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  CheckTable(calendar, config::SlaSettings{}, {
      // Clocks go forward on Sunday 29 March 2026.
      {"Saturday before spring forward", "2026-03-28T12:00:00Z", "2026-03-30T17:00:00+01:00",
       R::kReceivedOnNonWorkingDay},
      {"Friday before spring forward", "2026-03-27T12:00:00Z", "2026-03-30T17:00:00+01:00",
       R::kRolledToNextWorkingDay},
      {"Thursday before spring forward", "2026-03-26T12:00:00Z", "2026-03-27T12:00:00+00:00",
       R::kElapsed},
      {"early Sunday, just after spring forward", "2026-03-29T01:30:00+01:00",
       "2026-03-30T17:00:00+01:00", R::kReceivedOnNonWorkingDay},
      {"Monday 00:30 BST, Sunday in UTC", "2026-03-29T23:30:00Z", "2026-03-31T00:30:00+01:00",
       R::kElapsed},
      // Clocks go back on Sunday 25 October 2026.
      {"Friday before fall back", "2026-10-23T12:00:00+01:00", "2026-10-26T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
      {"Thursday before fall back", "2026-10-22T12:00:00+01:00", "2026-10-23T12:00:00+01:00",
       R::kElapsed},
      {"in the repeated hour", "2026-10-25T01:30:00+00:00", "2026-10-26T17:00:00+00:00",
       R::kReceivedOnNonWorkingDay},
  });
  // 16:00Z and 17:00Z: the same wall-clock 17:00 on either side of the change.
  CHECK(ComputeDeadline(calendar, {}, At("2026-03-28T12:00:00Z")).due_at ==
        At("2026-03-30T16:00:00Z"));
  CHECK(ComputeDeadline(calendar, {}, At("2026-10-23T12:00:00+01:00")).due_at ==
        At("2026-10-26T17:00:00Z"));
}

TEST_CASE("response hours are real elapsed hours across a clock change", "[calendar][deadline]") {
  auto school = Casterton();
  school.working_days = {true, true, true, true, true, true, true};  // open every day
  const auto calendar = MakeCalendar(school);
  CheckTable(calendar, config::SlaSettings{}, {
      // 24 real hours are 25 wall-clock hours in spring and 23 in autumn.
      {"Saturday noon before spring forward", "2026-03-28T12:00:00+00:00",
       "2026-03-29T13:00:00+01:00", R::kElapsed},
      {"Saturday noon before fall back", "2026-10-24T12:00:00+01:00",
       "2026-10-25T11:00:00+00:00", R::kElapsed},
  });
}

TEST_CASE("school-policy deadlines with other response hours", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  config::SlaSettings sla;
  sla.response_hours = 72;
  CheckTable(calendar, sla, {
      // The rule looks only at the day the instant lands on, not the days in between.
      {"Friday + 72h lands on Monday", "2026-11-20T12:00:00Z", "2026-11-23T12:00:00+00:00",
       R::kElapsed},
      {"Thursday + 72h lands on Sunday", "2026-11-19T12:00:00Z", "2026-11-23T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
  });
  sla.response_hours = 4;
  CheckTable(calendar, sla, {
      {"Friday 15:00 + 4h is Friday 19:00", "2026-11-20T15:00:00Z", "2026-11-20T19:00:00+00:00",
       R::kElapsed},
      {"Friday 22:00 + 4h is Saturday", "2026-11-20T22:00:00Z", "2026-11-23T17:00:00+00:00",
       R::kRolledToNextWorkingDay},
  });
}

TEST_CASE("calendar mode is received + response hours, no rolling", "[calendar][deadline]") {
  const auto calendar = MakeCalendar(Casterton());
  config::SlaSettings sla;
  sla.mode = config::SlaMode::kCalendar;
  CheckTable(calendar, sla, {
      {"Friday afternoon", "2026-11-20T15:00:00Z", "2026-11-21T15:00:00+00:00", R::kCalendar},
      {"Saturday", "2026-11-21T10:00:00Z", "2026-11-22T10:00:00+00:00", R::kCalendar},
      {"inside the Christmas holiday", "2026-12-29T10:00:00Z", "2026-12-30T10:00:00+00:00",
       R::kCalendar},
      {"Good Friday", "2026-04-03T10:00:00+01:00", "2026-04-04T10:00:00+01:00", R::kCalendar},
      {"across spring forward", "2026-03-28T12:00:00Z", "2026-03-29T13:00:00+01:00",
       R::kCalendar},
      {"across fall back", "2026-10-24T12:00:00+01:00", "2026-10-25T11:00:00+00:00",
       R::kCalendar},
  });
  sla.response_hours = 48;
  CheckTable(calendar, sla, {
      {"48 hours", "2026-11-19T12:00:00Z", "2026-11-21T12:00:00+00:00", R::kCalendar},
  });
}

TEST_CASE("extra bank holidays and closures from iCal move deadlines", "[calendar][deadline]") {
  SECTION("a one-off extra bank holiday") {
    auto school = Casterton();
    school.extra_bank_holidays = {testing::Date(2026, 11, 23)};
    const auto calendar = MakeCalendar(school);
    CheckTable(calendar, config::SlaSettings{}, {
        {"Friday afternoon skips the extra Monday", "2026-11-20T15:00:00Z",
         "2026-11-24T17:00:00+00:00", R::kRolledToNextWorkingDay},
    });
    CHECK(calendar.Classify(testing::Date(2026, 11, 23)) == DayKind::kBankHoliday);
  }
  SECTION("an iCal one-day closure and a week-long closure") {
    const auto ical = ParseIcalClosures(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:INSET day\r\n"
        "DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261124\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Boiler replacement\r\n"
        "DTSTART;VALUE=DATE:20261130\r\nDURATION:P1W\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n");
    REQUIRE(ical.ok());
    REQUIRE(ical->closures.size() == 2);
    const auto calendar = MakeCalendar(Casterton(), ical->closures);
    CheckTable(calendar, config::SlaSettings{}, {
        {"Friday afternoon skips the INSET Monday", "2026-11-20T15:00:00Z",
         "2026-11-24T17:00:00+00:00", R::kRolledToNextWorkingDay},
        {"Friday before the week-long closure", "2026-11-27T15:00:00Z",
         "2026-12-07T17:00:00+00:00", R::kRolledToNextWorkingDay},
        {"inside the week-long closure", "2026-12-02T09:00:00Z", "2026-12-07T17:00:00+00:00",
         R::kReceivedOnNonWorkingDay},
    });
  }
}

TEST_CASE("working hours other than 08:00-17:00", "[calendar][deadline]") {
  auto school = Casterton();
  school.working_hours = {std::chrono::minutes{7 * 60 + 30}, std::chrono::minutes{15 * 60 + 45}};
  const auto calendar = MakeCalendar(school);
  CheckTable(calendar, config::SlaSettings{}, {
      {"Saturday in summer time", "2026-06-20T10:00:00+01:00", "2026-06-22T15:45:00+01:00",
       R::kReceivedOnNonWorkingDay},
  });
}

}  // namespace
}  // namespace schoolmod::moderation
