#pragma once

#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/time.h"

// Response deadlines, exactly as DESIGN.md "SLA semantics". Pure: time comes in as arguments.
namespace schoolmod::moderation {

// Which rule produced a deadline; shown next to it in the queue so staff can see why.
enum class DeadlineRule {
  // school-policy rule 1: received on a working day, t + response_hours lands on a working day.
  kElapsed,
  // school-policy rule 1: t + response_hours landed on a non-working day, so the deadline is
  // the end of working hours of the next working day after that day.
  kRolledToNextWorkingDay,
  // school-policy rule 2: received on a non-working day; end of working hours of the next
  // working day.
  kReceivedOnNonWorkingDay,
  // mode calendar: t + response_hours, no rolling.
  kCalendar,
};

std::string_view ToString(DeadlineRule rule);

struct Deadline {
  TimePoint due_at;  // UTC
  DeadlineRule rule;
};

// The deadline of a comment received at `received_at`.
//
// response_hours are real elapsed hours (t + 24h across a clock change is 23 or 25 wall-clock
// hours later). "Working day" means the local date in the school's zone, so a comment received at
// 00:30 BST on a Monday (23:30Z Sunday) counts as received on Monday.
//
// Edge cases, decided deliberately (the policy speaks of days, not hours):
// - Received on a working day but outside working hours (Thursday 19:00): it is still a working
//   day, so the deadline is t + response_hours (Friday 19:00).
// - t + response_hours on a working day but outside its working hours (Friday 19:00, Tuesday
//   06:00): kept as is. Rule 1 rolls only when the DAY is non-working.
// - response_hours longer than a day may jump over non-working days (Friday 12:00 + 72h is Monday
//   12:00): kept, the rule looks only at the day the instant lands on.
// - Rolling goes to the next working day after the day t + response_hours landed on, so a
//   one-day closure followed by a weekend and a bank holiday rolls past all of them.
Deadline ComputeDeadline(const SchoolCalendar& calendar, const config::SlaSettings& sla,
                         TimePoint received_at);

}  // namespace schoolmod::moderation
