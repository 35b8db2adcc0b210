#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "ctl_sla.h"
#include "support/temp_dir.h"

namespace schoolmod::daemon {
namespace {

// Casterton as in DESIGN.md's config: Mon-Fri 08:00-17:00, England and Wales, Europe/London.
config::Config DesignConfig() {
  config::Config cfg;
  cfg.path = "schoolmod.toml";
  config::School school;
  school.id = "casterton";
  school.timezone = "Europe/London";
  using std::chrono::year;
  school.holidays = {{year{2026} / 12 / 19, year{2027} / 1 / 3}};
  cfg.schools.push_back(school);
  return cfg;
}

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run Deadline(const config::Config& cfg, const std::string& school, const std::string& received) {
  std::ostringstream out, err;
  const int code = RunSlaDeadline(cfg, school, received, out, err);
  return {code, out.str(), err.str()};
}

TEST_CASE("sla deadline prints the deadline and reminders with the school's offset",
          "[ctl][sla]") {
  const auto cfg = DesignConfig();
  SECTION("Friday afternoon in winter") {
    const auto r = Deadline(cfg, "casterton", "2026-11-20T15:00:00Z");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "due 2026-11-23T17:00:00+00:00\n"
          "remind 2026-11-23T08:00:00+00:00\n"
          "remind 2026-11-23T15:00:00+00:00\n");
  }
  SECTION("Saturday before the clocks go forward, received with another offset") {
    const auto r = Deadline(cfg, "casterton", "2026-03-28T13:00:00+01:00");
    CHECK(r.code == 0);
    CHECK(r.out ==
          "due 2026-03-30T17:00:00+01:00\n"
          "remind 2026-03-30T08:00:00+01:00\n"
          "remind 2026-03-30T15:00:00+01:00\n");
  }
  SECTION("calendar mode and custom reminders") {
    auto calendar_mode = cfg;
    calendar_mode.sla.mode = config::SlaMode::kCalendar;
    calendar_mode.sla.reminders = {std::chrono::hours{1}};
    const auto r = Deadline(calendar_mode, "casterton", "2026-11-17T10:00:00Z");
    CHECK(r.out ==
          "due 2026-11-18T10:00:00+00:00\n"
          "remind 2026-11-17T11:00:00+00:00\n");
  }
  SECTION("no reminders configured") {
    auto none = cfg;
    none.sla.reminders.clear();
    CHECK(Deadline(none, "casterton", "2026-11-17T10:00:00Z").out ==
          "due 2026-11-18T10:00:00+00:00\n");
  }
}

TEST_CASE("sla deadline reads the school's holidays_ical file", "[ctl][sla]") {
  schoolmod::testing::TempDir dir;
  auto cfg = DesignConfig();
  cfg.schools[0].holidays_ical = dir.Write(
      "closures.ics",
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:INSET day\r\n"
      "DTSTART;VALUE=DATE:20261123\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  const auto r = Deadline(cfg, "casterton", "2026-11-20T15:00:00Z");
  CHECK(r.code == 0);
  CHECK(r.out ==
        "due 2026-11-24T17:00:00+00:00\n"
        "remind 2026-11-24T08:00:00+00:00\n"
        "remind 2026-11-24T15:00:00+00:00\n");

  SECTION("an invalid file fails, naming school, file and line") {
    cfg.schools[0].holidays_ical =
        dir.Write("bad.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto bad = Deadline(cfg, "casterton", "2026-11-20T15:00:00Z");
    CHECK(bad.code == 1);
    CHECK(bad.out.empty());
    CHECK(bad.err == "sla deadline: school 'casterton': " + dir.file("bad.ics") +
                         ": holidays_ical line 2: event (no summary) has no DTSTART\n");
  }
  SECTION("a missing file fails") {
    cfg.schools[0].holidays_ical = dir.file("missing.ics");
    const auto missing = Deadline(cfg, "casterton", "2026-11-20T15:00:00Z");
    CHECK(missing.code == 1);
    CHECK_THAT(missing.err, Catch::Contains("cannot read holidays_ical"));
  }
}

TEST_CASE("sla deadline rejects bad input", "[ctl][sla]") {
  auto cfg = DesignConfig();
  const auto unknown = Deadline(cfg, "nowhere", "2026-11-20T15:00:00Z");
  CHECK(unknown.code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err == "sla deadline: no school with id 'nowhere' in schoolmod.toml\n");

  const auto malformed = Deadline(cfg, "casterton", "20 November 2026");
  CHECK(malformed.code == 2);
  CHECK_THAT(malformed.err, Catch::Contains("not an RFC 3339 time"));

  cfg.schools[0].timezone = "Mars/Olympus_Mons";
  const auto zone = Deadline(cfg, "casterton", "2026-11-20T15:00:00Z");
  CHECK(zone.code == 1);
  CHECK(zone.err ==
        "sla deadline: school 'casterton': timezone 'Mars/Olympus_Mons' is not a known time "
        "zone\n");
}

}  // namespace
}  // namespace schoolmod::daemon
