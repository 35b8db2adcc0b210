#include "ctl_sla.h"

#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "schoolmod/moderation/deadline.h"
#include "schoolmod/moderation/ical.h"
#include "schoolmod/moderation/reminders.h"
#include "schoolmod/time.h"

namespace schoolmod::daemon {

Result<moderation::SchoolCalendar> LoadSchoolCalendar(const config::School& school) {
  std::vector<config::DateRange> closures;
  if (!school.holidays_ical.empty()) {
    std::ifstream in(school.holidays_ical, std::ios::binary);
    if (!in) {
      return Error::InvalidInput("school '" + school.id + "': cannot read holidays_ical " +
                                 school.holidays_ical);
    }
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = moderation::ParseIcalClosures(text.str());
    if (!parsed) {
      return Error::InvalidInput("school '" + school.id + "': " + school.holidays_ical + ": " +
                                 parsed.error().message);
    }
    closures = std::move(parsed->closures);
  }
  return moderation::SchoolCalendar::Create(school, closures);
}

int RunSlaDeadline(const config::Config& config, const std::string& school_id,
                   const std::string& received, std::ostream& out, std::ostream& err) {
  const config::School* school = config.FindSchool(school_id);
  if (school == nullptr) {
    err << "sla deadline: no school with id '" << school_id << "' in " << config.path << "\n";
    return 2;
  }
  const auto received_at = ParseRfc3339(received);
  if (!received_at) {
    err << "sla deadline: --received '" << received
        << "' is not an RFC 3339 time such as 2026-11-20T15:00:00Z\n";
    return 2;
  }
  auto calendar = LoadSchoolCalendar(*school);
  if (!calendar) {
    err << "sla deadline: " << calendar.error().message << "\n";
    return 1;
  }
  const auto deadline = moderation::ComputeDeadline(*calendar, config.sla, *received_at);
  const auto reminders =
      moderation::ScheduleReminders(*calendar, config.sla, *received_at, deadline.due_at);
  auto shown = [&calendar](TimePoint t) { return FormatRfc3339(t, calendar->UtcOffset(t)); };
  out << "due " << shown(deadline.due_at) << "\n";
  for (const auto t : reminders) out << "remind " << shown(t) << "\n";
  return 0;
}

}  // namespace schoolmod::daemon
