#pragma once

#include "daemon_state.h"
#include "http/http_types.h"

namespace schoolmod::daemon::http {

// GET /healthz: 200 and JSON with status ("ok" or "degraded"), version, and each account's last
// successful poll and error state; failed emails and actions make the status "degraded".
Response HandleHealthz(DaemonState& state);

// GET /metrics: Prometheus text format.
Response HandleMetrics(DaemonState& state);

}  // namespace schoolmod::daemon::http
