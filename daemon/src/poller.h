#pragma once

#include <optional>
#include <string>

#include "daemon_state.h"

namespace schoolmod::daemon {

// One poll of one account: fetch from its cursor, classify each comment, plan what follows, and
// store it all in one transaction. Returns the delay before the next poll when it differs from
// the account's interval (backoff after a failure, a platform's rate-limit reset), else nullopt.
// Never throws for expected failures; they are recorded on the account and in the log.
std::optional<Seconds> PollAccount(DaemonState& state, const std::string& account_id);

// Backoff after `failures` consecutive failures of an account polled every `interval`:
// interval * 2^failures, capped at one hour (never shorter than the interval).
Seconds PollBackoff(Seconds interval, int failures);

// After a successful poll: the wait until the platform's window resets when no calls remain,
// a longer interval when the reported usage is high (>= 80%: x2, >= 95%: x4), else nullopt.
std::optional<Seconds> RateLimitDelay(const connectors::RateLimit& limit, Seconds interval,
                                      TimePoint now);

}  // namespace schoolmod::daemon
