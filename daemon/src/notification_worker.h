#pragma once

#include <optional>

#include "daemon_state.h"
#include "email_templates.h"

namespace schoolmod::daemon {

// Sends up to `limit` due rows of the notification outbox through the mail transport. Rows about
// an item are rendered now, from the item as it is; a breach alert that goes out plans its
// repeat. Returns true when it claimed a full batch (more may be waiting).
bool RunNotificationBatch(DaemonState& state, TimePoint now, int limit = 20);

// The facts an email shows about an item, from storage and the config.
ItemFacts FactsFor(const Runtime& rt, const storage::ItemDetail& item);

// "<public_url>/items/<id>", or with http://<listen> when public_url is unset.
std::string ItemUrl(const config::Config& config, std::int64_t item_id);

}  // namespace schoolmod::daemon
