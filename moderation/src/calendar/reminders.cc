#include "schoolmod/moderation/reminders.h"

#include <algorithm>

namespace schoolmod::moderation {

std::vector<TimePoint> ScheduleReminders(const SchoolCalendar& calendar,
                                         std::span<const Seconds> offsets, TimePoint received_at,
                                         TimePoint due_at) {
  std::vector<TimePoint> out;
  for (const Seconds offset : offsets) {
    const TimePoint nominal = offset >= Seconds{0} ? received_at + offset : due_at + offset;
    // A "-30h" reminder on a 24-hour deadline would be before the comment existed.
    if (nominal < received_at) continue;
    out.push_back(std::min(calendar.NextWorkingPeriodStart(nominal), due_at));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<TimePoint> ScheduleReminders(const SchoolCalendar& calendar,
                                         const config::SlaSettings& sla, TimePoint received_at,
                                         TimePoint due_at) {
  return ScheduleReminders(calendar, std::span<const Seconds>(sla.reminders), received_at,
                           due_at);
}

std::optional<TimePoint> NextBreachAlert(TimePoint due_at, Seconds repeat_every, TimePoint now) {
  if (now < due_at) return due_at;
  if (repeat_every <= Seconds{0}) return std::nullopt;
  const auto passed = (now - due_at) / repeat_every;  // alerts after the first, already due
  return due_at + (passed + 1) * repeat_every;
}

std::optional<TimePoint> LatestBreachAlert(TimePoint due_at, Seconds repeat_every, TimePoint now) {
  if (now < due_at) return std::nullopt;
  if (repeat_every <= Seconds{0}) return due_at;
  return due_at + ((now - due_at) / repeat_every) * repeat_every;
}

std::vector<TimePoint> BreachAlertsUntil(TimePoint due_at, Seconds repeat_every,
                                         TimePoint horizon) {
  std::vector<TimePoint> out;
  if (horizon < due_at) return out;
  if (repeat_every <= Seconds{0}) return {due_at};
  for (TimePoint t = due_at; t <= horizon; t += repeat_every) out.push_back(t);
  return out;
}

TimePoint NextDigestAt(const SchoolCalendar& calendar, TimePoint after) {
  auto day = calendar.LocalDate(after);
  if (!calendar.IsWorkingDay(day)) day = calendar.NextWorkingDay(day);
  // At most two steps: today's start if it is still ahead, else the next working day's.
  while (calendar.StartOfWorkingHours(day) <= after) day = calendar.NextWorkingDay(day);
  return calendar.StartOfWorkingHours(day);
}

}  // namespace schoolmod::moderation
