#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "calendar_fixtures.h"
#include "schoolmod/moderation/deadline.h"
#include "schoolmod/moderation/reminders.h"

namespace schoolmod::moderation {
namespace {

using std::chrono::hours;
using testing::At;
using testing::Casterton;
using testing::Local;
using testing::MakeCalendar;

using Strings = std::vector<std::string>;

Strings Shown(const SchoolCalendar& calendar, const std::vector<TimePoint>& times) {
  Strings out;
  for (const auto t : times) out.push_back(Local(calendar, t));
  return out;
}

// Reminders for an item received at `received` with its school-policy deadline.
Strings Reminders(const SchoolCalendar& calendar, std::vector<Seconds> offsets,
                  const char* received) {
  config::SlaSettings sla;
  const auto deadline = ComputeDeadline(calendar, sla, At(received));
  return Shown(calendar, ScheduleReminders(calendar, offsets, At(received), deadline.due_at));
}

const std::vector<Seconds> kDefault{hours{12}, hours{-2}};

TEST_CASE("reminders at the configured points inside working hours", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  SECTION("12h after receipt lands overnight and moves to the start of the day") {
    // Due Wed 14:00: 12h is Wed 02:00 (moved to 08:00), -2h is Wed 12:00.
    CHECK(Reminders(calendar, kDefault, "2026-11-17T14:00:00Z") ==
          Strings{"2026-11-18T08:00:00+00:00", "2026-11-18T12:00:00+00:00"});
  }
  SECTION("Friday afternoon: the weekend is skipped, -2h counts back from Monday 17:00") {
    CHECK(Reminders(calendar, kDefault, "2026-11-20T15:00:00Z") ==
          Strings{"2026-11-23T08:00:00+00:00", "2026-11-23T15:00:00+00:00"});
  }
  SECTION("offsets in any order, output ascending") {
    CHECK(Reminders(calendar, {hours{-2}, hours{12}}, "2026-11-20T15:00:00Z") ==
          Strings{"2026-11-23T08:00:00+00:00", "2026-11-23T15:00:00+00:00"});
  }
  SECTION("a reminder at receipt is kept, moved to working hours") {
    CHECK(Reminders(calendar, {Seconds{0}}, "2026-11-17T10:00:00Z") ==
          Strings{"2026-11-17T10:00:00+00:00"});
    CHECK(Reminders(calendar, {Seconds{0}}, "2026-11-17T18:00:00Z") ==
          Strings{"2026-11-18T08:00:00+00:00"});
  }
  SECTION("no reminders configured") {
    CHECK(Reminders(calendar, {}, "2026-11-17T10:00:00Z").empty());
  }
  SECTION("the SlaSettings overload uses sla.reminders") {
    config::SlaSettings sla;  // 12h and -2h
    const auto received = At("2026-11-17T14:00:00Z");
    const auto due = ComputeDeadline(calendar, sla, received).due_at;
    CHECK(Shown(calendar, ScheduleReminders(calendar, sla, received, due)) ==
          Strings{"2026-11-18T08:00:00+00:00", "2026-11-18T12:00:00+00:00"});
  }
}

TEST_CASE("reminders moved to the same instant are merged", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  // Due Wed 10:00: 12h is Tue 22:00 and -2h is Wed 08:00, both sent at Wed 08:00.
  CHECK(Reminders(calendar, kDefault, "2026-11-17T10:00:00Z") ==
        Strings{"2026-11-18T08:00:00+00:00"});
  // Identical offsets.
  CHECK(Reminders(calendar, {hours{3}, hours{3}}, "2026-11-17T10:00:00Z") ==
        Strings{"2026-11-17T13:00:00+00:00"});
}

TEST_CASE("reminders never come after the deadline", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  SECTION("both reminders would move past a 06:00 deadline: sent at the deadline") {
    // Due Fri 06:00: 12h is Thu 18:00 and -2h Fri 04:00; both would move to Fri 08:00.
    CHECK(Reminders(calendar, kDefault, "2026-11-19T06:00:00Z") ==
          Strings{"2026-11-20T06:00:00+00:00"});
  }
  SECTION("only the one that would pass the deadline is clamped") {
    // Due Fri 19:30: 12h is Fri 07:30 (moved to 08:00); -2h is Fri 17:30, after hours, which
    // would move to Monday 08:00, so it is sent at the deadline.
    CHECK(Reminders(calendar, kDefault, "2026-11-19T19:30:00Z") ==
          Strings{"2026-11-20T08:00:00+00:00", "2026-11-20T19:30:00+00:00"});
  }
  SECTION("an offset beyond the deadline") {
    CHECK(Reminders(calendar, {hours{36}}, "2026-11-17T10:00:00Z") ==
          Strings{"2026-11-18T10:00:00+00:00"});
  }
}

TEST_CASE("reminders before receipt are dropped", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  // Due Wed 10:00, so -30h is Tue 04:00, before the comment arrived.
  CHECK(Reminders(calendar, {hours{-30}, hours{1}}, "2026-11-17T10:00:00Z") ==
        Strings{"2026-11-17T11:00:00+00:00"});
  // A rolled deadline (Mon 17:00) leaves room: -30h is Sun 11:00, moved to Mon 08:00.
  CHECK(Reminders(calendar, {hours{-30}}, "2026-11-20T15:00:00Z") ==
        Strings{"2026-11-23T08:00:00+00:00"});
}

TEST_CASE("reminders across clock changes and holidays", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  // Due Mon 30 March 17:00 BST.
  CHECK(Reminders(calendar, kDefault, "2026-03-27T15:00:00Z") ==
        Strings{"2026-03-30T08:00:00+01:00", "2026-03-30T15:00:00+01:00"});
  // Due Mon 26 October 17:00 GMT.
  CHECK(Reminders(calendar, kDefault, "2026-10-23T15:00:00+01:00") ==
        Strings{"2026-10-26T08:00:00+00:00", "2026-10-26T15:00:00+00:00"});
  // Last day of term: due on the first day of next term.
  CHECK(Reminders(calendar, kDefault, "2026-12-18T12:00:00Z") ==
        Strings{"2027-01-04T08:00:00+00:00", "2027-01-04T15:00:00+00:00"});
}

TEST_CASE("reminders in calendar mode still respect working hours", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  config::SlaSettings sla;
  sla.mode = config::SlaMode::kCalendar;
  const auto received = At("2026-11-20T15:00:00Z");  // Friday
  const auto due = ComputeDeadline(calendar, sla, received).due_at;  // Saturday 15:00
  // 12h is Saturday 03:00, -2h Saturday 13:00: both would wait for Monday, so both clamp.
  CHECK(Shown(calendar, ScheduleReminders(calendar, sla, received, due)) ==
        Strings{"2026-11-21T15:00:00+00:00"});
}

TEST_CASE("breach alerts repeat while the item is open", "[calendar][reminders]") {
  const auto due = At("2026-11-23T17:00:00Z");
  const Seconds day = hours{24};
  SECTION("NextBreachAlert") {
    CHECK(NextBreachAlert(due, day, At("2026-11-23T10:00:00Z")) == due);
    CHECK(NextBreachAlert(due, day, due) == At("2026-11-24T17:00:00Z"));
    CHECK(NextBreachAlert(due, day, due + Seconds{1}) == At("2026-11-24T17:00:00Z"));
    CHECK(NextBreachAlert(due, day, At("2026-11-24T23:00:00Z")) == At("2026-11-25T17:00:00Z"));
    CHECK(NextBreachAlert(due, day, At("2026-11-25T17:00:00Z")) == At("2026-11-26T17:00:00Z"));
    // Every 7 hours, through the night and the weekend.
    CHECK(NextBreachAlert(due, hours{7}, due) == At("2026-11-24T00:00:00Z"));
  }
  SECTION("LatestBreachAlert") {
    CHECK_FALSE(LatestBreachAlert(due, day, due - Seconds{1}).has_value());
    CHECK(LatestBreachAlert(due, day, due) == due);
    CHECK(LatestBreachAlert(due, day, At("2026-11-24T23:00:00Z")) == At("2026-11-24T17:00:00Z"));
    CHECK(LatestBreachAlert(due, day, At("2026-11-25T17:00:00Z")) == At("2026-11-25T17:00:00Z"));
  }
  SECTION("BreachAlertsUntil") {
    const std::vector<TimePoint> expected{due, At("2026-11-24T17:00:00Z"),
                                          At("2026-11-25T17:00:00Z"),
                                          At("2026-11-26T17:00:00Z")};
    CHECK(BreachAlertsUntil(due, day, At("2026-11-26T17:00:00Z")) == expected);
    CHECK(BreachAlertsUntil(due, day, At("2026-11-26T16:59:59Z")).size() == 3);
    CHECK(BreachAlertsUntil(due, day, due - Seconds{1}).empty());
  }
  SECTION("no repeats") {
    CHECK(NextBreachAlert(due, Seconds{0}, due - Seconds{1}) == due);
    CHECK_FALSE(NextBreachAlert(due, Seconds{0}, due).has_value());
    CHECK(LatestBreachAlert(due, Seconds{0}, At("2026-12-25T00:00:00Z")) == due);
    CHECK(BreachAlertsUntil(due, Seconds{0}, At("2026-12-25T00:00:00Z")) ==
          std::vector<TimePoint>{due});
  }
}

TEST_CASE("the daily digest goes out at the start of each working day", "[calendar][reminders]") {
  const auto calendar = MakeCalendar(Casterton());
  const std::vector<std::pair<const char*, const char*>> table{
      {"2026-11-20T06:00:00Z", "2026-11-20T08:00:00+00:00"},  // Friday before the start
      {"2026-11-20T07:59:59Z", "2026-11-20T08:00:00+00:00"},
      {"2026-11-20T08:00:00Z", "2026-11-23T08:00:00+00:00"},  // just sent: the next one
      {"2026-11-20T09:00:00Z", "2026-11-23T08:00:00+00:00"},
      {"2026-11-21T09:00:00Z", "2026-11-23T08:00:00+00:00"},  // Saturday
      {"2026-03-27T09:00:00Z", "2026-03-30T08:00:00+01:00"},  // across spring forward
      {"2026-10-23T09:00:00+01:00", "2026-10-26T08:00:00+00:00"},  // across fall back
      {"2026-04-02T09:00:00+01:00", "2026-04-07T08:00:00+01:00"},  // Easter weekend
      {"2026-12-24T09:00:00Z", "2027-01-04T08:00:00+00:00"},       // Christmas holiday
      {"2026-12-18T07:00:00Z", "2026-12-18T08:00:00+00:00"},       // last day of term
  };
  for (const auto& [after, expected] : table) {
    INFO(after);
    CHECK(Local(calendar, NextDigestAt(calendar, At(after))) == expected);
  }
}

}  // namespace
}  // namespace schoolmod::moderation
