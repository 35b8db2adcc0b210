#include "youtube/parse.h"

#include <fmt/format.h>

#include <algorithm>

#include "schoolmod/connectors/http_client.h"

namespace schoolmod::connectors::youtube {
namespace {

// YouTube ids are [A-Za-z0-9_-], with '.' joining a reply's parent and own parts. Anything else
// is refused: ids travel into URLs, the cursor and the database.
bool IsPlatformId(std::string_view s) {
  return !s.empty() && s.size() <= 200 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '_' || c == '.';
  });
}

const std::string* String(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

bool IsHiddenStatus(const std::string* status) {
  // Only "published" is public; held, likely spam and rejected comments are not shown.
  return status != nullptr && !status->empty() && *status != "published";
}

}  // namespace

std::optional<Page> ReadPage(const Json& body, std::string& reason) {
  if (!body.is_object()) {
    reason = "the answer is not a JSON object";
    return std::nullopt;
  }
  Page page;
  auto items = body.find("items");
  if (items == body.end() || !items->is_array()) {
    reason = "the answer has no items array";
    return std::nullopt;
  }
  page.items = &*items;
  if (auto token = body.find("nextPageToken"); token != body.end() && !token->is_null()) {
    if (!token->is_string()) {
      reason = "nextPageToken is not a string";
      return std::nullopt;
    }
    if (!token->get_ref<const std::string&>().empty()) {
      page.next_page_token = token->get<std::string>();
    }
  }
  return page;
}

std::string ItemId(const Json& item) {
  if (!item.is_object()) return "?";
  const std::string* id = String(item, "id");
  return id != nullptr && IsPlatformId(*id) ? *id : "?";
}

std::string Permalink(const std::string& video_id, const std::string& comment_id) {
  return fmt::format("https://www.youtube.com/watch?v={}&lc={}", UrlEncode(video_id),
                     UrlEncode(comment_id));
}

std::optional<ParsedComment> ParseComment(const Json& item, const std::string& channel_id,
                                          const std::string& fallback_post, std::string& reason) {
  if (!item.is_object()) {
    reason = "comment is not an object";
    return std::nullopt;
  }
  const std::string* id = String(item, "id");
  if (id == nullptr || !IsPlatformId(*id)) {
    reason = "comment has no usable id";
    return std::nullopt;
  }
  auto snippet_it = item.find("snippet");
  if (snippet_it == item.end() || !snippet_it->is_object()) {
    reason = "comment has no snippet";
    return std::nullopt;
  }
  const Json& snippet = *snippet_it;

  ParsedComment out;
  Comment& c = out.comment;
  c.platform_id = *id;

  // textOriginal is the text as the author typed it, which is what the classifier must judge and
  // what an edit changes; textDisplay is a rendering of it (HTML unless textFormat=plainText, and
  // Google may rewrite links and mentions). The API promises textOriginal only for comments the
  // caller wrote, so textDisplay (asked for as plain text) is the fallback.
  const std::string* text = String(snippet, "textOriginal");
  if (text == nullptr) text = String(snippet, "textDisplay");
  if (text == nullptr) {
    reason = "comment has neither textOriginal nor textDisplay";
    return std::nullopt;
  }
  c.text = *text;

  const std::string* published = String(snippet, "publishedAt");
  auto created = published ? ParseRfc3339(*published) : std::nullopt;
  if (!created) {
    reason = "comment has no valid publishedAt";
    return std::nullopt;
  }
  c.created_at = *created;
  out.activity = *created;
  if (const std::string* updated = String(snippet, "updatedAt")) {
    if (auto when = ParseRfc3339(*updated); when && *when > *created) {
      c.updated_at = *when;  // updatedAt != publishedAt: the author edited it
      out.activity = *when;
    }
  }

  const std::string* video = String(snippet, "videoId");
  if (video != nullptr && IsPlatformId(*video)) {
    c.post_id = *video;
    c.permalink = Permalink(*video, c.platform_id);
  } else if (IsPlatformId(fallback_post)) {
    c.post_id = fallback_post;
    c.permalink = Permalink(fallback_post, c.platform_id);
  } else {
    // Channel-discussion comments (older API) belong to no video: the channel is the "post" and
    // there is no link that highlights the comment.
    const std::string* channel = String(snippet, "channelId");
    c.post_id = channel != nullptr && IsPlatformId(*channel) ? *channel : channel_id;
  }

  if (const std::string* parent = String(snippet, "parentId")) {
    if (!IsPlatformId(*parent)) {
      reason = "comment has an unusable parentId";
      return std::nullopt;
    }
    c.parent_id = *parent;
  }
  // authorChannelId is "if any": missing authors are kept as unknown, never dropped.
  if (auto author = snippet.find("authorChannelId");
      author != snippet.end() && author->is_object()) {
    if (const std::string* value = String(*author, "value"); value && !value->empty()) {
      c.author_id = *value;
    }
  }
  if (const std::string* name = String(snippet, "authorDisplayName"); name && !name->empty()) {
    c.author_name = *name;
  }
  c.own = c.author_id.has_value() && *c.author_id == channel_id;
  c.hidden = IsHiddenStatus(String(snippet, "moderationStatus"));
  return out;
}

std::optional<ParsedThread> ParseThread(const Json& item, const std::string& channel_id,
                                        std::string& reason) {
  if (!item.is_object()) {
    reason = "thread is not an object";
    return std::nullopt;
  }
  auto snippet_it = item.find("snippet");
  if (snippet_it == item.end() || !snippet_it->is_object()) {
    reason = "thread has no snippet";
    return std::nullopt;
  }
  const Json& snippet = *snippet_it;
  auto top_it = snippet.find("topLevelComment");
  if (top_it == snippet.end()) {
    reason = "thread has no topLevelComment";
    return std::nullopt;
  }
  const std::string* video = String(snippet, "videoId");
  const std::string video_id = video != nullptr ? *video : std::string();
  auto top = ParseComment(*top_it, channel_id, video_id, reason);
  if (!top) return std::nullopt;
  if (top->comment.parent_id) {
    reason = "thread's top-level comment has a parentId";
    return std::nullopt;
  }

  ParsedThread thread;
  thread.id = top->comment.platform_id;
  if (const std::string* id = String(item, "id"); id != nullptr && *id != thread.id) {
    reason = "thread id differs from its top-level comment's id";
    return std::nullopt;
  }
  thread.top = std::move(*top);
  thread.activity = thread.top.activity;
  if (auto count = snippet.find("totalReplyCount");
      count != snippet.end() && count->is_number_integer()) {
    thread.total_reply_count =
        static_cast<int>(std::clamp<std::int64_t>(count->get<std::int64_t>(), 0, 1'000'000));
  }

  auto replies = item.find("replies");
  if (replies != item.end() && replies->is_object()) {
    auto list = replies->find("comments");
    if (list != replies->end() && list->is_array()) {
      for (const Json& r : *list) {
        std::string why;
        auto reply = ParseComment(r, channel_id, thread.top.comment.post_id, why);
        // A bad embedded reply is left out here; comments.list fetches the thread's replies
        // again whenever the count says some are missing.
        if (!reply) {
          ++thread.skipped_replies;
          continue;
        }
        if (!reply->comment.parent_id) reply->comment.parent_id = thread.id;
        thread.activity = std::max(thread.activity, reply->activity);
        thread.replies.push_back(std::move(*reply));
      }
    }
  }
  return thread;
}

}  // namespace schoolmod::connectors::youtube
