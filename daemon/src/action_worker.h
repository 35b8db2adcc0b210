#pragma once

#include "daemon_state.h"

namespace schoolmod::daemon {

// Attempts after which an action is given up and shown as failed in the queue.
inline constexpr int kMaxActionAttempts = 10;

// Carries out up to `limit` due rows of the action outbox through the accounts' connectors.
// Returns true when it claimed a full batch (more may be waiting).
bool RunActionBatch(DaemonState& state, TimePoint now, int limit = 20);

}  // namespace schoolmod::daemon
