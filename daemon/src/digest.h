#pragma once

#include <string>
#include <vector>

#include "daemon_state.h"
#include "email_templates.h"

namespace schoolmod::daemon {

// The daily digest an administrator gets at the start of each working day: how many items are
// open, which are due today, which have breached, which wait for a moderation decision.
struct DigestLine {
  std::int64_t item_id = 0;
  std::string account_id;
  std::string what;  // "due Mon 23 Nov 17:00", "overdue since ...", "awaiting review (remove)"
};

struct DigestFacts {
  std::string school_name;
  std::string date_label;  // "Monday 23 November 2026"
  int open = 0;
  int due_today = 0;
  int breached = 0;
  int awaiting_review = 0;
  std::vector<DigestLine> lines;  // breached first, then due today, then the rest
  std::string queue_url;
};

// Pure: the email for one administrator.
EmailContent DigestEmail(const DigestFacts& facts, const std::string& public_base);

// Queues today's digest for every administrator of each school whose working day has begun, once
// per school, day and recipient (the dedupe key makes repeats harmless). Called by the
// notification worker on each pass; cheap when there is nothing to do.
void PlanDigests(DaemonState& state, TimePoint now);

}  // namespace schoolmod::daemon
