#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "calendar_fixtures.h"
#include "schoolmod/moderation/ical.h"

namespace schoolmod::moderation {
namespace {

using testing::Date;

// Wraps events in a calendar, CRLF line ends as RFC 5545 requires.
std::string Calendar(const std::string& body) {
  std::string text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Casterton//Term dates//EN\n" +
                     body + "END:VCALENDAR\n";
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return crlf;
}

std::string ErrorOf(std::string_view text) {
  auto r = ParseIcalClosures(text);
  if (r) return "";
  CHECK(r.error().kind == ErrorKind::kInvalidInput);
  return r.error().message;
}

TEST_CASE("iCal all-day events become closures", "[calendar][ical]") {
  const auto r = ParseIcalClosures(Calendar(
      "BEGIN:VEVENT\nUID:a\nSUMMARY:Christmas holiday\n"
      "DTSTART;VALUE=DATE:20261219\nDTEND;VALUE=DATE:20270104\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:b\nSUMMARY:INSET day\nDTSTART;VALUE=DATE:20270528\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:c\nSUMMARY:Half term\nDTSTART:20270215\nDURATION:P5D\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:d\nSUMMARY:Polling station\n"
      "DTSTART;VALUE=DATE:20270506\nDTEND;VALUE=DATE:20270506\nEND:VEVENT\n"));
  REQUIRE(r.ok());
  CHECK(r->warnings.empty());
  REQUIRE(r->closures.size() == 4);
  // DTEND is exclusive: 19 Dec .. 3 Jan.
  CHECK(r->closures[0].first == Date(2026, 12, 19));
  CHECK(r->closures[0].last == Date(2027, 1, 3));
  // No DTEND and no DURATION: one day.
  CHECK(r->closures[1].first == Date(2027, 5, 28));
  CHECK(r->closures[1].last == Date(2027, 5, 28));
  // Bare 8-digit DTSTART is a date; P5D is five days.
  CHECK(r->closures[2].first == Date(2027, 2, 15));
  CHECK(r->closures[2].last == Date(2027, 2, 19));
  // DTEND equal to DTSTART: that one day.
  CHECK(r->closures[3].first == Date(2027, 5, 6));
  CHECK(r->closures[3].last == Date(2027, 5, 6));
}

TEST_CASE("iCal parsing tolerates real exporters' habits", "[calendar][ical]") {
  SECTION("LF line ends, folded lines, lower-case names, byte order mark, quoted parameters") {
    const std::string text =
        "\xEF\xBB\xBF"
        "BEGIN:VCALENDAR\n"
        "BEGIN:VTIMEZONE\nTZID:Europe/London\nBEGIN:STANDARD\nDTSTART:19701025T020000\n"
        "END:STANDARD\nEND:VTIMEZONE\n"
        "begin:vevent\n"
        "summary:Easter holiday\\, spring\n"
        "dtstart;value=date;X-NOTE=\"a:b;c\":2027\n"
        " 0329\n"
        "DTEND;VALUE=DATE:2027\n\t0410\n"
        "BEGIN:VALARM\nTRIGGER:-P1D\nDURATION:P3D\nDTSTART:20000101\nEND:VALARM\n"
        "end:vevent\n"
        "END:VCALENDAR";
    const auto r = ParseIcalClosures(text);
    REQUIRE(r.ok());
    REQUIRE(r->closures.size() == 1);
    CHECK(r->closures[0].first == Date(2027, 3, 29));
    CHECK(r->closures[0].last == Date(2027, 4, 9));
  }
  SECTION("two calendars in one file") {
    const auto r = ParseIcalClosures(
        Calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261123\nEND:VEVENT\n") +
        Calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261124\nDURATION:P1W\nEND:VEVENT\n"));
    REQUIRE(r.ok());
    REQUIRE(r->closures.size() == 2);
    CHECK(r->closures[1].last == Date(2026, 11, 30));
  }
  SECTION("a calendar with no events") {
    const auto r = ParseIcalClosures(Calendar(""));
    REQUIRE(r.ok());
    CHECK(r->closures.empty());
  }
}

TEST_CASE("iCal events that are not closures are skipped with a warning", "[calendar][ical]") {
  const auto r = ParseIcalClosures(Calendar(
      "BEGIN:VEVENT\nSUMMARY:Parents' evening\nDTSTART:20261124T160000Z\n"
      "DTEND:20261124T190000Z\nEND:VEVENT\n"
      "BEGIN:VEVENT\nSUMMARY:Governors\nDTSTART;TZID=Europe/London:20261125T180000\nEND:VEVENT\n"
      "BEGIN:VEVENT\nSUMMARY:Cancelled INSET\nSTATUS:CANCELLED\n"
      "DTSTART;VALUE=DATE:20261127\nEND:VEVENT\n"
      "BEGIN:VEVENT\nSUMMARY:Staff training\nDTSTART;VALUE=DATE:20261201\n"
      "RRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT\n"
      "BEGIN:VEVENT\nSUMMARY:Snow day\nDTSTART;VALUE=DATE:20261202\nEND:VEVENT\n"));
  REQUIRE(r.ok());
  REQUIRE(r->closures.size() == 1);
  CHECK(r->closures[0].first == Date(2026, 12, 2));
  REQUIRE(r->warnings.size() == 4);
  CHECK(r->warnings[0] == "line 4: timed event 'Parents' evening' ignored");
  CHECK(r->warnings[1] == "line 9: timed event 'Governors' ignored");
  CHECK(r->warnings[2] == "line 13: cancelled event 'Cancelled INSET' ignored");
  CHECK(r->warnings[3] ==
        "line 18: recurring event 'Staff training' ignored: list each closure as its own event");
}

TEST_CASE("iCal errors name the line", "[calendar][ical]") {
  CHECK(ErrorOf("") == "holidays_ical line 1: empty file, expected BEGIN:VCALENDAR");
  CHECK(ErrorOf("hello world\n") == "holidays_ical line 1: malformed content line");
  CHECK(ErrorOf("BEGIN:VEVENT\nEND:VEVENT\n") ==
        "holidays_ical line 1: expected BEGIN:VCALENDAR");
  CHECK(ErrorOf("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261123\n") ==
        "holidays_ical line 2: BEGIN:VEVENT is never closed");
  CHECK(ErrorOf("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n") ==
        "holidays_ical line 3: END:VCALENDAR does not close BEGIN:VEVENT of line 2");
  CHECK(ErrorOf(Calendar("BEGIN:VEVENT\nSUMMARY:Closed\nEND:VEVENT\n")) ==
        "holidays_ical line 4: event 'Closed' has no DTSTART");
  CHECK(ErrorOf(Calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260230\nEND:VEVENT\n")) ==
        "holidays_ical line 4: event (no summary): DTSTART '20260230' is not a date (YYYYMMDD)");
  CHECK(ErrorOf(Calendar("BEGIN:VEVENT\nSUMMARY:X\nDTSTART;VALUE=DATE:20261130\n"
                         "DTEND;VALUE=DATE:20261129\nEND:VEVENT\n")) ==
        "holidays_ical line 4: event 'X' ends before it starts");
  CHECK(ErrorOf(Calendar("BEGIN:VEVENT\nSUMMARY:X\nDTSTART;VALUE=DATE:20261130\n"
                         "DTEND:20261201T120000Z\nEND:VEVENT\n")) ==
        "holidays_ical line 4: event 'X': DTEND '20261201T120000Z' is not a date (YYYYMMDD)");
  CHECK(ErrorOf(Calendar("BEGIN:VEVENT\nSUMMARY:X\nDTSTART;VALUE=DATE:20261130\n"
                         "DURATION:PT12H\nEND:VEVENT\n")) ==
        "holidays_ical line 4: event 'X': DURATION 'PT12H' is not whole days or weeks");
  CHECK_THAT(ErrorOf("BEGIN:VCALENDAR\nDTSTART;VALUE=DATE\nEND:VCALENDAR\n"),
             Catch::Contains("line 2: malformed content line"));
}

}  // namespace
}  // namespace schoolmod::moderation
