#include <chrono>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "schoolmod/time.h"

namespace schoolmod {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// 2026-11-23T17:00:00Z.
constexpr std::int64_t kMonday5pm = 1795453200;

TEST_CASE("ParseDuration reads every unit and combinations") {
  CHECK(ParseDuration("90s") == Seconds(90));
  CHECK(ParseDuration("5m") == minutes(5));
  CHECK(ParseDuration("12h") == hours(12));
  CHECK(ParseDuration("2d") == days(2));
  CHECK(ParseDuration("1w") == days(7));
  CHECK(ParseDuration("1h30m") == minutes(90));
  CHECK(ParseDuration("1d2h3m4s") == days(1) + hours(2) + minutes(3) + Seconds(4));
  CHECK(ParseDuration("0s") == Seconds(0));
}

TEST_CASE("ParseDuration: a leading minus means before") {
  CHECK(ParseDuration("-2h") == hours(-2));
  CHECK(ParseDuration("-1h30m") == minutes(-90));
  CHECK(ParseDuration("-30h") == hours(-30));
}

TEST_CASE("ParseDuration refuses garbage") {
  for (const char* text : {"", "-", "5", "h", "m5", "5x", "5 m", " 5m", "5m ", "--5m", "+5m",
                           "1.5h", "5M", "5min", "1h-30m", "1h 30m", "five minutes", "-h"}) {
    INFO("\"" << text << "\"");
    CHECK_FALSE(ParseDuration(text).has_value());
  }
}

TEST_CASE("ParseDuration refuses overflow instead of wrapping") {
  CHECK_FALSE(ParseDuration("99999999999999999999s").has_value());  // beyond int64
  CHECK_FALSE(ParseDuration("9223372036854775807s").has_value());
  CHECK_FALSE(ParseDuration("9223372036854775807w").has_value());
  CHECK_FALSE(ParseDuration("3000d3000d").has_value());  // each part fits, the sum does not
  CHECK_FALSE(ParseDuration("-99999999999d").has_value());
  // Ten years is the limit.
  CHECK(ParseDuration("3660d") == days(3660));
  CHECK_FALSE(ParseDuration("3661d").has_value());
}

TEST_CASE("FormatDuration writes the largest exact units") {
  CHECK(FormatDuration(Seconds(5400)) == "1h30m");
  CHECK(FormatDuration(hours(-2)) == "-2h");
  CHECK(FormatDuration(Seconds(0)) == "0s");
  CHECK(FormatDuration(days(1) + Seconds(1)) == "1d1s");
  CHECK(FormatDuration(Seconds(90)) == "1m30s");
  for (const char* text : {"90s", "-2h", "1d2h3m4s", "12h"}) {
    INFO(text);
    REQUIRE(ParseDuration(text).has_value());
    CHECK(ParseDuration(FormatDuration(*ParseDuration(text))) == ParseDuration(text));
  }
}

TEST_CASE("ParseRfc3339 reads UTC, offsets and fractions") {
  CHECK(ParseRfc3339("2026-11-23T17:00:00Z") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23t17:00:00z") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23 17:00:00Z") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T18:00:00+01:00") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T12:00:00-05:00") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T17:00:00+00:00") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T17:00:00+0000") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T22:30:00+05:30") == FromUnixSeconds(kMonday5pm));
  // Fractions are truncated, never rounded up into the next second.
  CHECK(ParseRfc3339("2026-11-23T17:00:00.999Z") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T17:00:00.123+0000") == FromUnixSeconds(kMonday5pm));
  CHECK(ParseRfc3339("2026-11-23T17:00:00.123456789Z") == FromUnixSeconds(kMonday5pm));
  // A date crossed by the offset.
  CHECK(ParseRfc3339("2026-11-24T01:00:00+08:00") == FromUnixSeconds(kMonday5pm));
  // A leap second is held at :59 rather than refused.
  CHECK(ParseRfc3339("2016-12-31T23:59:60Z") == ParseRfc3339("2016-12-31T23:59:59Z"));
}

TEST_CASE("ParseRfc3339 refuses garbage") {
  for (const char* text :
       {"", "2026-11-23", "2026-11-23T17:00:00", "2026-11-23T17:00Z", "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T17:60:00Z",
        "2026-11-23T17:00:00.Z", "2026-11-23T17:00:00+1:00", "2026-11-23T17:00:00+24:00",
        "2026-11-23T17:00:00Zjunk", "2026-11-23T17:00:00+01:00 ", "26-11-23T17:00:00Z",
        "2026/11/23T17:00:00Z", "yesterday", "1795453200"}) {
    INFO("\"" << text << "\"");
    CHECK_FALSE(ParseRfc3339(text).has_value());
  }
}

TEST_CASE("FormatRfc3339 writes the offset, +00:00 rather than Z") {
  TimePoint t = FromUnixSeconds(kMonday5pm);
  CHECK(FormatRfc3339(t, Seconds(0)) == "2026-11-23T17:00:00+00:00");
  CHECK(FormatRfc3339(t, hours(1)) == "2026-11-23T18:00:00+01:00");
  CHECK(FormatRfc3339(t, hours(-5)) == "2026-11-23T12:00:00-05:00");
  CHECK(FormatRfc3339(t, hours(5) + minutes(30)) == "2026-11-23T22:30:00+05:30");
  CHECK(FormatRfc3339(t, hours(8)) == "2026-11-24T01:00:00+08:00");
  CHECK(FormatRfc3339Utc(t) == "2026-11-23T17:00:00Z");
  CHECK(FormatRfc3339Utc(FromUnixSeconds(0)) == "1970-01-01T00:00:00Z");
  for (Seconds offset : {Seconds(0), Seconds(3600), Seconds(-18000)}) {
    CHECK(ParseRfc3339(FormatRfc3339(t, offset)) == t);
  }
}

}  // namespace
}  // namespace schoolmod
