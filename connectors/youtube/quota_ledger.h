#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "schoolmod/time.h"

namespace schoolmod::connectors::youtube {

// The next midnight in America/Los_Angeles after `now`, when Google resets YouTube quotas.
TimePoint NextQuotaReset(TimePoint now);

// YouTube Data API units spent per Google Cloud project (keyed by OAuth client ID) and Pacific
// day. The quota belongs to the project, not the account: every school polled with the same
// client ID draws on one daily allowance, so every connector instance must charge one ledger.
// Thread-safe. In memory only: after a restart it starts from zero and the API's own
// quotaExceeded (MarkExhausted) corrects it.
class QuotaLedger {
 public:
  struct Grant {
    bool granted = false;
    int remaining = 0;   // units left today after this charge (or now, when refused)
    TimePoint reset_at;  // next midnight Pacific
  };

  // Charges `units` to `project` if at least `keep` units would still be left of `daily_limit`
  // afterwards; polls keep a reserve so that moderation actions (50 units each) on comments
  // already found still fit. A refused charge spends nothing.
  Grant Take(const std::string& project, int units, int daily_limit, int keep, TimePoint now);
  // The API answered quotaExceeded: the project has nothing left until the reset, whatever this
  // process counted. Returns the reset time.
  TimePoint MarkExhausted(const std::string& project, TimePoint now);
  // Units left today without charging anything.
  int Remaining(const std::string& project, int daily_limit, TimePoint now);

 private:
  struct Day {
    std::int64_t pacific_day = 0;  // days since 1970-01-01 in Pacific local time
    int used = 0;
    bool exhausted = false;
  };
  Day& Today(const std::string& project, TimePoint now);  // requires mu_

  std::mutex mu_;
  std::map<std::string, Day> days_;  // guarded by mu_
};

// The ledger every YouTube connector in this process shares. A function-local static rather
// than a ConnectorEnv member because the quota is a property of the Google project, which spans
// every account (one connector instance each) of the process; only the daemon calls the API
// (schoolmodctl queues actions for it), so one process is the whole picture.
QuotaLedger& ProcessQuotaLedger();

}  // namespace schoolmod::connectors::youtube
