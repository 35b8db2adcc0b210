#include "schoolmod/moderation/deadline.h"

#include <chrono>

namespace schoolmod::moderation {

std::string_view ToString(DeadlineRule rule) {
  switch (rule) {
    case DeadlineRule::kElapsed: return "elapsed";
    case DeadlineRule::kRolledToNextWorkingDay: return "rolled-to-next-working-day";
    case DeadlineRule::kReceivedOnNonWorkingDay: return "received-on-non-working-day";
    case DeadlineRule::kCalendar: return "calendar";
  }
  return "elapsed";
}

Deadline ComputeDeadline(const SchoolCalendar& calendar, const config::SlaSettings& sla,
                         TimePoint received_at) {
  // Real elapsed hours: adding to a UTC instant is immune to the clocks changing in between.
  const TimePoint elapsed = received_at + std::chrono::hours{sla.response_hours};
  if (sla.mode == config::SlaMode::kCalendar) return {elapsed, DeadlineRule::kCalendar};

  // Policy 002: "within 24 hours (or on the next working day if received at a weekend or during
  // school holidays)".
  const auto received_day = calendar.LocalDate(received_at);
  if (!calendar.IsWorkingDay(received_day)) {
    return {calendar.EndOfWorkingHours(calendar.NextWorkingDay(received_day)),
            DeadlineRule::kReceivedOnNonWorkingDay};
  }
  const auto due_day = calendar.LocalDate(elapsed);
  if (!calendar.IsWorkingDay(due_day)) {
    return {calendar.EndOfWorkingHours(calendar.NextWorkingDay(due_day)),
            DeadlineRule::kRolledToNextWorkingDay};
  }
  return {elapsed, DeadlineRule::kElapsed};
}

}  // namespace schoolmod::moderation
