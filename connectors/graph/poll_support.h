#pragma once

#include <spdlog/logger.h>

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_client.h"
#include "graph/tracker.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::graph {

// Sizes and intervals of a Graph poll. The defaults keep a quiet account at one call per poll;
// tests shrink them to exercise paging with few objects.
struct GraphOptions {
  // Posts or media per listing call. Graph allows 100, but each post carries its newest
  // comments, and big nested answers are what Graph refuses first ("reduce the data").
  int posts_per_page = 50;
  // Newest comments fetched inside the listing call for every post, and remembered per post for
  // edit and deletion checks. Comments further back are only read when new ones push past this.
  int nested_comments = 25;
  // Comments per call when a post needs more than the nested ones.
  int comments_per_page = 100;
  // How often posts older than the look-back window are checked for new comments (Facebook:
  // updated_time; Instagram: comments_count), and how far back.
  Seconds sweep_every{3600};
  Seconds sweep_max_age{365 * 24 * 3600};
  // Older-post sweeps re-read comments from this long before the previous sweep: platform and
  // local clocks differ, and new comments can take a moment to be listed. Storage dedupes.
  Seconds sweep_overlap{600};
};

// What every poll of a Graph account carries along.
struct PollState {
  GraphClient& graph;
  const GraphAccount& account;
  const GraphOptions& options;
  TimePoint now;
  spdlog::logger& log;
  std::string_view read_permission;  // named when listing is refused
  PollResult result;                 // comments found so far, skipped count
};

// Confirms each comment in `diff.missing` with one GET: those Graph says are gone become
// tombstones in the poll's comments and are forgotten; those still there (a listing can leave
// out a hidden or restricted comment) stay remembered, marked hidden (MarkUnlisted).
Result<void> ResolveMissing(PollState& poll, PostDiff& diff, const std::string& post_id);

// Sorts the poll's comments oldest first, fills in the cursor, calls and usage.
PollResult FinishPoll(PollState& poll, const GraphCursor& cursor);

// Logs a skipped platform item by id and reason (never its text) and counts it.
void Skip(PollState& poll, std::string_view kind, std::string_view id, std::string_view reason);

}  // namespace schoolmod::connectors::graph
