#include "youtube/quota_ledger.h"

#include <date/tz.h>

#include <algorithm>
#include <exception>

namespace schoolmod::connectors::youtube {
namespace {

const date::time_zone* PacificZone() {
  // Owned by date's tz database for the life of the process. Without the database (no tzdata
  // package) the fallback below is used.
  static const date::time_zone* zone = []() -> const date::time_zone* {
    try {
      return date::locate_zone("America/Los_Angeles");
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  return zone;
}

// Pacific standard time is UTC-8; without a tz database we take it all year, which in summer
// resets an hour late: a pause that is too long, never one too short.
constexpr Seconds kPacificStandardOffset = std::chrono::hours(-8);

date::local_days PacificDay(TimePoint now) {
  if (const date::time_zone* zone = PacificZone()) {
    return date::floor<date::days>(zone->to_local(now));
  }
  return date::local_days{date::floor<date::days>(now + kPacificStandardOffset).time_since_epoch()};
}

}  // namespace

TimePoint NextQuotaReset(TimePoint now) {
  const date::local_days next = PacificDay(now) + date::days{1};
  if (const date::time_zone* zone = PacificZone()) {
    // Midnight always exists in Los Angeles (clocks change at 02:00), so `earliest` never
    // matters; it only spares us the exception on an ambiguous time.
    return date::floor<Seconds>(zone->to_sys(date::local_seconds{next}, date::choose::earliest));
  }
  return TimePoint{next.time_since_epoch()} - kPacificStandardOffset;
}

QuotaLedger::Day& QuotaLedger::Today(const std::string& project, TimePoint now) {
  Day& day = days_[project];
  const std::int64_t today = PacificDay(now).time_since_epoch().count();
  if (day.pacific_day != today) day = Day{today, 0, false};
  return day;
}

QuotaLedger::Grant QuotaLedger::Take(const std::string& project, int units, int daily_limit,
                                     int keep, TimePoint now) {
  std::lock_guard lock(mu_);
  Day& day = Today(project, now);
  Grant grant;
  grant.reset_at = NextQuotaReset(now);
  const int left = day.exhausted ? 0 : std::max(0, daily_limit - day.used);
  if (left - units < keep || left < units) {
    grant.remaining = left;
    return grant;
  }
  day.used += units;
  grant.granted = true;
  grant.remaining = left - units;
  return grant;
}

TimePoint QuotaLedger::MarkExhausted(const std::string& project, TimePoint now) {
  std::lock_guard lock(mu_);
  Today(project, now).exhausted = true;
  return NextQuotaReset(now);
}

int QuotaLedger::Remaining(const std::string& project, int daily_limit, TimePoint now) {
  std::lock_guard lock(mu_);
  Day& day = Today(project, now);
  return day.exhausted ? 0 : std::max(0, daily_limit - day.used);
}

QuotaLedger& ProcessQuotaLedger() {
  static QuotaLedger ledger;
  return ledger;
}

}  // namespace schoolmod::connectors::youtube
