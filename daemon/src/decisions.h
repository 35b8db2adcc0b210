#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/workflow.h"
#include "schoolmod/result.h"
#include "schoolmod/storage/database.h"

namespace schoolmod::daemon {

struct DecisionReport {
  std::optional<std::int64_t> action_id;  // the queued platform action, if the decision has one
  bool clock_stopped = false;
};

// Applies an administrator's decision on queue item `item_id`: queues the platform action (the
// daemon's action worker carries it out), stops the response clock, marks the item reviewed, each
// with its audit row naming `actor`. Shared by the HTTP API and schoolmodctl, so both behave the
// same. kInvalidInput for an unknown item or a decision the workflow refuses, with the reason.
Result<DecisionReport> ApplyDecision(storage::Database& db, const config::Config& config,
                                     std::int64_t item_id, const moderation::Decision& decision,
                                     const std::string& actor, TimePoint now);

}  // namespace schoolmod::daemon
