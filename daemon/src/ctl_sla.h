#pragma once

#include <iosfwd>
#include <string>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/result.h"

// `schoolmodctl sla ...`: SLA questions answered offline from the config alone.
namespace schoolmod::daemon {

// `schoolmodctl sla deadline --school ID --received TIME`. Prints
//   due 2026-11-23T17:00:00+00:00
//   remind 2026-11-23T08:00:00+00:00
//   remind 2026-11-23T15:00:00+00:00
// to `out`: the deadline, then one line per reminder in time order, each in RFC 3339 with the
// school's UTC offset at that instant. `received` is RFC 3339 with any offset ("Z" too). Uses the
// config's [sla] settings and the school's calendar, including its holidays_ical file.
// Returns 0 on success; 2 with a message on `err` for an unknown school or a malformed time;
// 1 when the school's calendar cannot be built (unknown zone, unreadable or invalid iCal file).
int RunSlaDeadline(const config::Config& config, const std::string& school_id,
                   const std::string& received, std::ostream& out, std::ostream& err);

// The school's calendar with the closures of its holidays_ical file, read here (the calendar
// itself does no I/O). A relative path is relative to the working directory, like the other file
// paths in the config. Errors name the school and the file.
Result<moderation::SchoolCalendar> LoadSchoolCalendar(const config::School& school);

}  // namespace schoolmod::daemon
