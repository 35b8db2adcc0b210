#include "facebook/poll.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "facebook/parse.h"
#include "graph/paging.h"

namespace schoolmod::connectors::facebook {
namespace {

using graph::GetArray;
using graph::GetObject;
using graph::GetString;
using graph::Json;
using graph::Params;
using graph::PollState;
using graph::PostState;
using graph::PostView;

std::string Unix(TimePoint t) { return std::to_string(ToUnixSeconds(t)); }

Params CommentParams(const PollState& poll, const std::optional<std::string>& after) {
  Params p{{"filter", "stream"},
           {"order", "reverse_chronological"},
           {"fields", std::string(kCommentFields)},
           {"limit", std::to_string(poll.options.comments_per_page)}};
  if (after) p.emplace_back("after", *after);
  return p;
}

// Appends the usable comments of one page to `out`.
Result<void> ParsePage(PollState& poll, const Json& page, const Post& post,
                       std::vector<Comment>& out) {
  const Json* data = GetArray(page, "data");
  if (data == nullptr) {
    return Error::Transient(fmt::format("account {}: comments of post {}: page without data",
                                        poll.account.account_id, post.id));
  }
  for (const auto& item : *data) {
    std::string reason;
    auto c = ParseComment(item, post, poll.account.owner_id, reason);
    if (!c) {
      const std::string* id = GetString(item, "id");
      graph::Skip(poll, "comment", id != nullptr ? *id : "", reason);
      continue;
    }
    out.push_back(std::move(*c));
  }
  return Ok();
}

// The comments of a post inside the window: the nested first page, then older pages while they
// may still hold something new. Returns what the cursor should remember about the post.
Result<PostState> ReadWindowPost(PollState& poll, const Post& post, const Json& post_json,
                                 const PostState& prev) {
  const std::string what = fmt::format("reading comments of post {}", post.id);
  PostView view;
  Json fetched;
  const Json* page = GetObject(post_json, "comments");  // absent: no comments at all
  for (int pages = 1; page != nullptr; ++pages) {
    const std::size_t before = view.listed.size();
    if (auto parsed = ParsePage(poll, *page, post, view.listed); !parsed) return parsed.error();
    auto next = graph::NextCursor(*page, poll.account.account_id, what);
    if (!next) return next.error();
    if (!*next) break;  // the whole post was listed
    if (view.listed.size() == before) {
      // Graph documents that huge comment sets may stop paginating early.
      view.coverage = PostView::Coverage::kPartial;
      break;
    }
    const Comment& oldest = *std::min_element(
        view.listed.begin(), view.listed.end(),
        [](const Comment& a, const Comment& b) { return a.created_at < b.created_at; });
    view.coverage = PostView::Coverage::kNewerThan;
    view.newer_than = oldest.created_at;
    if (!graph::NeedsOlder(prev, oldest)) break;
    if (pages >= graph::kMaxPagesPerEdge) {
      poll.log.warn("comment paging cut account={} post={} pages={}", poll.account.account_id,
                    post.id, pages);
      break;
    }
    auto reply = poll.graph.Call("GET", post.id + "/comments", CommentParams(poll, *next), what,
                                 poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) {  // deleted while we were reading it
      view.coverage = PostView::Coverage::kPartial;
      break;
    }
    fetched = std::move(reply->body);
    page = &fetched;
  }
  graph::PostDiff diff =
      graph::DiffPost(prev, view, static_cast<std::size_t>(poll.options.nested_comments));
  if (auto resolved = graph::ResolveMissing(poll, diff, post.id); !resolved) {
    return resolved.error();
  }
  for (auto& c : diff.changed) poll.result.comments.push_back(std::move(c));
  return std::move(diff.next);
}

Result<void> ReadWindow(PollState& poll, const graph::GraphCursor& cursor,
                        std::map<std::string, PostState>& next_posts) {
  const TimePoint window_start = poll.now - poll.account.lookback;
  const std::string fields = fmt::format(
      "id,created_time,updated_time,permalink_url,"
      "comments.filter(stream).order(reverse_chronological).limit({}){{{}}}",
      poll.options.nested_comments, kCommentFields);
  std::optional<std::string> after;
  for (int pages = 0; pages < graph::kMaxPagesPerEdge; ++pages) {
    // `since` is an optimisation Graph may ignore on this edge; the loop also stops by itself.
    Params params{{"fields", fields},
                  {"since", Unix(window_start)},
                  {"limit", std::to_string(poll.options.posts_per_page)}};
    if (after) params.emplace_back("after", *after);
    auto reply = poll.graph.Call("GET", poll.account.owner_id + "/published_posts", params,
                                 "listing posts", poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) {
      return Error::Permission(fmt::format(
          "account {}: Page {} does not exist or the token cannot see it (check page_id)",
          poll.account.account_id, poll.account.owner_id));
    }
    const Json* data = GetArray(reply->body, "data");
    if (data == nullptr) {
      return Error::Transient(
          fmt::format("account {}: post listing without data", poll.account.account_id));
    }
    bool reached_old = false;
    for (const auto& item : *data) {
      std::string reason;
      auto post = ParsePost(item, reason);
      if (!post) {
        const std::string* id = GetString(item, "id");
        graph::Skip(poll, "post", id != nullptr ? *id : "", reason);
        continue;
      }
      // Newest first, so a page ending before the window ends the listing. Only the last post
      // decides: a pinned older post may come first.
      reached_old = post->created < window_start;
      if (reached_old) continue;
      auto known = cursor.posts.find(post->id);
      PostState fresh;
      fresh.floor = window_start;
      auto state =
          ReadWindowPost(poll, *post, item, known != cursor.posts.end() ? known->second : fresh);
      if (!state) return state.error();
      next_posts[post->id] = std::move(*state);
    }
    if (reached_old) break;
    auto next = graph::NextCursor(reply->body, poll.account.account_id, "listing posts");
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(*next);
  }
  return Ok();
}

// Comments created at or after `baseline` on an older post, newest first until older ones.
Result<void> ReadOldPost(PollState& poll, const Post& post, TimePoint baseline) {
  const std::string what = fmt::format("reading comments of older post {}", post.id);
  std::optional<std::string> after;
  for (int pages = 0; pages < graph::kMaxPagesPerEdge; ++pages) {
    auto reply = poll.graph.Call("GET", post.id + "/comments", CommentParams(poll, after), what,
                                 poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) return Ok();
    std::vector<Comment> listed;
    if (auto parsed = ParsePage(poll, reply->body, post, listed); !parsed) return parsed.error();
    bool reached_baseline = listed.empty();
    for (auto& c : listed) {
      if (c.created_at < baseline) {
        reached_baseline = true;
        continue;
      }
      poll.result.comments.push_back(std::move(c));
    }
    if (reached_baseline) break;
    auto next = graph::NextCursor(reply->body, poll.account.account_id, what);
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(*next);
  }
  return Ok();
}

Result<void> SweepOldPosts(PollState& poll, graph::GraphCursor& cursor) {
  const TimePoint window_start = poll.now - poll.account.lookback;
  const TimePoint oldest = poll.now - poll.options.sweep_max_age;
  // Comments on older posts written before the first poll are history, like those before the
  // window on recent posts.
  const TimePoint baseline =
      cursor.swept_at ? *cursor.swept_at - poll.options.sweep_overlap : window_start;
  std::optional<std::string> after;
  for (int pages = 0; oldest < window_start && pages < graph::kMaxPagesPerEdge; ++pages) {
    Params params{{"fields", "id,created_time,updated_time,permalink_url"},
                  {"since", Unix(oldest)},
                  {"until", Unix(window_start)},
                  {"limit", "100"}};
    if (after) params.emplace_back("after", *after);
    auto reply = poll.graph.Call("GET", poll.account.owner_id + "/published_posts", params,
                                 "listing older posts", poll.read_permission);
    if (!reply) return reply.error();
    const Json* data = reply->gone ? nullptr : GetArray(reply->body, "data");
    if (data == nullptr) break;
    bool done = false;
    for (const auto& item : *data) {
      std::string reason;
      auto post = ParsePost(item, reason);
      if (!post) continue;
      done = post->created < oldest;  // the last post of the page decides, as in ReadWindow
      if (done || post->created >= window_start) continue;  // window posts were read already
      if (post->updated && *post->updated >= baseline) {
        if (auto read = ReadOldPost(poll, *post, baseline); !read) return read.error();
      }
    }
    if (done) break;
    auto next = graph::NextCursor(reply->body, poll.account.account_id, "listing older posts");
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(*next);
  }
  cursor.swept_at = poll.now;
  return Ok();
}

}  // namespace

Result<PollResult> PollPage(PollState& poll, graph::GraphCursor& cursor) {
  std::map<std::string, PostState> next_posts;
  if (auto window = ReadWindow(poll, cursor, next_posts); !window) return window.error();
  // Posts that left the window are forgotten; the sweep covers them from now on.
  cursor.posts = std::move(next_posts);
  if (!cursor.swept_at || poll.now - *cursor.swept_at >= poll.options.sweep_every) {
    if (auto swept = SweepOldPosts(poll, cursor); !swept) return swept.error();
  }
  return graph::FinishPoll(poll, cursor);
}

}  // namespace schoolmod::connectors::facebook
