#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace schoolmod {

// Every instant in schoolmod is UTC with whole seconds: what SQLite stores (unix seconds), what the
// platforms report, and fine enough for deadlines. A school's zone appears only in calendar code.
using Seconds = std::chrono::seconds;
using TimePoint = std::chrono::sys_seconds;

// The current instant. Only the daemon's edges call this; pure code takes `now` as an argument.
TimePoint Now();

// "90s", "5m", "12h", "2d", "1h30m"; a leading '-' makes it negative ("-2h": before a deadline).
// Returns nullopt for anything else, including an empty string and overflow.
std::optional<Seconds> ParseDuration(std::string_view text);
// The inverse of ParseDuration, in the largest exact units: 5400s -> "1h30m", -7200s -> "-2h".
std::string FormatDuration(Seconds d);

// RFC 3339 / ISO 8601 instants: "2026-11-23T17:00:00Z", "2026-11-23T17:00:00+01:00",
// "2026-11-23T17:00:00.123+0000" (fractions are truncated). Returns nullopt when malformed.
std::optional<TimePoint> ParseRfc3339(std::string_view text);
// "2026-11-23T17:00:00Z".
std::string FormatRfc3339Utc(TimePoint t);
// "2026-11-23T17:00:00+01:00" for an instant shown with a known UTC offset (+00:00, never Z).
std::string FormatRfc3339(TimePoint t, Seconds utc_offset);

inline std::int64_t ToUnixSeconds(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnixSeconds(std::int64_t s) { return TimePoint{Seconds{s}}; }

}  // namespace schoolmod
