#include "instagram/poll.h"

#include <fmt/format.h>

#include <map>

#include "graph/paging.h"
#include "instagram/parse.h"

namespace schoolmod::connectors::instagram {
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

std::string ThreadFields() {
  return fmt::format("{},replies{{{}}}", kCommentFields, kCommentFields);
}

void Parse(PollState& poll, const Json& item, const Media& media, const Owner& owner,
           const std::optional<std::string>& parent, std::vector<Comment>& out) {
  std::string reason;
  auto c = ParseComment(item, media, owner, parent, reason);
  if (!c) {
    const std::string* id = GetString(item, "id");
    graph::Skip(poll, "comment", id != nullptr ? *id : "", reason);
    return;
  }
  out.push_back(std::move(*c));
}

// The reply pages of one comment after the first (which came nested in the comment).
Result<void> ReadMoreReplies(PollState& poll, const Media& media, const Owner& owner,
                             const std::string& comment_id, std::string after,
                             std::vector<Comment>& out) {
  const std::string what = fmt::format("reading replies to comment {}", comment_id);
  for (int pages = 0; pages < graph::kMaxPagesPerEdge; ++pages) {
    Params params{{"fields", std::string(kCommentFields)},
                  {"limit", std::to_string(poll.options.comments_per_page)},
                  {"after", after}};
    auto reply = poll.graph.Call("GET", comment_id + "/replies", params, what,
                                 poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) return Ok();
    const Json* data = GetArray(reply->body, "data");
    if (data == nullptr) return Error::Transient(what + ": page without data");
    for (const auto& item : *data) Parse(poll, item, media, owner, comment_id, out);
    auto next = graph::NextCursor(reply->body, poll.account.account_id, what);
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(**next);
  }
  return Ok();
}

// One page of top-level comments with their replies nested. Sets `complete` to false when a
// reply list has pages that were not read.
Result<void> ParseThreadPage(PollState& poll, const Json& page, const Media& media,
                             const Owner& owner, bool read_all, std::vector<Comment>& out,
                             bool& complete) {
  const Json* data = GetArray(page, "data");
  if (data == nullptr) {
    return Error::Transient(fmt::format("account {}: comments of media {}: page without data",
                                        poll.account.account_id, media.id));
  }
  for (const auto& item : *data) {
    Parse(poll, item, media, owner, std::nullopt, out);
    const Json* replies = GetObject(item, "replies");
    const std::string* id = GetString(item, "id");
    if (replies == nullptr || id == nullptr || !graph::IsGraphId(*id)) continue;
    if (const Json* list = GetArray(*replies, "data")) {
      for (const auto& r : *list) Parse(poll, r, media, owner, *id, out);
    }
    auto next = graph::NextCursor(*replies, poll.account.account_id, "reading replies");
    if (!next) return next.error();
    if (!*next) continue;
    if (!read_all) {
      complete = false;
      continue;
    }
    if (auto more = ReadMoreReplies(poll, media, owner, *id, **next, out); !more) {
      return more.error();
    }
  }
  return Ok();
}

// The comments of a media, starting from `first_page` (the nested page), or from the edge when
// null. Without `read_all` only that page is read. Returns whether everything was read.
Result<bool> ReadComments(PollState& poll, const Media& media, const Owner& owner,
                          const Json* first_page, bool read_all, std::vector<Comment>& out) {
  const std::string what = fmt::format("reading comments of media {}", media.id);
  bool complete = true;
  Json fetched;
  const Json* page = first_page;
  std::optional<std::string> after;
  for (int pages = 1;; ++pages) {
    if (page == nullptr) {
      Params params{{"fields", ThreadFields()},
                    {"limit", std::to_string(poll.options.comments_per_page)}};
      if (after) params.emplace_back("after", *after);
      auto reply =
          poll.graph.Call("GET", media.id + "/comments", params, what, poll.read_permission);
      if (!reply) return reply.error();
      if (reply->gone) return false;
      fetched = std::move(reply->body);
      page = &fetched;
    }
    auto parsed = ParseThreadPage(poll, *page, media, owner, read_all, out, complete);
    if (!parsed) return parsed.error();
    auto next = graph::NextCursor(*page, poll.account.account_id, what);
    if (!next) return next.error();
    if (!*next) break;
    if (!read_all || pages >= graph::kMaxPagesPerEdge) {
      complete = false;
      break;
    }
    after = std::move(*next);
    page = nullptr;
  }
  return complete;
}

Result<PostState> ReadWindowMedia(PollState& poll, const Media& media, const Json& item,
                                  const Owner& owner, const PostState& prev) {
  // The order of comments is undocumented, so only a full read shows what is missing; it is
  // worth its calls only when the count says something changed.
  const bool changed = !media.comments_count || *media.comments_count != prev.count;
  const Json empty = {{"data", Json::array()}};
  const Json* nested = GetObject(item, "comments");  // absent: no comments at all
  PostView view;
  auto complete =
      ReadComments(poll, media, owner, nested != nullptr ? nested : &empty, changed, view.listed);
  if (!complete) return complete.error();
  view.coverage = *complete ? PostView::Coverage::kAll : PostView::Coverage::kPartial;
  view.hidden_may_be_unlisted = true;
  graph::PostDiff diff =
      graph::DiffPost(prev, view, static_cast<std::size_t>(poll.options.nested_comments));
  if (auto resolved = graph::ResolveMissing(poll, diff, media.id); !resolved) {
    return resolved.error();
  }
  for (auto& c : diff.changed) poll.result.comments.push_back(std::move(c));
  diff.next.count = media.comments_count.value_or(-1);
  return std::move(diff.next);
}

Result<void> ReadWindow(PollState& poll, const graph::GraphCursor& cursor, const Owner& owner,
                        std::map<std::string, PostState>& next_posts) {
  const TimePoint window_start = poll.now - poll.account.lookback;
  const std::string fields =
      fmt::format("id,permalink,timestamp,comments_count,comments.limit({}){{{}}}",
                  poll.options.nested_comments, ThreadFields());
  std::optional<std::string> after;
  for (int pages = 0; pages < graph::kMaxPagesPerEdge; ++pages) {
    Params params{{"fields", fields},
                  {"since", Unix(window_start)},
                  {"limit", std::to_string(poll.options.posts_per_page)}};
    if (after) params.emplace_back("after", *after);
    auto reply = poll.graph.Call("GET", poll.account.owner_id + "/media", params,
                                 "listing media", poll.read_permission);
    if (!reply) return reply.error();
    if (reply->gone) {
      return Error::Permission(fmt::format(
          "account {}: Instagram account {} does not exist or the token cannot see it "
          "(check ig_user_id)",
          poll.account.account_id, poll.account.owner_id));
    }
    const Json* data = GetArray(reply->body, "data");
    if (data == nullptr) {
      return Error::Transient(
          fmt::format("account {}: media listing without data", poll.account.account_id));
    }
    bool reached_old = false;
    for (const auto& item : *data) {
      std::string reason;
      auto media = ParseMedia(item, reason);
      if (!media) {
        const std::string* id = GetString(item, "id");
        graph::Skip(poll, "media", id != nullptr ? *id : "", reason);
        continue;
      }
      reached_old = media->created < window_start;  // as on Facebook: the last one decides
      if (reached_old) continue;
      auto known = cursor.posts.find(media->id);
      PostState fresh;
      fresh.floor = window_start;
      auto state = ReadWindowMedia(poll, *media, item, owner,
                                   known != cursor.posts.end() ? known->second : fresh);
      if (!state) return state.error();
      next_posts[media->id] = std::move(*state);
    }
    if (reached_old) break;
    auto next = graph::NextCursor(reply->body, poll.account.account_id, "listing media");
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(*next);
  }
  return Ok();
}

Result<void> SweepOldMedia(PollState& poll, graph::GraphCursor& cursor, const Owner& owner) {
  const TimePoint window_start = poll.now - poll.account.lookback;
  const TimePoint oldest = poll.now - poll.options.sweep_max_age;
  const bool first = !cursor.swept_at;
  const TimePoint baseline = first ? window_start : *cursor.swept_at - poll.options.sweep_overlap;
  std::map<std::string, int> counts;
  std::optional<std::string> after;
  for (int pages = 0; oldest < window_start && pages < graph::kMaxPagesPerEdge; ++pages) {
    Params params{{"fields", "id,permalink,timestamp,comments_count"},
                  {"since", Unix(oldest)},
                  {"until", Unix(window_start)},
                  {"limit", "100"}};
    if (after) params.emplace_back("after", *after);
    auto reply = poll.graph.Call("GET", poll.account.owner_id + "/media", params,
                                 "listing older media", poll.read_permission);
    if (!reply) return reply.error();
    const Json* data = reply->gone ? nullptr : GetArray(reply->body, "data");
    if (data == nullptr) break;
    bool done = false;
    for (const auto& item : *data) {
      std::string reason;
      auto media = ParseMedia(item, reason);
      if (!media) continue;
      done = media->created < oldest;
      if (done || media->created >= window_start || !media->comments_count) continue;
      const int count = *media->comments_count;
      if (count > 0) counts[media->id] = count;
      auto before = cursor.old_counts.find(media->id);
      const int previous = before != cursor.old_counts.end() ? before->second : 0;
      if (first || count == previous || count == 0) continue;
      std::vector<Comment> listed;
      auto read = ReadComments(poll, *media, owner, nullptr, true, listed);
      if (!read) return read.error();
      for (auto& c : listed) {
        if (c.created_at >= baseline) poll.result.comments.push_back(std::move(c));
      }
    }
    if (done) break;
    auto next = graph::NextCursor(reply->body, poll.account.account_id, "listing older media");
    if (!next) return next.error();
    if (!*next) break;
    after = std::move(*next);
  }
  cursor.old_counts = std::move(counts);
  cursor.swept_at = poll.now;
  return Ok();
}

// The account's username, for own-reply detection. Failing to get it only weakens that check,
// unless the failure says every other call will fail too.
Result<void> FetchUsername(PollState& poll, graph::GraphCursor& cursor) {
  auto reply = poll.graph.Call("GET", poll.account.owner_id, {{"fields", "username"}},
                               "reading the account's username", poll.read_permission);
  if (!reply) {
    const ErrorKind kind = reply.error().kind;
    if (kind == ErrorKind::kAuth || kind == ErrorKind::kRateLimited ||
        kind == ErrorKind::kTransient) {
      return reply.error();
    }
    poll.log.warn("username unavailable account={} error=\"{}\"", poll.account.account_id,
                  reply.error().message);
    return Ok();
  }
  const std::string* username = reply->gone ? nullptr : GetString(reply->body, "username");
  if (username != nullptr && username->size() <= 64) cursor.own_username = *username;
  return Ok();
}

}  // namespace

Result<PollResult> PollInstagram(PollState& poll, graph::GraphCursor& cursor) {
  if (cursor.own_username.empty()) {
    if (auto fetched = FetchUsername(poll, cursor); !fetched) return fetched.error();
  }
  const Owner owner{poll.account.owner_id, cursor.own_username};
  std::map<std::string, PostState> next_posts;
  if (auto window = ReadWindow(poll, cursor, owner, next_posts); !window) return window.error();
  cursor.posts = std::move(next_posts);
  if (!cursor.swept_at || poll.now - *cursor.swept_at >= poll.options.sweep_every) {
    if (auto swept = SweepOldMedia(poll, cursor, owner); !swept) return swept.error();
  }
  return graph::FinishPoll(poll, cursor);
}

}  // namespace schoolmod::connectors::instagram
