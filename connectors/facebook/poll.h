#pragma once

#include "graph/poll_support.h"
#include "graph/tracker.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::facebook {

// One poll of a Page (the cursor design is in graph/tracker.h):
//  1. GET {page}/published_posts?since=<window start> with each post's newest comments expanded
//     inline (comments.filter(stream).order(reverse_chronological).limit(N){...}): a quiet Page
//     costs one call per posts_per_page posts. A post whose nested comments are all new is read
//     further through {post}/comments, newest first, until a remembered comment or the floor.
//  2. Comments remembered for a post but no longer listed are checked one by one; those Graph
//     reports gone become tombstones. Changed text is an edit; is_hidden changes are passed on.
//  3. Every sweep_every, posts older than the window (up to sweep_max_age) are listed without
//     comments, and those whose updated_time moved since the previous sweep are read.
// What polling cannot see (webhooks could, but need a public endpoint):
//  - edits and deletions of comments older than the newest nested_comments of a post (Graph
//    gives comments no edit time), and of comments on posts older than the window;
//  - a whole post deleted: its comments are simply no longer read (no tombstones);
//  - new comments on older posts if updated_time does not move for them (unconfirmed), and,
//    until the next sweep, for up to sweep_every;
//  - comments Facebook withholds from the Page token (e.g. restricted users).
// Updates `cursor` in place; on error the caller keeps the old one.
Result<PollResult> PollPage(graph::PollState& poll, graph::GraphCursor& cursor);

}  // namespace schoolmod::connectors::facebook
