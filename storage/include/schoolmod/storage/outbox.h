#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/connectors/types.h"
#include "schoolmod/time.h"

// The action and notification outboxes: side effects written as rows in the same transaction as
// the decision that caused them, then carried out by the daemon's workers (DESIGN.md "Data flow").
namespace schoolmod::storage {

// Notification kinds tied to an item's response clock: cancelled when the clock stops.
inline constexpr std::string_view kReminderNotification = "reminder";
inline constexpr std::string_view kBreachNotification = "breach";

// A platform action somebody (or the auto-moderation policy) decided on.
struct PlannedAction {
  connectors::ActionKind kind = connectors::ActionKind::kHide;
  std::string reason;           // why, for the audit log and the queue
  std::string message;          // reply text (kReply) or report reason (kReport)
  std::string requested_by;     // user name, or "policy" for automatic decisions
  std::string idempotency_key;  // stable for the decision: a repeat enqueues nothing
};

// One email to one recipient.
struct PlannedNotification {
  std::string kind;       // "safeguarding", "reminder", "breach", "auth", ...
  std::string recipient;  // one address: a row per recipient
  std::string subject;
  std::string body_text;
  std::string body_html;   // may be empty
  TimePoint due_at;        // not sent before this instant (reminders are planned ahead)
  std::string dedupe_key;  // stable for the message and recipient: a repeat enqueues nothing
};

enum class ActionState { kPending, kInFlight, kDone, kFailed, kCancelled };
enum class NotificationState { kPending, kInFlight, kSent, kFailed, kCancelled };

std::string_view ToString(ActionState s);
std::string_view ToString(NotificationState s);

// An action_outbox row, with what the worker needs to build a connectors::Action.
struct OutboxAction {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string account_id;
  std::int64_t comment_id = 0;
  connectors::ActionKind kind = connectors::ActionKind::kHide;
  std::string reason;
  std::string message;
  std::string requested_by;
  ActionState state = ActionState::kPending;
  int attempts = 0;  // attempts started (claims), including the current one
  TimePoint next_attempt_at;
  std::string last_error;
  std::optional<connectors::ActionOutcome> outcome;  // set when done
  TimePoint created_at;
  std::optional<TimePoint> done_at;  // when it became done or failed
  // From the comment acted on.
  std::string platform;
  std::string comment_platform_id;
  std::string post_id;
  std::optional<std::string> author_id;
};

// A notification_outbox row.
struct OutboxNotification {
  std::int64_t id = 0;
  std::string dedupe_key;
  std::string kind;
  std::optional<std::int64_t> item_id;  // the comment (queue item) it is about, if any
  std::string recipient;
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string message_id;  // empty until SetNotificationMessageId
  TimePoint due_at;
  NotificationState state = NotificationState::kPending;
  int attempts = 0;  // attempts started (claims), including the current one
  TimePoint next_attempt_at;
  std::string last_error;
  TimePoint created_at;
  std::optional<TimePoint> sent_at;
  std::optional<TimePoint> failed_at;  // when it was given up
};

// Result of an enqueue: the row's id, and whether this call created it (false: the key was
// already there and the existing row's id is returned).
struct Enqueued {
  std::int64_t id = 0;
  bool created = false;
};

}  // namespace schoolmod::storage
