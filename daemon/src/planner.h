#pragma once

#include <string>

#include "schoolmod/config/config.h"
#include "schoolmod/connectors/connector.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/moderation/verdict.h"
#include "schoolmod/storage/ingest.h"
#include "schoolmod/time.h"

namespace schoolmod::daemon {

// Notification kinds in the outbox (besides storage's reminder and breach).
inline constexpr std::string_view kNewItemNotification = "new_item";
inline constexpr std::string_view kSafeguardingNotification = "safeguarding";
inline constexpr std::string_view kDigestNotification = "digest";
inline constexpr std::string_view kAuthNotification = "auth";

// Comments received this long before they were first seen are history (an account's first poll
// looks back up to 30 days): stored and queued, but nobody is emailed about each one.
inline constexpr Seconds kBacklogAge = std::chrono::hours(24 * 7);

struct PlanContext {
  const config::Config& config;
  const config::School& school;
  const config::Account& account;
  const moderation::SchoolCalendar& calendar;
  connectors::Capabilities capabilities;
  TimePoint now;
};

// Decides what follows from one polled comment and its verdict: its response deadline, the
// automatic actions (hide what must go), and the emails (safeguarding alert at once; the new-item
// email, reminders and the first breach alert to the administrators). Storage keeps these only
// when the comment is new or edited, so planning every comment of a poll is harmless.
// Email bodies are left empty: the notification worker renders them when it sends, from the
// item as it is then.
storage::IngestItem PlanItem(const PlanContext& ctx, const connectors::Comment& comment,
                             const moderation::Verdict& verdict);

// The dedupe key of one email: kind, account, the comment's platform id, recipient and step.
std::string NotificationKey(std::string_view kind, const std::string& account_id,
                            const std::string& platform_id, const std::string& recipient,
                            std::int64_t step);

}  // namespace schoolmod::daemon
