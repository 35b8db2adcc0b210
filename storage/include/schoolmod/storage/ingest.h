#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schoolmod/connectors/types.h"
#include "schoolmod/moderation/verdict.h"
#include "schoolmod/storage/outbox.h"
#include "schoolmod/time.h"

// One poll's worth of comments with the daemon's decisions about them, stored atomically by
// Database::IngestPoll.
namespace schoolmod::storage {

// One polled comment with its verdict and the side effects planned for it. The daemon classifies
// and plans every comment in the poll; storage keeps the verdict and side effects only for new and
// edited comments (an unchanged comment already has them).
struct IngestItem {
  connectors::Comment comment;
  moderation::Verdict verdict;
  std::optional<TimePoint> due_at;  // starts a response clock (ignored for own comments)
  std::string school_id;
  std::vector<PlannedAction> actions;
  // item_id of each row is filled in by storage with the comment's row id.
  std::vector<PlannedNotification> notifications;
};

struct PollBatch {
  std::string account_id;
  std::string platform;
  std::vector<IngestItem> items;          // in the connector's order: oldest first
  connectors::Cursor next_cursor;         // committed with the items
  TimePoint fetched_at;                   // when the poll ran: last_poll_at, verdicts' decided_at
  std::optional<TimePoint> next_poll_at;  // the scheduler's plan, shown by /healthz
};

enum class IngestStatus {
  kNew,        // first time seen: verdict, clock and side effects stored
  kEdited,     // text changed: text updated, verdict appended, new side effects stored
  kUnchanged,  // seen before, nothing new (a repeated page)
  kDeleted,    // now gone from the platform: deleted_at set, clock stopped
  kIgnored,    // a deletion of a comment never stored: nothing to do
};

std::string_view ToString(IngestStatus s);

struct IngestedComment {
  std::int64_t comment_id = 0;  // 0 for kIgnored
  std::string platform_id;
  IngestStatus status = IngestStatus::kUnchanged;
};

struct IngestReport {
  std::vector<IngestedComment> comments;  // one per batch item, same order
  int new_count = 0;
  int edited_count = 0;
  int deleted_count = 0;
  int clocks_stopped = 0;    // by own replies and deletions
  int actions_enqueued = 0;  // rows created (repeats of a key are not counted)
  int notifications_enqueued = 0;
};

}  // namespace schoolmod::storage
