#pragma once

#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"
#include "youtube/api.h"

namespace spdlog { class logger; }

namespace schoolmod::connectors::youtube {

// Carries out one action (not kReport: YouTube offers channel owners no reporting API):
//   hide   POST comments/setModerationStatus?id=ID&moderationStatus=heldForReview  (reversible)
//   unhide POST comments/setModerationStatus?id=ID&moderationStatus=published
//   delete POST comments/setModerationStatus?id=ID&moderationStatus=rejected       (irreversible)
//          or, for the channel's own comment (Action::author_id == channel_id),
//          DELETE comments?id=ID
//   block  POST comments/setModerationStatus?id=ID&moderationStatus=rejected&banAuthor=true
//   reply  POST comments?part=snippet {"snippet":{"parentId","textOriginal"}}, after checking the
//          thread for the same reply from the channel (a retry after a crash must not post twice)
// Repeats are harmless: a comment already in the asked state is a 204 again, and one that is
// gone (deleted, or rejected by an earlier attempt) counts as hidden/deleted/blocked.
Result<ActionOutcome> RunAction(Api& api, const Action& action, spdlog::logger& log);

}  // namespace schoolmod::connectors::youtube
