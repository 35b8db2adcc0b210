#pragma once

#include <cstdint>

#include "schoolmod/time.h"

namespace schoolmod::mail {

// How long the outbox waits before trying an email again after `attempt` failed attempts
// (1 after the first failure). Exponential: the ceiling is 1 min, 2, 4, 8, 16, 32, then 1 h for
// every later attempt; the delay is drawn from [ceiling / 2, ceiling] by `jitter_seed` (e.g. the
// outbox row id), so messages that failed together (a relay restart) do not all retry in the
// same second, while each row's schedule stays reproducible. Pure; attempt < 1 counts as 1.
// With the default mail.max_attempts = 12 a message is given up after roughly 3 to 6 hours.
// `first_ceiling` replaces the 1 min of the first attempt (config mail.first_retry).
Seconds RetryDelay(int attempt, std::uint32_t jitter_seed,
                   Seconds first_ceiling = Seconds{60});

// The bounds RetryDelay draws from, for callers that show "next try before ...".
inline constexpr Seconds kFirstRetryCeiling{60};
inline constexpr Seconds kMaxRetryCeiling{3600};

}  // namespace schoolmod::mail
