#include "graph/poll_support.h"

#include <fmt/format.h>

#include <algorithm>

namespace schoolmod::connectors::graph {

Result<void> ResolveMissing(PollState& poll, PostDiff& diff, const std::string& post_id) {
  for (const auto& seen : diff.missing) {
    if (!IsGraphId(seen.id)) {
      Forget(diff.next, seen.id);
      continue;
    }
    auto reply = poll.graph.Call("GET", seen.id, {{"fields", "id"}},
                                 fmt::format("checking comment {}", seen.id),
                                 poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) {
      poll.result.comments.push_back(Tombstone(seen, post_id));
      Forget(diff.next, seen.id);
    } else {
      MarkUnlisted(diff.next, seen.id);
    }
  }
  return Ok();
}

PollResult FinishPoll(PollState& poll, const GraphCursor& cursor) {
  auto& comments = poll.result.comments;
  std::stable_sort(comments.begin(), comments.end(), [](const Comment& a, const Comment& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at
                                        : a.platform_id < b.platform_id;
  });
  poll.result.next_cursor.value = EncodeCursor(cursor);
  poll.result.rate_limit = poll.graph.rate_limit();
  poll.result.api_calls = poll.graph.calls();
  return std::move(poll.result);
}

void Skip(PollState& poll, std::string_view kind, std::string_view id, std::string_view reason) {
  poll.log.warn("graph item skipped account={} kind={} id={} reason=\"{}\"",
                poll.account.account_id, kind, IsGraphId(id) ? id : "<malformed>", reason);
  ++poll.result.skipped;
}

}  // namespace schoolmod::connectors::graph
