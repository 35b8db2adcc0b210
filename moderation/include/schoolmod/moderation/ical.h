#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/config/config.h"
#include "schoolmod/result.h"

// Reads school closures from an iCalendar (RFC 5545) file: the `holidays_ical` a school may
// export from its MIS or the local authority's term-dates calendar. Pure: the daemon reads the file
// and passes its text in, so this parses only.
namespace schoolmod::moderation {

struct IcalClosures {
  // One range per all-day VEVENT, in file order; every date in a range is a non-working day.
  std::vector<config::DateRange> closures;
  // Events read but not used, one human-readable line each ("line 40: timed event 'Parents'
  // evening' ignored"), so check-config can show them. Never fatal.
  std::vector<std::string> warnings;
};

// Every all-day event (DTSTART;VALUE=DATE, or a bare 8-digit DTSTART) becomes a closure from
// DTSTART to the day before DTEND (iCalendar's DTEND is exclusive), or for DURATION days/weeks, or
// one day when neither is given. DTEND equal to DTSTART is read as one day (some exporters write
// that). Skipped with a warning: timed events (a meeting is not a closure), STATUS:CANCELLED
// events, and recurring events (RRULE/RDATE: we do not expand recurrences; list each closure).
// Properties of nested components (VALARM, VTIMEZONE) are ignored. Accepts CRLF or LF line ends
// and folded lines.
//
// Fails with kInvalidInput, naming the line, when the text is not a VCALENDAR, a component is not
// closed, an event has no DTSTART, a date is malformed, or an all-day event ends before it starts.
Result<IcalClosures> ParseIcalClosures(std::string_view text);

}  // namespace schoolmod::moderation
