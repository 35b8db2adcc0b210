#pragma once

#include <optional>
#include <span>
#include <vector>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/time.h"

// When the notification outbox should send SLA reminders, breach alerts and the daily digest.
// Pure: the scheduler passes `now` and persists what it sent; these only compute instants.
// Safeguarding alerts are immediate and need nothing from here.
namespace schoolmod::moderation {

// Reminder instants for one SLA item received at `received_at` and due at `due_at`, ascending,
// each instant once. Each offset in `offsets` (config sla.reminders) is either positive, measured
// from receipt ("12h": received_at + 12h), or negative, measured back from the deadline ("-2h":
// due_at - 2h). Then, in order:
// 1. a reminder before received_at is dropped (one at received_at itself is kept);
// 2. a reminder outside the school's working hours, or on a non-working day, moves to the start
//    of the next working period (calendar.NextWorkingPeriodStart), since nobody reads a 03:00 email;
// 3. a reminder never comes after the deadline: it is clamped to min(moved, due_at). So one
//    whose quiet-hours move would pass the deadline, or whose offset already lands after it, goes
//    out at due_at, together with the first breach alert, rather than silently late or not at all;
// 4. equal instants are merged.
// Used in both SLA modes.
std::vector<TimePoint> ScheduleReminders(const SchoolCalendar& calendar,
                                         std::span<const Seconds> offsets, TimePoint received_at,
                                         TimePoint due_at);
// The same with the offsets of `sla.reminders`.
std::vector<TimePoint> ScheduleReminders(const SchoolCalendar& calendar,
                                         const config::SlaSettings& sla, TimePoint received_at,
                                         TimePoint due_at);

// Breach alerts go out at due_at and then every `repeat_every` while the item stays open
// (due_at + k * repeat_every, k = 0, 1, ...), in real elapsed time and at any hour: a breach is
// an escalation, not a courtesy. repeat_every <= 0 means the single alert at due_at.
//
// The first alert instant strictly after `now`; nullopt when there is none (no repeats and
// now >= due_at). A scheduler that has just sent the alert due at T asks with now = T.
std::optional<TimePoint> NextBreachAlert(TimePoint due_at, Seconds repeat_every, TimePoint now);
// The latest alert instant at or before `now`, i.e. the one that should have been sent by now
// (a stable idempotency key for the outbox); nullopt while now < due_at.
std::optional<TimePoint> LatestBreachAlert(TimePoint due_at, Seconds repeat_every, TimePoint now);
// Every alert instant from due_at up to and including `horizon`.
std::vector<TimePoint> BreachAlertsUntil(TimePoint due_at, Seconds repeat_every, TimePoint horizon);

// The daily digest goes out at the start of working hours of each working day. Returns the first
// such instant strictly after `after` (pass the time the last digest was sent, or now).
TimePoint NextDigestAt(const SchoolCalendar& calendar, TimePoint after);

}  // namespace schoolmod::moderation
