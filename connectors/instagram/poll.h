#pragma once

#include "graph/poll_support.h"
#include "graph/tracker.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::instagram {

// One poll of an Instagram professional account (the cursor design is in graph/tracker.h):
//  1. Once per cursor: GET {ig-user}?fields=username, to recognise the account's own replies.
//  2. GET {ig-user}/media?since=<window start> with each media's comments and their replies
//     expanded inline: a quiet account costs one call per posts_per_page media. Instagram
//     documents no comment order, so a media whose comments do not fit inline is read to the
//     end, but only when its comments_count changed; otherwise nothing is declared missing.
//  3. Remembered comments no longer listed are checked one by one; gone ones become tombstones.
//  4. Every sweep_every, media older than the window (up to sweep_max_age) are listed with
//     comments_count only; those whose count changed since the previous sweep are read in full
//     and their comments since that sweep reported. The first sweep only records the counts.
// What polling cannot see: edits (Instagram has none to see); on a media with more comments
// than fit inline, a comment added while another was deleted between the same two polls
// (comments_count unchanged, so the media is not read in full), and that deletion; deletions on
// media older than the window; comments the API never lists (restricted users, age-restricted
// media, ads); on older media, comments written before the first sweep.
// Updates `cursor` in place; on error the caller keeps the old one.
Result<PollResult> PollInstagram(graph::PollState& poll, graph::GraphCursor& cursor);

}  // namespace schoolmod::connectors::instagram
