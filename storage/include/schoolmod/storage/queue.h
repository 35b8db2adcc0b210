#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schoolmod/moderation/verdict.h"
#include "schoolmod/storage/audit.h"
#include "schoolmod/storage/outbox.h"
#include "schoolmod/storage/records.h"
#include "schoolmod/time.h"

// Reads for the moderation queue (web UI, schoolmodctl queue).
namespace schoolmod::storage {

struct ItemFilter {
  enum class State {
    // Needs a person: its response clock is running, or its current verdict is review/remove
    // and nobody has reviewed it yet (and it is still on the platform).
    kOpen,
    kAll,
  };
  State state = State::kOpen;
  std::optional<std::string> school_id;
  std::optional<std::string> account_id;
  std::optional<moderation::VerdictKind> verdict;  // of the current verdict
  std::optional<moderation::Category> category;    // in the current verdict's categories
  std::optional<TimePoint> due_before;   // only running clocks due at or before this instant
                                         // (now: breached; now + 2h: due soon)
  int limit = 50;                        // clamped to 1..1000
  std::optional<std::int64_t> after_id;  // paging: items after this one in the same order
};

// One row of the queue. Own comments (the school's replies) are never items.
struct ItemSummary {
  StoredComment comment;
  std::optional<StoredVerdict> verdict;  // current
  std::optional<SlaItem> sla;
};

// Everything about one item, for its page.
struct ItemDetail {
  StoredComment comment;
  std::optional<StoredVerdict> verdict;        // current: the newest of `verdict_history`
  std::vector<StoredVerdict> verdict_history;  // newest first
  std::optional<SlaItem> sla;
  std::vector<OutboxAction> actions;  // oldest first
  std::vector<AuditRecord> audit;     // rows with subject CommentSubject(id), oldest first
};

}  // namespace schoolmod::storage
