#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/connectors/types.h"

// What a Graph connector remembers between polls, and how a fresh listing of a post's comments
// is compared with it. Pure: no I/O, so the edge cases are tested without a server.
namespace schoolmod::connectors::graph {

// One comment the cursor remembers.
struct SeenComment {
  std::string id;
  TimePoint created;
  std::uint64_t digest = 0;  // of the text: a changed digest is an edit
  bool hidden = false;
};

// What the cursor remembers about one post (Facebook) or media (Instagram).
struct PostState {
  // Every comment created at or after `floor` is in `seen` or has been reported. A comment
  // listed later that is not in `seen` and is older than `floor` is history, not news.
  TimePoint floor;
  std::vector<SeenComment> seen;  // the newest comments, newest first, at most the tracking cap
  int count = -1;                 // Instagram comments_count when last read; -1: unknown
};

// The whole cursor, stored as JSON in Cursor::value:
//   {"v":1, "swept_at":<unix s>, "user":"<own IG username>",
//    "posts":{"<post id>":{"f":<floor unix s>, "n":<count>,
//                          "s":[["<comment id>", <created unix s>, "<digest hex>", <0|1>], ...]}},
//    "old":{"<media id>":<comments_count>}}
// `posts` holds only the posts inside the look-back window at the last poll; `old` only
// Instagram media older than that with at least one comment.
struct GraphCursor {
  std::map<std::string, PostState> posts;
  std::optional<TimePoint> swept_at;     // the last sweep of posts older than the window
  std::map<std::string, int> old_counts;  // Instagram: comments_count of older media
  std::string own_username;              // Instagram: the account's username, once fetched
};

// "" is a fresh cursor. nullopt when the value is not one of ours (the caller starts afresh
// from the look-back window: storage dedupes by id, so re-reading is harmless).
std::optional<GraphCursor> DecodeCursor(std::string_view value);
std::string EncodeCursor(const GraphCursor& cursor);

std::uint64_t Digest(std::string_view text);

// What one poll saw of a post's comments.
struct PostView {
  std::vector<Comment> listed;  // as the platform listed them, any order
  enum class Coverage {
    kAll,        // every comment on the post was listed
    kNewerThan,  // every comment created after `newer_than` was listed (newest-first paging)
    kPartial,    // some pages were not read and the order is unknown: nothing can be missing
  };
  Coverage coverage = Coverage::kAll;
  TimePoint newer_than{};
  // Instagram may leave hidden comments out of listings (unconfirmed): a remembered hidden
  // comment that is not listed is then not a deletion candidate.
  bool hidden_may_be_unlisted = false;
};

struct PostDiff {
  std::vector<Comment> changed;      // new since `prev`, or edited, or hidden/unhidden
  std::vector<SeenComment> missing;  // remembered, not listed, though the listing covered them
  PostState next;                    // still holds `missing`: call Forget() for confirmed ones
};

// Compares a listing with what the cursor remembered. `max_tracked` caps `next.seen`; when it
// cuts, `next.floor` rises past the cut so dropped comments are not reported again.
PostDiff DiffPost(const PostState& prev, const PostView& view, std::size_t max_tracked);

// For newest-first listings: true when comments older than `oldest_listed` may still be new, so
// the next page must be read.
bool NeedsOlder(const PostState& prev, const Comment& oldest_listed);

void Forget(PostState& state, std::string_view comment_id);
// The comment exists though it was not listed: remember it as hidden, which is the likely
// reason, so it is not checked again on every poll.
void MarkUnlisted(PostState& state, std::string_view comment_id);

// A tombstone for a comment the platform no longer has.
Comment Tombstone(const SeenComment& seen, const std::string& post_id);

}  // namespace schoolmod::connectors::graph
