#pragma once

#include <chrono>

#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"
#include "youtube/api.h"

namespace spdlog { class logger; }

namespace schoolmod::connectors::youtube {

// A normal poll reads the channel's listing only until it meets a thread it already knows,
// unchanged: usually one request. Every kRescanInterval the poll instead reads the whole look-back
// window, which is what finds new replies on older threads (if YouTube does not move them to the
// front of order=time, which the documentation leaves open), edits of older comments, comments
// released from review, and deletions.
inline constexpr Seconds kRescanInterval = std::chrono::hours(6);
// Held-for-review comments are not public, so checking them hourly rather than every poll keeps
// the quota for what people can see.
inline constexpr Seconds kHeldInterval = std::chrono::hours(1);
// Comments can turn up in the listing a little after newer ones (indexing lag); a normal poll
// keeps reading this far behind the newest activity it has seen.
inline constexpr Seconds kOverlap = std::chrono::minutes(10);
// Per listing per poll; a server that never stops paging is a fault, not a big channel.
inline constexpr int kMaxPages = 200;
// Reads leave this share of the project's daily quota for moderation actions.
inline constexpr int kActionReserveDivisor = 10;

// One poll of the account's channel (see cursor.h for the design). Comments come oldest first.
// Fails as a whole (nothing returned, cursor unchanged) on any error except comments being
// disabled, which only skips that video or thread.
Result<PollResult> PollChannel(Api& api, const Cursor& cursor, spdlog::logger& log);

}  // namespace schoolmod::connectors::youtube
