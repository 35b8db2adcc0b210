#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/connectors/types.h"
#include "schoolmod/moderation/verdict.h"
#include "schoolmod/result.h"
#include "schoolmod/time.h"

// What storage keeps about accounts, comments, verdicts and response clocks, as read back.
namespace schoolmod::storage {

// Polling state of one configured account (the account itself is config).
struct AccountState {
  std::string account_id;
  std::string platform;
  connectors::Cursor cursor;              // where the next poll starts
  std::optional<TimePoint> last_poll_at;  // last attempt, successful or not
  std::optional<TimePoint> last_success_at;
  std::optional<ErrorKind> error_kind;  // set while the last poll failed
  std::string error_message;
  int consecutive_failures = 0;
  std::optional<TimePoint> next_poll_at;  // the scheduler's plan, if it recorded one
};

// A stored comment. `comment` is the platform's view as last polled; `comment.deleted` mirrors
// deleted_at. After retention (text_purged) `comment.text` is empty.
struct StoredComment {
  std::int64_t id = 0;  // our row id: the queue item id everywhere (API, audit subject, email)
  std::string account_id;
  std::string platform;
  std::string school_id;
  connectors::Comment comment;
  TimePoint fetched_at;                 // when the poll that first stored it ran
  std::optional<TimePoint> deleted_at;  // gone from the platform, or deleted by our action
  bool text_purged = false;
  std::optional<TimePoint> reviewed_at;  // a person dealt with its moderation (MarkReviewed)
  std::string reviewed_by;
};

// One row of a comment's verdict history.
struct StoredVerdict {
  std::int64_t id = 0;
  std::int64_t comment_id = 0;
  moderation::Verdict verdict;  // verdict.classifier is the engine that decided
  TimePoint decided_at;
};

enum class SlaState { kOpen, kStopped };

// The response clock of one inbound comment.
struct SlaItem {
  std::int64_t id = 0;
  std::int64_t comment_id = 0;
  std::string school_id;
  std::string account_id;
  TimePoint received_at;  // the comment's created_at on the platform
  TimePoint due_at;
  SlaState state = SlaState::kOpen;
  std::optional<TimePoint> stopped_at;
  std::string stopped_by;  // "account", "platform", or a user name
  std::string stop_reason;
  std::optional<TimePoint> breached_at;
};

std::string_view ToString(SlaState s);

}  // namespace schoolmod::storage
